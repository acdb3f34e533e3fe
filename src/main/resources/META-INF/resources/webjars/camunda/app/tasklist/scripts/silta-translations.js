// Silta: Tasklist's words in place before Tasklist draws its first view. Tasklist loads its locale
// file asynchronously, and its search box and sorting translate their words once, when first drawn
// (cam-widget-search: $translate.instant at link time): when they are drawn before the file has
// arrived, they show the keys themselves (SEARCH_PLACEHOLDER, CREATION_DATE). This script is one of
// config.js's customScripts, which Tasklist imports before it starts Angular: it reads the same
// locale file, chosen as Tasklist chooses (the browser's first language, else the fallback), and
// gives it to angular-translate as a preloaded table.
import config from './config.js';

const available = config.locales.availableLocales;
const first = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0].toLowerCase();
const language = available.includes(first) ? first : config.locales.fallbackLocale;

async function labelsOf(locale) {
  // Tasklist waits for this script: a file that does not come within 5 s is left to Tasklist's own loader
  const response = await fetch(new URL(`../locales/${locale}.json`, import.meta.url),
    { credentials: 'same-origin', signal: AbortSignal.timeout(5000) });
  return (await response.json()).labels;
}

try {
  // the fallback's table too: otherwise Tasklist loads it, and its dates (moment) would take the
  // fallback's words; the chosen language is then loaded once more through Tasklist's own loader,
  // whose callback gives moment that language's date words ("för några sekunder sedan")
  const locales = [...new Set([language, config.locales.fallbackLocale])];
  const tables = await Promise.all(locales.map(labelsOf));
  window.angular.module('cam.tasklist')
    .config(['$translateProvider', (translations) => {
      locales.forEach((locale, i) => translations.translations(locale, tables[i]));
    }])
    .run(['$translate', ($translate) => $translate.refresh(language)]);
} catch (e) {
  // Tasklist then loads the file itself, as without this script
  console.error('Silta: Tasklist translations not preloaded', e);
}

export default [];

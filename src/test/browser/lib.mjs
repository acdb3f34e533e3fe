// Shared helpers of Silta's browser checks. A check is a script run by the JUnit helper
// fi.silta.support.BrowserTests as `node <script>.mjs --base-url http://localhost:PORT ...`:
// it exits 0 when everything it checked holds, and non-zero with a message otherwise.
// The browser is the system's Chromium (CHROMIUM_PATH, set by BrowserTests), never a downloaded one.
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The switches every check launches Chromium with (no sandbox as root, nothing that calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A failed expectation: reported as its message alone, without a stack trace. */
export class CheckFailed extends Error {}

export function check(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

/** Parses --name value options; every declared option is a string, `required` ones must be given. */
export function options(declared, required = []) {
  const { values } = parseArgs({
    options: Object.fromEntries(declared.map((name) => [name, { type: 'string' }])),
    strict: true,
  });
  for (const name of required) {
    check(values[name] !== undefined && values[name] !== '', `option --${name} is required`);
  }
  return values;
}

/**
 * Starts Chromium with a fresh profile in a temporary folder and one page in the given locale
 * (navigator.language and Accept-Language) and time zone. Returns { context, page, close }.
 */
export async function launch({
  locale = 'fi-FI', acceptLanguage, timezoneId = 'Europe/Helsinki', viewport = { width: 1366, height: 900 },
} = {}) {
  const executablePath = process.env.CHROMIUM_PATH;
  check(executablePath, 'CHROMIUM_PATH is not set: run the check through fi.silta.support.BrowserTests');
  const profile = await mkdtemp(join(tmpdir(), 'silta-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    timezoneId,
    viewport,
    extraHTTPHeaders: { 'Accept-Language': acceptLanguage ?? acceptLanguageOf(locale) },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** 'fi-FI' gives 'fi-FI,fi;q=0.9'. */
export function acceptLanguageOf(locale) {
  const language = locale.split('-')[0];
  return language === locale ? locale : `${locale},${language};q=0.9`;
}

/** Signs in through Silta's staff sign-in form at /login (Spring Security form login). */
export async function signIn(page, baseUrl, username, password) {
  await page.goto(new URL('/login', baseUrl).href);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 }),
    page.locator('form:has(input[name="password"]) [type="submit"]').click(),
  ]);
}

/** A screenshot of the whole page, folders created as needed. */
export async function screenshot(page, path) {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}

/**
 * Runs axe-core in the page and returns its violations (rule ids, impact, targets).
 * runOptions are axe's own, e.g. { runOnly: ['wcag2a', 'wcag2aa'] }.
 */
export async function accessibilityViolations(page, runOptions = {}) {
  // evaluated through the DevTools protocol, not as a <script> tag: Silta's pages forbid inline
  // scripts (Content-Security-Policy), which is right for them and must not stop the check
  await page.evaluate(axeSource());
  return page.evaluate(async (opts) => {
    const result = await window.axe.run(document, opts);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, runOptions);
}

let axe;
function axeSource() {
  axe ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axe;
}

/** axe-core's rules for WCAG 2.1 levels A and AA. */
export const WCAG_21_AA = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };

/** Fails the check when axe-core finds a WCAG 2.1 A/AA violation on the page; then saves a screenshot. */
export async function noViolations(page, name, screenshotPath) {
  const violations = await accessibilityViolations(page, WCAG_21_AA);
  check(violations.length === 0, `axe-core on ${name}: ${JSON.stringify(violations, null, 2)}`);
  await screenshot(page, screenshotPath);
}

/**
 * Runs a check: `body(browser)` gets what launch() returned. On failure it saves a screenshot
 * beside `failureScreenshot` (when given), prints the reason and exits 1.
 */
export async function run(launchOptions, failureScreenshot, body) {
  let browser;
  try {
    browser = await launch(launchOptions);
    await body(browser);
    await browser.close();
    process.exit(0);
  } catch (error) {
    if (browser && failureScreenshot) {
      await screenshot(browser.page, failureScreenshot).catch(() => {});
      console.error(`screenshot of the failure: ${failureScreenshot}`);
    }
    console.error(error instanceof CheckFailed ? `CHECK FAILED: ${error.message}` : error);
    if (browser) {
      await browser.close();
    }
    process.exit(1);
  }
}

/**
 * Fails when the page shows a translation key as such (text, placeholder, title or aria-label):
 * a key missing from Silta's fi.json or sv.json shows as e.g. CREATION_DATE or SEARCH_PLACEHOLDER.
 */
export async function noRawTranslationKeys(page, where) {
  const rawKeys = await page.evaluate(() => {
    const shown = [document.body.innerText];
    document.querySelectorAll('[placeholder], [title], [aria-label]').forEach((e) => {
      shown.push(e.getAttribute('placeholder') || '', e.getAttribute('title') || '', e.getAttribute('aria-label') || '');
    });
    return [...new Set(shown.join('\n').match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) || [])];
  });
  check(rawKeys.length === 0, `${where} shows untranslated keys: ${JSON.stringify(rawKeys)}`);
}

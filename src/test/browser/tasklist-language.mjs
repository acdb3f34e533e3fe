// Tasklist in the browser's language: signs in at /login with a browser that speaks --locale
// (the sign-in page must be in that language and pass axe-core's WCAG 2.1 A/AA rules), opens Tasklist, and checks that the filters and Tasklist's own words are those expected
// (the texts come from the caller, which reads them from the translation files and bundles),
// that the task --task-id can be claimed, and that Camunda's "migrate to Camunda 8" banner is
// rendered but hidden. Leaves a screenshot at --screenshot.
//
// node tasklist-language.mjs --base-url http://localhost:8080 --user aino.virtanen --password ... \
//   --locale fi-FI --task-id ID --screenshot target/x.png --expect '{"language":"fi", ...}'
//
// --expect: { language: 'fi',                     the language Tasklist must have chosen
//             filters: ['Omat tehtäväni', ...],    filter names to find in the filter list
//             taskName: '...',                     the name of the task --task-id
//             labels: { CLAIM_TASK: 'Ota itselle', COMPLETE: 'Valmis', FORM: 'Lomake', HISTORY: ...,
//                       DIAGRAM: ..., DESCRIPTION: ..., SET_FOLLOW_UP_DATE: ..., SET_DUE_DATE: ... } }
//             (Tasklist's keys; Tasklist 7.24 shows no notice after claiming, so CLAIM_OK is not used),
//             relativePast: '%s sitten' }   moment's "… ago" of the locale file, for the list's creation times
import { CheckFailed, accessibilityViolations, check, noRawTranslationKeys, options, run, screenshot, signIn } from './lib.mjs';

const o = options(
  ['base-url', 'user', 'password', 'locale', 'task-id', 'screenshot', 'expect'],
  ['base-url', 'user', 'password', 'locale', 'task-id', 'screenshot', 'expect'],
);
const expected = JSON.parse(o.expect);
const url = (path) => new URL(path, o['base-url']).href;
const failureScreenshot = o.screenshot.replace(/\.png$/, '-failure.png');
const WCAG = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] };

/** The whitespace-normalised text of each element the locator finds. */
async function texts(locator) {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 45_000 });
  } catch {
    throw new CheckFailed(`${what}: expected "${text}", the page shows ${JSON.stringify(await texts(locator))}`);
  }
  const shown = await texts(locator);
  check(shown.includes(text), `${what}: expected exactly "${text}", the page shows ${JSON.stringify(shown)}`);
}

await run({ locale: o.locale }, failureScreenshot, async ({ page }) => {
  const languages = await page.evaluate(() => navigator.languages);
  check(languages[0] === o.locale, `the browser should speak ${o.locale} first, it says ${languages}`);

  // Silta's own sign-in page: in the browser's language, and accessible
  await page.goto(url('/login'));
  const pageLanguage = await page.evaluate(() => document.documentElement.lang);
  check(pageLanguage === expected.language, `the sign-in page is in "${pageLanguage}", expected "${expected.language}"`);
  const signInViolations = await accessibilityViolations(page, WCAG);
  check(signInViolations.length === 0, `the sign-in page breaks WCAG 2.1 A/AA rules: ${JSON.stringify(signInViolations, null, 1)}`);

  await signIn(page, o['base-url'], o.user, o.password);
  await page.goto(url('/camunda/app/tasklist/'));

  // the filters of the user's role, names as stored (from Silta's message bundle)
  const filterNames = page.locator('.task-filters .task-filter .name a');
  await filterNames.first().waitFor({ state: 'visible' });
  const shownFilters = (await texts(filterNames)).map((name) => name.replace(/\s*\d+$/, ''));
  for (const name of expected.filters) {
    check(shownFilters.includes(name), `filter "${name}" is not in the filter list ${JSON.stringify(shownFilters)}`);
  }

  // the task, in Tasklist's own words of the expected language
  await page.goto(url(`/camunda/app/tasklist/default/#/?task=${encodeURIComponent(o['task-id'])}`));
  const card = page.locator('.task-details .task-card');
  await expectText(card.locator('h2.task'), expected.taskName, 'task name');
  await expectText(card.locator('.nav-tabs li a'), expected.labels.FORM, 'form tab');
  for (const key of ['HISTORY', 'DIAGRAM', 'DESCRIPTION']) {
    await expectText(card.locator('.nav-tabs li a'), expected.labels[key], `tab ${key}`);
  }
  const claim = card.locator('button.claim');
  await expectText(claim, expected.labels.CLAIM_TASK, 'claim button');

  await claim.click();
  await claim.waitFor({ state: 'detached' });
  for (const key of ['SET_FOLLOW_UP_DATE', 'SET_DUE_DATE']) {
    await expectText(card.locator('[cam-tasklist-task-meta] a, [cam-tasklist-task-meta] span'), expected.labels[key], key);
  }
  await expectText(card.locator('.form-actions button.btn-primary'), expected.labels.COMPLETE, 'complete button');

  // the language Tasklist chose itself (angular-translate), not only the words on the page
  const chosen = await page.evaluate(() => window.angular?.element(document.body).injector()?.get('$translate').use());
  check(chosen === expected.language, `Tasklist chose the language "${chosen}", expected "${expected.language}"`);

  // Camunda renders its "migrate to Camunda 8" banner; Silta's user-styles.css hides it
  const banner = page.locator('[cam-widget-header] .ce-eol-banner');
  check(await banner.count() > 0, 'Camunda no longer renders .ce-eol-banner: check the selector in user-styles.css');
  check(await banner.isHidden(), 'the "migrate to Camunda 8" banner is visible');
  check(await page.locator('[cam-widget-footer] a[href*="camunda.org"]').isHidden(),
    'the "Powered by Camunda Platform" link is visible');

  // when each task was created, in the language's words (moment takes them from the same locale file);
  // the list of the user's own tasks holds the task claimed above
  const creation = page.locator('.tasks-list li.task .creation-date');
  await creation.first().waitFor({ state: 'visible' });
  const created = (await texts(creation)).filter((t) => t);
  const [before, after] = expected.relativePast.split('%s').map((part) => part.trim());
  check(created.length > 0 && created.every((t) => t.includes(before) && t.includes(after)),
    `the list's creation times are not in the words of "${expected.relativePast}": ${JSON.stringify(created)}`);

  // no translation key shown as such: the list's sorting and search, the task, the header
  await noRawTranslationKeys(page, `Tasklist in ${o.locale}`);

  await screenshot(page, o.screenshot);
  // Camunda's own markup, for information only (Silta changes nothing of it but colours and hiding)
  const tasklistViolations = await accessibilityViolations(page, WCAG);
  console.log(`axe-core on Camunda's task view (not failed on): ${tasklistViolations.map((v) => `${v.id} (${v.targets.length})`).join(', ') || 'none'}`);
  console.log(`Tasklist in "${chosen}" for ${o.user}: filters ${JSON.stringify(shownFilters)}; screenshot ${o.screenshot}`);
});

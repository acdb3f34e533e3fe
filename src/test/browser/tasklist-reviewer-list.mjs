// A reviewer's list in Tasklist (issue 11): signs in as --user and opens "Omat tehtäväni"; the
// reviewer's tasks there are told apart by reference and organisation (--cases: "REF|Organisation"
// pairs separated by ";", each must appear in exactly one task name, and no two names are the
// same), and each shows the reference and organisation as the filter's list variables; the disqualification question has no link to the case; the score sheet of --scoring-reference
// links to the staff case page, which opens and shows --activity. axe-core finds no WCAG 2.1 AA
// violation on that page.
//
// node tasklist-reviewer-list.mjs --base-url http://localhost:8080 --user mikko.korhonen --password ... \
//   --cases "AV-2026-0001|Yhdistys A;AV-2026-0002|Yhdistys B" --scoring-reference AV-2026-0001 --activity ... \
//   --screenshots target/browser
import { join } from 'node:path';
import { check, noRawTranslationKeys, noViolations, options, run, screenshot, signIn } from './lib.mjs';

const NAMES = ['base-url', 'user', 'password', 'cases', 'scoring-reference', 'activity', 'screenshots'];
const o = options(NAMES, NAMES);
const url = (path) => new URL(path, o['base-url']).href;
const shot = (name) => join(o.screenshots, `tasklist-reviewer-${name}.png`);
const cases = o.cases.split(';').map((pair) => pair.split('|'));

await run({ locale: 'fi-FI' }, shot('failure'), async ({ context, page }) => {
  await signIn(page, o['base-url'], o.user, o.password);
  await page.goto(url('/camunda/app/tasklist/'));
  await page.locator('.task-filters .task-filter .name a', { hasText: 'Omat tehtäväni' }).first().click();
  const items = page.locator('.tasks-list li.task h4.task a');
  await items.first().waitFor({ state: 'visible' });
  await page.waitForTimeout(1000);
  const names = (await items.allInnerTexts()).map((t) => t.trim());
  await screenshot(page, shot('1-my-tasks'));
  check(new Set(names).size === names.length, `two tasks in "Omat tehtäväni" have the same name: ${JSON.stringify(names)}`);
  for (const [reference, organisation] of cases) {
    const matching = names.filter((name) => name.includes(reference) && name.includes(organisation));
    check(matching.length === 1, `"${reference}, ${organisation}" is in ${matching.length} task names: ${JSON.stringify(names)}`);
  }
  // the filter's list variables (Asiatunnus, Järjestö) are shown for the reviewer's tasks too
  for (const [reference, organisation] of cases) {
    const item = page.locator('.tasks-list li.task', { has: page.locator('h4.task a', { hasText: reference }) });
    const text = (await item.innerText()).replace(/\s+/g, ' ');
    check(text.includes('Asiatunnus') && text.split(reference).length > 2 && text.split(organisation).length > 2,
      `the list item of ${reference} does not show the reference and organisation as list variables: "${text}"`);
  }
  await noRawTranslationKeys(page, "the reviewer's Tasklist");
  console.log(`my tasks told apart: ${JSON.stringify(names)}`);

  // the disqualification question: the applicant's name and board only, no link to the case
  const declaration = names.find((name) => name.startsWith('Arvioi oma esteellisyys'));
  check(declaration, `no disqualification question among ${JSON.stringify(names)}`);
  await page.locator('.tasks-list li.task h4.task a', { hasText: declaration }).click();
  const card = page.locator('.task-details .task-card');
  const form = card.locator('[cam-tasklist-form-camunda] .fjs-form');
  await form.getByText('Oletko esteellinen?').waitFor({ state: 'visible' });
  check(await form.locator('a[href*="/staff/cases/"]').count() === 0, 'the disqualification question links to the case page');

  // the score sheet links to the case page
  const scoring = names.find((name) => name.startsWith('Pisteytä hakemus') && name.includes(o['scoring-reference']));
  check(scoring, `no score sheet of ${o['scoring-reference']} among ${JSON.stringify(names)}`);
  await page.locator('.tasks-list li.task h4.task a', { hasText: scoring }).click();
  await card.locator('h2.task', { hasText: scoring }).waitFor({ state: 'visible' });
  const sheet = card.locator('[cam-tasklist-form-camunda] .fjs-form');
  const caseLink = sheet.locator(`a[href="/staff/cases/${o['scoring-reference']}"]`);
  await caseLink.waitFor({ state: 'visible' });
  await screenshot(page, shot('2-score-sheet'));
  const [casePage] = await Promise.all([context.waitForEvent('page'), caseLink.click()]);
  await casePage.waitForLoadState('load');
  const text = await casePage.locator('main').innerText();
  check(text.includes(o.activity), `the case page opened from the score sheet does not show "${o.activity}"`);
  check(!text.includes('Arviot\n'), 'the reviewer sees the reviews section');
  await noViolations(casePage, `/staff/cases/${o['scoring-reference']} as a reviewer`, shot('3-case-page'));
  console.log(`score sheet link opened /staff/cases/${o['scoring-reference']} with the application; axe-core: no violations`);
});

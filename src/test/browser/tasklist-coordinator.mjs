// The coordinator in Tasklist (issue 11): signs in as --user, goes through every filter and checks
// that no outsider's task (name containing --outsider-task) is listed in any; opens the second
// formal check of --process from "Avustushaut", claims it and checks that it opened empty (no
// answer pre-selected, the earlier request and answer shown as history); follows the form's link
// to the staff case page and finds the applicant's activity text (--activity), a budget line
// (--budget-line), the municipality names (--municipality) and the supplement answer (--answer)
// with its file (--file); axe-core finds no WCAG 2.1 AA violation on that page; then completes
// the formal check as complete with Tasklist's Valmis.
//
// node tasklist-coordinator.mjs --base-url http://localhost:8080 --user aino.virtanen --password ... \
//   --process ID --reference AV-2026-0001 --activity ... --budget-line ... --municipality Oulu \
//   --answer ... --file poytakirja.pdf --outsider-task "Täydennä hakemusta" --screenshots target/browser
import { join } from 'node:path';
import { check, noViolations, options, run, screenshot, signIn } from './lib.mjs';

const NAMES = ['base-url', 'user', 'password', 'process', 'reference', 'activity', 'budget-line', 'municipality', 'answer',
  'file', 'outsider-task', 'screenshots'];
const o = options(NAMES, NAMES);
const url = (path) => new URL(path, o['base-url']).href;
const shot = (name) => join(o.screenshots, `tasklist-coordinator-${name}.png`);

async function engineTask(page, query) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const tasks = await page.evaluate(async (q) => {
      const response = await fetch(`/camunda/api/engine/engine/default/task?${q}`, { headers: { Accept: 'application/json' } });
      return response.ok ? response.json() : { status: response.status };
    }, new URLSearchParams(query).toString());
    check(Array.isArray(tasks), `the engine API refused the task query: ${JSON.stringify(tasks)}`);
    if (tasks.length === 1) return tasks[0];
    await page.waitForTimeout(250);
  }
  throw new Error(`no single open task for ${JSON.stringify(query)}`);
}

/** The names of the tasks a filter lists (after clicking it). */
async function listed(page, filterName) {
  // a filter's description shows as a tooltip while the mouse rests on it, covering the filter above: move away first
  await page.mouse.move(0, 0);
  await page.locator('.tooltip.in').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  await page.locator('.task-filters .task-filter .name a', { hasText: filterName }).first().click();
  await page.waitForTimeout(1500);
  return (await page.locator('.tasks-list li.task h4.task a').allInnerTexts()).map((t) => t.trim());
}

await run({ locale: 'fi-FI' }, shot('failure'), async ({ context, page }) => {
  await signIn(page, o['base-url'], o.user, o.password);
  await page.goto(url('/camunda/app/tasklist/'));
  await page.locator('.task-filters .task-filter .name a').first().waitFor({ state: 'visible' });

  // 1. no filter lists an outsider's task
  const filters = (await page.locator('.task-filters .task-filter .name a').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  check(filters.includes('Avustushaut'), `the coordinator's filters are ${JSON.stringify(filters)}, without "Avustushaut"`);
  for (const filter of filters) {
    const names = await listed(page, filter);
    const outsiders = names.filter((name) => name.includes(o['outsider-task']));
    check(outsiders.length === 0, `filter "${filter}" lists an outsider's task: ${JSON.stringify(outsiders)}`);
    console.log(`filter "${filter}": ${names.length} tasks, none an outsider's`);
  }

  // 2. the second formal check, opened from "Avustushaut"
  const task = await engineTask(page, { processInstanceId: o.process, taskDefinitionKey: 'Task_FormalCheck' });
  await listed(page, 'Avustushaut');
  const link = page.locator(`.tasks-list li.task h4.task a[href*="task=${task.id}"]`);
  await link.waitFor({ state: 'visible' });
  const item = page.locator('.tasks-list li.task', { has: page.locator(`h4.task a[href*="task=${task.id}"]`) });
  const itemText = (await item.innerText()).replace(/\s+/g, ' ');
  check(itemText.includes(o.reference), `the list item does not show the reference ${o.reference}: "${itemText}"`);
  await link.click();
  const card = page.locator('.task-details .task-card');
  await card.locator('h2.task', { hasText: task.name }).waitFor({ state: 'visible' });
  const claim = card.locator('button.claim');
  if (await claim.count() > 0) {
    await claim.click();
    await card.locator('button.claim').waitFor({ state: 'detached' });
  }
  const form = card.locator('[cam-tasklist-form-camunda] .fjs-form');
  await form.waitFor({ state: 'visible' });
  await form.getByText('Hakemus on').first().waitFor({ state: 'visible' });
  for (const label of ['Täydellinen: arviointiin', 'Puutteellinen: pyydä täydennystä']) {
    check(!(await form.getByLabel(label).isChecked()), `the repeated formal check opened with "${label}" selected`);
  }
  check(await form.locator('[id$="-Field_Request"]').count() === 0, 'the request text field is shown before anything is chosen');
  const history = await form.locator('[id$="-Field_History"]').inputValue();
  check(history.includes(o.answer), `the history of the earlier check does not show the answer: "${history}"`);
  await screenshot(page, shot('1-second-formal-check'));
  console.log('second formal check: opened empty, with the earlier request and answer as history');

  // 3. the form's link opens the case page
  const caseLink = form.locator(`a[href="/staff/cases/${o.reference}"]`);
  check(await caseLink.count() === 1, `the form has no link to /staff/cases/${o.reference}`);
  const [casePage] = await Promise.all([context.waitForEvent('page'), caseLink.click()]);
  await casePage.waitForLoadState('load');
  check(new URL(casePage.url()).pathname === `/staff/cases/${o.reference}`, `the link opened ${casePage.url()}`);
  const text = (await casePage.locator('main').innerText()).replace(/\u00a0/g, ' ');
  for (const [what, expected] of [['the activity text', o.activity], ['the budget line', o['budget-line']],
    ['the municipality', o.municipality], ['the supplement answer', o.answer], ['the answer\'s file', o.file]]) {
    check(text.includes(expected), `the case page does not show ${what} "${expected}"`);
  }
  check(await casePage.locator(`.requests a`, { hasText: o.file }).count() === 1, `the answer's file ${o.file} is not a link`);
  await noViolations(casePage, `/staff/cases/${o.reference}`, shot('2-case-page'));
  console.log(`case page: activity, budget line, ${o.municipality}, the answer and ${o.file} found; axe-core: no violations`);
  await casePage.close();

  // 4. complete the second check
  await form.getByLabel('Täydellinen: arviointiin').check();
  const complete = card.locator('.form-actions button.btn-primary');
  check(await complete.isEnabled(), 'Tasklist\'s Valmis is disabled on the formal check');
  await complete.click();
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = await page.evaluate(async (id) => (await fetch(`/camunda/api/engine/engine/default/task/${id}`,
      { headers: { Accept: 'application/json' } })).status, task.id);
    if (status === 404) {
      console.log('second formal check completed with Valmis');
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the formal check was not completed');
});

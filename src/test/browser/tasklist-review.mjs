// A reviewer's two tasks in Tasklist with Silta's Camunda Forms: signs in at /login as --user,
// opens "Omat tehtäväni", opens the disqualification declaration of the review slot --slot (a
// grantReview process instance), answers "En ole esteellinen" and completes it with Tasklist's
// Valmis; then opens the score sheet of the same slot, checks that the dynamic list shows one
// prefilled row per criterion, types --scores (comma-separated, one per row) and a justification
// "Perustelu N." in each row and completes the task (Tasklist's Valmis when it is enabled, else
// the form's own "Tarkista ja merkitse valmiiksi" submit button; the script says which).
// Screenshots go to --screenshots (a folder).
//
// node tasklist-review.mjs --base-url http://localhost:8080 --user mikko.korhonen --password ... \
//   --slot PROCESS_INSTANCE_ID --scores 4,3,5 --screenshots target/browser
import { join } from 'node:path';
import { check, options, run, screenshot, signIn } from './lib.mjs';

const o = options(
  ['base-url', 'user', 'password', 'slot', 'scores', 'screenshots'],
  ['base-url', 'user', 'password', 'slot', 'scores', 'screenshots'],
);
const scores = o.scores.split(',').map((s) => s.trim());
const url = (path) => new URL(path, o['base-url']).href;
const shot = (name) => join(o.screenshots, `tasklist-review-${name}.png`);
/** The expected criteria of the fixture round, in order, with their weights as a Finnish reader writes them (no-break space). */
const CRITERIA = [['Vaikuttavuus', '40\u00a0%'], ['Kohderyhmän tarve', '30\u00a0%'], ['Toteutettavuus', '30\u00a0%']];

/** The slot's open task, through the engine API Tasklist itself uses (the signed-in session). */
async function openTask(page, taskDefinitionKey) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const tasks = await page.evaluate(async (query) => {
      const response = await fetch(`/camunda/api/engine/engine/default/task?${query}`, { headers: { Accept: 'application/json' } });
      return response.ok ? response.json() : { status: response.status };
    }, new URLSearchParams({ processInstanceId: o.slot, taskDefinitionKey }).toString());
    check(Array.isArray(tasks), `the engine API refused the task query: ${JSON.stringify(tasks)}`);
    if (tasks.length === 1) {
      return tasks[0];
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no open task ${taskDefinitionKey} in ${o.slot}`);
}

/** Clicks "Omat tehtäväni" and the task in the list (it is assigned to the reviewer). */
async function pickFromMyTasks(page, task) {
  await page.locator('.task-filters .task-filter .name a', { hasText: 'Omat tehtäväni' }).first().click();
  const link = page.locator(`.tasks-list li.task h4.task a[href*="task=${task.id}"]`);
  await link.waitFor({ state: 'visible' });
  check((await link.innerText()).trim() === task.name, `the list shows "${await link.innerText()}" for ${task.name}`);
  await link.click();
  const card = page.locator('.task-details .task-card');
  await card.locator('h2.task', { hasText: task.name }).waitFor({ state: 'visible' });
  // assigned to the reviewer already: nothing to claim
  check(await card.locator('button.claim').count() === 0, `${task.name} offers "claim": it should be assigned to ${o.user}`);
  const form = card.locator('[cam-tasklist-form-camunda] .fjs-form');
  await form.waitFor({ state: 'visible' });
  return { card, form };
}

/** Tasklist's notifications (errors of a completion land here). */
async function notifications(page) {
  return (await page.locator('.notifications .alert, [cam-notifications] .alert').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Waits until the task is gone from the engine (completed), failing with Tasklist's notices otherwise. */
async function completed(page, task) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = await page.evaluate(async (id) => (await fetch(`/camunda/api/engine/engine/default/task/${id}`,
      { headers: { Accept: 'application/json' } })).status, task.id);
    if (status === 404) {
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`${task.name} was not completed; Tasklist says ${JSON.stringify(await notifications(page))}`);
}

await run({ locale: 'fi-FI' }, shot('failure'), async ({ page }) => {
  await signIn(page, o['base-url'], o.user, o.password);
  await page.goto(url('/camunda/app/tasklist/'));
  await page.locator('.task-filters .task-filter .name a').first().waitFor({ state: 'visible' });

  // 1. the disqualification declaration
  const declaration = await openTask(page, 'Task_DeclareDisqualification');
  {
    const { card, form } = await pickFromMyTasks(page, declaration);
    await form.getByText('Oletko esteellinen?').waitFor({ state: 'visible' });
    await form.getByLabel('En ole esteellinen').check();
    const complete = card.locator('.form-actions button.btn-primary');
    await screenshot(page, shot('1-disqualification'));
    check(await complete.isEnabled(), 'Tasklist\'s Valmis is disabled on the disqualification form after answering');
    await complete.click();
    await completed(page, declaration);
    console.log(`disqualification: "En ole esteellinen" completed with Tasklist's Valmis (${declaration.id})`);
  }

  // 2. the score sheet
  const scoring = await openTask(page, 'Task_ScoreApplication');
  {
    const { card, form } = await pickFromMyTasks(page, scoring);
    const list = form.locator('.fjs-form-field-dynamiclist', { hasText: 'Arviointikriteerit' });
    await list.waitFor({ state: 'visible' });
    // form-js numbers the fields of row i with the suffix _i (Field_Criterion_0, Field_ScoreValue_0, ...)
    const field = (name, i) => list.locator(`[id$="-${name}_${i}"]`);
    const rowCount = await list.locator('input[id*="-Field_Criterion_"]').count();
    const shown = [];
    for (let i = 0; i < rowCount; i++) {
      shown.push([await field('Field_Criterion', i).inputValue(), await field('Field_Weight', i).inputValue()]);
    }
    await list.locator('label', { hasText: 'Arviointikriteerit' }).evaluate((label) => label.scrollIntoView({ block: 'start' }));
    await screenshot(page, shot('2-score-prefilled'));
    check(JSON.stringify(shown) === JSON.stringify(CRITERIA),
      `the dynamic list shows rows ${JSON.stringify(shown)}, expected ${JSON.stringify(CRITERIA)}`);
    check(scores.length === CRITERIA.length, `--scores has ${scores.length} values for ${CRITERIA.length} rows`);
    // form-js re-renders the dynamic list after each change; on a loaded machine a value typed during
    // a re-render can be lost, so each value is filled until the field holds it (and all are checked again)
    const fillUntilHeld = async (locator, value) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        if (await locator.inputValue() === value) return;
        await locator.fill(value);
        await page.waitForTimeout(200);
      }
      check(await locator.inputValue() === value, `a field of the score sheet does not keep the value ${value}`);
    };
    const justification = (i) => `Perustelu ${i + 1}: ${CRITERIA[i][0]} arvioitu hakemuksen perusteella.`;
    const allHeld = async () => {
      for (let i = 0; i < scores.length; i++) {
        if (await field('Field_ScoreValue', i).inputValue() !== scores[i]
          || await field('Field_Justification', i).inputValue() !== justification(i)) return false;
      }
      return true;
    };
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < scores.length; i++) {
        await fillUntilHeld(field('Field_ScoreValue', i), scores[i]);
        await fillUntilHeld(field('Field_Justification', i), justification(i));
      }
      await page.keyboard.press('Tab'); // leave the last field (blur), as a person would
      await page.waitForTimeout(1000); // past form-js's debounce: a lost value shows now
      if (await allHeld()) break;
    }
    check(await allHeld(), 'the score sheet keeps every score and justification typed');
    await form.getByRole('button', { name: 'Tarkista ja merkitse valmiiksi' }).scrollIntoViewIfNeeded();
    await screenshot(page, shot('3-score-filled'));

    const submitted = page.waitForRequest((request) => request.method() === 'POST'
      && request.url().endsWith(`/task/${scoring.id}/submit-form`), { timeout: 60_000 });
    const complete = card.locator('.form-actions button.btn-primary');
    const valmisEnabled = await complete.isEnabled();
    let used;
    if (valmisEnabled) {
      used = 'Tasklist\'s Valmis';
      await complete.click();
    } else {
      used = 'the form\'s own "Tarkista ja merkitse valmiiksi" (Tasklist\'s Valmis was disabled)';
      await form.getByRole('button', { name: 'Tarkista ja merkitse valmiiksi' }).click();
    }
    console.log(`score sheet: completing with ${used}`);
    const sent = (await submitted).postDataJSON()?.variables?.scores;
    console.log(`score sheet: Tasklist submitted scores as ${JSON.stringify(sent)}`);
    await completed(page, scoring);
    await page.waitForTimeout(500);
    await screenshot(page, shot('4-score-completed'));
    console.log(`score sheet: ${shown.length} prefilled rows ${JSON.stringify(shown)}, scores ${scores.join(', ')} completed (${scoring.id})`);
  }
});

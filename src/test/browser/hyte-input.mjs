// NGO input to the hyte negotiations in a real browser: the cycle's call found on the front page, its list of
// negotiations, the input form of one negotiation sent empty (the error) and then with a text per theme and a PDF,
// the saved input shown for editing, an edit saved, and the pages in Swedish without raw message keys.
// axe-core must report no WCAG 2.1 A/AA violation. Run by fi.silta.negotiations.HyteInputBrowserTest.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, launch, noViolations as axe, options, run, signIn as staffSignIn } from './lib.mjs';

const args = options(
  ['base-url', 'sign-in-link', 'year', 'negotiation-id', 'title', 'theme', 'screenshots'],
  ['base-url', 'sign-in-link', 'year', 'negotiation-id', 'title', 'theme', 'screenshots'],
);
const base = args['base-url'];
const listPath = `/hyte/${args.year}/input`;
const answerPath = `${listPath}/${args['negotiation-id']}/answer`;
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));
const url = (path) => new URL(path, base).href;
const TEXT = 'Nuorten harrastusmahdollisuudet ja kerhot.';
const EDITED = 'Nuorten harrastusmahdollisuudet, kerhot ja vertaistuki.';

async function post(page, button, path) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

async function noRawKeys(page, where) {
  const shown = await page.evaluate(() => [document.title, document.body.innerText].join('\n'));
  const raw = shown.match(/\?\?[^\n]*|\bhyte\.input\.[\w.]+/g);
  check(!raw, `${where} shows raw message keys: ${JSON.stringify(raw)}`);
}

await run({ locale: 'fi-FI' }, shot('hyte-input-failure'), async ({ page }) => {
  await page.goto(url(args['sign-in-link']));
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);

  // the front page names the call and leads to the cycle's negotiations
  await page.goto(url('/'));
  const card = page.locator('section.open-call', { has: page.locator(`a[href="${listPath}"]`) });
  check(await card.count() === 1, `the call ${listPath} is not on the front page`);
  await noViolations(page, 'hyte-input-front');
  await Promise.all([page.waitForURL(`**${listPath}`), card.locator(`a[href="${listPath}"]`).click()]);
  const list = await page.locator('main').innerText();
  check(list.includes(args.title) && list.includes(args.theme), `the list does not show the negotiation and themes: ${list}`);
  await noViolations(page, 'hyte-input-list');
  await Promise.all([page.waitForURL(`**${answerPath}`), page.getByRole('link', { name: `Anna näkemys: ${args.title}` }).click()]);
  check(await page.getByLabel(args.theme).count() === 1, 'no text area for the first theme');
  await noViolations(page, 'hyte-input-form');

  // sent empty: the error once, with its summary
  const empty = await post(page, 'Lähetä näkemys', answerPath);
  check(empty.status() === 422, `an empty input answered ${empty.status()}, not 422`);
  check(await page.locator('#error-summary').count() === 1, 'no error summary for an empty input');
  check((await page.locator('main').innerText()).includes('Kirjoita näkemys vähintään yhteen teemaan.'), 'no error for an empty input');
  await noViolations(page, 'hyte-input-error');

  // the input with a PDF: saved, and shown for editing
  await page.getByLabel(args.theme).fill(TEXT);
  const attachment = join(tmpdir(), 'hyte-nakemys.pdf');
  await writeFile(attachment, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.locator('input[type="file"]').setInputFiles(attachment);
  const sent = await post(page, 'Lähetä näkemys', answerPath);
  check(sent.status() === 302, `the input answered ${sent.status()}, not 302`);
  const saved = await page.locator('main').innerText();
  check(saved.includes('Järjestönne näkemys on tallennettu.') && saved.includes('hyte-nakemys.pdf'), `not saved: ${saved}`);
  check(await page.getByLabel(args.theme).inputValue() === TEXT, 'the saved text is not in the form for editing');
  await noViolations(page, 'hyte-input-saved');

  // edited
  await page.getByLabel(args.theme).fill(EDITED);
  const edit = await post(page, 'Tallenna muutokset', answerPath);
  check(edit.status() === 302, `the edit answered ${edit.status()}, not 302`);
  check(await page.getByLabel(args.theme).inputValue() === EDITED, 'the edited text is not shown');
  check((await page.locator('main').innerText()).includes('Viimeksi muokannut'), 'the page does not say who edited last');
  await noViolations(page, 'hyte-input-edited');

  // Swedish
  await page.goto(url(`${listPath}?lang=sv`));
  check((await page.locator('html').getAttribute('lang')) === 'sv', 'the list is not lang="sv"');
  await noRawKeys(page, 'the Swedish list');
  await noViolations(page, 'hyte-input-list-sv');
  await page.goto(url(answerPath));
  await noRawKeys(page, 'the Swedish form');
  await noViolations(page, 'hyte-input-form-sv');
  // the hyte coordinator reads the cycle's input on the staff page
  const staff = await launch({ locale: 'fi-FI' });
  try {
    await staffSignIn(staff.page, base, 'timo.laine', 'silta-demo');
    await staff.page.goto(url(`/staff/hyte/${args.year}/input`));
    const staffText = await staff.page.locator('main').innerText();
    check(staffText.includes(args.title) && staffText.includes(EDITED) && staffText.includes('hyte-nakemys.pdf'),
      `the staff page does not show the input: ${staffText}`);
    await noViolations(staff.page, 'hyte-input-staff');
  } finally {
    await staff.close();
  }
  console.log('hyte input: front page, list, form, error, saved with a PDF, edited, Swedish, staff page; no axe-core violations');
});

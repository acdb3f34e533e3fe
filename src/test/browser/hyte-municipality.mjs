// The municipality's side of a hyte negotiation in a real browser, in two phases that the JUnit test runs with
// the staff steps between them. --phase background: the verified contact signs in, opens the case's status page,
// sends the background form empty (the errors), then with the texts and a real PDF upload. --phase memo: the
// status page shows the memo, the approval page refuses "ask for changes" without comments (the message on the
// page), then the memo is approved; the status page once in Swedish. Finnish texts without raw message keys or
// unfilled {0}; axe-core must report no WCAG 2.1 A/AA violation on any page. Run by
// fi.silta.negotiations.HyteMunicipalityBrowserTest.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(
  ['base-url', 'phase', 'sign-in-link', 'reference', 'screenshots'],
  ['base-url', 'phase', 'sign-in-link', 'reference', 'screenshots'],
);
const base = args['base-url'];
const statusPath = `/portal/cases/${args.reference}`;
const shot = (name) => join(args.screenshots, `${name}.png`);
const url = (path) => new URL(path, base).href;

/** No raw message keys (Thymeleaf's ??key?? or a bundle key shown as is) and no unfilled {0} on the page. */
async function plainTexts(page, where) {
  const shown = await page.evaluate(() => [document.title, document.body.innerText].join('\n'));
  const raw = shown.match(/\?\?[^\n]*|\{\d+\}|\b(?:hyte|status|case|form|portal)\.[a-z][\w]*\.[\w.]+/g);
  check(!raw, `${where} shows raw message keys or placeholders: ${JSON.stringify(raw)}`);
}

async function checked(page, name) {
  await plainTexts(page, name);
  await axe(page, name, shot(name));
}

async function post(page, path) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path),
    page.locator('main form button[type="submit"]').last().click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** The one task link of the status page. */
async function taskLink(page) {
  const links = page.locator(`main a[href^="${statusPath}/tasks/"]`);
  check(await links.count() === 1, `the status page has ${await links.count()} task links, not one`);
  return new URL(await links.getAttribute('href'), base).pathname;
}

async function errorShown(page, message, where) {
  const summary = page.locator('#error-summary');
  check(await summary.count() === 1, `no error summary on ${where}`);
  const text = await page.locator('main').innerText();
  check(text.includes(message), `${where} does not say "${message}": ${text}`);
  // the summary takes the focus, so that a screen reader user hears the errors first
  const focused = await page.evaluate(() => document.activeElement?.id ?? '');
  check(focused === 'error-summary', `the focus is on "${focused}", not on the error summary, on ${where}`);
}

await run({ locale: 'fi-FI' }, shot(`hyte-municipality-${args.phase}-failure`), async ({ page }) => {
  await page.goto(url(args['sign-in-link']));
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);
  await page.goto(url(statusPath));
  check((await page.locator('html').getAttribute('lang')) === 'fi', 'the status page is not lang="fi"');

  if (args.phase === 'background') {
    const status = await page.locator('main').innerText();
    check(status.includes('Hyvinvointialue pyytää kunnalta taustatiedot neuvottelua varten.'), `no background step: ${status}`);
    await checked(page, 'hyte-municipality-status');
    const task = await taskLink(page);
    await Promise.all([page.waitForURL(`**${task}`), page.locator(`main a[href^="${statusPath}/tasks/"]`).click()]);
    check(await page.getByLabel('Hyvinvointikertomuksen keskeiset havainnot').count() === 1, 'no labelled field for the key points');
    await checked(page, 'hyte-municipality-background');

    // sent empty: refused, the errors shown and announced
    const empty = await post(page, task);
    check(empty.status() === 422, `an empty background answered ${empty.status()}, not 422`);
    await errorShown(page, 'Hyvinvointikertomuksen keskeiset havainnot', 'the empty background');
    await checked(page, 'hyte-municipality-background-error');

    // the background with a real file upload
    await page.getByLabel('Hyvinvointikertomuksen keskeiset havainnot').fill('Nuorten yksinäisyys kasvaa.');
    await page.getByLabel('Valitut indikaattorit').fill('Kouluterveyskysely 2025');
    await page.getByLabel('Kunnan ehdotukset tavoitteiksi').fill('Harrastustakuu kaikille.');
    const attachment = join(tmpdir(), 'hyvinvointikertomus.pdf');
    await writeFile(attachment, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.locator('input[type="file"]').setInputFiles(attachment);
    const sent = await post(page, task);
    check(sent.status() === 302, `the background answered ${sent.status()}, not 302`);
    await page.goto(url(statusPath));
    const after = await page.locator('main').innerText();
    check(after.includes('Hyvinvointialue laatii neuvottelun asialistaa.'), `the status page did not move on: ${after}`);
    check(after.includes('hyvinvointikertomus.pdf'), `the attachment is not among the case's documents: ${after}`);
    await checked(page, 'hyte-municipality-status-agenda');
    console.log('hyte municipality background: status page, form, errors, sent with a PDF; no axe-core violations');
    return;
  }

  check(args.phase === 'memo', `unknown --phase ${args.phase}`);
  const status = await page.locator('main').innerText();
  for (const text of ['Lasten ja nuorten liikunta', 'Liikuntaryhmät kouluille', 'Kuukausikirje', 'Hyväksyttävänä']) {
    check(status.includes(text), `the status page does not show "${text}": ${status}`);
  }
  await checked(page, 'hyte-municipality-memo-status');
  const task = await taskLink(page);
  await Promise.all([page.waitForURL(`**${task}`), page.locator(`main a[href^="${statusPath}/tasks/"]`).click()]);
  await checked(page, 'hyte-municipality-memo-approval');

  // "ask for changes" without comments: refused with the message on the page
  await page.getByLabel('Pyydän muutoksia').check();
  const refused = await post(page, task);
  check(refused.status() === 422, `changes without comments answered ${refused.status()}, not 422`);
  await errorShown(page, 'Kerro kommenteissa, mitä muistiossa pitäisi muuttaa.', 'the refusal');
  // the error is tied to the comments field, and the choice made is kept
  const comments = page.getByLabel('Kommentit (pakollinen, jos pyydät muutoksia)');
  check((await comments.getAttribute('aria-invalid')) === 'true', 'the comments field is not marked invalid');
  const target = await page.locator('#error-summary a').first().getAttribute('href');
  check(target === `#${await comments.getAttribute('id')}`, `the error summary links to ${target}, not to the comments field`);
  check(await page.getByLabel('Pyydän muutoksia').isChecked(), 'the choice "Pyydän muutoksia" was lost');
  await checked(page, 'hyte-municipality-memo-refusal');

  // approved
  await page.getByLabel('Hyväksyn muistion').check();
  const approved = await post(page, task);
  check(approved.status() === 302, `the approval answered ${approved.status()}, not 302`);
  await page.goto(url(statusPath));
  await plainTexts(page, 'the status page after the approval');
  check(await page.locator(`main a[href^="${statusPath}/tasks/"]`).count() === 0, 'the approval task is still on the status page');

  // Swedish, once
  await page.goto(url(`${statusPath}?lang=sv`));
  check((await page.locator('html').getAttribute('lang')) === 'sv', 'the status page is not lang="sv"');
  await checked(page, 'hyte-municipality-status-sv');
  console.log('hyte municipality memo: status page, approval page, refusal without comments, approved, Swedish; no axe-core violations');
});

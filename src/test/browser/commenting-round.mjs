// A commenting round on the portal in a real browser: the open round found on the front page, its
// page (a call document, an info session whose .ics is a METHOD:PUBLISH event in Helsinki time),
// the answer form sent empty (the error) and then with an open answer, a scale value and a PDF,
// the receipt and the status page; a colleague of the same organisation sees who answered and when,
// with no form; form pages opened before the answer (the colleague's and the same person's other
// tab) are refused with 422 naming the first answer; the published round with its summary; the
// round page in Swedish without raw message keys. axe-core must report no WCAG 2.1 A/AA violation.
// Run by fi.silta.commenting.CommentingBrowserTest.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, launch, noViolations as axe, options, run } from './lib.mjs';

const args = options(
  ['base-url', 'sign-in-link', 'colleague-sign-in-link', 'round-id', 'title', 'title-sv', 'published-round-id', 'session-start', 'screenshots'],
  ['base-url', 'sign-in-link', 'colleague-sign-in-link', 'round-id', 'title', 'title-sv', 'published-round-id', 'session-start', 'screenshots'],
);
const base = args['base-url'];
const roundPath = `/portal/commenting/${args['round-id']}`;
const answerPath = `${roundPath}/answer`;
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));
const url = (path) => new URL(path, base).href;
const ANSWER = 'Luku 1 on hyvä; lisätkää vertaistuki tavoitteisiin.';
const QUESTION = 'Luku 1: Tavoitteet – mitä lisäisitte tai muuttaisitte?';
const SEND = 'Lähetä lausunto';

async function signIn(page, link) {
  await page.goto(url(link));
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);
}

/** Clicks the send button and returns the response to the form's post. */
async function send(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === answerPath),
    page.getByRole('button', { name: SEND }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** How many times the page's main content says `text`. */
async function times(page, text) {
  return (await page.locator('main').innerText()).split(text).length - 1;
}

/** No message key shown as such: Thymeleaf's ??key_fi?? or a bare commenting.* key, in text or attributes. */
async function noRawKeys(page, where) {
  const shown = await page.evaluate(() => {
    const texts = [document.title, document.body.innerText];
    document.querySelectorAll('[placeholder], [title], [aria-label], [alt]').forEach((e) => {
      ['placeholder', 'title', 'aria-label', 'alt'].forEach((a) => texts.push(e.getAttribute(a) || ''));
    });
    return texts.join('\n');
  });
  const raw = shown.match(/\?\?[^\n]*|\bcommenting\.[\w.]+/g);
  check(!raw, `${where} shows raw message keys: ${JSON.stringify(raw)}`);
}

await run({ locale: 'fi-FI' }, shot('commenting-failure'), async ({ context, page }) => {
  await signIn(page, args['sign-in-link']);

  // the front page lists the open round, and its link leads to the round's page
  await page.goto(url('/'));
  const card = page.locator('section.open-call', { has: page.locator(`a[href="${roundPath}"]`) });
  check(await card.count() === 1, `the open round ${roundPath} is not on the front page`);
  check((await card.innerText()).includes(args.title), `the front page does not name the round: ${await card.innerText()}`);
  await noViolations(page, 'commenting-front');
  await Promise.all([page.waitForURL(`**${roundPath}`), card.locator(`a[href="${roundPath}"]`).click()]);

  // the round's page: materials, links, the info session
  check((await page.locator('h1').innerText()).trim() === args.title, 'the round page is not headed by its title');
  const roundText = await page.locator('main').innerText();
  check(roundText.includes('Aineisto') && roundText.includes('Suunnitelman luonnos'), `no call document on the round page: ${roundText}`);
  check(roundText.includes('Infotilaisuudet') && roundText.includes('klo 17.00–18.30, Oulu, kaupungintalo, verkkotilaisuus'), `no info session on the round page: ${roundText}`);
  await noViolations(page, 'commenting-round');
  const documentLink = page.getByRole('link', { name: 'Suunnitelman luonnos' });
  const pdf = await context.request.get(url(await documentLink.getAttribute('href')));
  check(pdf.ok() && pdf.headers()['content-type'].startsWith('application/pdf'),
    `the call document answered ${pdf.status()} ${pdf.headers()['content-type']}`);

  // the info session as a calendar event
  const icsLink = page.locator('main a[href$=".ics"]');
  check(await icsLink.count() === 1, 'no .ics link for the info session');
  const ics = await context.request.get(url(await icsLink.getAttribute('href')));
  const calendar = await ics.text();
  check(ics.ok() && ics.headers()['content-type'].startsWith('text/calendar'),
    `the .ics answered ${ics.status()} ${ics.headers()['content-type']}`);
  check(/^METHOD:PUBLISH\r?$/m.test(calendar), `the .ics is not METHOD:PUBLISH:\n${calendar}`);
  check(calendar.includes(`DTSTART;TZID=Europe/Helsinki:${args['session-start']}`),
    `the .ics does not start at ${args['session-start']} Helsinki time:\n${calendar}`);
  check(calendar.includes('BEGIN:VTIMEZONE') && calendar.includes('TZID:Europe/Helsinki'), `the .ics has no Helsinki zone:\n${calendar}`);

  // the answer form
  await Promise.all([page.waitForURL(`**${answerPath}`), page.getByRole('link', { name: 'Anna lausunto järjestön puolesta' }).click()]);
  check(await page.getByLabel(QUESTION).count() === 1, 'no text area for the open question');
  check(await page.getByRole('radio').count() === 5, 'no choice of 1–5 for the scale question');
  await noViolations(page, 'commenting-form');

  // form pages opened before the answer: the same person's other tab, and a colleague's
  const otherTab = await context.newPage();
  await otherTab.goto(url(answerPath));
  check(await otherTab.getByLabel(QUESTION).count() === 1, 'no form in the other tab');
  const colleague = await launch({ locale: 'fi-FI' });
  let reference;
  try {
    const stale = colleague.page;
    await signIn(stale, args['colleague-sign-in-link']);
    await stale.goto(url(answerPath));
    check(await stale.getByLabel(QUESTION).count() === 1, 'no form for the colleague before the answer');

    // sent empty: the error, and the page stays accessible
    const empty = await send(page);
    check(empty.status() === 422, `an empty answer answered ${empty.status()}, not 422`);
    const emptyText = await page.locator('main').innerText();
    check(await times(page, 'Vastaa vähintään yhteen kysymykseen.') === 1, `not the error once for an empty answer: ${emptyText}`);
    check(await page.locator('#error-summary').count() === 1, 'no error summary for an empty answer');
    await noViolations(page, 'commenting-form-error');

    // the answer: open text, a scale value and a PDF
    await page.getByLabel(QUESTION).fill(ANSWER);
    await page.getByRole('radio', { name: '4', exact: true }).check();
    const attachment = join(tmpdir(), 'lausunnon-liite.pdf');
    await writeFile(attachment, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.locator('input[type="file"]').setInputFiles(attachment);
    await Promise.all([page.waitForURL('**/receipt'), page.getByRole('button', { name: SEND }).click()]);
    const receipt = await page.locator('main').innerText();
    reference = receipt.match(/LA-\d{4}-\d{4}/)?.[0];
    check(reference, `no case reference on the receipt: ${receipt}`);
    await noViolations(page, 'commenting-receipt');

    // the colleague's stale form: refused, naming the first answer
    await stale.getByLabel(QUESTION).fill('Toinen lausunto samalta järjestöltä.');
    const refusal = await send(stale);
    check(refusal.status() === 422, `the colleague's stale form answered ${refusal.status()}, not 422`);
    const refusalText = await stale.locator('main').innerText();
    check(refusalText.includes('Järjestö on jo vastannut') && refusalText.includes('Hanna Hakija'),
      `the refusal does not name the first answer: ${refusalText}`);
    check(await times(stale, 'Järjestö on jo vastannut') === 1, `the refusal is not said once: ${refusalText}`);
    check(await stale.locator('main [role="alert"]').count() === 1, 'the refusal is not announced as an alert');
    check(await stale.locator('main form textarea').count() === 0, 'the refusal shows the form again');
    await noViolations(stale, 'commenting-refusal');

    // the colleague opens the answer page afresh: who answered and when, no form
    await stale.goto(url(answerPath));
    const answered = await stale.locator('main').innerText();
    check(/Järjestö on jo vastannut: Hanna Hakija lähetti järjestön vastauksen \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/.test(answered),
      `the colleague is not told who answered and when: ${answered}`);
    check(await stale.locator('main form').count() === 0, 'the colleague still gets an answer form');
    await noViolations(stale, 'commenting-already-answered');
  } finally {
    await colleague.close();
  }

  // the same person's other tab: refused as well, naming the first answer
  await otherTab.getByLabel(QUESTION).fill('Sama henkilö toisesta välilehdestä.');
  const again = await send(otherTab);
  check(again.status() === 422, `the other tab answered ${again.status()}, not 422`);
  const againText = await otherTab.locator('main').innerText();
  check(againText.includes('Järjestö on jo vastannut') && againText.includes('Hanna Hakija'),
    `the other tab's refusal does not name the first answer: ${againText}`);
  check(await times(otherTab, 'Järjestö on jo vastannut') === 1, `the other tab's refusal is not said once: ${againText}`);
  check(againText.includes(`Katso lausunto ${reference}`), `the other tab does not link the person's own answer: ${againText}`);
  await noViolations(otherTab, 'commenting-refusal-own');
  await otherTab.close();

  // the answer's status page, through the receipt's link
  await Promise.all([page.waitForURL('**/portal/cases/LA-**'), page.locator('main a[href*="/portal/cases/LA-"]').first().click()]);
  const status = await page.locator('main').innerText();
  check(status.includes(ANSWER) && status.includes('lausunnon-liite.pdf') && status.includes(args.title),
    `the status page does not show the answer: ${status}`);
  await noViolations(page, 'commenting-status');

  // a published round: the summary with the county's responses
  await page.goto(url(`/portal/commenting/${args['published-round-id']}`));
  const summary = await page.locator('main').innerText();
  check(summary.includes('Yhteenveto ja vastineet') && summary.includes('Lukuun 2 lisätään aikataulu.')
    && summary.includes('Keskiarvo 4 (1 vastaus)'), `no summary on the published round: ${summary}`);
  check(await page.locator('main form').count() === 0, 'the published round offers a form');
  await noRawKeys(page, 'the published round');
  await noViolations(page, 'commenting-published');

  // Swedish: the round's Swedish title, no raw keys
  await page.goto(url(`${roundPath}?lang=sv`));
  check((await page.locator('html').getAttribute('lang')) === 'sv', 'the round page is not lang="sv"');
  check((await page.locator('h1').innerText()).trim() === args['title-sv'], `not the Swedish title: ${await page.locator('h1').innerText()}`);
  await noRawKeys(page, 'the Swedish round page');
  await noViolations(page, 'commenting-round-sv');
  await page.goto(url(answerPath));
  await noRawKeys(page, 'the Swedish answer page');
  await page.goto(url(`/portal/commenting/${args['published-round-id']}`));
  check((await page.locator('main').innerText()).includes('En tidtabell läggs till i kapitel 2.'), 'no Swedish response on the summary');
  await noRawKeys(page, 'the Swedish published round');
  await noViolations(page, 'commenting-published-sv');
  console.log('commenting round: front page, round page, .ics, answer with a PDF, one answer per organisation (422 for stale forms), '
    + 'status page, published summary, Swedish; no axe-core violations');
});

// The applicant's side of a grant decision in a real browser: signed in with the mailed link, My
// cases → the case's status page with the decision (outcome, amount, the last day for a request
// for rectification), its PDF, the rectification task's form sent empty (the error in fi, sv and
// en) and then with reasons and an attachment, and the status page saying the request came in,
// in Finnish and in Swedish. axe-core must report no WCAG 2.1 A/AA violation on any of those pages.
// Run by fi.silta.grants.GrantDecisionBrowserTest (which delivers the decision and mails the link).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(['base-url', 'sign-in-link', 'case-reference', 'granted', 'asked', 'last-day', 'reasons', 'screenshots'],
  ['base-url', 'sign-in-link', 'case-reference', 'granted', 'asked', 'last-day', 'reasons', 'screenshots']);
const base = args['base-url'];
const reference = args['case-reference'];
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));
/** Text as read: the no-break and narrow no-break spaces of money and dates as plain spaces. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');
const mainText = async (page) => plain(await page.locator('main').innerText());

await run({ locale: 'fi-FI' }, shot('grant-decision-failure'), async ({ page }) => {
  await page.goto(new URL(args['sign-in-link'], base).href);
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);

  // My cases → the case's status page
  await Promise.all([page.waitForURL(`**/portal/cases/${reference}`),
    page.locator(`main a[href$="/portal/cases/${reference}"]`).first().click()]);
  check((await page.locator('html').getAttribute('lang')) === 'fi', 'the status page is not lang="fi"');
  const decision = page.locator('section.decision');
  const shown = plain(await decision.innerText());
  check(shown.includes(`Avustusta myönnettiin ${args.granted} (haettu ${args.asked}).`), `decision section, amount: ${shown}`);
  check((await decision.locator('[data-outcome]').getAttribute('data-outcome')) === 'PARTLY_GRANTED', 'the outcome is not PARTLY_GRANTED');
  check(shown.includes(`Oikaisuvaatimuksen voi tehdä viimeistään ${args['last-day']}.`), `decision section, period: ${shown}`);
  check(await decision.locator('[data-rectification-requested]').count() === 0, 'a request shows as received before one was sent');
  const status = page.url();
  await noViolations(page, 'grant-decision-status');

  // the decision's PDF, as the link fetches it with the session's cookie
  const pdfLink = decision.getByRole('link', { name: 'Päätös perusteluineen ja oikaisuvaatimusohjeineen (PDF)' });
  check(await pdfLink.count() === 1, 'no link to the decision PDF');
  const pdf = await page.evaluate(async (href) => {
    const response = await fetch(href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), start: String.fromCharCode(...bytes.slice(0, 5)),
      size: bytes.length };
  }, await pdfLink.getAttribute('href'));
  check(pdf.status === 200, `the PDF link answered ${pdf.status}`);
  check((pdf.type || '').startsWith('application/pdf'), `the PDF link answered ${pdf.type}`);
  check(pdf.start === '%PDF-' && pdf.size > 1000, `the PDF link did not give a PDF: ${JSON.stringify(pdf)}`);

  // the rectification task, opened from the status page
  const taskLink = page.locator('main a[href*="/tasks/"]');
  check(await taskLink.count() === 1, `not one task on the status page: ${await mainText(page)}`);
  await Promise.all([page.waitForURL('**/tasks/**'), taskLink.click()]);
  const form = page.url();
  check((await page.locator('h1').innerText()) === 'Oikaisuvaatimus', `the form's heading: ${await page.locator('h1').innerText()}`);
  check((await mainText(page)).includes(reference), 'the form does not name the case');
  await noViolations(page, 'grant-rectification-form');

  // sent empty: the error, in each language, tied to its field
  const submit = page.locator('main form button[type="submit"]').last();
  const required = [['sv', 'Uppgiften är obligatorisk.'], ['en', 'This information is required.'], ['fi', 'Tämä tieto on pakollinen.']];
  for (const [lang, error] of required) {
    await page.goto(`${form}?lang=${lang}`);
    check((await page.locator('html').getAttribute('lang')) === lang, `the form is not lang="${lang}"`);
    await submit.click();
    await page.locator('#error-summary').waitFor();
    const errors = await mainText(page);
    check(errors.includes(error), `the empty form (${lang}) does not say "${error}": ${errors}`);
    const reasons = page.locator('textarea[name="rectificationReasons"]');
    check((await reasons.getAttribute('aria-invalid')) === 'true', `the reasons field (${lang}) is not marked invalid`);
    const target = await page.locator('#error-summary a').first().getAttribute('href');
    check(target === `#${await reasons.getAttribute('id')}`, `the error summary (${lang}) links to ${target}, not to the field`);
    await noViolations(page, `grant-rectification-form-errors-${lang}`);
  }
  check((await page.locator('h1').innerText()) === 'Oikaisuvaatimus', 'the form is not back in Finnish');

  await page.getByLabel('Vaatimus ja sen perusteet').fill(args.reasons);
  const attachment = join(tmpdir(), 'oikaisuvaatimuksen-liite.pdf');
  await writeFile(attachment, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.locator('input[type="file"][name="rectificationAttachments"]').setInputFiles(attachment);
  await Promise.all([page.waitForURL(status), page.getByRole('button', { name: 'Lähetä oikaisuvaatimus' }).click()]);

  // back on the status page: the request came in, the task is gone, the attachment is the case's
  const after = await mainText(page);
  check(after.includes('Kiitos, vastauksesi on vastaanotettu.'), `no receipt notice on the status page: ${after}`);
  const requested = page.locator('section.decision [data-rectification-requested]');
  check(await requested.count() === 1, `the status page does not say the request came in: ${after}`);
  check(plain(await requested.innerText()).startsWith('Oikaisuvaatimuksesi saapui '), `request: ${await requested.innerText()}`);
  check(!after.includes('Oikaisuvaatimuksen voi tehdä viimeistään'), 'the period is still offered after the request');
  check(await page.locator('main a[href*="/tasks/"]').count() === 0, 'the rectification task is still on the status page');
  check(after.includes('Oikaisuvaatimuksesi on käsiteltävänä hyvinvointialueen toimielimessä.'), `status now: ${after}`);
  check(after.includes('Sinulta ei odoteta nyt mitään.'), `the status page still expects something: ${after}`);
  check(after.includes('oikaisuvaatimuksen-liite.pdf'), `the attachment is not among the case's documents: ${after}`);
  await noViolations(page, 'grant-decision-status-requested');

  // the same page in Swedish
  await page.locator('a[hreflang="sv"]').first().click();
  await page.locator('html[lang="sv"]').waitFor();
  const swedish = await mainText(page);
  check(swedish.includes(`Understöd beviljades ${args.granted} (sökt ${args.asked}).`), `Swedish decision: ${swedish}`);
  check(swedish.includes('Din begäran om omprövning kom in'), `Swedish status page: ${swedish}`);
  await noViolations(page, 'grant-decision-status-requested-sv');
  console.log('grant decision: decision, PDF, rectification form (errors fi/sv/en) and request received checked, '
    + 'no axe-core violations');
});

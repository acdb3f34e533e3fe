// A granted application's funding on the portal in a real browser, in three steps that
// fi.silta.grants.GrantFundingBrowserTest runs in turn (each signed in with a freshly mailed link):
//   --step account  (fi) the status page asks for the bank account; the task's form refuses an invalid IBAN
//                   with the Finnish message tied to its field, then takes a valid one: the status page shows
//                   the account masked and the instalment due;
//   --step report   (fi) after the payment, the use-of-funds report's form: the budget lines prefilled, the money
//                   used per line, unused funds, people reached, activities and outcomes sent; the status page
//                   says it came in;
//   --step swedish  (sv) a Swedish contact's status page and bank account form, an invalid IBAN refused in
//                   Swedish; no raw message keys anywhere.
// axe-core must report no WCAG 2.1 A/AA violation on any page shown.
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(['base-url', 'sign-in-link', 'case-reference', 'step', 'invalid-iban', 'iban', 'masked', 'holder',
  'used', 'unused', 'screenshots'], ['base-url', 'sign-in-link', 'case-reference', 'step', 'screenshots']);
const base = args['base-url'];
const reference = args['case-reference'];
const step = args.step;
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));
/** Text as read: the no-break and narrow no-break spaces of money and dates as plain spaces. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');
const mainText = async (page) => plain(await page.locator('main').innerText());
/** A message key shown instead of its text (Spring's ??key_locale?? or a bare key). */
const noRawKeys = async (page, where) => {
  const shown = await page.locator('body').innerText();
  const raw = shown.match(/\?\?[^\n]*|\b(?:grants|cases|portal|forms|funding|report|account)\.[a-z][\w]*\.[\w.]+/g);
  check(!raw, `${where} shows raw message keys: ${JSON.stringify(raw)}`);
};
const locale = step === 'swedish' ? 'sv-SE' : 'fi-FI';
const language = locale.slice(0, 2);

await run({ locale }, shot(`grant-funding-${step}-failure`), async ({ page }) => {
  await page.goto(new URL(args['sign-in-link'], base).href);
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);
  await Promise.all([page.waitForURL(`**/portal/cases/${reference}`),
    page.locator(`main a[href$="/portal/cases/${reference}"]`).first().click()]);
  check((await page.locator('html').getAttribute('lang')) === language, `the status page is not lang="${language}"`);
  const status = page.url();
  await noRawKeys(page, 'the status page');
  await noViolations(page, `grant-funding-${step}-status`);

  if (step === 'account' || step === 'swedish') {
    const before = await mainText(page);
    const expected = step === 'account' ? 'Tiliä ei ole vielä vahvistettu.' : null;
    check(!expected || before.includes(expected), `the status page does not ask for the account: ${before}`);
    const taskLink = page.locator('main a[href*="/tasks/"]');
    check(await taskLink.count() === 1, `not one task on the status page: ${before}`);
    await Promise.all([page.waitForURL('**/tasks/**'), taskLink.click()]);
    await noRawKeys(page, 'the bank account form');
    await noViolations(page, `grant-funding-${step}-account-form`);

    // an invalid IBAN (a wrong check digit): the message in the page's language, tied to the field
    const iban = page.locator('input[name="iban"]');
    const holder = page.locator('input[name="holder"]');
    await iban.fill(args['invalid-iban']);
    await holder.fill(args.holder);
    await page.locator('main form button[type="submit"]').last().click();
    await page.locator('#error-summary').waitFor();
    const errors = await mainText(page);
    const message = step === 'account' ? 'Tilinumero ei ole kelvollinen IBAN-tilinumero.' : 'Kontonumret är inte ett giltigt IBAN-nummer.';
    check(errors.includes(message), `the invalid IBAN is not refused with "${message}": ${errors}`);
    check((await iban.getAttribute('aria-invalid')) === 'true', 'the IBAN field is not marked invalid');
    const target = await page.locator('#error-summary a').first().getAttribute('href');
    check(target === `#${await iban.getAttribute('id')}`, `the error summary links to ${target}, not to the IBAN field`);
    check((await iban.inputValue()) === args['invalid-iban'], 'the typed IBAN is lost');
    await noRawKeys(page, 'the refused bank account form');
    await noViolations(page, `grant-funding-${step}-account-form-error`);
    if (step === 'swedish') {
      console.log('grant funding (sv): status page and bank account form in Swedish, the invalid IBAN refused in Swedish, '
        + 'no raw message keys, no axe-core violations');
      return;
    }

    // the valid account: back on the status page, masked but for its last four characters, the instalment due
    await iban.fill(args.iban);
    await Promise.all([page.waitForURL(status), page.getByRole('button', { name: 'Vahvista tili' }).click()]);
    const after = await mainText(page);
    check(after.includes('Kiitos, vastauksesi on vastaanotettu.'), `no receipt notice on the status page: ${after}`);
    check(after.includes(args.masked), `the account is not shown masked as ${args.masked}: ${after}`);
    check(!after.includes(args.iban.replace(/ /g, '')) && !after.includes(args.iban), 'the whole IBAN is on the status page');
    check(after.includes('Maksettavana'), `the instalment is not due: ${after}`);
    check(await page.locator('main a[href*="/tasks/"]').count() === 0, 'the bank account task is still on the status page');
    await noViolations(page, 'grant-funding-account-confirmed');
    console.log('grant funding: the invalid IBAN refused in Finnish, the valid account confirmed and shown masked, '
      + 'no axe-core violations');
    return;
  }

  // step report: the use-of-funds report's form, the budget lines from the grant's terms
  const taskLink = page.locator('main a[href*="/tasks/"]');
  check(await taskLink.count() === 1, `not one task on the status page: ${await mainText(page)}`);
  await Promise.all([page.waitForURL('**/tasks/**'), taskLink.click()]);
  check((await page.locator('h1').innerText()) === 'Käyttöselvitys', `the form's heading: ${await page.locator('h1').innerText()}`);
  const used = args.used.split('|');
  for (let i = 0; i < used.length; i++) {
    check(await page.locator(`input[name="reportLines[${i}].description"]`).inputValue() !== '', `budget line ${i} has no description`);
  }
  check(await page.locator(`input[name="reportLines[${used.length}].used"]`).count() === 0, 'more budget lines than the grant has');
  await noRawKeys(page, 'the report form');
  await noViolations(page, 'grant-funding-report-form');
  for (let i = 0; i < used.length; i++) {
    await page.locator(`input[name="reportLines[${i}].used"]`).fill(used[i]);
  }
  await page.locator('input[name="reportUnused"]').fill(args.unused);
  await page.locator('input[name="reportPeopleReached"]').fill('120');
  await page.locator('input[name="reportActivitiesHeld"]').fill('40');
  await page.locator('textarea[name="reportOutcomes"]').fill('Vertaistukiryhmät kokoontuivat joka viikko; 120 omaishoitajaa osallistui.');
  await Promise.all([page.waitForURL(status), page.getByRole('button', { name: 'Lähetä käyttöselvitys' }).click()]);
  const after = await mainText(page);
  check(after.includes('Kiitos, vastauksesi on vastaanotettu.'), `no receipt notice on the status page: ${after}`);
  check(await page.locator('main a[href*="/tasks/"]').count() === 0, 'the report task is still on the status page');
  await noRawKeys(page, 'the status page after the report');
  await noViolations(page, 'grant-funding-report-sent');
  console.log('grant funding: the use-of-funds report sent with its budget lines, no axe-core violations');
});

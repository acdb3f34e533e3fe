// An NGO contact who reads Swedish, in a real browser: the grant application form, a draft saved
// with an attachment (kept when the form is opened again), the application sent, the receipt and
// the status page with the steps of the case. Every visible text must be Swedish: a page fails on
// any Finnish or English word of the list below; money and times must be written the Swedish way.
// axe-core must report no WCAG 2.1 A/AA violation. Run by fi.silta.grants.SwedishApplicantBrowserTest.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(['base-url', 'sign-in-link', 'round-id', 'screenshots'], ['base-url', 'sign-in-link', 'round-id', 'screenshots']);
const base = args['base-url'];
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));

/** Words that give away a Finnish or English text on a Swedish page (whole words, case-sensitive). */
const FOREIGN = ['Hakemus', 'hakemus', 'Lähetä', 'Tallenna', 'luonnos', 'Luonnos', 'euroa', 'klo', 'Liitteet', 'Peru',
  'Kirjaudu', 'Etusivulle', 'Toimit', 'Tilanne', 'vaiheet', 'Sinulta', 'Asiakirjat', 'Hakuaika', 'Application', 'Submit',
  'Draft', 'Select', 'Save', 'Send', 'deadline', 'Attachments'];

async function swedishOnly(page, name) {
  check((await page.locator('html').getAttribute('lang')) === 'sv', `${name}: the page is not lang="sv"`);
  const text = await page.locator('main').innerText();
  const found = FOREIGN.filter((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text));
  check(found.length === 0, `${name}: Finnish or English words on the Swedish page: ${found.join(', ')}\n${text}`);
  return text;
}

await run({ locale: 'sv-FI' }, shot('swedish-failure'), async ({ page }) => {
  await page.goto(new URL(`${args['sign-in-link']}&lang=sv`, base).href);
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);

  await page.goto(new URL(`/portal/grants/${args['round-id']}/apply?lang=sv`, base).href);
  const form = await swedishOnly(page, 'the form');
  check(/kl\. \d{2}\.\d{2}/.test(form), `the deadline is not written the Swedish way: ${form}`);
  check(/10\u00a0000,00\u00a0€/.test(form), `the maximum is not written the Swedish way: ${form}`);

  await page.getByLabel('Verksamhet som understödet söks för').fill('Kamratstödsgrupper för närståendevårdare');
  await page.locator('textarea[name="targetGroup"]').fill('Närståendevårdare i Uleåborg');
  await page.getByLabel('Närståendevårdare och anhöriga', { exact: true }).check();
  await page.getByLabel('Mål och hur de följs upp').fill('Ork; uppföljning med enkät');
  await page.getByLabel('Uleåborg', { exact: true }).check();
  await page.getByLabel('Styrelsemedlemmar').fill('Paula Ordförande, Sara Sekreterare');
  await page.getByLabel('Belopp som söks (euro)').fill('4 500,00');
  await page.locator('input[name="budgetLines[0].description"]').fill('Arvoden');
  await page.locator('input[name="budgetLines[0].amount"]').fill('4 500,00');
  const plan = join(tmpdir(), 'verksamhetsplan.pdf');
  await writeFile(plan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.locator('input[type="file"]').setInputFiles(plan);
  await Promise.all([page.waitForURL('**/apply**'), page.getByRole('button', { name: 'Spara utkast' }).click()]);
  await page.locator('.notice[role="status"]').waitFor();

  // opened again: the typed text and the attachment are kept, and no empty budget row was added
  await page.goto(new URL(`/portal/grants/${args['round-id']}/apply`, base).href);
  const draft = await swedishOnly(page, 'the reopened draft');
  check(draft.includes('verksamhetsplan.pdf'), `the draft lost its attachment: ${draft}`);
  check((await page.getByLabel('Verksamhet som understödet söks för').inputValue()).startsWith('Kamratstöd'), 'the draft lost its text');
  check(await page.locator('input[name$=".description"]').count() === 1, 'the reopened draft gained a budget row');
  await noViolations(page, 'sv-draft');

  await Promise.all([page.waitForURL('**/receipt'), page.getByRole('button', { name: 'Skicka ansökan' }).click()]);
  const receipt = await swedishOnly(page, 'the receipt');
  check(/AV-\d{4}-\d{4}/.test(receipt), `no case reference on the receipt: ${receipt}`);
  await noViolations(page, 'sv-receipt');

  await Promise.all([page.waitForURL('**/portal/cases/**'), page.locator('main a[href*="/portal/cases/"]').first().click()]);
  const status = await swedishOnly(page, 'the status page');
  check(status.includes('verksamhetsplan.pdf'), `the draft's attachment did not go with the application: ${status}`);
  check(status.includes('Ärendets skeden'), `no steps on the status page: ${status}`);
  check(status.includes('Ansökan som du skickade') && status.includes('Kamratstödsgrupper') && status.includes('Uleåborg'),
    `no copy of the application on the status page: ${status}`);
  check(await page.locator('ol.case-steps li[aria-current="step"]').count() === 1, 'no current step marked in the steps');
  check(/\d{1,2}\.\d{1,2}\.\d{4}/.test(status), `no date on the status page: ${status}`);
  await noViolations(page, 'sv-status');
  console.log('swedish applicant: every page Swedish, draft kept its attachment, steps shown, no axe-core violations');
});

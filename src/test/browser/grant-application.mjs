// A grant application in a real browser: the form (with a budget row added without JavaScript
// and an attachment), the receipt, and the status page with the process diagram; axe-core must
// report no WCAG 2.1 A/AA violation. Run by fi.silta.grants.GrantApplicationBrowserTest.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(['base-url', 'sign-in-link', 'round-id', 'screenshots'], ['base-url', 'sign-in-link', 'round-id', 'screenshots']);
const base = args['base-url'];
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));

await run({ locale: 'fi-FI' }, shot('grant-failure'), async ({ page }) => {
  await page.goto(new URL(args['sign-in-link'], base).href);
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);

  await page.goto(new URL(`/portal/grants/${args['round-id']}/apply`, base).href);
  check((await page.locator('main').innerText()).includes('Hakuaika päättyy'), 'the form does not tell the deadline');
  await noViolations(page, 'grant-form');

  await page.getByLabel('Toiminta, johon avustusta haetaan').fill('Vertaistukiryhmät omaishoitajille');
  await page.locator('textarea[name="targetGroup"]').fill('Omaishoitajat Oulussa');
  await page.getByLabel('Omaishoitajat ja läheiset', { exact: true }).check();
  await page.getByLabel('Tavoitteet ja miten niiden toteutumista seurataan').fill('Jaksaminen; seuranta kyselyllä');
  await page.getByLabel('Oulu', { exact: true }).check();
  await page.getByLabel('Hallituksen jäsenet').fill('Pekka Puheenjohtaja, Sari Sihteeri');
  await page.getByLabel('Haettava summa (euroa)').fill('4 500,00');
  // a second budget row, added by a plain form post
  await page.locator('button[name="_add"]').click();
  await page.locator('input[name="budgetLines[1].description"]').waitFor();
  const descriptions = page.locator('input[name$=".description"]');
  const amounts = page.locator('input[name^="budgetLines"][name$=".amount"]');
  check(await descriptions.count() >= 2, 'no second budget row after "add"');
  await descriptions.nth(0).fill('Ohjaajien palkkiot');
  await amounts.nth(0).fill('3 000,00');
  await descriptions.nth(1).fill('Tilavuokrat');
  await amounts.nth(1).fill('1 500,00');
  const plan = join(tmpdir(), 'toimintasuunnitelma.pdf');
  await writeFile(plan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.locator('input[type="file"]').setInputFiles(plan);
  await Promise.all([page.waitForURL('**/receipt'), page.getByRole('button', { name: 'Lähetä hakemus' }).click()]);
  const receipt = await page.locator('main').innerText();
  check(/AV-\d{4}-\d{4}/.test(receipt), `no case reference on the receipt: ${receipt}`);
  await noViolations(page, 'grant-receipt');

  await Promise.all([page.waitForURL('**/portal/cases/**'), page.locator('main a[href*="/portal/cases/"]').first().click()]);
  const status = await page.locator('main').innerText();
  check(status.includes('toimintasuunnitelma.pdf'), `the attachment is not on the status page: ${status}`);
  check(status.includes('Peru hakemus'), 'the application cannot be withdrawn on its status page');
  await page.waitForSelector('#case-diagram[data-rendered]', { state: 'attached' });
  check((await page.locator('#case-diagram').getAttribute('data-rendered')) === 'true', 'the diagram did not render');
  check(await page.locator('#case-diagram g.djs-element.silta-current-step').count() >= 1, 'no current step marked on the diagram');
  await noViolations(page, 'grant-status');
  console.log('grant application: sent with an attachment, receipt and status page checked, no axe-core violations');
});

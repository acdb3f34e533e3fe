// A contact's journey through the portal in a real browser: the front page, the mailed sign-in
// link, the registration form with an upload, the receipt, the status page, and Swedish.
// axe-core must report no WCAG 2.1 A/AA violation on any of those pages.
// Run by fi.silta.portal.PortalBrowserTest (the test mails the link and passes it here).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, noViolations as axe, options, run } from './lib.mjs';

const args = options(['base-url', 'sign-in-link', 'business-id', 'screenshots'], ['base-url', 'sign-in-link', 'business-id', 'screenshots']);
const base = args['base-url'];
const shot = (name) => join(args.screenshots, `${name}.png`);
const noViolations = (page, name) => axe(page, name, shot(name));

await run({ locale: 'fi-FI' }, shot('portal-failure'), async ({ page }) => {
  await page.goto(new URL('/', base).href);
  check((await page.locator('html').getAttribute('lang')) === 'fi', 'front page is not lang="fi"');
  await noViolations(page, 'portal-front');

  await page.goto(new URL('/portal/login', base).href);
  await noViolations(page, 'portal-login');

  // the mailed link opens a page with one button: signing in takes a click
  await page.goto(new URL(args['sign-in-link'], base).href);
  await noViolations(page, 'portal-login-confirm');
  await Promise.all([page.waitForURL('**/portal/my'), page.locator('main button[type="submit"]').click()]);
  await noViolations(page, 'portal-my');

  await page.goto(new URL('/portal/contact', base).href);
  await noViolations(page, 'portal-contact-form');
  // sent empty first: the errors are shown, tied to their fields, and the page stays accessible
  await page.locator('main form button[type="submit"]').last().click();
  await page.locator('#error-summary').waitFor();
  await noViolations(page, 'portal-contact-form-errors');

  await page.getByLabel('Järjestön nimi').fill('Selaintestin Kyläyhdistys ry');
  await page.getByLabel('Rekisteröity yhdistys').check();
  await page.getByLabel('Y-tunnus').fill(args['business-id']);
  await page.getByLabel('Oulu', { exact: true }).check();
  await page.getByLabel('Nimesi').fill('Selma Selain');
  const pdf = join(tmpdir(), 'valtakirja.pdf');
  await writeFile(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.locator('input[type="file"]').setInputFiles(pdf);
  await page.getByLabel('Vakuutan, että voin toimia järjestön puolesta ja että antamani tiedot ovat oikein.').check();
  await Promise.all([page.waitForURL('**/receipt'), page.locator('main form button[type="submit"]').last().click()]);
  const receipt = await page.locator('main').innerText();
  check(/YH-\d{4}-\d{4}/.test(receipt), `no case reference on the receipt: ${receipt}`);
  await noViolations(page, 'portal-receipt');

  await Promise.all([page.waitForURL('**/portal/cases/**'), page.locator('main a[href*="/portal/cases/"]').first().click()]);
  const status = await page.locator('main').innerText();
  check(status.includes('Hyvinvointialue tarkistaa, että voit toimia järjestön puolesta.'), `status page: ${status}`);
  check(status.includes('valtakirja.pdf'), `the upload is not listed on the status page: ${status}`);
  // the process diagram (bpmn-js) with the current step marked
  await page.waitForSelector('#case-diagram[data-rendered]', { state: 'attached' });
  check((await page.locator('#case-diagram').getAttribute('data-rendered')) === 'true', 'the diagram did not render');
  check(await page.locator('#case-diagram g.djs-element.silta-current-step[data-element-id="Task_VerifyContact"]').count() === 1,
    'the current step is not marked on the diagram');
  check(await page.locator('#case-diagram .djs-container[role="img"][aria-label]').count() === 1, 'the diagram has no accessible name');
  await noViolations(page, 'portal-status');

  await page.locator('a[hreflang="sv"]').first().click();
  await page.locator('html[lang="sv"]').waitFor();
  check((await page.locator('html').getAttribute('lang')) === 'sv', 'the page did not switch to Swedish');
  const swedish = await page.locator('main').innerText();
  check(swedish.includes('Välfärdsområdet kontrollerar att du får företräda organisationen.'), `Swedish status page: ${swedish}`);
  await noViolations(page, 'portal-status-sv');

  // Silta's own error page, in the language chosen (Swedish now), with a way back
  const missing = await page.goto(new URL('/portal/ingen-sida', base).href);
  check(missing.status() === 404, `a missing page answered ${missing.status()}`);
  check((await page.locator('html').getAttribute('lang')) === 'sv', 'the error page is not lang="sv"');
  check((await page.locator('h1').innerText()) === 'Sidan hittades inte', 'the 404 page has no Swedish heading');
  await noViolations(page, 'portal-error-404-sv');
  console.log('portal journey: all pages checked, no axe-core violations');
});

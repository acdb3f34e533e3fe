// Silta's own error pages in a real browser: axe-core must report no WCAG 2.1 A/AA violation on
// any of them. Run by fi.silta.web.ErrorPagesBrowserTest, which lists the pages in --pages (JSON:
// name, path, status, lang and, for a page a browser cannot simply open, the file with the HTML
// the server answered; the browser is given that answer at the page's own address, so the
// stylesheet and everything else come from the server as they would).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, noViolations, options, run } from './lib.mjs';

const o = options(['base-url', 'pages', 'screenshots'], ['base-url', 'pages', 'screenshots']);
const pages = JSON.parse(readFileSync(o.pages, 'utf8'));
const shot = (name) => join(o.screenshots, `error-page-${name}.png`);

await run({}, shot('failure'), async ({ page }) => {
  for (const p of pages) {
    const url = new URL(p.path, o['base-url']).href;
    const answer = (u) => u.href === url;
    if (p.file) {
      await page.route(answer, (route) => route.fulfill({
        status: p.status, contentType: 'text/html; charset=utf-8', body: readFileSync(p.file, 'utf8'),
      }));
    }
    const response = await page.goto(url);
    check(response.status() === p.status, `${p.name}: ${url} answered ${response.status()}, not ${p.status}`);
    check((await page.locator('html').getAttribute('lang')) === p.lang, `${p.name}: the page is not lang="${p.lang}"`);
    check((await page.locator('h1').count()) === 1, `${p.name}: no heading`);
    await noViolations(page, p.name, shot(p.name));
    if (p.file) {
      await page.unroute(answer);
    }
  }
  console.log(`error pages: ${pages.map((p) => p.name).join(', ')} checked, no axe-core violations`);
});

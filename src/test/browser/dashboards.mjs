// The managers' dashboards in a real browser: every page given (--pages, comma-separated paths) opened as a
// manager shows each figure's table, draws each chart (an SVG with a decal pattern or symbols, so that a series
// is told apart without colour, and the values written on it), offers the figure's CSV (text/csv, the same
// header as the table) and keeps its charts and tables when printed; axe-core finds no WCAG 2.1 A/AA
// violation. A reviewer is refused (403) on every page.
import { check, options, run, signIn, noViolations, noRawTranslationKeys, screenshot } from './lib.mjs';

const args = options(['base-url', 'manager', 'reviewer', 'password', 'pages', 'screenshots'],
  ['base-url', 'manager', 'reviewer', 'password', 'pages']);
const base = args['base-url'];
const pages = args.pages.split(',');
const shots = args.screenshots ?? 'target/browser';

await run({}, `${shots}/dashboards-failure.png`, async ({ page, context }) => {
  await signIn(page, base, args.manager, args.password);
  // the staff home leads to the dashboards: nothing reachable only by typing an address
  await page.goto(new URL('/staff', base).href);
  check(await page.locator('a[href="/staff/dashboards"]').count() > 0, 'the staff home has no link to the dashboards');

  for (const path of pages) {
    const response = await page.goto(new URL(path, base).href);
    check(response.status() === 200, `${path}: HTTP ${response.status()}`);
    await noRawTranslationKeys(page, path);
    const figures = page.locator('section.figure');
    const charts = page.locator('section.figure div.chart');
    const chartCount = await charts.count();
    for (let i = 0; i < chartCount; i++) {
      const chart = charts.nth(i);
      await chart.locator('svg').first().waitFor({ state: 'attached', timeout: 30_000 });
      const drawn = await chart.evaluate((el) => {
        const svg = el.querySelector('svg');
        return {
          patterns: svg.querySelectorAll('pattern').length,
          paths: svg.querySelectorAll('path').length,
          texts: [...svg.querySelectorAll('text')].map((t) => t.textContent).filter((t) => /\d/.test(t)).length,
          spec: JSON.parse(el.getAttribute('data-chart')),
        };
      });
      const values = drawn.spec.series.flatMap((s) => s.values).filter((v) => v !== null && v !== 0);
      check(drawn.paths > 0, `${path}: chart ${i} drew nothing`);
      check(drawn.texts > 0, `${path}: chart ${i} writes no numbers`);
      if (drawn.spec.type === 'bar' && values.length > 0) {
        check(drawn.patterns > 0, `${path}: chart ${i} tells its bars apart by colour alone (no decal pattern)`);
      }
    }
    const figureCount = await figures.count();
    for (let i = 0; i < figureCount; i++) {
      const figure = figures.nth(i);
      const empty = await figure.locator('.figure-body').count() === 0;
      if (empty) {
        continue;
      }
      const headers = await figure.locator('table thead th').allInnerTexts();
      check(headers.length > 0, `${path}: figure ${i} has no table`);
      const csvLink = figure.locator('.figure-csv a');
      check(await csvLink.count() === 1, `${path}: figure ${i} has no CSV link`);
      const csv = await context.request.get(new URL(await csvLink.getAttribute('href'), base).href);
      check(csv.status() === 200, `${path}: CSV of figure ${i}: HTTP ${csv.status()}`);
      check((csv.headers()['content-type'] || '').startsWith('text/csv'), `${path}: CSV of figure ${i} is not text/csv`);
      const firstLine = (await csv.text()).replace(/^\ufeff/, '').split('\r\n')[0];
      check(firstLine === headers.map((h) => h.trim()).join(';'), `${path}: CSV header ${firstLine} is not the table's ${headers}`);
    }
    await noViolations(page, path, `${shots}/dashboard-${path.replace(/[^a-z0-9]+/gi, '-')}.png`);
    // printed: the navigation goes, the charts and tables stay
    await page.emulateMedia({ media: 'print' });
    if (chartCount > 0) {
      check(await charts.first().isVisible(), `${path}: the chart is hidden in print`);
    }
    check(!(await page.locator('.site-header nav').isVisible()), `${path}: the navigation is printed`);
    await page.emulateMedia({ media: 'screen' });
  }
  await screenshot(page, `${shots}/dashboards-last.png`);
  console.log(`${pages.length} dashboard pages: charts, tables, CSV, print; no axe-core violations`);

  await context.clearCookies();
  await signIn(page, base, args.reviewer, args.password);
  for (const path of ['/staff/dashboards', ...pages]) {
    const response = await page.goto(new URL(path, base).href);
    check(response.status() === 403, `${path}: a reviewer got HTTP ${response.status()}`);
  }
  await page.goto(new URL('/staff', base).href);
  check(await page.locator('a[href^="/staff/dashboards"]').count() === 0, 'a reviewer\'s home links to the dashboards');
});

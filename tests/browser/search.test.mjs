// Browser test of the search page in Debian's Chromium, driven by playwright-core (server,
// browser and check helpers from lib.mjs).
//
//   WAKALA_BIN=build/debug/wakala node tests/browser/search.test.mjs
//
// Loads the demo content into a temporary SQLite database, serves it, types «اهداف» (no hamza)
// into the search box of the home page, submits, and checks that the seed article «أهداف …»
// is found with «أهداف» highlighted, on a desktop and a phone viewport; saves screenshots to
// tests/artifacts/. Prints one line per check; exits non-zero when any check fails.

import assert from 'node:assert/strict';
import path from 'node:path';

import {
  artifacts, check, launch, noHorizontalScroll, noProblems, open, prepare, runTest, serve, stopServer,
  watch,
} from './lib.mjs';

const SEED_TITLE = 'أهداف اللقاء الثاني بين السيسي و حفتر';
// Typed as readers type it: bare alef, no hamza; the article writes «أهداف».
const QUERY = 'اهداف';

// ---- main ----------------------------------------------------------------------------------

await runTest({
  name: 'search.test.mjs',
  tmpPrefix: 'wakala-browser-',
  passed: 'all browser checks passed; screenshots in tests/artifacts/',
  failedNote: 'screenshots in tests/artifacts/',
}, async (t) => {
  if (!await prepare(t, 'the demo content loads (wakala demo exits 0)', [['demo', '--from', 'demo']])) return;

  const server = await serve(t);
  if (!server) return;
  const base = server.base;

  const browser = await launch(t);
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 800 }]) {
    const label = `${viewport.width}×${viewport.height}`;
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    await open(page, base + '/');
    await check(`${label}: the home page has a search box`, async () => {
      assert.equal(await page.locator('header form.search-form input[name=q]').count(), 1);
    });
    await page.fill('header form.search-form input[name=q]', QUERY);
    await Promise.all([page.waitForURL(/\/search\?q=/, { timeout: 60000 }),
      page.press('header form.search-form input[name=q]', 'Enter')]);
    await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
    await check(`${label}: submitting «${QUERY}» opens /search with the query`, async () => {
      assert.equal(new URL(page.url()).searchParams.get('q'), QUERY);
      assert.equal(await page.inputValue('#search-q'), QUERY);
    });
    await check(`${label}: the seed article «${SEED_TITLE}» is among the results`, async () => {
      const titles = await page.$$eval('.search-result h2', (els) => els.map((e) => e.textContent.trim()));
      assert.ok(titles.includes(SEED_TITLE), `results: ${titles.join(' | ')}`);
    });
    await check(`${label}: «أهداف» (with its hamza) is highlighted in the seed result`, async () => {
      const marks = await page.$$eval('.search-result', (items, title) => {
        const item = items.find((li) => li.querySelector('h2').textContent.trim() === title);
        return item ? [...item.querySelectorAll('mark')].map((m) => m.textContent) : null;
      }, SEED_TITLE);
      assert.ok(marks, 'no seed result');
      assert.ok(marks.includes('أهداف'), `marks: ${JSON.stringify(marks)}`);
      const color = await page.$eval('.search-result mark', (m) => getComputedStyle(m).backgroundColor);
      assert.notEqual(color, 'rgba(0, 0, 0, 0)', 'the highlight is visible');
    });
    await check(`${label}: the result count is shown`, async () => {
      assert.match(await page.textContent('.search-count'), /عدد النتائج/);
    });
    await check(`${label}: no horizontal scroll`, () => noHorizontalScroll(page));
    await check(`${label}: no console errors or failed requests`, () => noProblems(problems));
    await page.screenshot({ path: path.join(artifacts, `search-${viewport.width}.png`), fullPage: true });
    await context.close();
  }

  await stopServer(t);
});

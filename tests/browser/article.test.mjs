// Browser test of the wakala site in Debian's Chromium, driven by playwright-core.
//
//   WAKALA_BIN=build/debug/wakala node tests/browser/article.test.mjs
//
// Starts `wakala serve` on a free port over a temporary SQLite database loaded with the demo
// content, then checks the seed article (RTL, Arabic, its four subheadings as h2 elements in the
// article body, the headline as the only h1, no console errors or failed requests, no horizontal
// scroll on a 375×800 phone), the home page and a section page; saves screenshots to
// tests/artifacts/; stops the server with SIGTERM and checks that it exits 0.
// Prints one line per check; exits non-zero when any check fails.

import assert from 'node:assert/strict';
import path from 'node:path';

import {
  artifacts, check, closeBrowser, launch, noHorizontalScroll, noProblems, open, prepare, runTest, serve,
  stopServer, watch,
} from './lib.mjs';

const SEED_SLUG = 'أهداف-اللقاء-الثاني-بين-السيسي-و-حفتر';
const SEED_PATH = '/article/' + encodeURIComponent(SEED_SLUG);
const SEED_TITLE = 'أهداف اللقاء الثاني بين السيسي و حفتر';
const SEED_SUBHEADINGS = [
  'اللقاء الأول وأهدافه',
  'قمة الترويكا',
  'اللقاء الثاني بين حفتر والسيسي',
  'مصر والسراج',
];
const SECTION_PATH = '/section/politics';
const SECTION_NAME = 'سياسة';

// ---- main ----------------------------------------------------------------------------------

await runTest({
  name: 'article.test.mjs',
  tmpPrefix: 'wakala-browser-',
  passed: 'all browser checks passed; screenshots in tests/artifacts/',
  failedNote: 'screenshots in tests/artifacts/',
}, async (t) => {
  if (!await prepare(t, 'the demo content loads (wakala demo exits 0)', [['demo', '--from', 'demo']])) return;

  const server = await serve(t);
  if (!server) return;
  const base = server.base;

  const browser = await launch(t);

  // -- the seed article on a desktop viewport
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    const response = await open(page, base + SEED_PATH);
    await check(`the seed article answers 200 (${SEED_PATH})`, () => {
      assert.equal(response?.status(), 200);
    });
    await check('the document is RTL: getComputedStyle(html).direction === "rtl"', async () => {
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), 'rtl');
    });
    await check('the document is Arabic: html lang === "ar"', async () => {
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    });
    await check('the headline is the only h1', async () => {
      const h1s = await page.$$eval('h1', (els) => els.map((e) => e.textContent.trim()));
      assert.deepEqual(h1s, [SEED_TITLE]);
    });
    await check('exactly the four subheadings are h2 elements in the article body, in order', async () => {
      const h2s = await page.$$eval('article .article-body h2', (els) => els.map((e) => e.textContent.trim()));
      assert.deepEqual(h2s, SEED_SUBHEADINGS);
      // ...and none of them is rendered as anything else (a paragraph, an h3) anywhere.
      const elsewhere = await page.evaluate((texts) => [...document.querySelectorAll('body *')]
        .filter((e) => texts.includes(e.textContent.trim()) && !e.closest('.article-body h2'))
        .filter((e) => ![...e.children].some((c) => c.textContent.trim() === e.textContent.trim()))
        .map((e) => `${e.tagName}: ${e.textContent.trim()}`), SEED_SUBHEADINGS);
      assert.deepEqual(elsewhere, [], 'subheading text outside an article-body h2');
    });
    await page.screenshot({ path: path.join(artifacts, 'seed-article.png'), fullPage: true });
    await check('the seed article has no console errors and no failed requests (desktop)', () => noProblems(problems));
    await context.close();
  }

  // -- the seed article on a phone
  {
    const context = await browser.newContext({
      viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const problems = watch(page);
    const response = await open(page, base + SEED_PATH);
    await check('the seed article answers 200 on a 375×800 phone', () => assert.equal(response?.status(), 200));
    await check('the seed article has no horizontal scroll on a 375×800 phone', () => noHorizontalScroll(page));
    await page.screenshot({ path: path.join(artifacts, 'seed-article-mobile.png') });
    await check('the seed article has no console errors and no failed requests (phone)', () => noProblems(problems));
    await context.close();
  }

  // -- the home page and a section page, desktop and phone
  const others = [
    { name: 'home page', path: '/', shot: 'home', h1: null },
    { name: `section page (${SECTION_PATH})`, path: SECTION_PATH, shot: 'section', h1: SECTION_NAME },
  ];
  for (const o of others) {
    for (const phone of [false, true]) {
      const context = await browser.newContext(phone
        ? { viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
        : { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watch(page);
      const response = await open(page, base + o.path);
      const where = phone ? 'phone' : 'desktop';
      await check(`the ${o.name} renders (200, RTL, articles listed) (${where})`, async () => {
        assert.equal(response?.status(), 200);
        const info = await page.evaluate(() => ({
          dir: getComputedStyle(document.documentElement).direction,
          lang: document.documentElement.lang,
          h1: [...document.querySelectorAll('h1')].map((e) => e.textContent.trim()),
          cards: document.querySelectorAll('article.card').length,
        }));
        assert.equal(info.dir, 'rtl');
        assert.equal(info.lang, 'ar');
        assert.equal(info.h1.length, 1, `h1 elements: ${JSON.stringify(info.h1)}`);
        if (o.h1) assert.equal(info.h1[0], o.h1);
        assert.ok(info.cards > 0, 'no article cards');
      });
      if (phone) {
        await check(`the ${o.name} has no horizontal scroll on a 375×800 phone`, () => noHorizontalScroll(page));
      }
      await page.screenshot({ path: path.join(artifacts, `${o.shot}${phone ? '-mobile' : ''}.png`), fullPage: !phone });
      await check(`the ${o.name} has no console errors and no failed requests (${where})`, () => noProblems(problems));
      await context.close();
    }
  }

  await closeBrowser(t);

  // -- graceful stop
  await stopServer(t);
});

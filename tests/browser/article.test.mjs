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
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const artifacts = path.join(root, 'tests', 'artifacts');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

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

// ---- checks --------------------------------------------------------------------------------

let failures = 0;

async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   - ${name}`);
  } catch (err) {
    failures++;
    console.log(`FAIL - ${name}`);
    console.log(String(err && err.message ? err.message : err).replace(/^/gm, '       '));
  }
}

function fatal(message) {
  console.error(`article.test.mjs: ${message}`);
  process.exit(2);
}

// ---- the server ----------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Resolves once the server prints "wakala: serving", rejects if it exits first or times out.
function startServer(bin, db, port) {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, [
    'serve', '--db', `sqlite:${db}`, '--listen', `127.0.0.1:${port}`, '--base-url', base,
    '--theme', 'themes/default',
  ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (d) => { output.stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { output.stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not print "wakala: serving" within 60 s')), 60000);
    child.stdout.on('data', () => {
      if (output.stdout.includes('wakala: serving')) { clearTimeout(timer); resolve(); }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  return { child, base, output, exited, ready };
}

// ---- the browser ---------------------------------------------------------------------------

// Records console errors, page errors, failed requests and HTTP errors for one page.
function watch(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url || '?'})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  // Let late requests (fonts, favicon) settle before the problems are read.
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
  return response;
}

function noProblems(problems) {
  assert.deepEqual(problems, [], `problems:\n${problems.join('\n')}`);
}

async function noHorizontalScroll(page) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(m.scrollWidth <= m.innerWidth,
    `document.documentElement.scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`);
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const binEnv = process.env.WAKALA_BIN;
  if (!binEnv) fatal('set WAKALA_BIN to the wakala binary, e.g. WAKALA_BIN=build/release/wakala');
  const bin = path.resolve(process.cwd(), binEnv);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wakala-browser-'));
  const db = path.join(tmp, 'wakala.db');
  mkdirSync(artifacts, { recursive: true });

  let server = null;
  let browser = null;
  try {
    const demo = spawnSync(bin, ['demo', '--from', 'demo', '--db', `sqlite:${db}`],
      { cwd: root, encoding: 'utf8' });
    if (demo.error) fatal(`cannot run ${bin}: ${demo.error.message}`);
    await check('the demo content loads (wakala demo exits 0)', () => {
      assert.equal(demo.status, 0, `exit ${demo.status}\n${demo.stdout}${demo.stderr}`);
    });
    if (demo.status !== 0) return;

    server = startServer(bin, db, await freePort());
    let ready = true;
    await check('the server starts and prints "wakala: serving"', async () => {
      try { await server.ready; } catch (e) {
        ready = false;
        throw new Error(`${e.message}\n${server.output.stdout}${server.output.stderr}`);
      }
    });
    if (!ready) return;
    const base = server.base;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

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

    await browser.close();
    browser = null;

    // -- graceful stop
    server.child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30000));
    const result = await Promise.race([server.exited, timeout]);
    await check('the server stops on SIGTERM and exits 0', () => {
      assert.ok(result, 'still running 30 s after SIGTERM');
      assert.equal(result.signal, null, `killed by ${result.signal}`);
      assert.equal(result.code, 0, `exit code ${result.code}\n${server.output.stderr}`);
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  failures++;
  console.log(`FAIL - unexpected error: ${err && err.stack ? err.stack : err}`);
}
if (failures > 0) {
  console.log(`${failures} check(s) failed; screenshots in tests/artifacts/`);
  process.exit(1);
}
console.log('all browser checks passed; screenshots in tests/artifacts/');

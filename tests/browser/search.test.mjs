// Browser test of the search page in Debian's Chromium, driven by playwright-core (the launch
// pattern of article.test.mjs).
//
//   WAKALA_BIN=build/debug/wakala node tests/browser/search.test.mjs
//
// Loads the demo content into a temporary SQLite database, serves it, types «اهداف» (no hamza)
// into the search box of the home page, submits, and checks that the seed article «أهداف …»
// is found with «أهداف» highlighted, on a desktop and a phone viewport; saves screenshots to
// tests/artifacts/. Prints one line per check; exits non-zero when any check fails.

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

const SEED_TITLE = 'أهداف اللقاء الثاني بين السيسي و حفتر';
// Typed as readers type it: bare alef, no hamza; the article writes «أهداف».
const QUERY = 'اهداف';

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
  console.error(`search.test.mjs: ${message}`);
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

    server.child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30000));
    const result = await Promise.race([server.exited, timeout]);
    await check('the server stops on SIGTERM and exits 0', () => {
      assert.ok(result, 'still running 30 s after SIGTERM');
      assert.equal(result.code, 0, `exit code ${result?.code}\n${server.output.stderr}`);
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

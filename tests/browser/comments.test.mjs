// Browser test of readers' comments (issue 4) in Debian's Chromium, driven by playwright-core.
//
//   WAKALA_BIN=build/debug/wakala node tests/browser/comments.test.mjs
//
// Starts `wakala serve` on a free port over a temporary SQLite database loaded with the demo
// content (time zone UTC, no minimum fill time for the comment form, so the test need not
// wait) with an editor account, then, in Chromium: a reader with JavaScript off opens the lead
// article, writes an Arabic comment with a link and posts the form, lands back on the article
// with «تعليقك بانتظار المراجعة» and does not see the comment yet; the editor logs in, sees
// the count on the dashboard and the comment in the queue at /admin/comments, and publishes
// it; the reader reloads the article and sees the comment, its link rel="nofollow ugc
// noopener" and its text dir="auto". Saves a screenshot of the article's comments to
// tests/artifacts/comments-article.png; stops the server with SIGTERM and checks it exits 0.
//
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

const USER = 'محررة';
const PASSWORD = 'browser-test-password';
const READER = 'أمينة';
const COMMENT = 'شكراً على التغطية الدقيقة. التفاصيل هنا https://example.com/report';
const HELD = 'تعليقك بانتظار المراجعة';
const PUBLIC_TIMEOUT_MS = 10000;

// ---- checks --------------------------------------------------------------------------------

let failures = 0;

async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   - ${name}`);
    return true;
  } catch (err) {
    failures++;
    console.log(`FAIL - ${name}`);
    console.log(String(err && err.message ? err.message : err).replace(/^/gm, '       '));
    return false;
  }
}

function fatal(message) {
  console.error(`comments.test.mjs: ${message}`);
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

function cli(bin, db, args, input) {
  const r = spawnSync(bin, [...args, '--db', `sqlite:${db}`], { cwd: root, encoding: 'utf8', input: input ?? '' });
  if (r.error) fatal(`cannot run ${bin}: ${r.error.message}`);
  return r;
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

function noProblems(problems) {
  assert.deepEqual(problems, [], `problems:\n${problems.join('\n')}`);
}

// Reloads `url` in `page` until `predicate(page)` holds or `timeout` ms pass; returns whether it held.
async function pollPage(page, url, predicate, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    if (await predicate(page)) return true;
    if (Date.now() >= deadline) return false;
    await page.waitForTimeout(500);
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const binEnv = process.env.WAKALA_BIN;
  if (!binEnv) fatal('set WAKALA_BIN to the wakala binary, e.g. WAKALA_BIN=build/release/wakala');
  const bin = path.resolve(process.cwd(), binEnv);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wakala-browser-comments-'));
  const db = path.join(tmp, 'wakala.db');
  mkdirSync(artifacts, { recursive: true });

  let server = null;
  let browser = null;
  try {
    const setup = [
      ['demo', '--from', 'demo'],
      ['settings', 'set', 'timezone', 'UTC'],
      ['settings', 'set', 'comments_min_seconds', '0'],
    ].map((args) => [args, cli(bin, db, args)]);
    setup.push([['user', 'add', USER, '--role', 'editor', '--password-stdin'],
      cli(bin, db, ['user', 'add', USER, '--role', 'editor', '--password-stdin'], `${PASSWORD}\n`)]);
    const setupOk = await check('the site is prepared (demo, timezone UTC, no minimum fill time, an editor)', () => {
      for (const [args, r] of setup) assert.equal(r.status, 0, `wakala ${args.join(' ')}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    });
    if (!setupOk) return;

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
    // The reader browses with JavaScript off: the form must work without it.
    const readerContext = await browser.newContext({
      viewport: { width: 1280, height: 900 }, locale: 'ar', javaScriptEnabled: false,
    });
    const reader = await readerContext.newPage();
    const readerProblems = watch(reader);

    // -- the reader opens the lead article and posts a comment
    await reader.goto(base + '/', { waitUntil: 'load' });
    const articleUrl = new URL(await reader.getAttribute('h2.lead-title a', 'href'), base).href;
    await reader.goto(articleUrl, { waitUntil: 'load' });
    await check('the article shows the comment form and the agency\'s disclaimer', async () => {
      assert.ok(await reader.isVisible('form.comment-form'));
      assert.match(await reader.textContent('section.comments .comments-disclaimer'), /تعبر عن رأي أصحابها/);
      const box = await reader.locator('p.comment-website').boundingBox();
      assert.ok(box && box.width <= 1 && box.height <= 1, `the honeypot field takes room: ${JSON.stringify(box)}`);
    });
    await reader.fill('form.comment-form input[name=name]', READER);
    await reader.fill('form.comment-form textarea[name=body]', COMMENT);
    await Promise.all([reader.waitForURL(/\?comment=held/), reader.click('form.comment-form button[type=submit]')]);
    await check('posting lands back on the article with «تعليقك بانتظار المراجعة»', async () => {
      assert.equal(new URL(reader.url()).pathname, new URL(articleUrl).pathname);
      assert.match(await reader.textContent('p.comment-notice'), new RegExp(HELD));
    });
    await check('the held comment is not shown yet', async () => {
      assert.equal(await reader.locator('.comment-text').count(), 0);
    });

    // -- the editor publishes it
    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    const page = await editorContext.newPage();
    const problems = watch(page);
    await page.goto(base + '/admin/login', { waitUntil: 'load' });
    await page.fill('input[name=name]', USER);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(base + '/admin'), page.click('button:has-text("دخول")')]);
    await check('the dashboard counts one comment waiting', async () => {
      assert.equal((await page.textContent('b.held-count')).trim(), '1');
    });
    await Promise.all([page.waitForNavigation(), page.click('header a:has-text("التعليقات")')]);
    await check('the queue shows the comment', async () => {
      const row = page.locator('li.comment-row', { hasText: READER });
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), /شكراً على التغطية الدقيقة/);
    });
    await Promise.all([page.waitForNavigation(), page.click('li.comment-row button:has-text("انشر")')]);
    await check('publishing says so and empties the queue', async () => {
      assert.match(await page.textContent('p.notice'), /نُشر التعليق/);
      assert.equal(await page.locator('li.comment-row').count(), 0);
    });

    // -- the reader sees it
    const shown = await pollPage(reader, articleUrl, async (p) => (await p.locator('.comment-text').count()) === 1,
      PUBLIC_TIMEOUT_MS);
    await check('the article shows the published comment', async () => {
      assert.ok(shown, `not shown within ${PUBLIC_TIMEOUT_MS / 1000} s`);
      assert.match(await reader.textContent('.comment-text'), /شكراً على التغطية الدقيقة/);
      assert.match(await reader.textContent('.comment-author'), new RegExp(READER));
      assert.equal(await reader.getAttribute('.comment-text', 'dir'), 'auto');
      assert.equal(await reader.getAttribute('.comment-text a', 'rel'), 'nofollow ugc noopener');
      assert.equal(await reader.getAttribute('.comment-text a', 'href'), 'https://example.com/report');
    });
    await reader.locator('section.comments').screenshot({ path: path.join(artifacts, 'comments-article.png') });
    await check('no console errors and no failed requests', () => {
      noProblems(readerProblems);
      noProblems(problems);
    });

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
  console.log(`${failures} check(s) failed; screenshot in tests/artifacts/`);
  process.exit(1);
}
console.log('all comment browser checks passed; screenshot in tests/artifacts/comments-article.png');

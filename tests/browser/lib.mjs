// What the browser tests in this folder (*.test.mjs) share; each test keeps its own checks.
//
// This module owns: the check lines ("ok   - …" / "FAIL - …") and the failure count; fatal
// errors (prefixed with the test's name, exit 2); the closing line and exit code (runTest); the
// repo root and tests/artifacts/; a temporary folder for the SQLite database, removed at the
// end; the wakala binary (WAKALA_BIN) and its CLI (cli, prepare); `wakala serve` on a free
// port, its start check (serve) and its SIGTERM-and-exit-0 check (stopServer); Debian's
// Chromium, its path and flags (launch); watching a page for console errors, page errors,
// failed requests and HTTP errors (watch, noProblems); and open, pollPage, logIn and
// noHorizontalScroll.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const artifacts = path.join(root, 'tests', 'artifacts');

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// ---- checks --------------------------------------------------------------------------------

let failures = 0;
let testName = path.basename(process.argv[1] ?? 'browser test');

// Runs one check, prints its line; returns whether it passed.
export async function check(name, fn) {
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

export function fatal(message) {
  console.error(`${testName}: ${message}`);
  process.exit(2);
}

// Runs `body(t)` with t = { bin, tmp, db, server, browser }: the wakala binary from WAKALA_BIN,
// a fresh temporary folder (prefix `tmpPrefix`) and the database path in it; `serve` and
// `launch` fill in t.server and t.browser, which are closed (the server killed if still running)
// and the folder removed afterwards. An exception thrown by the body counts as a failed check.
// Then prints `${failures} check(s) failed; ${failedNote}` and exits 1, or prints `passed`.
// `name` prefixes fatal errors.
export async function runTest({ name, tmpPrefix, passed, failedNote }, body) {
  testName = name;
  try {
    const binEnv = process.env.WAKALA_BIN;
    if (!binEnv) fatal('set WAKALA_BIN to the wakala binary, e.g. WAKALA_BIN=build/release/wakala');
    const bin = path.resolve(process.cwd(), binEnv);

    const tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    const t = { bin, tmp, db: path.join(tmp, 'wakala.db'), server: null, browser: null };
    mkdirSync(artifacts, { recursive: true });
    try {
      await body(t);
    } finally {
      if (t.browser) await t.browser.close().catch(() => {});
      const server = t.server;
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (err) {
    failures++;
    console.log(`FAIL - unexpected error: ${err && err.stack ? err.stack : err}`);
  }
  if (failures > 0) {
    console.log(`${failures} check(s) failed; ${failedNote}`);
    process.exit(1);
  }
  console.log(passed);
}

// ---- the server ----------------------------------------------------------------------------

// Runs `wakala ARGS --db sqlite:DB` with `input` on its standard input; fatal if it cannot run.
export function cli(bin, db, args, input) {
  const r = spawnSync(bin, [...args, '--db', `sqlite:${db}`], { cwd: root, encoding: 'utf8', input: input ?? '' });
  if (r.error) fatal(`cannot run ${bin}: ${r.error.message}`);
  return r;
}

// Runs each step over t.db (an args array, or { args, input }), then checks, as `name`, that
// every one exited 0; returns whether they did.
export async function prepare(t, name, steps) {
  const runs = steps.map((step) => {
    const { args, input } = Array.isArray(step) ? { args: step } : step;
    return [args, cli(t.bin, t.db, args, input)];
  });
  return check(name, () => {
    for (const [args, r] of runs) assert.equal(r.status, 0, `wakala ${args.join(' ')}: exit ${r.status}\n${r.stdout}${r.stderr}`);
  });
}

export function freePort() {
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

// Spawns `wakala serve` over `db` on `port`, with `extraArgs` after the common ones. `ready`
// resolves once the server prints "wakala: serving", rejects if it exits first or times out.
export function startServer(bin, db, port, extraArgs = []) {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, [
    'serve', '--db', `sqlite:${db}`, '--listen', `127.0.0.1:${port}`, '--base-url', base,
    '--theme', 'themes/default', ...extraArgs,
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

// Starts the server over t.db on a free port (into t.server) and checks that it gets ready;
// returns the server, or null when it did not start.
export async function serve(t, extraArgs = []) {
  const server = startServer(t.bin, t.db, await freePort(), extraArgs);
  t.server = server;
  const ready = await check('the server starts and prints "wakala: serving"', async () => {
    try { await server.ready; } catch (e) {
      throw new Error(`${e.message}\n${server.output.stdout}${server.output.stderr}`);
    }
  });
  return ready ? server : null;
}

// Sends t.server SIGTERM and checks that it exits 0 within 30 s.
export async function stopServer(t) {
  const server = t.server;
  server.child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30000));
  const result = await Promise.race([server.exited, timeout]);
  await check('the server stops on SIGTERM and exits 0', () => {
    assert.ok(result, 'still running 30 s after SIGTERM');
    assert.equal(result.signal, null, `killed by ${result.signal}`);
    assert.equal(result.code, 0, `exit code ${result.code}\n${server.output.stderr}`);
  });
}

// ---- the browser ---------------------------------------------------------------------------

// Launches Debian's Chromium headless (into t.browser).
export async function launch(t) {
  t.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return t.browser;
}

// Closes t.browser now rather than at the end.
export async function closeBrowser(t) {
  await t.browser.close();
  t.browser = null;
}

// Records console errors, page errors, failed requests and HTTP errors for one page.
export function watch(page) {
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

export function noProblems(problems) {
  assert.deepEqual(problems, [], `problems:\n${problems.join('\n')}`);
}

export async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  // Let late requests (fonts, favicon) settle before the problems are read.
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
  return response;
}

// Reloads `url` in `page` until `predicate(page)` holds or `timeout` ms pass; returns whether it held.
export async function pollPage(page, url, predicate, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    if (await predicate(page)) return true;
    if (Date.now() >= deadline) return false;
    await page.waitForTimeout(500);
  }
}

// Logs in at /admin/login and waits for the dashboard.
export async function logIn(page, base, user, password) {
  await page.goto(base + '/admin/login', { waitUntil: 'load' });
  await page.fill('input[name=name]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(base + '/admin'), page.click('button:has-text("دخول")')]);
}

export async function noHorizontalScroll(page) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(m.scrollWidth <= m.innerWidth,
    `document.documentElement.scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`);
}

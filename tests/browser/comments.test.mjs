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
import path from 'node:path';

import {
  artifacts, check, closeBrowser, launch, logIn, noProblems, pollPage, prepare, runTest, serve, stopServer,
  watch,
} from './lib.mjs';

const USER = 'محررة';
const PASSWORD = 'browser-test-password';
const READER = 'أمينة';
const COMMENT = 'شكراً على التغطية الدقيقة. التفاصيل هنا https://example.com/report';
const HELD = 'تعليقك بانتظار المراجعة';
const PUBLIC_TIMEOUT_MS = 10000;

// ---- main ----------------------------------------------------------------------------------

await runTest({
  name: 'comments.test.mjs',
  tmpPrefix: 'wakala-browser-comments-',
  passed: 'all comment browser checks passed; screenshot in tests/artifacts/comments-article.png',
  failedNote: 'screenshot in tests/artifacts/',
}, async (t) => {
  const prepared = await prepare(t, 'the site is prepared (demo, timezone UTC, no minimum fill time, an editor)', [
    ['demo', '--from', 'demo'],
    ['settings', 'set', 'timezone', 'UTC'],
    ['settings', 'set', 'comments_min_seconds', '0'],
    { args: ['user', 'add', USER, '--role', 'editor', '--password-stdin'], input: `${PASSWORD}\n` },
  ]);
  if (!prepared) return;

  const server = await serve(t);
  if (!server) return;
  const base = server.base;

  const browser = await launch(t);
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
  await logIn(page, base, USER, PASSWORD);
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

  await closeBrowser(t);

  // -- graceful stop
  await stopServer(t);
});

// Browser test of the wakala newsroom in Debian's Chromium, driven by playwright-core.
//
//   WAKALA_BIN=build/debug/wakala node tests/browser/newsroom.test.mjs
//
// Starts `wakala serve` on a free port over a temporary SQLite database loaded with the demo
// content (time zone set to UTC) with an editor account made by `wakala user add
// --password-stdin`, then, in Chromium: logs in; writes an article with an Arabic title and a
// `## ` subheading; previews it (the subheading is an h2 in the preview); schedules it a minute
// ahead (status «منشور» with a future time, which the server turns into «مجدول»); checks it is
// not on the home page yet, then moves the server's clock a minute forward (the server runs with
// --clock-offset-file, an injectable clock) and reloads the home page until the article appears;
// uploads a JPEG in «الصور», chooses it as the article's featured image and sees it, loaded, with
// a srcset, in the public article; edits it twice more; opens «النسخ السابقة», restores the first
// revision and sees its text on the public page. Saves a screenshot of the editor with its
// preview to tests/artifacts/newsroom-editor.png; stops the server with SIGTERM and checks that
// it exits 0.
//
// Prints one line per check; exits non-zero when any check fails.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  artifacts, check, closeBrowser, launch, logIn, noProblems, pollPage, prepare, root, runTest, serve,
  stopServer, watch,
} from './lib.mjs';

const USER = 'محررة';
const PASSWORD = 'browser-test-password';
const TITLE = 'القمة العربية تبحث ملف المياه في الخرطوم';
const SUBHEADING = 'عنوان فرعي';
const FIRST_TEXT = 'افتتحت القمة أعمالها صباح اليوم بكلمة الرئيس.';
const BODY = `${FIRST_TEXT}\n\n## ${SUBHEADING}\n\nتناول المجتمعون ملف المياه.`;
const EDITS = [
  'النسخة الثانية من الخبر بعد وصول تفاصيل جديدة.',
  'النسخة الثالثة من الخبر بعد البيان الختامي.',
];
// How far ahead the article is scheduled, and how long the home page is polled for it once the
// server's clock has been moved past that time.
const SCHEDULE_AHEAD_MS = 60000;
const APPEAR_TIMEOUT_MS = 30000;
const PHOTO = path.join(root, 'tests', 'fixtures', 'media', 'photo.jpg');
const PHOTO_ALT = 'صورة من قاعة القمة';
const PUBLIC_TIMEOUT_MS = 10000;

// ---- helpers -------------------------------------------------------------------------------

// "2026-11-29T05:46:12" in UTC (the site's zone in this test), for <input type="datetime-local">.
function utcInputTime(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}

async function homeTitles(page) {
  return page.$$eval('h2.lead-title a, article.card h3 a', (els) => els.map((e) => e.textContent.trim()));
}

// ---- main ----------------------------------------------------------------------------------

await runTest({
  name: 'newsroom.test.mjs',
  tmpPrefix: 'wakala-browser-newsroom-',
  passed: 'all newsroom browser checks passed; screenshot in tests/artifacts/newsroom-editor.png',
  failedNote: 'screenshot in tests/artifacts/',
}, async (t) => {
  const prepared = await prepare(t, 'the site is prepared (demo, timezone UTC, an editor account)', [
    ['demo', '--from', 'demo'],
    ['settings', 'set', 'timezone', 'UTC'],
    { args: ['user', 'add', USER, '--role', 'editor', '--password-stdin'], input: `${PASSWORD}\n` },
  ]);
  if (!prepared) return;

  // The server's data folder (uploads) is the temporary folder; it reads the seconds to add to
  // its clock from clockFile, which the test writes to move the server's time forward.
  const clockFile = path.join(t.tmp, 'clock-offset');
  const server = await serve(t, ['--data', t.tmp, '--clock-offset-file', clockFile]);
  if (!server) return;
  const base = server.base;

  const browser = await launch(t);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  const page = await context.newPage();
  const problems = watch(page);

  // -- log in
  await logIn(page, base, USER, PASSWORD);
  const loggedIn = await check('logging in lands on the dashboard with the account shown', async () => {
    assert.equal(new URL(page.url()).pathname, '/admin');
    assert.match(await page.textContent('form.logout'), new RegExp(USER));
  });
  if (!loggedIn) return;

  // -- write, preview
  await page.click('a:has-text("مقال جديد")');
  await page.waitForURL(base + '/admin/articles/new');
  await page.fill('input[name=title]', TITLE);
  await page.fill('textarea[name=body]', BODY);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("معاينة")')]);
  await check('«معاينة» renders the ## subheading as an h2 in the preview', async () => {
    const h2s = await page.$$eval('.preview-body h2', (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(h2s, [SUBHEADING]);
    assert.equal((await page.textContent('.preview-title')).trim(), TITLE);
  });
  await check('the preview keeps the text in the form', async () => {
    assert.equal(await page.inputValue('input[name=title]'), TITLE);
    assert.equal((await page.inputValue('textarea[name=body]')).replace(/\r\n/g, '\n'), BODY);
  });
  await page.screenshot({ path: path.join(artifacts, 'newsroom-editor.png'), fullPage: true });

  // -- schedule a minute ahead: «منشور» with a future time
  await page.selectOption('select[name=status]', { label: 'منشور' });
  const when = Date.now() + SCHEDULE_AHEAD_MS;
  await page.fill('input[name=publish_at]', utcInputTime(when));
  await Promise.all([page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/), page.click('button:has-text("حفظ")')]);
  const editUrl = page.url().replace(/\?saved=1$/, '');
  await check('saving lands on the article\'s edit page, which says it was saved', async () => {
    assert.match(editUrl, /\/admin\/articles\/\d+$/);
    assert.ok(await page.isVisible('p.notice'), 'no notice');
  });
  await check('the server turned «منشور» with a future time into «مجدول»', async () => {
    const label = await page.$eval('select[name=status]', (s) => s.selectedOptions[0].textContent.trim());
    assert.equal(label, 'مجدول', `status shown: ${label} (scheduled ${when - Date.now()} ms ahead)`);
  });
  const slug = await page.inputValue('input[name=slug]');
  const publicUrl = base + '/article/' + encodeURIComponent(slug);

  // -- not yet public; then the server's clock moves a minute on, and the home page is
  // reloaded until the article appears (the scheduler needs no request)
  const readers = await browser.newPage();
  await check('before its time, the article is neither on the home page nor public', async () => {
    await readers.goto(base + '/', { waitUntil: 'load' });
    assert.ok(!(await homeTitles(readers)).includes(TITLE));
    const r = await readers.request.get(publicUrl);
    assert.equal(r.status(), 404);
  });
  writeFileSync(clockFile, `${Math.ceil((when - Date.now()) / 1000) + 2}\n`);
  const appeared = await pollPage(readers, base + '/', async (p) => (await homeTitles(p)).includes(TITLE),
    APPEAR_TIMEOUT_MS);
  await check('the scheduled article appears on the home page on its own once its time comes', () => {
    assert.ok(appeared, `not on the home page ${APPEAR_TIMEOUT_MS / 1000} s after the clock passed its time`);
  });
  await check('its public page shows the subheading as an h2', async () => {
    const r = await readers.goto(publicUrl, { waitUntil: 'load' });
    assert.equal(r?.status(), 200);
    const h2s = await readers.$$eval('.article-body h2', (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(h2s, [SUBHEADING]);
  });

  // -- upload an image and make it the article's featured image
  await page.goto(base + '/admin/media', { waitUntil: 'load' });
  await page.setInputFiles('input[name=file]', PHOTO);
  await page.fill('input[name=alt]', PHOTO_ALT);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("رفع")')]);
  await check('the upload is listed in «الصور»', async () => {
    assert.ok(await page.isVisible('p.notice'), 'no notice after the upload');
    assert.equal(await page.locator('.media-grid li').count(), 1);
  });
  await page.goto(editUrl, { waitUntil: 'load' });
  await page.check('.media-choice:not(.none) input[name=featured_media]');
  await page.fill('input[name=featured_alt]', PHOTO_ALT);
  await Promise.all([page.waitForURL(/\?saved=1$/), page.click('button:has-text("حفظ")')]);
  const withImage = await pollPage(readers, publicUrl,
    async (p) => (await p.locator(`img[alt="${PHOTO_ALT}"]`).count()) === 1, PUBLIC_TIMEOUT_MS);
  await check('the public article shows the image, loaded, with its srcset', async () => {
    assert.ok(withImage, 'no image with the alt text in the article');
    const img = readers.locator(`img[alt="${PHOTO_ALT}"]`);
    await img.scrollIntoViewIfNeeded();
    await readers.waitForFunction((alt) => {
      const el = document.querySelector(`img[alt="${alt}"]`);
      return el && el.complete;
    }, PHOTO_ALT);
    assert.ok(await img.evaluate((el) => el.naturalWidth) > 0, 'the image did not load');
    assert.match(await img.getAttribute('srcset'), /\d+w/);
  });

  // -- two more edits
  for (const [i, text] of EDITS.entries()) {
    await page.goto(editUrl, { waitUntil: 'load' });
    await page.fill('textarea[name=body]', text);
    await Promise.all([page.waitForURL(/\?saved=1$/), page.click('button:has-text("حفظ")')]);
    await check(`edit ${i + 1} is saved`, async () => {
      assert.equal((await page.inputValue('textarea[name=body]')).replace(/\r\n/g, '\n'), text);
    });
  }
  const latest = await pollPage(readers, publicUrl, async (p) => (await p.textContent('body')).includes(EDITS[1]),
    PUBLIC_TIMEOUT_MS);
  await check('the public page shows the last edit', () => assert.ok(latest));

  // -- restore the first revision
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("النسخ السابقة")')]);
  await check('«النسخ السابقة» lists every revision with its title', async () => {
    const rows = await page.$$eval('table.revisions tbody tr', (trs) => trs.length);
    assert.ok(rows >= 3, `${rows} revisions listed`);
    assert.match(await page.textContent('table.revisions'), new RegExp(TITLE));
  });
  const restore = page.locator('button[form="restore-1"]');
  await check('the first revision has a «استعادة» button', async () => {
    assert.equal(await restore.count(), 1);
    assert.equal((await restore.textContent()).trim(), 'استعادة');
  });
  await Promise.all([page.waitForURL(/\?saved=1$/), restore.click()]);
  await check('after restoring, the editor holds the first revision\'s text', async () => {
    assert.equal((await page.inputValue('textarea[name=body]')).replace(/\r\n/g, '\n'), BODY);
  });
  const restored = await pollPage(readers, publicUrl, async (p) => {
    const text = await p.textContent('body');
    return text.includes(FIRST_TEXT) && !text.includes(EDITS[1]);
  }, PUBLIC_TIMEOUT_MS);
  await check('the public page shows the first revision\'s text again', () => assert.ok(restored));
  await check('the newsroom pages had no console errors and no failed requests', () => noProblems(problems));

  await closeBrowser(t);

  // -- graceful stop
  await stopServer(t);
});

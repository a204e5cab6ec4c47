"""Import from WordPress (WXR) and the whole-site dump (JSON Lines), on SQLite and on
PostgreSQL: small fixtures of our own (tests/fixtures/wxr) always, and the real exports in
../shared/data/wxr (the WordPress importer's fixtures, the theme test data) when present,
skipped visibly otherwise."""

import json
import os
import unittest
from pathlib import Path

import wakala_e2e as e2e

WXR = e2e.FIXTURES / "wxr"
SHARED_WXR = Path(os.environ.get("WAKALA_SHARED_WXR", e2e.REPO.parent / "shared" / "data" / "wxr"))
IMPORTER = SHARED_WXR / "wordpress-importer" / "phpunit-data"
IMPORTER_E2E = SHARED_WXR / "wordpress-importer" / "e2e-fixtures"
NOT_WELL_FORMED = {"crazy-cdata.xml", "malformed.xml", "malformed-simple.xml"}
NOT_WXR = {"missing-version-tag.xml", "invalid-version-tag.xml"}
WIRE_STORY = ("---\ntitle: خبر من وكالة\nsection: politics\nbyline: مراسل\nagency: رويترز\n"
              "source_credit: \"المصدر: رويترز\"\nslug: wire-story\n---\nنص الخبر.\n")


def shared(name):
    """A real export, or SkipTest naming what is missing."""
    for folder in (IMPORTER, SHARED_WXR / "wptt", IMPORTER_E2E):
        if (folder / name).is_file():
            return folder / name
    raise unittest.SkipTest(f"the real WordPress exports are not here ({SHARED_WXR}): "
                            f"{name} skipped; the repository's own fixtures still run")


class ImportTests:

    def api(self, server, path):
        r = server.get(e2e.quote_path(path))
        self.assertStatus(r, 200, path)
        return json.loads(r.body)

    def total(self, server):
        return self.api(server, "/api/articles")["total"]

    # ---- our fixtures ----

    def test_small_export(self):
        site = self.new_site()
        out = site.cli_ok("import", "wxr", WXR / "small.xml")
        self.assertIn("articles: 3 created, 0 updated, 0 unchanged", out)
        self.assertIn("comments: 1 created, 0 updated", out)
        self.assertIn("skipped: 1 pages", out)
        self.assertIn("skipped: 1 posts with status «trash»", out)
        self.assertIn("<script> elements", out)
        server = site.start_server()
        self.assertEqual(self.total(server), 2, "two published posts; the draft stays a draft")
        bank = self.api(server, "/api/articles/central-bank-rates")
        self.assertEqual(bank["title"], "البنك المركزي يثبت أسعار الفائدة")
        self.assertEqual(bank["author"]["name"], "سمير عادل")
        self.assertEqual(bank["section"]["name"], "اقتصاد")
        self.assertEqual([t["name"] for t in bank["tags"]], ["البنوك"])
        self.assertEqual(bank["published_at"], "2019-05-09T10:00:00Z")
        self.assertEqual(bank["updated_at"], "2019-05-10T10:00:00Z")
        self.assertEqual(bank["summary"], "ثبت البنك المركزي أسعار الفائدة.")
        html = bank["body_html"]
        for gone in ("<script", "alert", "onclick", "iframe", "javascript:"):
            self.assertNotIn(gone, html)
        for kept in ("<strong>تثبيت</strong>", "<h2>ردود الفعل</h2>", "<li>البنوك رحبت</li>",
                     "<em>حذرون</em>", "<blockquote>", 'href="https://example.org/report?a=1&amp;b=2"',
                     "1. ليست قائمة &lt;b&gt; * _ #",
                     'src="https://old.example.com/wp-content/uploads/2019/05/bank.jpg"'):
            self.assertIn(kept, html)
        sport = self.api(server, "/api/articles/فوز-الأهلي")
        # <b> in <title> is an XML element: its text stays, the escaped <script> is text.
        self.assertEqual(sport["title"], "فوز الأهلي على <script>الزمالك</script>")
        self.assertEqual(sport["section"]["slug"], "sports")
        self.assertEqual([t["name"] for t in sport["tags"]], ["كرة القدم", "اقتصاد"],
                         "further categories become tags")
        # Old WordPress URLs lead to the new ones.
        for old, new in (("/2019/05/central-bank-rates/", "/article/central-bank-rates"),
                         ("/?p=10", "/article/central-bank-rates"),
                         ("/?p=11", "/article/فوز-الأهلي"),
                         ("/category/اقتصاد/", "/section/اقتصاد")):
            r = server.get(e2e.quote_path(old) if "?" not in old else old)
            self.assertEqual(r.status, 301, old)
            self.assertEqual(r.header("Location"), e2e.quote_path(new), old)
        # Again: updates, never duplicates.
        again = site.cli_ok("import", "wxr", WXR / "small.xml")
        self.assertIn("articles: 0 created, 0 updated, 3 unchanged", again)
        self.assertEqual(self.total(server), 2)

    def test_malformed_export_imports_nothing(self):
        site = self.new_site()
        rc, out, err = site.cli("import", "wxr", WXR / "malformed.xml")
        self.assertNotEqual(rc, 0)
        self.assertRegex(err, r"malformed\.xml:\d+:\d+: not well-formed XML, nothing imported")
        rc, out, err = site.cli("import", "wxr", WXR / "no-version.xml")
        self.assertNotEqual(rc, 0)
        self.assertIn("missing or invalid WXR version number", err)
        self.assertIn("no-version.xml:", err)
        dump = site.cli_ok("export")
        self.assertNotIn('"type":"article"', dump)
        self.assertNotIn('"type":"section"', dump)

    # ---- the real exports ----

    def test_real_exports(self):
        shared("valid-wxr-1.1.xml")
        for path in (sorted(IMPORTER.glob("*.xml")) + sorted(IMPORTER_E2E.glob("*.xml")) +
                     sorted((SHARED_WXR / "wptt").glob("*.xml"))):
            with self.subTest(file=path.name):
                site = self.new_site()
                rc, out, err = site.cli("import", "wxr", path)
                if path.name in NOT_WELL_FORMED:
                    self.assertNotEqual(rc, 0, out)
                    self.assertIn("not well-formed XML", err)
                    self.assertIn(path.name + ":", err)
                elif path.name in NOT_WXR:
                    self.assertNotEqual(rc, 0, out)
                    self.assertIn("WXR version", err)
                else:
                    self.assertEqual(rc, 0, err)
                    self.assertIn("articles:", out)
                    again = site.cli_ok("import", "wxr", path)
                    self.assertIn(" 0 created, 0 updated", again, "a second import changes nothing")

    def test_theme_unit_test_data(self):
        path = shared("theme-unit-test-data.xml")
        site = self.new_site()
        out = site.cli_ok("import", "wxr", path)
        self.assertIn("pages: pages are not articles", out)
        self.assertIn("pingbacks and trackbacks", out)
        self.assertRegex(out, r"comments: [1-9]\d* created")
        server = site.start_server()
        total = self.total(server)
        self.assertGreater(total, 30)
        for f in ("/feed.xml", "/atom.xml", "/sitemap.xml"):
            self.assertStatus(server.get(f), 200, f)

    def test_arabic_challenges(self):
        path = shared("wxr-utf-8-challenges.xml")
        site = self.new_site()
        site.cli_ok("import", "wxr", path)
        dump = site.cli_ok("export")
        self.assertIn("السلام عليكم وﷲ", dump)

    # ---- export / import jsonl ----

    def test_round_trip(self):
        site = self.new_site()
        site.load_demo()
        site.cli_ok("import", "wxr", WXR / "small.xml")
        site.cli_ok("settings", "set", "feed_full_text", "false")
        site.cli_ok("article", "add", "-", input=WIRE_STORY)
        first = site.cli_ok("export")
        self.assertEqual(json.loads(first.splitlines()[0])["format"], "wakala-dump")
        self.assertIn('"old_slugs"', first)
        wire = [json.loads(l) for l in first.splitlines() if '"wire-story"' in l][0]
        self.assertEqual((wire["agency"], wire["source_credit"]), ("رويترز", "المصدر: رويترز"))
        dump = Path(site.dir) / "dump.jsonl"
        dump.write_text(first, encoding="utf-8")
        for backend in {self.backend.name, "sqlite"}:
            target = self.new_site() if backend == self.backend.name else e2e.Site(e2e.SqliteBackend())
            try:
                out = target.cli_ok("import", "jsonl", dump)
                self.assertIn("restored", out)
                second = target.cli_ok("export")
                self.assertEqual(second, first, f"export → import ({backend}) → export")
                rc, _, err = target.cli("import", "jsonl", dump)
                self.assertNotEqual(rc, 0)
                self.assertIn("not empty", err)
            finally:
                if backend != self.backend.name:
                    target.close()
                    target.backend.close()

    def test_a_dump_from_before_agency_and_credit_imports_them_empty(self):
        site = self.new_site()
        site.load_demo()
        site.cli_ok("article", "add", "-", input=WIRE_STORY)
        lines = []
        for line in site.cli_ok("export").splitlines():
            record = json.loads(line)
            if record["type"] == "article":
                del record["agency"], record["source_credit"]
            lines.append(json.dumps(record, ensure_ascii=False))
        old = Path(site.dir) / "old.jsonl"
        old.write_text("\n".join(lines) + "\n", encoding="utf-8")
        target = self.new_site()
        target.cli_ok("import", "jsonl", old)
        wire = [json.loads(l) for l in target.cli_ok("export").splitlines() if '"wire-story"' in l][0]
        self.assertEqual((wire["agency"], wire["source_credit"]), ("", ""))

    def test_bad_dump_names_the_line(self):
        site = self.new_site()
        bad = Path(site.dir) / "bad.jsonl"
        bad.write_text('{"type":"header","format":"wakala-dump","version":1}\n{"type":"section"}\n',
                       encoding="utf-8")
        rc, _, err = site.cli("import", "jsonl", bad)
        self.assertNotEqual(rc, 0)
        self.assertIn("bad.jsonl:2:", err)


for cls in e2e.per_backend(ImportTests):
    globals()[cls.__name__] = cls

if __name__ == "__main__":
    unittest.main()

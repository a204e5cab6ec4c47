"""Arabic search over HTTP (issue 6): the results page, the JSON search and analyse APIs, the
search box on every page and hostile queries; on SQLite and on PostgreSQL."""

import json
import unittest
import urllib.parse

import wakala_e2e as e2e

SEED_TITLE = "أهداف اللقاء الثاني بين السيسي و حفتر"

EXTRA_ARTICLES = {
    "qimma": ("القمة العربية تختتم أعمالها",
              "اختتمت الْقِمَّة العربية أعمالها اليوم بإعلان مشترك."),
    "damj": ("الحكومة تقرر بدمج وزارتين",
             "قررت الحكومة بدمج وزارتي الصناعة والتجارة في وزارة واحدة."),
    "tatweel": ("مهرجـــان الربيع يفتتح أبوابه",
                "افتتح مهرجان الربيع أبوابه للزوار."),
}


def article_text(title, body, slug):
    return (f"---\ntitle: {title}\nslug: {slug}\nsection: politics\nbyline: مراسل الاختبار\n"
            f"date: 2024-01-15 10:00\n---\n\n{body}\n")


class SearchTests:

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        for slug, (title, body) in EXTRA_ARTICLES.items():
            cls.site.cli_ok("article", "add", "-", input=article_text(title, body, slug))
        cls.server = cls.site.start_server()

    def search(self, query, **params):
        params = {"q": query, **params}
        r = self.server.get("/search?" + urllib.parse.urlencode(params))
        self.assertStatus(r, 200, f"/search?q={query}")
        return r

    def titles(self, query, **params):
        doc = self.search(query, **params).document()
        return [li.find("h2").find("a").text() for li in doc.find_all("li", cls="search-result")]

    def api(self, path):
        r = self.server.get(path)
        self.assertEqual(r.header("content-type"), "application/json; charset=utf-8")
        return r.status, json.loads(r.body)

    def test_spelling_variants_find_the_article(self):
        for query, title in [("اهداف", SEED_TITLE), ("السيسى", SEED_TITLE),
                             ("القمه", EXTRA_ARTICLES["qimma"][0]),
                             ("أَهْدَافُ", SEED_TITLE), ("السيـــسي", SEED_TITLE),
                             ("دمج", EXTRA_ARTICLES["damj"][0]),
                             ("مهرجان", EXTRA_ARTICLES["tatweel"][0])]:
            with self.subTest(query=query):
                self.assertIn(title, self.titles(query))

    def test_phrase_and_exclusion(self):
        self.assertIn(SEED_TITLE, self.titles('"اللقاء الثاني"'))
        self.assertNotIn(SEED_TITLE, self.titles('"الثاني اللقاء"'))
        self.assertIn(SEED_TITLE, self.titles("السيسي"))
        self.assertNotIn(SEED_TITLE, self.titles("السيسي -حفتر"))

    def test_results_page_highlights_the_original_text(self):
        doc = self.search("القمة").document()
        self.assertIn("عدد النتائج", doc.find("p", cls="search-count").text())
        result = next(li for li in doc.find_all("li", cls="search-result")
                      if li.find("h2").text() == EXTRA_ARTICLES["qimma"][0])
        marks = [m.text() for m in result.find_all("mark")]
        self.assertIn("القمة", marks, "the title's match")
        self.assertIn("الْقِمَّة", marks, "the body's match, with its diacritics")

    def test_nothing_found_page_helps(self):
        doc = self.search("كلمةغيرموجودةابدا", section="politics").document()
        empty = doc.find("div", cls="search-empty")
        self.assertIsNotNone(empty)
        self.assertIn("الإملاء", empty.text())
        links = [href for href, _, _ in empty.links()]
        self.assertTrue(any("section" not in h for h in links), "a link without the filters")

    def test_every_page_has_a_search_box(self):
        # Every page renders the same layout; these three cover the home, a listing and search.
        for path in ("/", "/section/politics", "/search?q=" + urllib.parse.quote("مصر")):
            doc = self.server.page(path)
            form = doc.find("form", cls="search-form")
            self.assertIsNotNone(form, path)
            self.assertEqual(form.attrs.get("action"), "/search")
            self.assertIsNotNone(form.find("input", name="q"), path)

    def test_pagination(self):
        doc = self.search("مصر").document()
        count = doc.find("p", cls="search-count")
        self.assertIsNotNone(count)
        nav = doc.find("nav", cls="pagination")
        if nav:
            nxt = [a.attrs["href"] for a in nav.find_all("a") if a.attrs.get("rel") == "next"]
            self.assertTrue(nxt)
            r = self.server.get(nxt[0])
            self.assertStatus(r, 200, "page 2")
            self.assertTrue(r.document().find_all("li", cls="search-result"))

    def test_json_search_and_analyze(self):
        status, body = self.api("/api/search?q=" + urllib.parse.quote("اهداف"))
        self.assertEqual(status, 200)
        self.assertGreaterEqual(body["total"], 1)
        self.assertIn(SEED_TITLE, [r["title"] for r in body["results"]])
        self.assertEqual(body["terms"]["words"][0]["folded"], "اهداف")
        status, body = self.api("/api/analyze?q=" + urllib.parse.quote("والأهداف في القـمة"))
        self.assertEqual(status, 200)
        self.assertEqual([(t["folded"], t["stem"], t["stopword"]) for t in body["tokens"]],
                         [("والاهداف", "اهداف", False), ("في", "", True),
                          ("القمه", "قمه", False)])
        status, body = self.api("/api/search?q=")
        self.assertEqual(status, 400)
        self.assertTrue(body["error"])

    def test_hostile_queries_never_fail(self):
        hostile = ["", " ", "ًٌٍَُِّْ", "\"", "\"\"\"", "مصر*", "مصر:", "^مصر", "NEAR(مصر ليبيا)",
                   "مصر AND OR NOT", "' OR '1'='1", "مصر'; DROP TABLE articles; --",
                   "{title_exact}: مصر", "-مصر", "- -", "في من على", "x" * 10000,
                   "مصر " * 2000]
        for q in hostile:
            for path in ("/search", "/api/search"):
                with self.subTest(q=q[:40], path=path):
                    r = self.server.get(path + "?q=" + urllib.parse.quote(q))
                    self.assertLess(r.status, 500, r.text[:300])
                    self.assertIn(r.status, (200, 400, 414, 431))
        for raw in ("q=%FF%FE", "q=%D8", "q=%", "q=%zz", "q=a&page=-1", "q=a&page=999999999999",
                    "q=a&from=yesterday", "q=a&section=nowhere"):
            for path in ("/search", "/api/search"):
                with self.subTest(raw=raw, path=path):
                    r = self.server.get(path + "?" + raw)
                    self.assertIn(r.status, (200, 400), r.text[:300])
        self.assertEqual(self.server.get("/").status, 200, "still serving")

    def test_cli_analyze(self):
        out = e2e.run(["analyze", "بدمج الوكالات"])[1]
        self.assertIn("بدمج\tبدمج\tدمج", out)
        self.assertIn("الوكالات\tالوكالات\tوكال", out)


SearchSqlite, SearchPostgresql = e2e.per_backend(SearchTests)

if __name__ == "__main__":
    unittest.main()

"""What a reader sees: home, article, section, tag, author and archive pages, with the demo
content loaded, on SQLite and on PostgreSQL; and the acceptance case (the seed article added
with the CLI to an empty site renders whole)."""

import unittest

import wakala_e2e as e2e

SEED_TITLE = "أهداف اللقاء الثاني بين السيسي و حفتر"
SEED_SLUG = "أهداف-اللقاء-الثاني-بين-السيسي-و-حفتر"
SEED_BYLINE = "وكالة كليوباترا للأنباء"
SEED_SUBHEADINGS = ["اللقاء الأول وأهدافه", "قمة الترويكا", "اللقاء الثاني بين حفتر والسيسي",
                    "مصر والسراج"]
REPUBLISH_POLICY = "لا مانع من الإقتباس وإعادة النشر شريطة ذكر المصدر ( وكالة كليوبترا للأنباء )."
DISCLAIMER = "الأراء والتعليقات المنشورة تعبر عن رأي أصحابها فقط"
SITE_NAME = "وكالة كليوباترا للأنباء"


def assert_article_body(test, doc, article):
    """The article body holds the Markdown file's subheadings as <h2> and each paragraph,
    intact and in order."""
    body = doc.find("div", cls="article-body")
    test.assertIsNotNone(body, "no article body")
    rendered = [(n.tag, n.text()) for n in body.children
                if isinstance(n, e2e.Node) and n.tag in ("p", "h2", "h3", "ul", "ol", "blockquote")]
    test.assertEqual(rendered, article.markdown_blocks(),
                     "the article body differs from the Markdown file's paragraphs and headings")


class DemoPagesTests:
    """Pages of a site with the demo content loaded."""

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.server = cls.site.start_server()
        cls.articles = e2e.demo_articles()
        cls.by_title = {a.title: a for a in cls.articles}
        cls.published = e2e.published(cls.articles)
        cls.seed = e2e.parse_article_file(e2e.SEED_ARTICLE)

    def seed_page(self):
        return self.server.page(e2e.article_path(SEED_SLUG))

    def article_of(self, title):
        self.assertIn(title, self.by_title, f"«{title}» is not a demo article")
        return self.by_title[title]

    # ---- home ----

    def test_home_is_arabic_right_to_left(self):
        doc = self.server.page("/")
        root = doc.html_element()
        self.assertEqual(root.attrs.get("lang"), "ar")
        self.assertEqual(root.attrs.get("dir"), "rtl")
        self.assertIn(SITE_NAME, doc.find("title").text())

    def test_home_lead_story_and_latest_articles(self):
        doc = self.server.page("/")
        lead = doc.find("section", cls="lead")
        self.assertIsNotNone(lead, "no lead story on the home page")
        lead_link = lead.find("h2").find("a")
        newest = self.published[0]
        self.assertEqual(lead_link.text(), newest.title, "the lead story is not the newest article")
        self.assertEqual(e2e.path_of(lead_link.attrs["href"]), e2e.article_path(newest.slug))
        self.assertIn(newest.byline, lead.text())

        latest = doc.find("section", cls="latest")
        self.assertIsNotNone(latest, "no latest-articles block")
        titles = [t for t, _ in doc.cards(latest)]
        self.assertEqual(titles, [a.title for a in self.published[1:11]],
                         "the latest block is not the next ten articles, newest first")
        # Every link there leads to the article.
        title, href = doc.cards(latest)[0]
        self.assertEqual(self.server.page(href).find("h1").text(), title)

    def test_home_has_a_block_per_section(self):
        doc = self.server.page("/")
        blocks = doc.find_all("section", cls="section-block")
        sections = e2e.demo_sections()
        self.assertEqual([b.find("h2").text() for b in blocks], [name for name, _ in sections])
        for block, (name, slug) in zip(blocks, sections):
            with self.subTest(section=name):
                self.assertEqual(block.find("h2").find("a").attrs.get("href"), "/section/" + slug)
                cards = doc.cards(block)
                # the section's newest articles, less the lead story already at the top
                newest_here = [a.title for a in self.published[1:] if a.section == name][:len(cards)]
                self.assertTrue(cards, f"the block of {name} lists no articles")
                self.assertEqual([t for t, _ in cards], newest_here,
                                 f"the block of {name} is not that section's newest articles")
        nav = doc.find("nav", cls="sections")
        hrefs = [h for h, _, _ in nav.links()]
        for _, slug in sections:
            self.assertIn("/section/" + slug, hrefs, "section missing from the navigation")

    def test_draft_is_not_public(self):
        drafts = [a for a in self.articles if a.status == "draft"]
        self.assertTrue(drafts, "the demo content should include a draft")
        home = self.server.get("/").text
        for draft in drafts:
            with self.subTest(draft=draft.title):
                self.assertNotIn(draft.title, home)
                self.assertEqual(self.server.get(e2e.article_path(draft.slug)).status, 404)

    # ---- the seed article ----

    def test_seed_article_headline_byline_and_date(self):
        doc = self.seed_page()
        h1s = doc.find_all("h1")
        self.assertEqual([h.text() for h in h1s], [SEED_TITLE], "the headline must be the one <h1>")
        header = doc.find("article", cls="article")
        self.assertIn(SEED_BYLINE, header.find(cls="byline").text())
        self.assertIn("9 مايو 2019", header.find(cls="dateline").text())
        self.assertIn(SEED_TITLE, doc.find("title").text())

    def test_seed_article_not_marked_as_updated(self):
        # Loaded once and never edited: the dateline must not claim a later update (an
        # article dated 9 May 2019 «last updated» on the day the demo was loaded).
        dateline = self.seed_page().find(cls="dateline").text()
        self.assertNotIn("آخر تحديث", dateline)

    def test_seed_article_subheadings(self):
        doc = self.seed_page()
        body = doc.find("div", cls="article-body")
        self.assertEqual([h.text() for h in body.find_all("h2")], SEED_SUBHEADINGS)

    def test_seed_article_every_paragraph(self):
        doc = self.seed_page()
        paragraphs = [b for b in self.seed.markdown_blocks() if b[0] == "p"]
        self.assertGreaterEqual(len(paragraphs), 15)
        page_paragraphs = [p.text() for p in doc.find("div", cls="article-body").find_all("p")]
        for _, text in paragraphs:
            self.assertIn(text, page_paragraphs, "a paragraph of the seed article is missing or altered")
        assert_article_body(self, doc, self.seed)

    def test_seed_article_tags(self):
        doc = self.seed_page()
        tags = [a for a in doc.find_all("a") if a.attrs.get("rel") == "tag"]
        self.assertEqual([a.text() for a in tags], ["مصر", "ليبيا", "السيسي", "حفتر"])
        for a in tags:
            tag = a.text()
            with self.subTest(tag=tag):
                self.assertEqual(a.attrs["href"], e2e.quote_path("/tag/" + e2e.slugify(tag)))
                titles = e2e.listing_titles(self, self.server, a.attrs["href"])
                expected = [x.title for x in self.published if tag in x.tags]
                self.assertEqual(titles, expected, f"the page of tag {tag}")

    def test_seed_article_related_articles(self):
        doc = self.seed_page()
        related = doc.find("section", cls="related")
        self.assertIsNotNone(related, "no related articles")
        cards = doc.cards(related)
        self.assertTrue(1 <= len(cards) <= 4, cards)
        for title, href in cards:
            self.assertNotEqual(title, SEED_TITLE)
            self.assertEqual(self.article_of(title).section, "سياسة", "related from another section")
            self.assertEqual(self.article_of(title).status, "published")
        self.assertEqual(self.server.page(cards[0][1]).find("h1").text(), cards[0][0])

    def test_seed_article_previous_and_next(self):
        doc = self.seed_page()
        nav = doc.find("nav", cls="prev-next")
        self.assertIsNotNone(nav)
        links = {rel: (text, href) for href, text, rel in nav.links()}
        order = self.published  # newest first
        i = [a.title for a in order].index(SEED_TITLE)
        self.assertEqual(links.get("prev", (None,))[0], order[i + 1].title, "previous = the older article")
        self.assertEqual(links.get("next", (None,))[0], order[i - 1].title, "next = the newer article")
        self.assertEqual(e2e.path_of(links["prev"][1]), e2e.article_path(order[i + 1].slug))
        self.assertEqual(self.server.page(links["next"][1]).find("h1").text(), order[i - 1].title)

    def test_footer_policy_and_disclaimer(self):
        for path in ("/", e2e.article_path(SEED_SLUG), "/section/politics"):
            with self.subTest(path=path):
                footer = self.server.page(path).find("footer", cls="site-footer")
                self.assertIsNotNone(footer)
                texts = [p.text() for p in footer.find_all("p")]
                self.assertIn(REPUBLISH_POLICY, texts)
                self.assertIn(DISCLAIMER, texts)
                self.assertTrue(any(t.startswith("جميع الحقوق محفوظة 2009 - ") for t in texts), texts)

    def test_canonical_links(self):
        base = self.server.base_url
        for path in ("/", e2e.article_path(SEED_SLUG), "/section/politics/page/2",
                     e2e.quote_path("/tag/ليبيا"), "/archive/2019/5"):
            with self.subTest(path=path):
                self.assertEqual(self.server.page(path).canonical(), base + path)

    # ---- listings ----

    def test_section_pages_paginate(self):
        paginated = 0
        for name, slug in e2e.demo_sections():
            with self.subTest(section=slug):
                expected = [a.title for a in self.published if a.section == name]
                base = "/section/" + slug
                page1 = self.server.page(base)
                self.assertEqual(page1.find("h1").text(), name)
                self.assertEqual(e2e.listing_titles(self, self.server, base), expected)
                titles1 = [t for t, _ in page1.cards()]
                if len(expected) <= 10:
                    self.assertEqual(titles1, expected)
                    self.assertIsNone(page1.find("nav", cls="pagination"))
                    self.assertEqual(self.server.get(base + "/page/2").status, 404)
                    continue
                paginated += 1
                page2 = self.server.page(base + "/page/2")
                titles2 = [t for t, _ in page2.cards()]
                self.assertEqual(len(titles1), 10)
                self.assertTrue(titles2)
                self.assertFalse(set(titles1) & set(titles2), "pages 1 and 2 overlap")
                nav1 = {rel: href for href, _, rel in page1.find("nav", cls="pagination").links()}
                self.assertEqual(nav1.get("next"), base + "/page/2")
                self.assertNotIn("prev", nav1)
                nav2 = {rel: href for href, _, rel in page2.find("nav", cls="pagination").links()}
                self.assertEqual(nav2.get("prev"), base)
        self.assertGreaterEqual(paginated, 1, "the demo content should fill a second section page")

    def test_section_page_1_redirects(self):
        r = self.server.get("/section/politics/page/1")
        self.assertStatus(r, 301, "/page/1")
        self.assertEqual(e2e.path_of(r.header("Location")), "/section/politics")

    def test_section_by_name_redirects_to_its_slug(self):
        r = self.server.get(e2e.quote_path("/section/سياسة"))
        self.assertStatus(r, 301, "/section/سياسة")
        self.assertEqual(e2e.path_of(r.header("Location")), "/section/politics")

    def test_section_page_past_the_end_is_404(self):
        for path in ("/section/politics/page/3", "/section/politics/page/99", "/section/no-such-section"):
            with self.subTest(path=path):
                r = self.server.get(path)
                self.assertStatus(r, 404, path)
                self.assertEqual(r.document().html_element().attrs.get("lang"), "ar")

    def test_author_page(self):
        doc = self.seed_page()
        author = doc.find("a", rel="author")
        self.assertIsNotNone(author)
        self.assertEqual(author.attrs["href"], e2e.quote_path("/author/" + e2e.slugify(SEED_BYLINE)))
        titles = e2e.listing_titles(self, self.server, author.attrs["href"])
        self.assertEqual(titles, [a.title for a in self.published if a.byline == SEED_BYLINE])

    def test_author_page_leaves_out_drafts(self):
        draft = next(a for a in self.articles if a.status == "draft")
        path = e2e.quote_path("/author/" + e2e.slugify(draft.byline))
        titles = e2e.listing_titles(self, self.server, path)
        self.assertEqual(titles, [a.title for a in self.published if a.byline == draft.byline])
        self.assertNotIn(draft.title, titles)

    def test_archive_month(self):
        doc = self.seed_page()
        dateline = doc.find(cls="dateline").find("a")
        self.assertEqual(dateline.attrs.get("href"), "/archive/2019/5")
        titles = e2e.listing_titles(self, self.server, "/archive/2019/5")
        self.assertTrue(titles)
        for title in titles:
            self.assertTrue(self.article_of(title).date.startswith("2019-05-"),
                            f"«{title}» ({self.article_of(title).date}) listed under May 2019")
        self.assertEqual(titles, [a.title for a in self.published if a.date.startswith("2019-05-")])
        self.assertIn(SEED_TITLE, titles)
        self.assertEqual(self.server.page("/archive/2019/5").find("h1").text(), "مايو 2019")

    def test_archive_month_with_leading_zero_redirects(self):
        r = self.server.get("/archive/2019/05")
        self.assertStatus(r, 301, "/archive/2019/05")
        self.assertEqual(e2e.path_of(r.header("Location")), "/archive/2019/5")

    def test_archive_year(self):
        titles = e2e.listing_titles(self, self.server, "/archive/2019")
        self.assertEqual(titles, [a.title for a in self.published if a.date.startswith("2019-")])
        self.assertEqual(e2e.listing_titles(self, self.server, "/archive/2018"), [])
        self.assertEqual(self.server.get("/archive/2019/13").status, 404)


class SettingsPagesTests:
    """Settings changed with the CLI while the server runs show on the pages."""

    def demo_site(self):
        site = self.new_site()
        site.load_demo()
        return site, site.start_server()

    def test_copyright_years(self):
        site, server = self.demo_site()
        site.cli_ok("settings", "set", "copyright_to", "2015")

        def copyright_line():
            footer = server.page("/").find("footer", cls="site-footer")
            return footer.find("p", cls="copyright").text()
        self.assertEventually(lambda: copyright_line() == "جميع الحقوق محفوظة 2009 - 2015",
                              f"copyright line is «{copyright_line()}»")
        article = server.page(e2e.article_path(SEED_SLUG))
        self.assertIn("جميع الحقوق محفوظة 2009 - 2015",
                      [p.text() for p in article.find("footer", cls="site-footer").find_all("p")])

    def test_arabic_indic_digits(self):
        site, server = self.demo_site()
        path = e2e.article_path(SEED_SLUG)
        self.assertIn("9 مايو 2019", server.page(path).find(cls="dateline").text())
        site.cli_ok("settings", "set", "digits", "arabic-indic")
        self.assertEventually(
            lambda: "٩ مايو ٢٠١٩" in server.page(path).find(cls="dateline").text(),
            "the article date is not written with Arabic-Indic digits")
        self.assertNotIn("9 مايو 2019", server.page(path).find(cls="dateline").text())


class SeedAcceptanceTests:
    """The acceptance case: the seed Markdown file, added with the CLI to an empty site."""

    def test_seed_article_added_to_an_empty_site(self):
        site = self.new_site()
        server = site.start_server()
        home = server.page("/")
        self.assertEqual(home.cards(), [], "a new site should have no articles")
        site.cli_ok("section", "add", "سياسة", "--slug", "politics")
        rc, out, err = site.cli("article", "add", e2e.SEED_ARTICLE)
        self.assertEqual(rc, 0, err)
        lines = out.strip().splitlines()
        self.assertEqual(len(lines), 1, f"article add should print one URL: {out!r}")
        path = e2e.path_of(lines[0])
        self.assertEqual(path, e2e.article_path(SEED_SLUG))
        r = self.assertEventually(lambda: (lambda r: r if r.status == 200 else None)(server.get(path)),
                                  "the new article's URL does not answer 200")
        doc = r.document()
        self.assertEqual(doc.find("h1").text(), SEED_TITLE)
        body = doc.find("div", cls="article-body")
        self.assertEqual([h.text() for h in body.find_all("h2")], SEED_SUBHEADINGS)
        assert_article_body(self, doc, e2e.parse_article_file(e2e.SEED_ARTICLE))
        self.assertIn(SEED_BYLINE, doc.find(cls="byline").text())
        self.assertIn("9 مايو 2019", doc.find(cls="dateline").text())
        # and it is listed on the home page and in its section
        self.assertEventually(lambda: SEED_TITLE in [t for t, _ in server.page("/section/politics").cards()],
                              "the article is not listed in its section")
        self.assertEventually(
            lambda: SEED_TITLE in (server.page("/").find("section", cls="lead") or e2e.Node("x", [])).text(),
            "the article is not the home page's lead story")


DemoPages_SQLite, DemoPages_PostgreSQL = e2e.per_backend(DemoPagesTests)
SettingsPages_SQLite, SettingsPages_PostgreSQL = e2e.per_backend(SettingsPagesTests)
SeedAcceptance_SQLite, SeedAcceptance_PostgreSQL = e2e.per_backend(SeedAcceptanceTests)

if __name__ == "__main__":
    unittest.main()

"""Republishing with attribution (issue 7), checked with real clients: feeds (RSS, Atom,
JSON Feed) parsed by Debian's python3-feedparser, sitemaps validated by xmllint against the
sitemaps.org and Google News schemas (tests/fixtures/xsd), the JSON-LD, OpenGraph tags, the
ninjs and read-API JSON, conditional GET, CORS, and the WebSub ping to a stub hub; on SQLite
and on PostgreSQL."""

import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import wakala_e2e as e2e

XSD = e2e.FIXTURES / "xsd"
DEBIAN_PYTHON = "/usr/bin/python3"
HOSTILE_TITLE = '</script><script>alert(1)</script> & "عنوان" <b>عدائي</b> ]]> --> \'x\''
ATOM = "{http://www.w3.org/2005/Atom}"

FEEDPARSER_SCRIPT = r"""
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
out = {"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
       "version": d.version, "status": d.get("status"),
       "feed": {k: d.feed.get(k) for k in ("title", "link", "rights", "language")},
       "hub": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "hub"],
       "entries": [{"title": e.get("title"), "link": e.get("link"), "id": e.get("id"),
                    "author": e.get("author"), "published": e.get("published"),
                    "updated": e.get("updated"), "rights": e.get("rights"),
                    "source": dict(e.get("source", {})) if e.get("source") else None,
                    "contributors": [c.get("name") for c in e.get("contributors", [])],
                    "dc_source": e.get("dc_source"),
                    "has_content": bool(e.get("content")),
                    "tags": [t.get("term") for t in e.get("tags", [])]}
                   for e in d.entries]}
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def feedparser_parse(test, url):
    """Parses `url` with Debian's feedparser in Debian's Python (a real client); skips the
    test visibly when python3-feedparser is not installed."""
    if not os.access(DEBIAN_PYTHON, os.X_OK):
        raise unittest.SkipTest("Debian's /usr/bin/python3 is missing (scripts/install-deps test)")
    check = subprocess.run([DEBIAN_PYTHON, "-c", "import feedparser"], capture_output=True)
    if check.returncode != 0:
        raise unittest.SkipTest("python3-feedparser is not installed (scripts/install-deps test)")
    proc = subprocess.run([DEBIAN_PYTHON, "-c", FEEDPARSER_SCRIPT, url], capture_output=True,
                          timeout=120)
    test.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
    return json.loads(proc.stdout)


def xmllint_validate(test, body, schema):
    if not shutil.which("xmllint"):
        raise unittest.SkipTest("xmllint is not installed (libxml2-utils; scripts/install-deps test)")
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(body)
        path = f.name
    try:
        proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(XSD / schema), path],
                              capture_output=True, timeout=120)
    finally:
        os.unlink(path)
    test.assertEqual(proc.returncode, 0, f"{schema}: {proc.stderr.decode('utf-8', 'replace')}")


class StubHub:
    """A WebSub hub that records every POST (form fields) and answers 202."""

    def __init__(self):
        self.pings = []
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                hub.pings.append(urllib.parse.parse_qs(body))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def article_text(title, section="politics", date=None, tags="[اختبار]", body="نص الخبر الكامل.",
                 extra=""):
    date_line = f"date: {date}\n" if date else ""
    return (f"---\ntitle: {title}\nsection: {section}\n"
            f"byline: مراسل الاختبار\ntags: {tags}\n{date_line}{extra}summary: ملخص الخبر\n"
            f"slug: hostile-{int(time.time() * 1000)}\n---\n\n{body}\n")


class SyndicationTests:

    @classmethod
    def set_up_sites(cls):
        cls.hub = StubHub()
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("settings", "set", "websub_hub", cls.hub.url)
        cls.server = cls.site.start_server()

    @classmethod
    def tearDownClass(cls):
        hub = getattr(cls, "hub", None)
        if hub:
            hub.close()
        super().tearDownClass()

    def fresh(self, path):
        """GET `path` once the server has picked up the latest write."""
        return self.server.get(path)

    # ---- feeds ----

    def test_feeds_parse_with_feedparser(self):
        base = self.server.base_url
        for path, version in (("/feed.xml", "rss20"), ("/atom.xml", "atom10"),
                              ("/section/politics/feed.xml", "rss20"),
                              ("/section/politics/atom.xml", "atom10")):
            d = feedparser_parse(self, base + path)
            self.assertFalse(d["bozo"], f"{path}: {d['bozo_exception']}")
            self.assertEqual(d["version"], version, path)
            self.assertTrue(d["entries"], path)
            self.assertEqual(d["hub"], [self.hub.url], f"{path} declares the hub")
            for e in d["entries"]:
                self.assertTrue(e["link"].startswith(base + "/article/"), e["link"])
                self.assertTrue(e["author"], path)
                self.assertTrue(e["published"] and e["updated"], path)
                self.assertIn("شريطة ذكر المصدر", e["rights"] or d["feed"]["rights"] or "")
                self.assertTrue(e["has_content"], f"{path}: full text by default")
            if version == "rss20":
                self.assertIn("شريطة ذكر المصدر", d["feed"]["rights"])
                self.assertTrue(d["entries"][0]["source"], "RSS <source> names the agency")

    def test_tag_and_author_feeds(self):
        doc = self.server.page("/")
        article_href = doc.cards()[0][1]
        page = self.server.page(e2e.path_of(article_href))
        tag = page.find("a", rel="tag").attrs["href"]
        author = page.find("a", rel="author").attrs["href"]
        for scope in (tag, author):
            for f in ("feed.xml", "atom.xml"):
                d = feedparser_parse(self, self.server.base_url + scope + "/" + f)
                self.assertFalse(d["bozo"], d["bozo_exception"])
                self.assertTrue(d["entries"])
            r = self.server.get(scope + "/feed.json")
            self.assertStatus(r, 200, scope)
        self.assertStatus(self.server.get("/section/nope/feed.xml"), 404, "unknown section")

    def test_json_feed(self):
        r = self.server.get("/feed.json")
        self.assertStatus(r, 200, "/feed.json")
        self.assertTrue(r.header("Content-Type").startswith("application/feed+json"))
        feed = json.loads(r.body)
        self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
        for key in ("title", "home_page_url", "feed_url", "items"):
            self.assertIn(key, feed)
        self.assertEqual(feed["hubs"], [{"type": "WebSub", "url": self.hub.url}])
        self.assertIn("شريطة ذكر المصدر", feed["_wakala"]["rights"])
        for item in feed["items"]:
            self.assertTrue(item["id"] and item["url"].startswith(self.server.base_url))
            self.assertTrue("content_html" in item or "content_text" in item)
            self.assertTrue(item["date_published"].endswith("Z"))
            self.assertTrue(item["authors"][0]["name"])
            self.assertIn("rights", item["_wakala"])
            self.assertEqual(item["_wakala"]["source"]["url"], self.server.base_url + "/")

    def test_conditional_get(self):
        for path in ("/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/api/articles"):
            r = self.server.get(path)
            etag = r.header("ETag")
            self.assertTrue(etag, path)
            again = self.server.get(path, headers={"If-None-Match": etag})
            self.assertEqual(again.status, 304, path)

    def test_alternate_links_on_every_page(self):
        for path in ("/", "/section/politics", "/section/politics/page/2"):
            doc = self.server.page(path)
            alternates = {l.attrs.get("href") for l in doc.find_all("link")
                          if l.attrs.get("rel") == "alternate"}
            for f in ("/feed.xml", "/atom.xml", "/feed.json"):
                self.assertIn(self.server.base_url + f, alternates, path)
            if path != "/":
                self.assertIn(self.server.base_url + "/section/politics/feed.xml", alternates)

    def test_summary_only_by_setting(self):
        site = self.new_site()
        site.load_demo()
        site.cli_ok("settings", "set", "feed_full_text", "false")
        server = site.start_server()
        body = server.get("/feed.xml").body
        self.assertNotIn(b"content:encoded>", body)
        items = json.loads(server.get("/feed.json").body)["items"]
        self.assertTrue(all("content_html" not in i and i["content_text"] for i in items))
        server.stop()

    def test_hostile_title_keeps_every_format_valid(self):
        self.site.cli_ok("article", "add", "-", input=article_text(HOSTILE_TITLE))

        def newest_title():
            return json.loads(self.server.get("/feed.json").body)["items"][0]["title"]
        self.assertEventually(lambda: newest_title() == HOSTILE_TITLE,
                              "the new article reaches the feed with its title intact")
        for path in ("/feed.xml", "/atom.xml"):
            root = ET.fromstring(self.server.get(path).body)  # well-formed
            titles = [t.text for t in root.iter() if t.tag in ("title", ATOM + "title")]
            self.assertIn(HOSTILE_TITLE, titles, path)
            d = feedparser_parse(self, self.server.base_url + path)
            self.assertFalse(d["bozo"], d["bozo_exception"])
        sitemap = self.server.get("/news-sitemap.xml").body
        xmllint_validate(self, sitemap, "news-sitemap.xsd")
        self.assertIn(HOSTILE_TITLE, [e.text for e in ET.fromstring(sitemap).iter()])
        # The article page: the JSON-LD cannot be broken out of.
        slug = json.loads(self.server.get("/api/articles").body)["articles"][0]["slug"]
        page = self.server.get(e2e.article_path(slug)).text
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        self.assertEqual(len(scripts), 1)
        self.assertNotIn("<", scripts[0])
        self.assertEqual(json.loads(scripts[0])["headline"], HOSTILE_TITLE)
        self.assertNotIn("<script>alert(1)", page)

    def test_agency_and_source_credit_in_every_format(self):
        agency = 'وكالة <b>"الأنباء"</b> & شركاؤها'
        credit = "المصدر: </script><script>alert(2)</script> ]]> --> & 'د ب أ'"
        title = "خبر وكالة في كل الصيغ"
        self.site.cli_ok("article", "add", "-", input=article_text(
            title, extra=f"agency: {agency}\nsource_credit: {credit}\n"))

        def json_item():
            items = json.loads(self.server.get("/feed.json").body)["items"]
            return next((i for i in items if i["title"] == title), None)
        item = self.assertEventually(json_item, "the article reaches the JSON Feed")
        self.assertEqual((item["_wakala"]["agency"], item["_wakala"]["source_credit"]),
                         (agency, credit))
        for path in ("/feed.xml", "/atom.xml"):
            d = feedparser_parse(self, self.server.base_url + path)
            self.assertFalse(d["bozo"], f"{path}: {d['bozo_exception']}")
            entry = next(e for e in d["entries"] if e["title"] == title)
            self.assertEqual(entry["contributors"], [agency], f"{path}: the agency")
            self.assertEqual(entry["dc_source"], credit, f"{path}: the credit line")
            self.assertIn("شريطة ذكر المصدر", entry["rights"] or d["feed"]["rights"] or "",
                          f"{path}: the site's rights statement is still the rights")
        slug = item["url"].rsplit("/", 1)[1]
        ninjs = json.loads(self.server.get(f"/api/articles/{slug}/ninjs").body)
        self.assertEqual(ninjs["infosources"][1:], [{"name": agency, "role": "source"}])
        self.assertIn({"value": credit, "role": "creditline", "contenttype": "text/plain"},
                      ninjs["descriptions"])
        page = self.server.get(e2e.article_path(urllib.parse.unquote(slug))).text
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        self.assertEqual(len(scripts), 1, "the credit line cannot end the JSON-LD")
        ld = json.loads(scripts[0])
        self.assertEqual(ld["sourceOrganization"]["name"], agency)
        self.assertEqual(ld["creditText"], credit)
        self.assertNotIn("<script>alert(2)", page)
        doc = e2e.parse_html(page)
        self.assertEqual(doc.find("span", cls="agency").text(), agency)
        self.assertEqual(doc.find("p", cls="source-credit").text(), credit)

    # ---- WebSub ----

    def test_publishing_pings_the_hub(self):
        before = len(self.hub.pings)
        # The CLI names feeds with its own --base-url, as it prints article URLs.
        out = self.site.cli_ok("article", "add", "-", "--base-url", self.server.base_url,
                               input=article_text("خبر عاجل للمشتركين"))
        self.assertTrue(out.strip())
        pings = self.hub.pings[before:]
        self.assertTrue(pings, "the CLI pinged the hub after publishing")
        self.assertTrue(all(p["hub.mode"] == ["publish"] for p in pings))
        topics = {p["hub.url"][0] for p in pings}
        base = self.server.base_url
        for f in ("/feed.xml", "/atom.xml", "/feed.json", "/section/politics/feed.xml"):
            self.assertIn(base + f, topics)

    def test_publishing_succeeds_when_the_hub_is_down(self):
        site = self.new_site()
        site.load_demo()
        site.cli_ok("settings", "set", "websub_hub", f"http://127.0.0.1:{e2e.free_port()}/hub")
        rc, out, err = site.cli("article", "add", "-", input=article_text("خبر والمحور معطل"))
        self.assertEqual(rc, 0, err)
        self.assertIn("WebSub", err)

    # ---- ninjs ----

    def test_ninjs(self):
        slug = json.loads(self.server.get("/api/articles").body)["articles"][0]["slug"]
        r = self.server.get(e2e.quote_path(f"/api/articles/{slug}/ninjs"))
        self.assertStatus(r, 200, "ninjs")
        n = json.loads(r.body)
        self.assertIn("ninjs-schema_2", n["$schema"])
        self.assertEqual(n["uri"], self.server.base_url + e2e.article_path(slug))
        self.assertEqual(n["type"], "text")
        self.assertTrue(n["headlines"][0]["value"] and n["bodies"][0]["value"])
        self.assertTrue(n["by"] and n["firstcreated"] and n["versioncreated"])
        self.assertEqual(n["subjects"][0]["rel"], "section")
        self.assertIn("شريطة ذكر المصدر", n["copyrightnotice"])
        self.assertEqual(r.header("Access-Control-Allow-Origin"), "*")

    # ---- discovery ----

    def test_robots_and_sitemaps_validate(self):
        robots = self.server.get("/robots.txt").text
        self.assertIn(f"Sitemap: {self.server.base_url}/sitemap.xml", robots)
        index = self.server.get("/sitemap.xml")
        self.assertStatus(index, 200, "sitemap index")
        xmllint_validate(self, index.body, "siteindex.xsd")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locs = [e.text for e in ET.fromstring(index.body).findall("s:sitemap/s:loc", ns)]
        self.assertIn(self.server.base_url + "/sitemaps/articles-1.xml", locs)
        urls = []
        for loc in locs:
            r = self.server.get(e2e.path_of(loc))
            self.assertStatus(r, 200, loc)
            xmllint_validate(self, r.body, "sitemap.xsd")
            urls += [e.text for e in ET.fromstring(r.body).findall("s:url/s:loc", ns)]
        published = json.loads(self.server.get("/api/articles").body)["total"]
        self.assertEqual(len([u for u in urls if "/article/" in u]), published)
        self.assertStatus(self.server.get("/sitemaps/articles-99.xml"), 404, "past the end")

    def test_news_sitemap_valid_when_empty(self):
        site = self.new_site()
        site.load_demo()  # demo articles are from 2019: none in the last 48 hours
        server = site.start_server()
        r = server.get("/news-sitemap.xml")
        self.assertStatus(r, 200, "news sitemap")
        xmllint_validate(self, r.body, "news-sitemap.xsd")
        self.assertNotIn(b"<url>", r.body)
        site.cli_ok("article", "add", "-", input=article_text("خبر من اليوم"))
        ok = self.assertEventually(lambda: b"<url>" in server.get("/news-sitemap.xml").body,
                                   "today's article enters the news sitemap")
        body = server.get("/news-sitemap.xml").body
        xmllint_validate(self, body, "news-sitemap.xsd")
        self.assertIn("خبر من اليوم".encode(), body)
        self.assertRegex(body.decode(), r"<news:publication_date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<")
        server.stop()

    def test_article_metadata(self):
        slug = json.loads(self.server.get("/api/articles").body)["articles"][0]["slug"]
        doc = self.server.page(e2e.article_path(slug))
        meta = {(m.attrs.get("property") or m.attrs.get("name")): m.attrs.get("content")
                for m in doc.find_all("meta")}
        self.assertEqual(meta["og:type"], "article")
        self.assertEqual(meta["og:url"], self.server.base_url + e2e.article_path(slug))
        for key in ("og:title", "og:site_name", "twitter:card", "article:published_time"):
            self.assertTrue(meta.get(key), key)
        script = doc.find("script", type="application/ld+json")
        ld = json.loads(script.raw_text())
        self.assertEqual(ld["@type"], "NewsArticle")
        for key in ("headline", "datePublished", "dateModified", "author", "publisher",
                    "copyrightHolder", "url"):
            self.assertTrue(ld.get(key), key)
        self.assertEqual(ld["url"], doc.canonical())
        self.assertEqual(ld["publisher"]["name"], ld["copyrightHolder"]["name"])

    # ---- read API ----

    def test_api_articles_paginated_with_cors(self):
        r = self.server.get("/api/articles")
        self.assertStatus(r, 200, "/api/articles")
        self.assertEqual(r.header("Access-Control-Allow-Origin"), "*")
        first = json.loads(r.body)
        self.assertEqual(first["page"], 1)
        self.assertGreater(first["total"], first["per_page"])
        self.assertEqual(len(first["articles"]), first["per_page"])
        second = json.loads(self.server.get(e2e.path_of(first["links"]["next"])).body)
        self.assertEqual(second["page"], 2)
        self.assertFalse({a["slug"] for a in first["articles"]} & {a["slug"] for a in second["articles"]})
        self.assertStatus(self.server.get("/api/articles/page/999"), 404, "past the end")
        one = json.loads(self.server.get(e2e.quote_path("/api/articles/" + first["articles"][0]["slug"])).body)
        for key in ("title", "body_html", "body_markdown", "url", "rights", "source", "section",
                    "author", "published_at", "updated_at"):
            self.assertIn(key, one)
        missing = self.server.get("/api/articles/no-such-article")
        self.assertEqual(missing.status, 404)
        self.assertEqual(json.loads(missing.body)["error"]["status"], 404)

    def test_api_sections_tags_authors(self):
        sections = json.loads(self.server.get("/api/sections").body)["sections"]
        self.assertEqual([s["slug"] for s in sections][:5],
                         [slug for _, slug in e2e.demo_sections()])
        politics = json.loads(self.server.get("/api/sections/politics").body)
        self.assertEqual(politics["section"]["slug"], "politics")
        self.assertTrue(all(a["section"]["slug"] == "politics" for a in politics["articles"]))
        a = politics["articles"][0]
        for kind, obj in (("authors", a["author"]),) + tuple(("tags", t) for t in a["tags"][:1]):
            r = json.loads(self.server.get(e2e.quote_path(f"/api/{kind}/{obj['slug']}")).body)
            self.assertTrue(any(x["slug"] == a["slug"] for x in r["articles"]), kind)


for cls in e2e.per_backend(SyndicationTests):
    globals()[cls.__name__] = cls

if __name__ == "__main__":
    unittest.main()

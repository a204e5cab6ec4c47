"""End-to-end tests of the latest-news ticker (issue 5), on SQLite and PostgreSQL.

A local HTTP server (Python http.server in a thread) plays the partners: it serves the fixture
feeds in tests/fixtures/feeds/, changes one between polls, answers 304 to conditional requests,
stalls, sends garbage, a 50 MB stream, an entity-expansion bomb, an HTML page and a wrongly
declared encoding. `wakala serve --feed-poll-seconds 1` polls them; the tests check the ticker
on the pages, the clustering of the same story, the feeds' health as `wakala feed list` shows
it, and that the site goes on answering while partners misbehave.
"""

import http.server
import threading
import time
import unittest
import urllib.parse

from wakala_e2e import FIXTURES, per_backend, wait_for

FEEDS = FIXTURES / "feeds"
# Bounds of polling loops only (the debug build runs under sanitizers), never asserted.
FEED_TIMEOUT = 90

STORY_A = "تنصل جديد من النووي.. إيران تلوح بخطوة رابعة"
STORY_B = "إيران: الخطوة الرابعة من خفض التزاماتنا بالاتفاق النووي قيد الإعداد"
OTHER = 'إيران تنفي مجدداً.. "لا علاقة لنا بهجمات أرامكو"'
ADDED = "وزير الخارجية يصل إلى عمّان في زيارة رسمية تستمر يومين"


class PartnerServer:
    """The partners' web server. `routes` maps a path to (bytes, content type); a few paths
    behave badly on purpose. Conditional GETs with the current ETag get 304."""

    def __init__(self):
        self.routes = {}
        self.etags = {}
        self.not_modified = 0
        self.requests = {}
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = urllib.parse.urlsplit(self.path).path
                with outer.lock:
                    outer.requests[path] = outer.requests.get(path, 0) + 1
                try:
                    outer.handle(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path, body, content_type="application/rss+xml"):
        with self.lock:
            self.routes[path] = (body, content_type)
            self.etags[path] = f'"v{hash(body) & 0xffffffff:x}"'

    def handle(self, h, path):
        if path == "/stall.xml":  # accepts the request, then says nothing
            self.stop_event.wait(60)
            return
        if path == "/huge.xml":  # 50 MB of a never-ending feed, without Content-Length
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.end_headers()
            h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>')
            chunk = b"<item><title>x</title></item>" * 2048
            sent = 0
            while sent < 50 * 1024 * 1024 and not self.stop_event.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
            return
        with self.lock:
            route = self.routes.get(path)
            etag = self.etags.get(path)
        if route is None:
            h.send_response(404)
            h.end_headers()
            return
        if etag and h.headers.get("If-None-Match") == etag:
            with self.lock:
                self.not_modified += 1
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        body, content_type = route
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("ETag", etag)
        h.end_headers()
        h.wfile.write(body)

    def close(self):
        self.stop_event.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def ticker_entries(doc):
    """[(headline, [source names], [hrefs and rels])] of the ticker on a page."""
    section = doc.find("section", cls="ticker")
    if section is None:
        return []
    out = []
    for li in section.find_all("li", cls="ticker-item"):
        headline = li.find(cls="ticker-headline")
        sources = [s.text() for s in li.find_all(cls="ticker-source")]
        links = [(a.attrs.get("href"), a.attrs.get("rel")) for a in li.find_all("a")]
        out.append((headline.text() if headline else "", sources, links))
    return out


class FeedTests:
    @classmethod
    def set_up_sites(cls):
        cls.partners = PartnerServer()
        p = cls.partners
        sharq = (FEEDS / "rss2-utf8.xml").read_bytes()
        p.set("/sharq.xml", sharq, "application/rss+xml; charset=utf-8")
        p.set("/nahar.xml", (FEEDS / "atom.xml").read_bytes(), "application/atom+xml")
        p.set("/ofoq.xml", (FEEDS / "rss2-windows-1256.xml").read_bytes(), "text/xml")
        p.set("/garbage.xml", (FEEDS / "garbage.bin").read_bytes(), "application/rss+xml")
        p.set("/bomb.xml", (FEEDS / "entity-bomb.xml").read_bytes(), "application/rss+xml")
        p.set("/page.html", (FEEDS / "html-page.html").read_bytes(), "text/html; charset=utf-8")
        p.set("/wrong.xml", (FEEDS / "wrong-encoding.xml").read_bytes(), "text/xml")
        cls.sharq_bytes = sharq
        site = cls.site = cls.new_site()
        feeds = [("/sharq.xml", "الشرق"), ("/nahar.xml", "النهار"), ("/ofoq.xml", "الأفق"),
                 ("/stall.xml", "المتعثر"), ("/garbage.xml", "العشوائي"),
                 ("/huge.xml", "الضخم"), ("/bomb.xml", "القنبلة"), ("/page.html", "الصفحة"),
                 ("/wrong.xml", "الترميز")]
        for path, name in feeds:
            site.cli_ok("feed", "add", p.url(path), "--name", name, "--interval", "600")
        # Nothing listens there: a dead partner.
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead_port = s.getsockname()[1]
        site.cli_ok("feed", "add", f"http://127.0.0.1:{dead_port}/rss", "--name", "الميت")
        server = site.server()
        cls.server = server
        original = server.command

        def command(port):
            return original(port) + ["--feed-poll-seconds", "1", "--feed-timeout-seconds", "3",
                                     "--feed-threads", "4"]

        server.command = command
        server.start()

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "partners", None):
            cls.partners.close()
        super().tearDownClass()

    def home_ticker(self):
        return ticker_entries(self.server.page("/"))

    def wait_ticker(self, predicate, message):
        value = wait_for(lambda: predicate(self.home_ticker()), timeout=FEED_TIMEOUT, interval=0.3)
        if not value:
            self.fail(f"{message}; the ticker is {self.home_ticker()}\n{self.server.stderr()[-2000:]}")

    def feed_list(self):
        out = self.site.cli_ok("feed", "list")
        rows = {}
        for line in out.splitlines()[1:]:
            cols = line.split("\t")
            rows[cols[1]] = {"state": cols[4], "last_success": cols[5], "last_error": cols[6],
                             "next_try": cols[7]}
        return rows

    def test_1_ticker_clusters_the_same_story_and_names_its_sources(self):
        def ready(entries):
            titles = [t for t, _, _ in entries]
            return any(STORY_B == t or STORY_A == t for t in titles) and OTHER in titles and \
                any(len(s) == 2 for _, s, _ in entries)
        self.wait_ticker(ready, "the ticker never showed the three partners' headlines")
        entries = self.home_ticker()
        iran = [e for e in entries if e[0] in (STORY_A, STORY_B)]
        self.assertEqual(len(iran), 1, f"one story, one entry: {entries}")
        self.assertEqual(sorted(iran[0][1]), ["الشرق", "النهار"])
        other = [e for e in entries if e[0] == OTHER]
        self.assertEqual(len(other), 1)
        self.assertEqual(other[0][1], ["الأفق"], "the windows-1256 partner is read and named")
        for title, sources, links in entries:
            for href, rel in links:
                self.assertTrue(href.startswith("http"), f"{title}: {href}")
                self.assertEqual(rel, "noopener", f"{title}: {href}")
        # Relative links in the partner's feed point at the partner's site.
        sharq_links = [h for e in entries for h, _ in e[2] if "/news/2019/09/iran-fourth-step.html" in h]
        self.assertEqual(sharq_links[0], self.partners.url("/news/2019/09/iran-fourth-step.html"))
        # Every page carries it, readable without JavaScript, with a pause control.
        doc = self.server.page("/latest")
        self.assertTrue(ticker_entries(doc))
        self.assertIsNotNone(doc.find("input", id="ticker-pause"))
        self.assertIsNotNone(doc.find("label", **{"for": "ticker-pause"}))

    def test_2_bad_partners_are_unhealthy_with_a_reason_and_the_others_go_on(self):
        expected = {
            "المتعثر": "timed out",
            "العشوائي": "binary data",
            "الضخم": "larger than 5 MB",
            "القنبلة": "entities",
            "الصفحة": "HTML page",
            "الترميز": "its text is UTF-8",
            "الميت": "could not connect",
        }

        def all_reported():
            rows = self.feed_list()
            return all(expected[n] in rows.get(n, {}).get("last_error", "") for n in expected) and rows

        rows = wait_for(all_reported, timeout=FEED_TIMEOUT, interval=0.5)
        if not rows:
            self.fail(f"not every bad partner was reported: {self.feed_list()}")
        for name in expected:
            self.assertEqual(rows[name]["state"], "unhealthy", name)
            self.assertEqual(rows[name]["last_success"], "-", name)
        for name in ("الشرق", "النهار", "الأفق"):
            self.assertEqual(rows[name]["state"], "healthy", f"{name}: {rows[name]}")
            self.assertEqual(rows[name]["last_error"], "-")
        # The site answers while a partner stalls.
        self.assertEqual(self.server.get("/").status, 200)

    def test_3_changed_feed_is_picked_up_and_unchanged_ones_get_304(self):
        self.wait_ticker(lambda e: any(t == OTHER for t, _, _ in e), "the ticker is not ready")
        wait_for(lambda: self.partners.not_modified > 0, timeout=FEED_TIMEOUT)
        self.assertGreater(self.partners.not_modified, 0, "conditional GETs were never sent")
        new_item = (f"<item><title>{ADDED}</title><link>/news/2019/09/visit.html</link>"
                    "<pubDate>Mon, 16 Sep 2019 16:00:00 +0300</pubDate></item></channel>")
        self.partners.set("/sharq.xml", self.sharq_bytes.replace(
            b"</channel>", new_item.encode("utf-8")), "application/rss+xml; charset=utf-8")
        self.wait_ticker(lambda e: any(t == ADDED for t, _, _ in e), "the new headline never showed")
        # The same items polled again are not duplicated.
        titles = [t for t, _, _ in self.home_ticker()]
        self.assertEqual(len(titles), len(set(titles)), titles)

    def test_4_editors_hide_an_item_and_mute_a_source(self):
        self.wait_ticker(lambda e: any(t == OTHER for t, _, _ in e), "the ticker is not ready")
        doc = self.server.page("/latest?source=" + urllib.parse.quote("النهار"))
        listing = doc.find("section", cls="latest").text()
        self.assertIn(STORY_B, listing)
        self.assertNotIn(OTHER, listing)
        self.assertNotIn("المتعثر", listing, "partners with nothing to show are not offered")
        listing = self.server.page("/latest").find("section", cls="latest").text()
        self.assertIn(OTHER, listing)
        self.assertEqual(self.server.get("/latest?source=" + urllib.parse.quote("لا أحد")).status, 404)

        items = self.site.cli_ok("feed", "items", "الأفق")
        item_id = next(l.split("\t")[0] for l in items.splitlines() if OTHER in l)
        self.site.cli_ok("feed", "hide", item_id)
        self.wait_ticker(lambda e: e and all(t != OTHER for t, _, _ in e), "the hidden item is still shown")
        self.site.cli_ok("feed", "show", item_id)
        self.wait_ticker(lambda e: any(t == OTHER for t, _, _ in e), "the item did not come back")
        self.site.cli_ok("feed", "mute", "الأفق")
        self.wait_ticker(lambda e: e and all("الأفق" not in s for _, s, _ in e), "the muted source is still shown")
        self.site.cli_ok("feed", "unmute", "الأفق")

    def test_5_serve_stops_cleanly_with_partners_mid_fetch(self):
        rc = self.server.terminate()
        self.assertEqual(rc, 0, self.server.stderr()[-3000:])
        self.assertNotIn("Sanitizer", self.server.stderr())


globals().update({c.__name__: c for c in per_backend(FeedTests)})

if __name__ == "__main__":
    unittest.main()

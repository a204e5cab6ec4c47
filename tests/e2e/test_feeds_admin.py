"""The partner feeds in the newsroom (/admin/feeds, issue 5), over HTTP, on SQLite and on
PostgreSQL: an editor adds a feed and its headlines reach the running site's ticker; a bad URL,
an interval out of range or a duplicate gets its message beside the field and saves nothing; a
dead partner's error is shown in plain Arabic words with the next try; muting a source and
hiding an item take them out of the ticker and /latest of the running server (and back);
renaming, the interval and enable/disable; contributors and authors cannot manage feeds; a POST
without the CSRF token is refused; every change is in the audit log.

One server per class, polling every second (--feed-poll-seconds 1); the partners are the local
fixture server of test_feeds.py. Waits are polling loops (wait_for), never sleeps."""

import socket
import unittest
import urllib.parse

import wakala_e2e as e2e
from test_api_write import Client, csrf_of, field_errors, login
from test_feeds import FEEDS, OTHER, STORY_A, STORY_B, PartnerServer, ticker_entries

# Bound of polling loops only (the debug build runs under sanitizers), never asserted.
FEED_TIMEOUT = 90

USERS = {
    "admin": ("administrator", "admin-password-1"),
    "سلمى": ("editor", "editor-password-1"),
    "contrib": ("contributor", "contrib-password"),
    "author1": ("author", "author1-password"),
}
EDITOR = "سلمى"


def latest_entries(doc):
    """[(headline, [source names])] of the /latest page."""
    out = []
    for li in doc.find_all("li", cls="latest-entry"):
        out.append((li.find("h2", cls="latest-title").text(),
                    [s.text() for s in li.find_all(cls="ticker-source")]))
    return out


def feed_rows(doc):
    """{name: {"state", "last_success", "last_error", "next_try", "row"}} of /admin/feeds."""
    rows = {}
    for tr in doc.find_all("tr", cls="feed-row"):
        rows[tr.attrs["data-name"]] = {
            "state": tr.find("dd", cls="state").text(),
            "last_success": tr.find("dd", cls="last-success").text(),
            "last_error": tr.find("dd", cls="last-error").text(),
            "next_try": tr.find("dd", cls="next-try").text(),
            "row": tr,
        }
    return rows


class FeedsAdminTests:
    @classmethod
    def set_up_sites(cls):
        cls.partners = PartnerServer()
        p = cls.partners
        p.set("/sharq.xml", (FEEDS / "rss2-utf8.xml").read_bytes(), "application/rss+xml; charset=utf-8")
        p.set("/nahar.xml", (FEEDS / "atom.xml").read_bytes(), "application/atom+xml")
        p.set("/ofoq.xml", (FEEDS / "rss2-windows-1256.xml").read_bytes(), "text/xml")
        site = cls.site = cls.new_site()
        for name, (role, password) in USERS.items():
            site.cli_ok("user", "add", name, "--role", role, "--password-stdin", input=password + "\n")
        # Two partners from the CLI, for the mute and hide tests; the rest come from the admin.
        site.cli_ok("feed", "add", p.url("/nahar.xml"), "--name", "النهار")
        site.cli_ok("feed", "add", p.url("/ofoq.xml"), "--name", "الأفق")
        server = cls.server = site.server()
        original = server.command
        server.command = lambda port: original(port) + [
            "--feed-poll-seconds", "1", "--feed-timeout-seconds", "3", "--feed-threads", "2"]
        server.start()
        cls._clients = {}

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "partners", None):
            cls.partners.close()
        super().tearDownClass()

    # ---- helpers ----

    def client(self, name):
        if name not in self._clients:
            self._clients[name] = login(self, self.server, name, USERS[name][1])
        return self._clients[name]

    def page(self, client, path, status=200):
        r = client.get(path)
        self.assertStatus(r, status, f"GET {path}")
        return r.document()

    def feeds_page(self, name=EDITOR):
        return self.page(self.client(name), "/admin/feeds")

    def add_feed(self, url, name, interval="10", expect=303):
        editor = self.client(EDITOR)
        csrf = csrf_of(self.feeds_page())
        r = editor.post("/admin/feeds", {"csrf": csrf, "url": url, "name": name, "interval": interval})
        self.assertStatus(r, expect, f"adding «{name}» {url}")
        return r

    def post_row_form(self, feed_name, cls, client=None):
        """Submits the form of class `cls` (mute, unmute, enable, disable) in a feed's row."""
        client = client or self.client(EDITOR)
        row = feed_rows(self.page(client, "/admin/feeds"))[feed_name]["row"]
        form = row.find("form", cls=cls)
        self.assertIsNotNone(form, f"«{feed_name}» has a {cls} button")
        r = client.post(form.attrs["action"], {"csrf": form.find("input", name="csrf").attrs["value"]})
        self.assertStatus(r, 303, f"{cls} «{feed_name}»")
        return r

    def cli_feeds(self):
        out = self.site.cli_ok("feed", "list")
        return {line.split("\t")[1]: line.split("\t") for line in out.splitlines()[1:]}

    def config(self):
        """{name: (url, interval in seconds, muted)}: what editors set, not the poll's state."""
        return {n: (cols[2], cols[3], cols[4] == "muted") for n, cols in self.cli_feeds().items()}

    def ticker(self):
        return ticker_entries(self.server.page("/"))

    def latest(self):
        return latest_entries(self.server.page("/latest"))

    def wait_public(self, predicate, message):
        """Waits until predicate(ticker on /, entries of /latest) holds."""
        value = e2e.wait_for(lambda: predicate(self.ticker(), self.latest()), timeout=FEED_TIMEOUT,
                             interval=0.3)
        if not value:
            self.fail(f"{message}; ticker {self.ticker()}\n/latest {self.latest()}\n"
                      f"{self.server.stderr()[-2000:]}")

    def audit_text(self):
        return self.page(self.client("admin"), "/admin/audit").find("table", cls="audit").text()

    # ---- the tests ----

    def test_editor_adds_a_feed_and_its_headlines_reach_the_ticker(self):
        nav = self.feeds_page().find("nav").text()
        self.assertIn("مصادر الأخبار", nav, "editors have the feeds link")
        r = self.add_feed(self.partners.url("/sharq.xml"), "الشرق", "15")
        self.assertEqual(r.header("Location"), "/admin/feeds?added=1")
        self.wait_public(lambda t, l: any("الشرق" in s for _, s, _ in t) and any("الشرق" in s for _, s in l),
                         "the new partner's headlines never reached the ticker and /latest")
        iran = [e for e in self.ticker() if e[0] in (STORY_A, STORY_B)]
        self.assertEqual(len(iran), 1, "clustered with the other partner's headline")
        self.assertIn("الشرق", iran[0][1])
        rows = e2e.wait_for(lambda: (r := feed_rows(self.feeds_page()))["الشرق"]["state"] == "يعمل" and r,
                            timeout=FEED_TIMEOUT)
        self.assertTrue(rows, "the admin shows the new feed as working")
        self.assertNotIn("لم ينجح", rows["الشرق"]["last_success"])
        self.assertEqual(rows["الشرق"]["last_error"], "لا خطأ")
        self.assertEqual(self.cli_feeds()["الشرق"][3], "900", "15 minutes are stored as 900 s")
        # A new display name reaches the running site's ticker.
        form = rows["الشرق"]["row"].find("form", cls="feed-edit")
        r = self.client(EDITOR).post(form.attrs["action"], {
            "csrf": form.find("input", name="csrf").attrs["value"], "name": "صحيفة الشرق", "interval": "15"})
        self.assertStatus(r, 303, "renaming")
        self.wait_public(lambda t, l: any("صحيفة الشرق" in s for _, s, _ in t)
                         and all("الشرق" not in s for _, s, _ in t),
                         "the new name never reached the ticker")
        audit = self.audit_text()
        self.assertIn("feed.add", audit)
        self.assertIn("«الشرق» → «صحيفة الشرق»", audit)

    def test_bad_input_gets_its_message_beside_the_field_and_saves_nothing(self):
        before = self.cli_feeds()
        cases = [
            ({"url": "ftp://partner.example/rss", "name": "مصدر"}, "url", "http://"),
            ({"url": "partner.example/rss", "name": "مصدر"}, "url", "http://"),
            ({"url": "https:// spaces.example/rss", "name": "مصدر"}, "url", "http://"),
            ({"url": "", "name": "مصدر"}, "url", "مطلوب"),
            ({"url": self.partners.url("/ofoq.xml"), "name": "نسخة"}, "url", "مضافة من قبل باسم «الأفق»"),
            ({"url": "https://new.example/rss", "name": "النهار"}, "name", "يوجد مصدر آخر بهذا الاسم"),
            ({"url": "https://new.example/rss", "name": ""}, "name", "مطلوب"),
            ({"url": "https://new.example/rss", "name": "مصدر", "interval": "0"}, "interval", "من 1 إلى 1440"),
            ({"url": "https://new.example/rss", "name": "مصدر", "interval": "1441"}, "interval", "من 1 إلى 1440"),
            ({"url": "https://new.example/rss", "name": "مصدر", "interval": "عشر"}, "interval", "عدد صحيح"),
        ]
        editor = self.client(EDITOR)
        for fields, field, message in cases:
            with self.subTest(fields=fields):
                form = {"interval": "10", **fields, "csrf": csrf_of(self.feeds_page())}
                r = editor.post("/admin/feeds", form)
                self.assertStatus(r, 422, f"POST /admin/feeds {fields}")
                doc = r.document()
                errors = field_errors(doc.find("form", cls="new-feed"))
                self.assertIn(field, errors, f"a message beside {field}: {errors}")
                self.assertIn(message, errors[field])
                self.assertIsNotNone(doc.find("p", cls="error"))
                typed = doc.find("form", cls="new-feed").find("input", name="url").attrs.get("value") or ""
                self.assertEqual(typed, fields["url"].strip(), "what was typed stays in the form")
        self.assertEqual(self.cli_feeds().keys(), before.keys(), "nothing was saved")
        # Arabic-Indic digits are minutes too.
        self.add_feed("http://127.0.0.1:1/digits.xml", "أرقام", "٣٠")  # refused at once
        self.assertEqual(self.cli_feeds()["أرقام"][3], "1800")

    def test_dead_partner_is_shown_in_plain_words_then_edited_and_disabled(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead_port = s.getsockname()[1]
        self.add_feed(f"http://127.0.0.1:{dead_port}/rss", "الميت")

        def reported():
            rows = feed_rows(self.feeds_page())
            return "تعذّر الاتصال بخادم المصدر" in rows["الميت"]["last_error"] and rows

        rows = e2e.wait_for(reported, timeout=FEED_TIMEOUT, interval=0.3)
        self.assertTrue(rows, f"the dead partner's error never showed: {feed_rows(self.feeds_page())}")
        dead = rows["الميت"]
        self.assertEqual(dead["state"], "متعثّر")
        self.assertEqual(dead["last_success"], "لم ينجح جلبه بعد")
        self.assertIn("could not connect", dead["last_error"], "the technical detail is kept beside it")
        self.assertTrue(dead["next_try"], "the next try is shown")
        self.assertNotEqual(dead["next_try"], "لا شيء: المصدر معطّل")
        # The others go on.
        self.assertEqual(rows["النهار"]["last_error"], "لا خطأ")

        # Editing: a bad interval is refused beside that row's field; then rename and interval.
        editor = self.client(EDITOR)
        form = dead["row"].find("form", cls="feed-edit")
        action, csrf = form.attrs["action"], form.find("input", name="csrf").attrs["value"]
        r = editor.post(action, {"csrf": csrf, "name": "الميت", "interval": "99999"})
        self.assertStatus(r, 422, "an interval out of range")
        row = feed_rows(r.document())["الميت"]["row"]
        self.assertIn("من 1 إلى 1440", field_errors(row.find("form", cls="feed-edit"))["interval"])
        r = editor.post(action, {"csrf": csrf, "name": "الأفق", "interval": "30"})
        self.assertStatus(r, 422, "a name taken by another feed")
        self.assertIn("يوجد مصدر آخر", field_errors(feed_rows(r.document())["الميت"]["row"])["name"])
        self.assertEqual(self.cli_feeds()["الميت"][3], "600", "nothing was saved")
        r = editor.post(action, {"csrf": csrf, "name": "الشريك المتوقف", "interval": "30"})
        self.assertStatus(r, 303, "rename and a new interval")
        listed = self.cli_feeds()
        self.assertNotIn("الميت", listed)
        self.assertEqual(listed["الشريك المتوقف"][3], "1800")

        self.post_row_form("الشريك المتوقف", "disable")
        row = feed_rows(self.feeds_page())["الشريك المتوقف"]
        self.assertIn("معطّل", row["state"])
        self.assertEqual(row["next_try"], "لا شيء: المصدر معطّل")
        self.assertEqual(self.cli_feeds()["الشريك المتوقف"][4], "disabled")
        self.post_row_form("الشريك المتوقف", "enable")
        self.assertNotEqual(self.cli_feeds()["الشريك المتوقف"][4], "disabled")
        audit = self.audit_text()
        for action in ("feed.edit", "feed.disable", "feed.enable"):
            self.assertIn(action, audit)

    def test_muting_a_source_and_hiding_an_item_reach_the_running_site(self):
        self.wait_public(lambda t, l: any(h == OTHER for h, _, _ in t) and any(h == OTHER for h, _ in l)
                         and any("النهار" in s for _, s, _ in t),
                         "the partners' headlines never showed")
        editor = self.client(EDITOR)
        # Hide one item from the items page.
        doc = self.page(editor, "/admin/feeds/items")
        row = next(tr for tr in doc.find_all("tr", cls="item-row")
                   if tr.find("td", cls="item-title").text() == OTHER)
        form = row.find("form", cls="hide")
        r = editor.post(form.attrs["action"], {"csrf": form.find("input", name="csrf").attrs["value"]})
        self.assertStatus(r, 303, "hide")
        self.wait_public(lambda t, l: t and all(h != OTHER for h, _, _ in t) and all(h != OTHER for h, _ in l),
                         "the hidden item is still on the ticker or /latest")
        doc = self.page(editor, "/admin/feeds/items")
        row = next(tr for tr in doc.find_all("tr", cls="item-row")
                   if tr.find("td", cls="item-title").text() == OTHER)
        self.assertIn("hidden-item", row.classes(), "the admin still lists it, as hidden")
        form = row.find("form", cls="show")
        r = editor.post(form.attrs["action"], {"csrf": form.find("input", name="csrf").attrs["value"]})
        self.assertStatus(r, 303, "show")
        self.wait_public(lambda t, l: any(h == OTHER for h, _, _ in t) and any(h == OTHER for h, _ in l),
                         "the item did not come back")

        # Mute a source, then unmute it.
        self.post_row_form("النهار", "mute")
        self.wait_public(lambda t, l: t and all("النهار" not in s for _, s, _ in t)
                         and all("النهار" not in s for _, s in l),
                         "the muted source is still on the ticker or /latest")
        self.assertIn("مكتوم", feed_rows(self.feeds_page())["النهار"]["state"])
        self.post_row_form("النهار", "unmute")
        self.wait_public(lambda t, l: any("النهار" in s for _, s, _ in t) and any("النهار" in s for _, s in l),
                         "the unmuted source did not come back")
        audit = self.audit_text()
        for action in ("feed_item.hide", "feed_item.show", "feed.mute", "feed.unmute"):
            self.assertIn(action, audit)
        self.assertIn(OTHER, audit, "the audit names the hidden headline")

    def test_contributors_and_authors_cannot_manage_feeds(self):
        before = self.config()
        nahar_id = feed_rows(self.feeds_page())["النهار"]["row"].attrs["data-id"]
        for name in ("contrib", "author1"):
            with self.subTest(user=name):
                client = self.client(name)
                self.assertNotIn("مصادر الأخبار", self.page(client, "/admin").find("nav").text())
                for path in ("/admin/feeds", "/admin/feeds/items"):
                    self.assertStatus(client.get(path), 403, f"{name} GET {path}")
                csrf = csrf_of(self.page(client, "/admin/tokens"))  # a valid token of their own
                r = client.post("/admin/feeds", {"csrf": csrf, "url": "https://x.example/rss",
                                                 "name": "استيلاء", "interval": "10"})
                self.assertStatus(r, 403, f"{name} POST /admin/feeds")
                r = client.post(f"/admin/feeds/{nahar_id}/mute", {"csrf": csrf})
                self.assertStatus(r, 403, f"{name} mutes a feed")
        self.assertEqual(self.config(), before, "nothing changed")
        for path in ("/admin/feeds", "/admin/feeds/items"):
            r = Client(self.server).get(path)
            self.assertStatus(r, 303, f"anonymous GET {path}")
        # Administrators may.
        self.assertStatus(self.client("admin").get("/admin/feeds"), 200, "administrator GET /admin/feeds")

    def test_posts_without_the_csrf_token_are_refused(self):
        before = self.config()
        editor = self.client(EDITOR)
        nahar_id = feed_rows(self.feeds_page())["النهار"]["row"].attrs["data-id"]
        for path, form in (("/admin/feeds", {"url": "https://csrf.example/rss", "name": "بلا رمز", "interval": "10"}),
                           (f"/admin/feeds/{nahar_id}/mute", {}),
                           (f"/admin/feeds/{nahar_id}/edit", {"name": "مختطف", "interval": "5"})):
            for extra in ({}, {"csrf": "x" * 43}):
                r = editor.post(path, {**form, **extra})
                self.assertStatus(r, 403, f"POST {path} {'with a wrong' if extra else 'without a'} token")
        self.assertEqual(self.config(), before, "nothing changed")

    def test_the_server_stops_cleanly(self):
        # Last by name: a clean exit, and no sanitizer report, after everything above.
        self.assertEqual(self.server.get("/admin/feeds").status, 303)
        rc = self.server.terminate()
        self.assertEqual(rc, 0, self.server.stderr()[-3000:])
        self.assertNotIn("Sanitizer", self.server.stderr())


globals().update({c.__name__: c for c in e2e.per_backend(FeedsAdminTests)})

if __name__ == "__main__":
    unittest.main()

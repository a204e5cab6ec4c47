"""Readers' comments (issue 4) over HTTP, on SQLite and on PostgreSQL: post → held →
approved → shown; returning commenters, replies, the honeypot, the signed form (tampered,
too fast, expired), duplicates, links and blocklist, bans, closing (by a moderator and after
N days), rate limits per address and per article, hostile HTML in the page, the feeds and the
JSON, bad input, moderation rights and the audit log, and kill -9 right after acceptance.

No test sleeps: where the signed form's minimum fill time matters, the test signs a form
itself with the key the site keeps in its database (HMAC-SHA-512-256, as libsodium's
crypto_auth), issued as long ago as it needs."""

import hashlib
import hmac
import json
import re
import sqlite3
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import wakala_e2e as e2e

HELD = "تعليقك بانتظار المراجعة"
PUBLISHED = "نُشر تعليقك"
CLOSED = "التعليقات مغلقة على هذا المقال."
USERS = {"admin": ("administrator", "admin-password-1"),
         "محررة": ("editor", "editor-password-1"),
         "author1": ("author", "author1-password")}
EDITOR = "محررة"

XSS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "\"><script>alert(1)</script>",
    "javascript:alert(document.cookie)",
    "<a href=\"javascript:alert(1)\">اضغط</a>",
    "https://evil.test/\"onmouseover=\"alert(1)",
    "www.evil.test/<script>x</script>",
    "]]></description><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<iframe src=\"https://evil.test\"></iframe>",
    "<style>body{display:none}</style>",
    "{{content_html}} {{{content_html}}}",
]


class Client:
    """A cookie jar on one server (for the newsroom)."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(list(form.items())).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        r = self.server.request(path, method, headers, body)
        for k, v in r.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
        return r


def hmac_token(key_hex, article_id, issued):
    message = f"{article_id}.{issued}".encode()
    mac = hmac.new(bytes.fromhex(key_hex), message, hashlib.sha512).digest()[:32]
    return f"{article_id}.{issued}.{mac.hex()}"


class CommentsBase:
    settings = {}

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("settings", "set", "timezone", "UTC")
        for key, value in cls.settings.items():
            cls.site.cli_ok("settings", "set", key, str(value))
        for name, (role, password) in USERS.items():
            cls.site.cli_ok("user", "add", name, "--role", role, "--password-stdin", input=password + "\n")
        cls.server = cls.site.start_server()
        cls.articles = [a["slug"] for a in json.loads(cls.server.get("/api/articles").body)["articles"]]
        cls._clients = {}
        cls._next_article = 0

    # ---- helpers ----

    @classmethod
    def take_article(cls):
        """A published article no other test of the class uses."""
        slug = cls.articles[cls._next_article]
        cls._next_article += 1
        return slug

    def article_page(self, slug, query="", server=None):
        r = (server or self.server).get(e2e.quote_path("/article/" + slug) + query)
        self.assertStatus(r, 200, f"the article {slug}{query}")
        return r

    def token(self, slug, server=None):
        doc = self.article_page(slug, server=server).document()
        field = doc.find("input", name="token")
        self.assertIsNotNone(field, "the comment form's signed timestamp")
        return field.attrs["value"]

    def post(self, slug, body, name="قارئ", email="", token=None, server=None, **extra):
        fields = {"token": self.token(slug, server) if token is None else token,
                  "name": name, "email": email, "body": body}
        fields.update(extra)
        data = urllib.parse.urlencode(fields).encode("ascii")
        return self.post_raw(slug, data, server)

    def post_raw(self, slug, data, server=None):
        return (server or self.server).request(
            e2e.quote_path(f"/article/{slug}/comments"), "POST",
            {"Content-Type": "application/x-www-form-urlencoded"}, data)

    def shown(self, slug, server=None):
        """The texts of the approved comments on the public page everyone gets."""
        doc = self.article_page(slug, server=server).document()
        return [d.text() for d in doc.find_all("div", cls="comment-text")]

    def client(self, name, server=None):
        key = (name, id(server or self.server))
        if key not in self._clients:
            c = Client(server or self.server)
            r = c.request("GET", "/admin/login")
            token = r.document().find("input", name="login_token").attrs["value"]
            r = c.request("POST", "/admin/login", {"login_token": token, "name": name,
                                                   "password": USERS[name][1]})
            self.assertStatus(r, 303, f"login as {name}")
            self._clients[key] = c
        return self._clients[key]

    def queue(self, status="held", server=None):
        """[(id, text, row)] in the moderation queue (newest first)."""
        r = self.client(EDITOR, server).request("GET", f"/admin/comments?status={status}")
        self.assertStatus(r, 200, "the moderation queue")
        out = []
        for li in r.document().find_all("li", cls="comment-row"):
            out.append((int(li.attrs["id"].split("-")[1]), li.find("div", cls="comment-text").text(), li))
        return out

    def find_in_queue(self, text, status="held", server=None):
        found = [(i, row) for i, t, row in self.queue(status, server) if text in t]
        return found[0] if found else (None, None)

    def moderate(self, comment_id, action, user=EDITOR):
        c = self.client(user)
        csrf = c.request("GET", "/admin/comments").document().find("input", name="csrf").attrs["value"]
        return c.request("POST", f"/admin/comments/{comment_id}/moderate", {"csrf": csrf, "action": action})

    def csrf(self, user=EDITOR):
        return self.client(user).request("GET", "/admin/comments").document().find(
            "input", name="csrf").attrs["value"]

    def approve_new(self, slug, body, **kw):
        """Posts `body` and approves it; returns the comment's id."""
        r = self.post(slug, body, **kw)
        self.assertStatus(r, 303, "post")
        cid, _ = self.find_in_queue(body[:20])
        self.assertIsNotNone(cid, f"{body!r} held")
        self.assertStatus(self.moderate(cid, "approve"), 303, "approve")
        return cid

    def comment_key(self):
        """The site's form-signing key, as stored."""
        db = self.site.db
        if db.startswith("sqlite:"):
            with sqlite3.connect(db[len("sqlite:"):]) as conn:
                return conn.execute("SELECT value FROM comment_secrets WHERE name = 'form'").fetchone()[0]
        out = e2e.psql(db, "SELECT value FROM comment_secrets WHERE name = 'form'")
        return re.search(r"[0-9a-f]{64}", out).group(0)

    def article_id(self, slug):
        return int(self.token(slug).split(".")[0])

    def signed(self, slug, age):
        """A form for `slug` signed `age` seconds ago."""
        return hmac_token(self.comment_key(), self.article_id(slug), int(time.time()) - age)


class CommentTests(CommentsBase):
    """One demo site and one server; limits high enough that only the tests of limits (in
    LimitTests) meet them; no minimum fill time."""

    settings = {"comments_min_seconds": 0, "comments_per_ip": 1000, "comments_per_article": 1000,
                "comments_blocklist": "كازينو\ncasino"}

    def admin_settings(self):
        """The admin settings form's fields, as a browser would send them back."""
        r = self.client("admin").request("GET", "/admin/settings")
        self.assertStatus(r, 200, "/admin/settings")
        return r.document().find("form", cls="settings").form_values()

    def limit_shown(self, slug):
        """The longest comment the public form tells readers about ("" when it tells none)."""
        limit = self.article_page(slug).document().find("small", cls="comment-limit")
        return limit.text() if limit else ""

    def test_policy_is_set_in_the_admin_settings_and_reaches_the_form(self):
        admin = self.client("admin")
        fields = self.admin_settings()
        self.assertEqual(fields["comments_blocklist"], "كازينو\ncasino", "the policy is shown")
        self.assertEqual(fields["comments_min_seconds"], "0")
        self.assertEqual(fields["comments_max_chars"], "", "never set: blank, the default")

        slug = self.take_article()
        self.assertIn("5000", self.limit_shown(slug), "the default limit, told on the public form")
        text = "تعليق أطول من عشرين حرفاً بكثير"
        try:
            self.assertStatus(admin.request("POST", "/admin/settings",
                                            dict(fields, comments_max_chars="20")), 303, "save")
            self.assertEqual(self.admin_settings()["comments_max_chars"], "20", "saved")
            # Probed on the page, not by posting: a comment sent before the server reloads
            # its settings would be accepted, and every later try of it refused as a duplicate.
            self.assertEventually(lambda: "20 حرف" in self.limit_shown(slug),
                                  "the public form tells the new limit")
            r = self.post(slug, text)
            self.assertStatus(r, 422, "a 31-letter comment at 20")
            self.assertIn("(20 حرف)", r.document().find("form", cls="comment-form").text())
        finally:
            # Blank is "the default": saved as such, and the server goes back to 5000.
            self.assertStatus(admin.request("POST", "/admin/settings", fields), 303, "restore")
        self.assertEqual(self.admin_settings()["comments_max_chars"], "", "blank again")
        self.assertEventually(lambda: "5000 حرف" in self.limit_shown(slug),
                              "the public form tells the default limit again")
        self.assertStatus(self.post(slug, text), 303, "the default limit takes the same comment")

    def test_a_bad_policy_number_saves_nothing(self):
        admin = self.client("admin")
        before = self.admin_settings()
        typed = dict(before, comments_max_links="7", comments_blocklist="قمار",
                     comments_min_seconds="5", site_name="وكالة أخرى", comments_per_ip="-3")
        r = admin.request("POST", "/admin/settings", typed)
        self.assertStatus(r, 422, "one number out of range")
        doc = r.document()
        errors = [p.text() for p in doc.find_all("p", cls="field-error")]
        self.assertEqual(errors, ["عدد صحيح من 1 إلى 10000، أو اتركه فارغاً للقيمة الافتراضية."])
        self.assertIn("لم تُحفظ الإعدادات", doc.text())
        self.assertEqual(doc.find("form", cls="settings").form_values(), typed,
                         "the form comes back as typed")
        self.assertEqual(self.admin_settings(), before, "nothing saved, not even the good fields")

        r = admin.request("POST", "/admin/settings", dict(before, comments_max_chars="كثير",
                                                          comments_moderation="never"))
        self.assertStatus(r, 422, "a word for a number, a policy not in the list")
        errors = [p.text() for p in r.document().find_all("p", cls="field-error")]
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("سياسة المراجعة", errors[0], "beside «المراجعة», first in the form")
        self.assertIn("عدد صحيح من 1 إلى 100000", errors[1], "beside «أطول تعليق», last")
        self.assertEqual(self.admin_settings(), before, "nothing saved")

    def test_post_held_approve_shown_reply(self):
        slug = self.take_article()
        r = self.post(slug, "أول تعليق على الخبر\nفي سطرين", name="سارة", email="Sara@Example.com")
        self.assertStatus(r, 303, "a comment")
        location = r.header("Location")
        self.assertIn("?comment=held", location)
        self.assertTrue(location.startswith(e2e.quote_path("/article/" + slug)))
        notice = self.server.get(location.split("#")[0])
        self.assertStatus(notice, 200, "the page after the redirect")
        self.assertIn(HELD, notice.document().find("p", cls="comment-notice").text())
        self.assertIn("no-store", notice.header("Cache-Control"))
        self.assertEqual(self.shown(slug), [], "held: not shown")
        self.assertNotIn(HELD, self.article_page(slug).text, "the page everyone gets has no message")

        cid, row = self.find_in_queue("أول تعليق على الخبر")
        self.assertIsNotNone(cid, "in the queue")
        self.assertIn("sara@example.com", row.text(), "moderators see the e-mail")
        dash = self.client(EDITOR).request("GET", "/admin").document()
        self.assertGreaterEqual(int(dash.find("b", cls="held-count").text()), 1)
        self.assertStatus(self.moderate(cid, "approve"), 303, "approve")
        self.assertEventually(lambda: self.shown(slug) == ["أول تعليق على الخبر في سطرين"],
                              "the approved comment on the article page")
        page = self.article_page(slug).document()
        self.assertIn("سارة", page.find("b", cls="comment-author").text())
        self.assertNotIn("sara@example.com", self.article_page(slug).text.lower(), "e-mail never shown")
        text = page.find("div", cls="comment-text")
        self.assertEqual(text.attrs.get("dir"), "auto")
        self.assertEqual(len(text.find_all("br")), 1, "the line break kept")

        # Returning: same name and e-mail, published at once.
        r = self.post(slug, "تعليق ثان من قارئة معروفة", name="سارة", email="sara@example.com")
        self.assertStatus(r, 303, "a returning commenter")
        self.assertIn("?comment=published", r.header("Location"))
        self.assertIn(PUBLISHED, self.server.get(r.header("Location").split("#")[0]).text)
        self.assertEventually(lambda: "تعليق ثان من قارئة معروفة" in self.shown(slug), "published at once")

        # A reply, one level deep.
        reply_page = self.article_page(slug, f"?reply={cid}").document()
        self.assertIn("ردّ على سارة", reply_page.find("form", cls="comment-form").text())
        parent = reply_page.find("input", name="parent").attrs["value"]
        r = self.post(slug, "ردّ على سارة", name="خالد", parent=parent)
        self.assertStatus(r, 303, "a reply")
        rid, _ = self.find_in_queue("ردّ على سارة")
        self.assertStatus(self.moderate(rid, "approve"), 303, "approve the reply")
        def reply_shown():
            doc = self.article_page(slug).document()
            replies = doc.find("ol", cls="comment-replies")
            return replies is not None and "ردّ على سارة" in replies.text()
        self.assertEventually(reply_shown, "the reply under its comment")

        # Feeds and JSON carry the approved comments only.
        data = json.loads(self.server.get(e2e.quote_path(f"/api/articles/{slug}/comments")).body)
        self.assertEqual(data["count"], 3)
        self.assertEqual([c["text"] for c in data["comments"]][0], "أول تعليق على الخبر\nفي سطرين")
        self.assertNotIn("email", json.dumps(data))
        rss = self.server.get(e2e.quote_path(f"/article/{slug}/comments/feed.xml"))
        self.assertStatus(rss, 200, "RSS")
        self.assertIn("application/rss+xml", rss.header("Content-Type"))
        self.assertEqual(len(ET.fromstring(rss.body).findall("./channel/item")), 3)
        atom = self.server.get(e2e.quote_path(f"/article/{slug}/comments/atom.xml"))
        self.assertEqual(len(ET.fromstring(atom.body).findall("{http://www.w3.org/2005/Atom}entry")), 3)

        # Audit log.
        audit = self.client("admin").request("GET", "/admin/audit").text
        self.assertIn("comment.approve", audit)

    def test_only_editors_and_administrators_moderate(self):
        self.assertStatus(self.client("author1").request("GET", "/admin/comments"), 403, "author")
        self.assertStatus(self.client("admin").request("GET", "/admin/comments"), 200, "admin")
        c = self.client("author1")
        csrf = c.request("GET", "/admin").document().find("input", name="csrf").attrs["value"]
        self.assertStatus(c.request("POST", "/admin/comments/1/moderate", {"csrf": csrf, "action": "approve"}),
                          403, "author's POST")
        r = self.client(EDITOR).request("POST", "/admin/comments/1/moderate", {"csrf": "wrong", "action": "approve"})
        self.assertStatus(r, 403, "wrong CSRF")

    def test_honeypot_tampered_and_foreign_forms_store_nothing(self):
        slug, other = self.take_article(), self.take_article()
        r = self.post(slug, "تعليق آلي من الفخ", website="http://spam.test")
        self.assertStatus(r, 422, "honeypot")
        self.assertIn("لم يُقبل التعليق", r.document().find("p", cls="comment-error").text())
        token = self.token(slug)
        tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
        r = self.post(slug, "تعليق بنموذج معدل", token=tampered)
        self.assertStatus(r, 422, "tampered token")
        self.assertIn("انتهت صلاحية", r.text)
        self.assertEqual(r.document().find("textarea", name="body").raw_text(), "تعليق بنموذج معدل",
                         "the reader's text comes back")
        self.assertStatus(self.post(slug, "تعليق بلا نموذج", token=""), 422, "no token")
        self.assertStatus(self.post(slug, "تعليق بنموذج مقال آخر", token=self.token(other)), 422,
                          "another article's form")
        for text in ("تعليق آلي من الفخ", "تعليق بنموذج معدل", "تعليق بلا نموذج", "تعليق بنموذج مقال آخر"):
            for status in ("held", "spam", "approved"):
                self.assertEqual(self.find_in_queue(text, status), (None, None), f"{text} stored")

    def test_duplicates_links_blocklist_and_bans(self):
        slug = self.take_article()
        self.approve_new(slug, "تعليق مقبول لقارئ عائد", name="رامي", email="rami@example.com")
        self.assertStatus(self.post(slug, "نص مكرر تماماً"), 303, "first")
        r = self.post(slug, "نص مكرر تماماً")
        self.assertStatus(r, 409, "duplicate")
        self.assertIn("من قبل", r.text)
        # A returning commenter is held for many links, or a blocked word.
        r = self.post(slug, "روابط http://a.test http://b.test http://c.test", name="رامي", email="rami@example.com")
        self.assertIn("?comment=held", r.header("Location"), "three links: held")
        r = self.post(slug, "أفضل CASINO في المدينة", name="رامي", email="rami@example.com")
        self.assertIn("?comment=held", r.header("Location"), "blocklist: held")
        r = self.post(slug, "رأي عادي بلا روابط", name="رامي", email="rami@example.com")
        self.assertIn("?comment=published", r.header("Location"), "otherwise published")
        # Ban by e-mail: later comments are kept as spam, and the poster sees «held».
        cid, _ = self.find_in_queue("أفضل CASINO")
        self.assertStatus(self.moderate(cid, "ban_email"), 303, "ban the e-mail")
        self.assertIsNotNone(self.find_in_queue("أفضل CASINO", "spam")[0], "marked spam")
        r = self.post(slug, "تعليق من بريد محظور", name="رامي", email="RAMI@example.com")
        self.assertIn("?comment=held", r.header("Location"))
        self.assertIsNotNone(self.find_in_queue("تعليق من بريد محظور", "spam")[0], "kept as spam")
        self.assertEqual(self.find_in_queue("تعليق من بريد محظور", "held"), (None, None))
        # Ban by address, then lift it (every test posts from 127.0.0.1).
        cid, _ = self.find_in_queue("روابط http://a.test")
        self.assertStatus(self.moderate(cid, "ban_ip"), 303, "ban the address")
        try:
            self.post(slug, "تعليق من عنوان محظور", name="غريب")
            self.assertIsNotNone(self.find_in_queue("تعليق من عنوان محظور", "spam")[0])
        finally:
            bans = self.client(EDITOR).request("GET", "/admin/comments/bans").document()
            for form in bans.find_all("form"):
                action = form.attrs["action"]
                if action.endswith("/remove"):
                    self.client(EDITOR).request("POST", action, {"csrf": self.csrf()})
        self.assertStatus(self.post(slug, "بعد رفع الحظر عن العنوان", name="غريب"), 303, "unbanned")
        self.assertIsNotNone(self.find_in_queue("بعد رفع الحظر عن العنوان", "held")[0])
        # Reject, edit and delete.
        cid, _ = self.find_in_queue("بعد رفع الحظر عن العنوان")
        c = self.client(EDITOR)
        self.assertStatus(c.request("POST", f"/admin/comments/{cid}/edit", {"csrf": self.csrf(), "body": "نص عدّله المحرر"}),
                          303, "edit")
        self.assertIsNotNone(self.find_in_queue("نص عدّله المحرر", "held")[0])
        self.assertStatus(self.moderate(cid, "reject"), 303, "reject")
        self.assertIsNotNone(self.find_in_queue("نص عدّله المحرر", "rejected")[0])
        self.assertStatus(self.moderate(cid, "delete"), 303, "delete")
        self.assertEqual(self.find_in_queue("نص عدّله المحرر", "all"), (None, None))
        audit = self.client("admin").request("GET", "/admin/audit").text
        for action in ("comment.ban_email", "comment.ban_ip", "comment.unban", "comment.edit",
                       "comment.reject", "comment.delete"):
            self.assertIn(action, audit)

    def test_closing_per_article(self):
        slug = self.take_article()
        aid = self.article_id(slug)
        c = self.client(EDITOR)
        # A moderator finds the article by its public URL, with no comment on it yet.
        url = self.server.base_url + e2e.quote_path("/article/" + slug)
        view = c.request("GET", "/admin/comments?status=all&find=" + urllib.parse.quote(url, safe=""))
        self.assertStatus(view, 200, "the article's comments")
        self.assertIn(f"/admin/comments/articles/{aid}/closed", view.text)
        r = c.request("POST", f"/admin/comments/articles/{aid}/closed", {"csrf": self.csrf(), "closed": "1"})
        self.assertStatus(r, 303, "close")
        self.assertEventually(lambda: CLOSED in self.article_page(slug).text, "closed on the page")
        self.assertIsNone(self.article_page(slug).document().find("form", cls="comment-form"))
        # A form rendered before closing is refused too.
        r = self.post(slug, "تعليق بعد الإغلاق", token=hmac_token(self.comment_key(), aid, int(time.time()) - 5))
        self.assertStatus(r, 403, "closed")
        self.assertIn(CLOSED, r.text)
        data = json.loads(self.server.get(e2e.quote_path(f"/api/articles/{slug}/comments")).body)
        self.assertFalse(data["open"])
        r = c.request("POST", f"/admin/comments/articles/{aid}/closed", {"csrf": self.csrf(), "closed": "0"})
        self.assertStatus(r, 303, "reopen")
        self.assertEventually(lambda: self.article_page(slug).document().find("form", cls="comment-form") is not None,
                              "open again")
        self.assertIn("comments.close", self.client("admin").request("GET", "/admin/audit").text)

    def test_hostile_html_is_inert_in_page_feeds_and_json(self):
        slug = self.take_article()
        self.approve_new(slug, "قارئ موثوق", name="موثوق", email="trusted@example.com")
        for i, payload in enumerate(XSS):
            r = self.post(slug, f"{i}: {payload}", name=f"موثوق", email="trusted@example.com")
            self.assertStatus(r, 303, payload)
        r = self.post(slug, "<b>اسم</b>", name="<script>alert(1)</script>", email="")
        self.assertStatus(r, 303, "hostile name")
        cid, _ = self.find_in_queue("<b>اسم</b>")
        self.moderate(cid, "approve")
        self.assertEventually(lambda: len(self.shown(slug)) == len(XSS) + 2, "all shown")
        page = self.article_page(slug)
        section = page.document().find("section", cls="comments")
        self.assert_inert(section, "page")
        texts = self.shown(slug)
        for i, payload in enumerate(XSS):
            if "&" not in payload:
                self.assertIn(f"{i}: {payload}", texts, "shown as written, as text")
        self.assertIn("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;", page.text,
                      "entities typed by the reader stay text")
        self.assertIn("<script>alert(1)</script>", [b.text() for b in section.find_all("b", cls="comment-author")])

        rss = ET.fromstring(self.server.get(e2e.quote_path(f"/article/{slug}/comments/feed.xml")).body)
        for item in rss.findall("./channel/item"):
            self.assert_inert(e2e.parse_html(item.findtext("description")), "RSS")
            self.assertNotIn("<", item.findtext("title").replace("<script>alert(1)</script>", ""))
        ns = "{http://www.w3.org/2005/Atom}"
        atom = ET.fromstring(self.server.get(e2e.quote_path(f"/article/{slug}/comments/atom.xml")).body)
        for entry in atom.findall(f"{ns}entry"):
            self.assertEqual(entry.find(f"{ns}content").get("type"), "html")
            self.assert_inert(e2e.parse_html(entry.findtext(f"{ns}content")), "Atom")
        data = json.loads(self.server.get(e2e.quote_path(f"/api/articles/{slug}/comments")).body)
        for c in data["comments"]:
            self.assert_inert(e2e.parse_html(c["html"]), "JSON html")

    def assert_inert(self, root, where):
        for node in root.iter():
            if not isinstance(node, e2e.Node):
                continue
            self.assertNotIn(node.tag, ("script", "iframe", "style", "img", "svg"), f"{where}: <{node.tag}>")
            for name, value in node.attrs.items():
                self.assertFalse(name.startswith("on"), f"{where}: {name}={value!r} on <{node.tag}>")
            if node.tag == "a" and "comment-text" in (node.parent.classes() if node.parent else []):
                self.assertRegex(node.attrs.get("href", ""), r"^https?://", where)
                self.assertEqual(node.attrs.get("rel"), "nofollow ugc noopener", where)

    def test_bad_input_gets_a_message_and_stores_nothing(self):
        slug = self.take_article()
        token = self.token(slug)
        cases = [
            ({"name": "قارئ", "body": ""}, 422, "body"),
            ({"name": "قارئ", "body": " \n\t "}, 422, "body"),
            ({"name": "", "body": "نص بلا اسم"}, 422, "name"),
            ({"name": "قارئ", "body": "ا" * 5001}, 422, "body"),
            ({"name": "قارئ", "body": "محارف تحكم \x01\x02"}, 422, "body"),
            ({"name": "قارئ", "body": "اتجاه مخفي \u202e txt"}, 422, "body"),
            ({"name": "اسم\nبسطرين", "body": "نص"}, 422, "name"),
            ({"name": "قارئ", "email": "ليس بريداً", "body": "نص ببريد خاطئ"}, 422, "email"),
        ]
        for fields, status, field in cases:
            r = self.post(slug, fields["body"], name=fields["name"], email=fields.get("email", ""), token=token)
            self.assertStatus(r, status, repr(fields)[:80])
            doc = r.document()
            self.assertIsNotNone(doc.find("p", cls="comment-error"), "a message")
            label = [l for l in doc.find("form", cls="comment-form").find_all("label")
                     if any(n.attrs.get("name") == field for n in l.find_all())]
            self.assertTrue(label and label[0].parent.find("span", cls="field-error"), f"a message beside {field}")
            self.assertIn("no-store", r.header("Cache-Control"))
        # Invalid UTF-8: the form cannot be read.
        raw = b"token=" + token.encode() + b"&name=%D9%82&body=%FF%FE%D9"
        r = self.post_raw(slug, raw)
        self.assertStatus(r, 400, "invalid UTF-8")
        self.assertIn("نص غير صالح", r.text)
        # (A body over the server's 1 MiB limit is answered 413 before any handler: test_http.)
        for status in ("held", "spam", "approved", "rejected"):
            self.assertFalse([t for _, t, _ in self.queue(status) if "نص ببريد خاطئ" in t or "محارف تحكم" in t],
                             f"nothing stored ({status})")
        # Unknown or unpublished articles.
        self.assertStatus(self.post_raw("no-such-article", b"token=x&name=a&body=b"), 404, "unknown")

    def test_kill_9_keeps_an_acknowledged_comment(self):
        slug = self.take_article()
        self.approve_new(slug, "قارئة دائمة", name="هدى", email="huda@example.com")
        server = self.site.start_server()
        r = self.post(slug, "تعليق منشور قبل القتل", name="هدى", email="huda@example.com", server=server)
        self.assertStatus(r, 303, "accepted")
        self.assertIn("?comment=published", r.header("Location"))
        r2 = self.post(slug, "تعليق معلّق قبل القتل", name="جديد", server=server)
        self.assertStatus(r2, 303, "accepted")
        server.kill()
        self.assertEqual(server.returncode, -9)
        again = self.site.start_server()
        try:
            self.assertIn("تعليق منشور قبل القتل", self.shown(slug, server=again))
            self.assertIsNotNone(self.find_in_queue("تعليق معلّق قبل القتل", server=again)[0])
        finally:
            self.assertEqual(again.terminate(), 0)


class LimitTests(CommentsBase):
    """A site with a minimum fill time, low rate limits and comments closed after 30 days.
    Forms are signed here with the site's key, as old as each test needs."""

    settings = {"comments_min_seconds": 600, "comments_per_ip": 3, "comments_per_article": 2,
                "comments_close_after_days": 30, "comments_form_hours": 1}

    @classmethod
    def set_up_sites(cls):
        super().set_up_sites()
        cls.fresh = []
        for i in range(3):
            text = (f"---\ntitle: خبر جديد للتعليقات {i}\nsection: {e2e.demo_sections()[0][1]}\n"
                    f"byline: مراسل\n---\n\nنص الخبر {i}.\n")
            out = cls.site.cli_ok("article", "add", "-", input=text)
            cls.fresh.append(urllib.parse.unquote(e2e.path_of(out.strip())[len("/article/"):]))

    def test_fill_time_expiry_and_rate_limits(self):
        # One test, in this order: the rate limits count every comment this class's address
        # (127.0.0.1) has posted in the window.
        a, b = self.fresh[0], self.fresh[1]
        r = self.post(a, "أسرع من اللازم")
        self.assertStatus(r, 422, "a form sent at once")
        self.assertIn("أسرع مما يكتب الناس", r.text)
        self.assertEqual(r.document().find("textarea", name="body").raw_text(), "أسرع من اللازم")
        r = self.post(a, "نموذج قديم جداً", token=self.signed(a, 2 * 3600))
        self.assertStatus(r, 422, "an expired form")
        self.assertIn("انتهت صلاحية", r.text)
        # per article: 2 per window (the address has room for 3).
        self.assertStatus(self.post(a, "نموذج في وقته", token=self.signed(a, 700)), 303, "filled in 700 s")
        self.assertStatus(self.post(a, "ثان", token=self.signed(a, 700)), 303, "2nd")
        r = self.post(a, "ثالث", token=self.signed(a, 700))
        self.assertStatus(r, 429, "the article's limit")
        self.assertIn("يتلقى هذا المقال", r.text)
        self.assertTrue(r.header("Retry-After"))
        # per address: the third comment from 127.0.0.1 is its last in the window.
        self.assertStatus(self.post(b, "على مقال آخر", token=self.signed(b, 700)), 303, "3rd from the address")
        r = self.post(b, "رابع", token=self.signed(b, 700))
        self.assertStatus(r, 429, "the address's limit")
        self.assertIn("أرسلت تعليقات كثيرة", r.text)

    def test_closed_after_n_days(self):
        old = self.articles[-1]  # the demo's articles are older than 30 days
        self.token(self.fresh[2])  # the site makes its key with the first form it shows
        self.assertIn(CLOSED, self.article_page(old).text)
        token = hmac_token(self.comment_key(), self.article_id_of_closed(old), int(time.time()) - 700)
        r = self.post(old, "على خبر قديم", token=token)
        self.assertStatus(r, 403, "closed by age")

    def article_id_of_closed(self, slug):
        """A closed article's page has no form to read its id from: the newsroom's list has it."""
        c = self.client(EDITOR)
        doc = c.request("GET", "/admin").document()
        for a in doc.find_all("a"):
            href = a.attrs.get("href", "")
            if href.startswith("/admin/articles/") and a.text() == self.title_of(slug):
                return int(href.rsplit("/", 1)[1])
        self.fail(f"no id for {slug}")

    def title_of(self, slug):
        return json.loads(self.server.get(e2e.quote_path(f"/api/articles/{slug}")).body)["title"]


class TransferTests:
    """WordPress comments in, and comments through export → import → export."""

    def test_wxr_comments_and_round_trip(self):
        site = self.new_site()
        site.cli_ok("settings", "set", "comments_min_seconds", "0")
        out = site.cli_ok("import", "wxr", e2e.FIXTURES / "wxr" / "comments.xml")
        self.assertIn("comments: 5 created, 0 updated", out)
        self.assertIn("skipped: 1 trashed comments", out)
        self.assertIn("skipped: 1 pingbacks and trackbacks", out)
        again = site.cli_ok("import", "wxr", e2e.FIXTURES / "wxr" / "comments.xml")
        self.assertIn("comments: 0 created, 0 updated", again, "a second import changes nothing")
        server = site.start_server()
        doc = server.page(e2e.quote_path("/article/transport-plan"))
        top = doc.find("ol", cls="comment-list")
        texts = [d.text() for d in top.find_all("div", cls="comment-text")]
        self.assertEqual(len(texts), 3, "approved only: not the held nor the spam comment")
        self.assertTrue(texts[0].startswith("خطة طال انتظارها."))
        self.assertEqual(len(top.find_all("div", cls="comment-text")[0].find_all("br")), 1, "the <br> kept")
        self.assertEqual([d.text() for d in doc.find("ol", cls="comment-replies").find_all("div", cls="comment-text")],
                         ["ردّ كريم على منى", "ردّ على ردّ كريم"], "replies one level deep, in order")
        self.assertNotIn("cheap pills", doc.raw_text())
        # A comment made here joins them in the dump.
        token = doc.find("input", name="token").attrs["value"]
        r = server.request(e2e.quote_path("/article/transport-plan/comments"), "POST",
                           {"Content-Type": "application/x-www-form-urlencoded"},
                           urllib.parse.urlencode({"token": token, "name": "قارئ جديد",
                                                   "body": "تعليق كُتب في وكالة"}).encode())
        self.assertStatus(r, 303, "a native comment")
        first = site.cli_ok("export")
        records = [json.loads(line) for line in first.splitlines() if '"comment"' in line]
        self.assertEqual(len([c for c in records if c["type"] == "comment"]), 6)
        self.assertEqual({c["status"] for c in records}, {"approved", "held", "spam"})
        dump = e2e.Path(site.dir) / "dump.jsonl"
        dump.write_text(first, encoding="utf-8")
        target = self.new_site()
        self.assertIn("6 comments", target.cli_ok("import", "jsonl", dump))
        self.assertEqual(target.cli_ok("export"), first, "export → import → export")


Comments_SQLite, Comments_PostgreSQL = e2e.per_backend(CommentTests)
Limits_SQLite, Limits_PostgreSQL = e2e.per_backend(LimitTests)
Transfer_SQLite, Transfer_PostgreSQL = e2e.per_backend(TransferTests)

if __name__ == "__main__":
    unittest.main()

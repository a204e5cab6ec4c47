"""The newsroom at /admin over HTTP, on SQLite and on PostgreSQL: login (double-submit login
token, cookie flags, logout with CSRF), throttling, sessions that survive a restart, CSRF on
saves, the rules of each role, the editor (create, publish, preview, validation beside each
field), edit conflicts, revisions (compare, restore), the background scheduler, the audit log
and `wakala user ensure-admin`.

The sites run with `timezone` set to UTC, so publish_at is plain UTC."""

import json
import re
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import wakala_e2e as e2e

SESSION_COOKIE = "wakala_session"
LOGIN_COOKIE = "wakala_login"
WRONG_LOGIN = "اسم المستخدم أو كلمة المرور غير صحيحة."
NO_PUBLISH = "لا تملك صلاحية النشر"
SCHEDULED_LABEL = "مجدول"
# How long after its publish time a scheduled article may take to appear (the scheduler ticks
# about every second; the public cache follows content_version about every 300 ms). Only the
# bound of a polling loop.
SCHEDULE_TIMEOUT = 20

USERS = {
    # name: (role, password)
    "admin": ("administrator", "admin-password-1"),
    "سلمى": ("editor", "editor-password-1"),  # an Arabic login name, on purpose
    "author1": ("author", "author1-password"),
    "author2": ("author", "author2-password"),
    "contrib": ("contributor", "contrib-password"),
    "wrongpw": ("author", "wrongpw-password"),
    "throttled": ("author", "throttled-password"),
    "bystander": ("author", "bystander-password"),
    "leaver": ("author", "leaver-password-1"),
}
EDITOR = "سلمى"
DC = "{http://purl.org/dc/elements/1.1/}"

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def number(text):
    return int(re.sub(r"\D", "", text.translate(DIGITS)))


def utc_input_time(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


# ---- a browser-like client: a cookie jar on one server --------------------------------------

class Client:
    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, form=None, cookies=None):
        headers = {}
        jar = self.cookies if cookies is None else cookies
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = None
        if form is not None:
            items = form.items() if isinstance(form, dict) else form
            body = urllib.parse.urlencode(list(items)).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        r = self.server.request(path, method, headers, body)
        for value in set_cookies(r):
            name, _, rest = value.partition("=")
            v = rest.split(";", 1)[0]
            if not v or "max-age=0" in value.lower().replace(" ", ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = v
        return r

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)


def set_cookies(response):
    return [v for k, v in response.headers if k.lower() == "set-cookie"]


def session_set_cookie(response):
    found = [v for v in set_cookies(response) if v.startswith(SESSION_COOKIE + "=")]
    return found[0] if found else None


# ---- reading newsroom pages ----------------------------------------------------------------

def editor_form(doc):
    """The editor form's fields as a browser would submit them (without the button)."""
    form = doc.find("form", cls="editor")
    if form is None:
        raise AssertionError("no editor form on the page")
    fields = {}
    for inp in form.find_all("input"):
        if inp.attrs.get("name"):
            fields[inp.attrs["name"]] = inp.attrs.get("value") or ""
    for ta in form.find_all("textarea"):
        fields[ta.attrs["name"]] = ta.raw_text()
    for sel in form.find_all("select"):
        options = sel.find_all("option")
        chosen = [o for o in options if "selected" in o.attrs] or options[:1]
        fields[sel.attrs["name"]] = chosen[0].attrs.get("value") if chosen else ""
    return fields


def status_options(doc):
    select = doc.find("select", name="status")
    return [o.attrs.get("value") for o in select.find_all("option")]


def field_error(doc, name):
    """The text of the p.field-error right after the label holding the control `name`
    (None when there is none there)."""
    for label in doc.find_all("label"):
        if not any(n.attrs.get("name") == name for n in label.find_all()):
            continue
        siblings = [c for c in label.parent.children if isinstance(c, e2e.Node)]
        i = siblings.index(label)
        if i + 1 < len(siblings) and "field-error" in siblings[i + 1].classes():
            return siblings[i + 1].text()
        return None
    raise AssertionError(f"no label holds a control named {name!r}")


def home_titles(doc):
    """Titles on the home page: the lead story (h2.lead-title) and every card."""
    lead = [h.text() for h in doc.find_all("h2", cls="lead-title")]
    return lead + [t for t, _ in doc.cards()]


def article_id(response):
    m = re.fullmatch(r"/admin/articles/(\d+)\?saved=1", response.header("Location") or "")
    if not m:
        raise AssertionError(f"Location {response.header('Location')!r} is not an article's edit page")
    return int(m.group(1))


class NewsroomTests:
    """Against one demo site (timezone UTC) with an account per role, served by one server."""

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("settings", "set", "timezone", "UTC")
        for name, (role, password) in USERS.items():
            cls.site.cli_ok("user", "add", name, "--role", role, "--password-stdin",
                            input=password + "\n")
        cls.section = e2e.demo_sections()[0][1]
        cls.server = cls.site.start_server()
        cls._clients = {}

    # ---- helpers ----

    def login(self, name, password=None, server=None):
        """A fresh Client logged in as `name` (asserts the 303)."""
        client = Client(server or self.server)
        token = self.login_token(client)
        r = client.post("/admin/login", {"login_token": token, "name": name,
                                         "password": password or USERS[name][1]})
        self.assertStatus(r, 303, f"login as {name}")
        self.assertIn(SESSION_COOKIE, client.cookies)
        return client

    def login_token(self, client):
        r = client.get("/admin/login")
        self.assertStatus(r, 200, "GET /admin/login")
        token = r.document().find("input", name="login_token").attrs["value"]
        self.assertEqual(client.cookies.get(LOGIN_COOKIE), token, "login cookie = login field")
        return token

    def client(self, name):
        """A logged-in Client for `name`, shared by the tests of the class."""
        if name not in self._clients:
            self._clients[name] = self.login(name)
        return self._clients[name]

    def page(self, client, path, status=200):
        r = client.get(path)
        self.assertStatus(r, status, f"GET {path}")
        return r.document()

    def new_form(self, client):
        return editor_form(self.page(client, "/admin/articles/new"))

    def edit_form(self, client, id):
        return editor_form(self.page(client, f"/admin/articles/{id}"))

    def create(self, client, title, body, status="published", **fields):
        """Creates an article through the editor; returns its id."""
        form = self.new_form(client)
        form.update(title=title, body=body, status=status, section=self.section, action="save")
        form.update(fields)
        r = client.post("/admin/articles/new", form)
        self.assertStatus(r, 303, f"creating «{title}»")
        return article_id(r)

    def update(self, client, id, expect=303, **changes):
        form = self.edit_form(client, id)
        form.update(changes)
        form.setdefault("action", "save")
        r = client.post(f"/admin/articles/{id}", form)
        self.assertStatus(r, expect, f"saving article {id}")
        return r

    def article_count(self):
        doc = self.page(self.client("admin"), "/admin")
        return number(doc.find("h1").find("small").text())

    def public_path(self, id):
        return e2e.article_path(self.edit_form(self.client("admin"), id)["slug"])

    def assertPublicShows(self, path, text, absent=None):
        def shows():
            r = self.server.get(path)
            return r.status == 200 and text in r.text and (absent is None or absent not in r.text)
        self.assertEventually(shows, f"{urllib.parse.unquote(path)} shows «{text}»")

    def audit_text(self):
        return self.page(self.client("admin"), "/admin/audit").find("table", cls="audit").text()

    # ---- login, logout ----

    def test_login_wrong_password_is_401_without_session(self):
        client = Client(self.server)
        token = self.login_token(client)
        r = client.post("/admin/login", {"login_token": token, "name": "wrongpw",
                                         "password": "not-the-password"})
        self.assertStatus(r, 401, "wrong password")
        self.assertIsNone(session_set_cookie(r), "no session cookie after a wrong password")
        self.assertNotIn(SESSION_COOKIE, client.cookies)
        error = r.document().find("p", cls="error")
        self.assertIsNotNone(error, "the login page shows an error")
        self.assertEqual(error.text(), WRONG_LOGIN)
        self.assertEqual(r.document().find("input", name="name").attrs.get("value"), "wrongpw",
                         "the name stays in the form")
        self.assertStatus(client.get("/admin"), 303, "GET /admin without a session")

    def test_login_sets_an_httponly_samesite_lax_cookie(self):
        client = Client(self.server)
        token = self.login_token(client)
        r = client.post("/admin/login", {"login_token": token, "name": EDITOR,
                                         "password": USERS[EDITOR][1]})
        self.assertStatus(r, 303, "right password")
        self.assertEqual(r.header("Location"), "/admin")
        cookie = session_set_cookie(r)
        self.assertIsNotNone(cookie, f"a {SESSION_COOKIE} cookie is set")
        attrs = [a.strip().lower() for a in cookie.split(";")[1:]]
        self.assertIn("httponly", attrs, cookie)
        self.assertIn("samesite=lax", attrs, cookie)
        self.assertNotIn("secure", attrs, f"no Secure over http: {cookie}")
        doc = self.page(client, "/admin")
        self.assertIn(EDITOR, doc.find("form", cls="logout").text())

    def test_login_without_login_token_is_403(self):
        name, password = "bystander", USERS["bystander"][1]
        # The field without the cookie.
        client = Client(self.server)
        token = self.login_token(client)
        r = client.request("POST", "/admin/login",
                           {"login_token": token, "name": name, "password": password}, cookies={})
        self.assertStatus(r, 403, "login POST without the login cookie")
        self.assertIsNone(session_set_cookie(r))
        # The cookie without the field.
        client = Client(self.server)
        self.login_token(client)
        r = client.post("/admin/login", {"name": name, "password": password})
        self.assertStatus(r, 403, "login POST without the login_token field")
        self.assertIsNone(session_set_cookie(r))
        # Both, not matching.
        client = Client(self.server)
        self.login_token(client)
        r = client.post("/admin/login", {"login_token": "x" * 43, "name": name, "password": password})
        self.assertStatus(r, 403, "login POST with a login_token that is not the cookie's")
        self.assertIsNone(session_set_cookie(r))

    def test_logout_needs_csrf_and_ends_the_session(self):
        client = self.login("leaver")
        old_cookies = dict(client.cookies)
        csrf = self.page(client, "/admin").find("form", cls="logout").find(
            "input", name="csrf").attrs["value"]
        r = client.post("/admin/logout", {})
        self.assertStatus(r, 403, "logout without csrf")
        r = client.post("/admin/logout", {"csrf": "wrong" + csrf[5:]})
        self.assertStatus(r, 403, "logout with a wrong csrf")
        self.assertStatus(client.get("/admin"), 200, "still logged in after refused logouts")
        r = client.post("/admin/logout", {"csrf": csrf})
        self.assertStatus(r, 303, "logout")
        self.assertEqual(r.header("Location"), "/admin/login")
        # The old cookie, replayed, no longer opens the newsroom.
        r = client.request("GET", "/admin", cookies=old_cookies)
        self.assertStatus(r, 303, "GET /admin with the logged-out session's cookie")
        self.assertEqual(r.header("Location"), "/admin/login")

    # ---- throttling ----

    def test_login_throttled_after_five_failures(self):
        client = Client(self.server)
        for i in range(5):
            token = self.login_token(client)
            r = client.post("/admin/login", {"login_token": token, "name": "throttled",
                                             "password": f"bad-password-{i}"})
            self.assertStatus(r, 401, f"bad password #{i + 1}")
        token = self.login_token(client)
        r = client.post("/admin/login", {"login_token": token, "name": "throttled",
                                         "password": USERS["throttled"][1]})
        self.assertStatus(r, 429, "6th attempt with the right password")
        self.assertIsNone(session_set_cookie(r), "no session cookie when throttled")
        self.assertNotIn(SESSION_COOKIE, client.cookies)
        self.assertIsNotNone(r.header("Retry-After"))
        self.assertStatus(client.get("/admin"), 303, "GET /admin after the throttled login")
        # Another account from the same address is not locked out.
        other = self.login("bystander")
        self.assertStatus(other.get("/admin"), 200, "bystander's dashboard")

    # ---- CSRF ----

    def test_save_without_valid_csrf_is_403_and_writes_nothing(self):
        admin = self.client("admin")
        id = self.create(admin, "مقال لاختبار رمز الحماية", "النص الأصلي قبل المحاولات.")
        before = self.edit_form(admin, id)
        count = self.article_count()
        for label, csrf in (("without csrf", None), ("with a wrong csrf", "0" * len(before["csrf"]))):
            with self.subTest(label):
                form = dict(before, body="نص مزور يجب ألا يُحفظ.", action="save")
                form.pop("csrf")
                if csrf is not None:
                    form["csrf"] = csrf
                self.assertStatus(admin.post(f"/admin/articles/{id}", form), 403, f"save {label}")
                new = dict(form, title="مقال مزور جديد")
                self.assertStatus(admin.post("/admin/articles/new", new), 403, f"create {label}")
                self.assertStatus(admin.post(f"/admin/articles/{id}/revisions/1/restore",
                                             {} if csrf is None else {"csrf": csrf}),
                                  403, f"restore {label}")
        after = self.edit_form(admin, id)
        self.assertEqual(after["body"], before["body"])
        self.assertEqual(after["revision"], before["revision"])
        self.assertEqual(self.article_count(), count)

    # ---- roles ----

    def test_contributor_cannot_publish_but_can_submit(self):
        contrib = self.client("contrib")
        doc = self.page(contrib, "/admin/articles/new")
        offered = status_options(doc)
        self.assertNotIn("published", offered)
        self.assertNotIn("scheduled", offered)
        self.assertIn("pending", offered)
        count = self.article_count()
        for forged in ("published", "scheduled"):
            with self.subTest(forged):
                form = editor_form(doc)
                form.update(title="مقال مساهم مزور " + forged, body="نص المساهم.",
                            section=self.section, status=forged, action="save")
                r = contrib.post("/admin/articles/new", form)
                self.assertStatus(r, 422, f"contributor POST status={forged}")
                error = field_error(r.document(), "status")
                self.assertIsNotNone(error, "an error beside the status field")
                self.assertIn(NO_PUBLISH, error)
                self.assertEqual(editor_form(r.document())["title"], form["title"])
        self.assertEqual(self.article_count(), count, "nothing written by the forged POSTs")
        id = self.create(contrib, "مقال مساهم للمراجعة", "نص ينتظر المراجعة.", status="pending")
        self.assertEqual(self.edit_form(contrib, id)["status"], "pending")
        pending = self.page(self.client("admin"), "/admin?status=pending").find("table", cls="articles")
        self.assertIn("مقال مساهم للمراجعة", pending.text())
        self.assertStatus(self.server.get(self.public_path(id)), 404, "a pending article is not public")
        # Forging status=published on their own pending article is refused too.
        r = self.update(contrib, id, expect=422, status="published", body="محاولة نشر.")
        self.assertIn(NO_PUBLISH, field_error(r.document(), "status") or "")
        self.assertEqual(self.edit_form(contrib, id)["body"], "نص ينتظر المراجعة.")

    def test_author_publishes_own_but_cannot_edit_anothers(self):
        author = self.client("author1")
        self.assertIn("published", status_options(self.page(author, "/admin/articles/new")))
        own = self.create(author, "مقال الكاتب الأول المنشور", "نص الكاتب الأول.")
        self.assertPublicShows(self.public_path(own), "نص الكاتب الأول.")
        others = self.create(self.client("author2"), "مقال الكاتب الثاني", "نص الكاتب الثاني.")
        self.assertStatus(author.get(f"/admin/articles/{others}"), 403, "author1 opens author2's article")
        form = self.edit_form(self.client("author2"), others)
        form.update(csrf=self.edit_form(author, own)["csrf"], body="تعديل غير مأذون.", action="save")
        self.assertStatus(author.post(f"/admin/articles/{others}", form), 403,
                          "author1 saves author2's article")
        self.assertStatus(author.get(f"/admin/articles/{others}/revisions"), 403,
                          "author1 opens author2's revisions")
        self.assertEqual(self.edit_form(self.client("admin"), others)["body"], "نص الكاتب الثاني.")

    def test_search_finds_drafts_in_arabic_spellings_and_authors_see_their_own(self):
        author = self.client("author1")
        self.create(author, "مسودة عن أسعار القمح المستورد", "نص المسودة.", status="draft")
        self.create(self.client("author2"), "أسعار الخبز بعد القرار", "نص آخر.", status="draft")

        def found(client, query):
            doc = self.page(client, "/admin?q=" + urllib.parse.quote(query))
            table = doc.find("table", cls="articles")
            return {a.text() for a in table.find_all("a")}

        editor = self.client(EDITOR)
        for query in ("اسعار", "الأسعار", "أَسْعَار", "اسعـــار"):
            titles = found(editor, query)
            self.assertIn("مسودة عن أسعار القمح المستورد", titles, f"the editor searches «{query}»")
            self.assertIn("أسعار الخبز بعد القرار", titles, f"the editor searches «{query}»")
        self.assertEqual(found(author, "اسعار"), {"مسودة عن أسعار القمح المستورد"},
                         "an author finds only their own articles")
        excluding = found(editor, "اسعار -الخبز")
        self.assertIn("مسودة عن أسعار القمح المستورد", excluding)
        self.assertNotIn("أسعار الخبز بعد القرار", excluding, "-الخبز excludes it")
        self.assertIn("كلمة يمكن البحث عنها", self.page(editor, "/admin?q=%D9%8E%D9%8F").text(),
                      "a query of only diacritics is explained")

    def test_editor_edits_anyones_article(self):
        id = self.create(self.client("author2"), "مقال يراجعه المحرر", "نص الكاتب قبل التحرير.")
        editor = self.client(EDITOR)
        self.update(editor, id, body="نص بعد تحرير المحرر.")
        self.assertEqual(self.edit_form(self.client("author2"), id)["body"], "نص بعد تحرير المحرر.")
        self.assertPublicShows(self.public_path(id), "نص بعد تحرير المحرر.")

    def test_audit_log_is_for_administrators(self):
        self.assertStatus(self.client(EDITOR).get("/admin/audit"), 403, "editor opens /admin/audit")
        self.assertStatus(self.client("author1").get("/admin/audit"), 403, "author opens /admin/audit")
        id = self.create(self.client(EDITOR), "مقال يظهر في سجل التدقيق", "نص أول.")
        self.update(self.client(EDITOR), id, body="نص ثان.")
        doc = self.page(self.client("admin"), "/admin/audit")
        rows = [[td.text() for td in tr.find_all("td")]
                for tr in doc.find("table", cls="audit").find_all("tr") if tr.find("td")]
        actions = {(r[1], r[2]) for r in rows}
        self.assertIn((EDITOR, "login"), actions)
        self.assertIn(("admin", "login"), actions)
        self.assertTrue(any(r[1] == EDITOR and r[2] == "article.create" and "مقال يظهر في سجل التدقيق" in r[3]
                            for r in rows), rows[:10])
        self.assertTrue(any(r[1] == EDITOR and r[2] == "article.update" and f"#{id}" in r[3]
                            for r in rows), rows[:10])

    # ---- the editor ----

    def test_create_publish_and_see_it_public(self):
        admin = self.client("admin")
        title = "وزير الخارجية يستقبل نظيره في القاهرة"
        form = self.new_form(admin)
        form.update(title=title, body="استقبل وزير الخارجية نظيره اليوم.", section=self.section,
                    status="draft", action="save", slug="")
        r = admin.post("/admin/articles/new", form)
        self.assertStatus(r, 303, "creating a draft")
        id = article_id(r)
        doc = self.page(admin, f"/admin/articles/{id}?saved=1")
        self.assertIsNotNone(doc.find("p", cls="notice"))
        saved = editor_form(doc)
        self.assertEqual(saved["title"], title)
        self.assertEqual(saved["slug"], e2e.slugify(title))
        path = e2e.article_path(saved["slug"])
        self.assertStatus(self.server.get(path), 404, "a draft is not public")
        self.update(admin, id, status="published")
        self.assertPublicShows(path, "استقبل وزير الخارجية نظيره اليوم.")
        page = self.server.page(path)
        self.assertEqual(page.find("h1").text(), title)

    def test_preview_renders_markdown_without_saving(self):
        admin = self.client("admin")
        count = self.article_count()
        body = "فقرة أولى.\n\n## عنوان فرعي\n\nفقرة ثانية."
        form = self.new_form(admin)
        form.update(title="مقال للمعاينة فقط", body=body, section=self.section, action="preview")
        r = admin.post("/admin/articles/new", form)
        self.assertStatus(r, 200, "preview")
        doc = r.document()
        preview = doc.find("div", cls="preview-body")
        self.assertIsNotNone(preview, "a preview section")
        self.assertEqual([h.text() for h in preview.find_all("h2")], ["عنوان فرعي"])
        self.assertEqual(editor_form(doc)["body"], body, "the text stays in the textarea")
        self.assertEqual(self.article_count(), count, "preview saves nothing")
        # On an existing article, too.
        id = self.create(admin, "مقال موجود للمعاينة", "النص المحفوظ.")
        before = self.edit_form(admin, id)
        r = admin.post(f"/admin/articles/{id}", dict(before, body=body, action="preview"))
        self.assertStatus(r, 200, "preview of an existing article")
        self.assertEqual([h.text() for h in r.document().find("div", cls="preview-body").find_all("h2")],
                         ["عنوان فرعي"])
        after = self.edit_form(admin, id)
        self.assertEqual((after["body"], after["revision"]), ("النص المحفوظ.", before["revision"]))

    def test_invalid_input_is_422_beside_the_field_and_saves_nothing(self):
        admin = self.client("admin")
        count = self.article_count()
        # ASCII, so that the form-encoded request stays under the server's 1 MiB body limit.
        line = "line of text that is long enough to fill the body quickly.\n"
        big = line * (600 * 1024 // len(line) + 1)
        cases = [
            ("empty title", {"title": "", "summary": "ملخص محفوظ في النموذج"}, "title", "العنوان مطلوب",
             "summary", "ملخص محفوظ في النموذج"),
            ("bad date", {"title": "عنوان مع تاريخ خاطئ", "publish_at": "2024-02-30T10:00"},
             "publish_at", "تاريخ غير صالح", "title", "عنوان مع تاريخ خاطئ"),
            ("nonsense date", {"title": "عنوان مع تاريخ عبثي", "publish_at": "غدا صباحا"},
             "publish_at", "تاريخ غير صالح", "publish_at", "غدا صباحا"),
            ("unknown section", {"title": "عنوان في قسم مجهول", "section": "no-such-section"},
             "section", "اختر قسماً", "title", "عنوان في قسم مجهول"),
            ("600 kB body", {"title": "عنوان بنص طويل جداً", "body": big}, "body", "512",
             "body", big),
        ]
        for label, changes, field, message, kept_field, kept in cases:
            with self.subTest(label):
                form = self.new_form(admin)
                form.update(title="عنوان", body="نص.", section=self.section, status="published",
                            action="save")
                form.update(changes)
                r = admin.post("/admin/articles/new", form)
                self.assertStatus(r, 422, label)
                doc = r.document()
                error = field_error(doc, field)
                self.assertIsNotNone(error, f"{label}: an error beside {field}")
                self.assertIn(message, error)
                self.assertIsNotNone(doc.find("p", cls="error"), "the summary error on top")
                self.assertEqual(editor_form(doc)[kept_field], kept, f"{label}: {kept_field} kept")
        self.assertEqual(self.article_count(), count, "nothing saved")
        # On an existing article: nothing half-saved.
        id = self.create(admin, "مقال قائم للتحقق", "النص الأول للمقال القائم.")
        before = self.edit_form(admin, id)
        r = self.update(admin, id, expect=422, title="", body="نص جديد لا يُحفظ.")
        self.assertIn("العنوان مطلوب", field_error(r.document(), "title") or "")
        self.assertEqual(editor_form(r.document())["body"], "نص جديد لا يُحفظ.")
        after = self.edit_form(admin, id)
        self.assertEqual((after["title"], after["body"], after["revision"]),
                         (before["title"], before["body"], before["revision"]))

    # ---- edit conflict ----

    def test_edit_conflict_loses_nothing(self):
        first, second = self.client(EDITOR), self.client("admin")
        id = self.create(second, "مقال يحرره اثنان", "النص قبل التحرير.")
        form_first = self.edit_form(first, id)
        form_second = self.edit_form(second, id)
        self.assertEqual(form_first["revision"], form_second["revision"])
        first_text = "نص المحرر الأول الذي حفظ أولاً."
        second_text = "نص المحرر الثاني الذي حفظ متأخراً."
        r = first.post(f"/admin/articles/{id}", dict(form_first, body=first_text, action="save"))
        self.assertStatus(r, 303, "the first save")
        r = second.post(f"/admin/articles/{id}", dict(form_second, body=second_text, action="save"))
        self.assertStatus(r, 409, "the second save, against the old revision")
        doc = r.document()
        conflict = doc.find("section", cls="conflict")
        self.assertIsNotNone(conflict, "a conflict section")
        self.assertIn(first_text, conflict.text(), "the first editor's text is shown")
        again = editor_form(doc)
        self.assertEqual(again["body"], second_text, "the second editor's text is still in the textarea")
        self.assertEqual(again["revision"], self.edit_form(first, id)["revision"],
                         "the form now carries the current revision")
        r = second.post(f"/admin/articles/{id}", dict(again, action="save"))
        self.assertStatus(r, 303, "saving again from the conflict page")
        self.assertEqual(self.edit_form(first, id)["body"], second_text)
        revisions = self.page(second, f"/admin/articles/{id}/revisions").find(
            "table", cls="revisions").find("tbody").find_all("tr")
        self.assertEqual(len(revisions), 3, "create, the first's save, the second's save")

    # ---- revisions ----

    def test_revisions_compare_and_restore(self):
        admin = self.client("admin")
        texts = ["السطر المشترك.\n\nنص النسخة الأولى الأصلي.",
                 "السطر المشترك.\n\nنص النسخة الثانية المعدل.",
                 "السطر المشترك.\n\nنص النسخة الثالثة الأخير."]
        id = self.create(admin, "مقال بثلاث نسخ", texts[0])
        self.update(admin, id, body=texts[1])
        self.update(admin, id, body=texts[2])
        path = self.public_path(id)
        self.assertPublicShows(path, "نص النسخة الثالثة الأخير.")
        doc = self.page(admin, f"/admin/articles/{id}/revisions")
        rows = doc.find("table", cls="revisions").find("tbody").find_all("tr")
        self.assertEqual(len(rows), 3)
        numbers = sorted(number(r.find_all("td")[2].text().split("(")[0]) for r in rows)
        self.assertEqual(numbers, [1, 2, 3])
        compare = self.page(admin, f"/admin/articles/{id}/compare?a=1&b=3").find("pre", cls="diff")
        removed = [s.text() for s in compare.find_all("span", cls="removed")]
        added = [s.text() for s in compare.find_all("span", cls="added")]
        same = [s.text() for s in compare.find_all("span", cls="same")]
        self.assertTrue(any("نص النسخة الأولى الأصلي." in t for t in removed), removed)
        self.assertTrue(any("نص النسخة الثالثة الأخير." in t for t in added), added)
        self.assertTrue(any("السطر المشترك." in t for t in same), same)
        self.assertFalse(any("السطر المشترك." in t for t in removed + added))
        csrf = self.edit_form(admin, id)["csrf"]
        r = admin.post(f"/admin/articles/{id}/revisions/1/restore", {"csrf": csrf})
        self.assertStatus(r, 303, "restore revision 1")
        self.assertEqual(self.edit_form(admin, id)["body"], texts[0])
        self.assertPublicShows(path, "نص النسخة الأولى الأصلي.", absent="نص النسخة الثالثة الأخير.")
        rows = self.page(admin, f"/admin/articles/{id}/revisions").find(
            "table", cls="revisions").find("tbody").find_all("tr")
        self.assertEqual(len(rows), 4, "the restore is a revision too")

    # ---- agency and source credit ----

    def test_agency_and_source_credit_from_editor_to_page_feed_and_revisions(self):
        admin = self.client("admin")
        agency, credit = "رويترز", "المصدر: وكالة الأنباء الألمانية <د ب أ> & شركاؤها"
        title = "خبر من وكالة مع سطر مصدر"
        id = self.create(admin, title, "نص الخبر الوارد من الوكالة.", agency=f"  {agency} ",
                         source_credit=credit)
        saved = self.edit_form(admin, id)
        self.assertEqual((saved["agency"], saved["source_credit"]), (agency, credit),
                         "kept, spaces around dropped")
        path = e2e.article_path(saved["slug"])
        self.assertPublicShows(path, "نص الخبر الوارد من الوكالة.")
        r = self.server.get(path)
        self.assertIn("&lt;د ب أ&gt; &amp; شركاؤها", r.text, "the credit is escaped")
        page = r.document()
        self.assertEqual(page.find("p", cls="byline").find("span", cls="agency").text(), agency)
        self.assertEqual(page.find("p", cls="source-credit").text(), credit)
        api = json.loads(self.server.get("/api/articles/" + urllib.parse.quote(saved["slug"])).text)
        self.assertEqual((api["agency"], api["source_credit"]), (agency, credit))
        def feed_item():
            rss = ET.fromstring(self.server.get("/feed.xml").body)
            return next((i for i in rss.iter("item") if i.findtext("title") == title), None)
        self.assertEventually(lambda: feed_item() is not None, "the article is in the RSS feed")
        item = feed_item()
        self.assertEqual(item.findtext(DC + "contributor"), agency)
        self.assertEqual(item.findtext(DC + "source"), credit)

        # A new agency and credit, then the first revision restored: the old ones are back.
        self.update(admin, id, agency="أ ف ب", source_credit="المصدر: أ ف ب")
        compare = self.page(admin, f"/admin/articles/{id}/compare?a=1&b=2").find("pre", cls="diff")
        removed = [x.text() for x in compare.find_all("span", cls="removed")]
        added = [x.text() for x in compare.find_all("span", cls="added")]
        self.assertTrue(any(agency in t for t in removed), removed)
        self.assertTrue(any("المصدر: أ ف ب" in t for t in added), added)
        self.assertPublicShows(path, "المصدر: أ ف ب")
        csrf = self.edit_form(admin, id)["csrf"]
        self.assertStatus(admin.post(f"/admin/articles/{id}/revisions/1/restore", {"csrf": csrf}),
                          303, "restore revision 1")
        restored = self.edit_form(admin, id)
        self.assertEqual((restored["agency"], restored["source_credit"]), (agency, credit))
        self.assertPublicShows(path, "شركاؤها", absent="المصدر: أ ف ب")

    def test_a_long_or_multi_line_agency_or_credit_is_refused_beside_the_field(self):
        admin = self.client("admin")
        id = self.create(admin, "خبر بوكالة لا تتغير", "نص.", agency="رويترز",
                         source_credit="المصدر: رويترز")
        before = self.edit_form(admin, id)
        cases = [
            ("121 characters", "agency", "ع" * 121, "120 حرفاً"),
            ("two lines", "agency", "رويترز\nأ ف ب", "سطراً واحداً"),
            ("301 characters", "source_credit", "م" * 301, "300 حرف"),
            ("two lines", "source_credit", "المصدر: رويترز\r\nتصوير: أ ف ب", "سطراً واحداً"),
            ("a tab", "source_credit", "المصدر:\tرويترز", "محارف تحكّم"),
        ]
        for label, field, value, message in cases:
            with self.subTest(f"{field}: {label}"):
                r = self.update(admin, id, expect=422, **{field: value, "body": "نص جديد لا يُحفظ."})
                doc = r.document()
                self.assertIn(message, field_error(doc, field) or "")
                self.assertIsNotNone(doc.find("p", cls="error"), "the summary error on top")
                if "\r" not in value:  # an attribute's CR may be normalised by the parser
                    self.assertEqual(editor_form(doc)[field], value, "the typed text is kept")
        after = self.edit_form(admin, id)
        for key in ("agency", "source_credit", "body", "revision"):
            self.assertEqual(after[key], before[key], f"{key}: nothing saved")

    # ---- the scheduler ----

    def test_scheduled_article_goes_live_on_its_own(self):
        admin = self.client("admin")
        title = "خبر مجدول ينشر تلقائيا"
        when = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=8)
        id = self.create(admin, title, "نص الخبر المجدول.", status="published",
                         publish_at=utc_input_time(when))
        form = self.edit_form(admin, id)
        path = e2e.article_path(form["slug"])
        self.assertEqual(form["status"], "scheduled", "published with a future time becomes scheduled")
        table = self.page(admin, "/admin?status=scheduled").find("table", cls="articles")
        row = next((tr for tr in table.find_all("tr")
                    if tr.find("a") is not None and tr.find("a").text() == title), None)
        self.assertIsNotNone(row, "the article is listed under scheduled")
        self.assertEqual(row.find_all("td")[1].text(), SCHEDULED_LABEL)
        self.assertStatus(self.server.get(path), 404, "not public before its time")
        self.assertNotIn(title, home_titles(self.server.page("/")))
        # From here on, only public pages are requested: the scheduler needs no admin request.
        wait = (when - datetime.now(timezone.utc)).total_seconds() + SCHEDULE_TIMEOUT
        self.assertEventually(lambda: self.server.get(path).status == 200,
                              "the scheduled article goes live", timeout=wait)
        self.assertEventually(lambda: title in home_titles(self.server.page("/")),
                              "the scheduled article is on the home page")
        self.assertGreaterEqual(time.time(), when.timestamp(), "not published before its time")
        self.assertIn("article.publish", self.audit_text())
        self.assertIn(title, self.audit_text())


class NewsroomSingleSiteTests:
    """Tests that need a site of their own."""

    def test_session_survives_a_restart(self):
        site = self.new_site()
        site.cli_ok("user", "add", "restarter", "--role", "editor", "--password-stdin",
                    input="restarter-password\n")
        server = site.start_server()
        client = Client(server)
        token = client.get("/admin/login").document().find("input", name="login_token").attrs["value"]
        r = client.post("/admin/login", {"login_token": token, "name": "restarter",
                                         "password": "restarter-password"})
        self.assertStatus(r, 303, "login")
        self.assertStatus(client.get("/admin"), 200, "dashboard before the restart")
        self.assertEqual(server.terminate(), 0)
        client.server = site.start_server()
        r = client.get("/admin")
        self.assertStatus(r, 200, "dashboard after the restart, same cookie")
        self.assertIn("restarter", r.document().find("form", cls="logout").text())

    def test_two_servers_publish_a_scheduled_article_once(self):
        # Several nodes on one database: each runs the scheduler, exactly one publishes.
        site = self.new_site()
        site.load_demo()
        site.cli_ok("settings", "set", "timezone", "UTC")
        site.cli_ok("user", "add", "nodes", "--role", "editor", "--password-stdin",
                    input="nodes-password-1\n")
        servers = [site.start_server(), site.start_server()]
        client = Client(servers[0])
        token = client.get("/admin/login").document().find("input", name="login_token").attrs["value"]
        self.assertStatus(client.post("/admin/login", {"login_token": token, "name": "nodes",
                                                        "password": "nodes-password-1"}), 303, "login")
        form = editor_form(client.get("/admin/articles/new").document())
        title = "خبر مجدول على عقدتين"
        when = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=5)
        form.update(title=title, body="نص على عقدتين.", section=e2e.demo_sections()[0][1],
                    status="published", publish_at=utc_input_time(when), action="save")
        r = client.post("/admin/articles/new", form)
        self.assertStatus(r, 303, "scheduling")
        id = article_id(r)
        path = e2e.article_path(editor_form(client.get(f"/admin/articles/{id}").document())["slug"])
        wait = (when - datetime.now(timezone.utc)).total_seconds() + SCHEDULE_TIMEOUT
        for s in servers:
            self.assertEventually(lambda: s.get(path).status == 200, "published on every node",
                                  timeout=wait)
        time.sleep(3)  # a few more scheduler ticks on both nodes
        site.cli_ok("user", "add", "auditor", "--role", "administrator", "--password-stdin",
                    input="auditor-password-1\n")
        auditor = Client(servers[1])
        token = auditor.get("/admin/login").document().find("input", name="login_token").attrs["value"]
        self.assertStatus(auditor.post("/admin/login", {"login_token": token, "name": "auditor",
                                                         "password": "auditor-password-1"}), 303, "login")
        doc = auditor.get("/admin/audit").document()
        publishes = [tr.text() for tr in doc.find("table", cls="audit").find_all("tr")
                     if "article.publish" in tr.text() and f"#{id} " in tr.text()]
        self.assertEqual(len(publishes), 1, publishes)
        rows = auditor.get(f"/admin/articles/{id}/revisions").document().find(
            "table", cls="revisions").find("tbody").find_all("tr")
        self.assertEqual(len(rows), 1, "going live on time is not a new revision")

    def test_ensure_admin_prints_a_password_once(self):
        site = self.new_site()
        out = site.cli_ok("user", "ensure-admin")
        m = re.search(r"with the password (\S+)", out)
        self.assertIsNotNone(m, f"no password in: {out!r}")
        password = m.group(1)
        self.assertIn("/admin/login", out)
        again = site.cli_ok("user", "ensure-admin")
        self.assertEqual(again.strip(), "", "the second run prints nothing")
        self.assertNotIn(password, again)
        server = site.start_server()
        client = Client(server)
        token = client.get("/admin/login").document().find("input", name="login_token").attrs["value"]
        r = client.post("/admin/login", {"login_token": token, "name": "admin", "password": password})
        self.assertStatus(r, 303, "login with the printed password")
        self.assertStatus(client.get("/admin/audit"), 200, "the account is an administrator")


Newsroom_SQLite, Newsroom_PostgreSQL = e2e.per_backend(NewsroomTests)
NewsroomSingleSite_SQLite, NewsroomSingleSite_PostgreSQL = e2e.per_backend(NewsroomSingleSiteTests)

if __name__ == "__main__":
    unittest.main()

"""The write API (/api/v1/, doc/api-write.md) over HTTP, on SQLite and on PostgreSQL:
personal access tokens (made by `wakala token add` and at /admin/tokens, shown once, revoked),
their scopes, 401 for bad tokens, create/fetch/list/update with the editor's validation and
messages, the edit conflict (409), the roles' rules, and the audit log.

The site runs with `timezone` set to UTC, so publish_at is plain UTC."""

import json
import re
import unittest
import urllib.parse

import wakala_e2e as e2e

SESSION_COOKIE = "wakala_session"

USERS = {
    # name: (role, password)
    "admin": ("administrator", "admin-password-1"),
    "سلمى": ("editor", "editor-password-1"),  # an Arabic login name, on purpose
    "author1": ("author", "author1-password"),
    "author2": ("author", "author2-password"),
    "contrib": ("contributor", "contrib-password"),
}
EDITOR = "سلمى"


# ---- a browser-like client (cookie jar) for the newsroom's pages --------------------------

class Client:
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
        for k, value in r.headers:
            if k.lower() != "set-cookie":
                continue
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


def login(test, server, name, password):
    client = Client(server)
    r = client.get("/admin/login")
    test.assertStatus(r, 200, "GET /admin/login")
    token = r.document().find("input", name="login_token").attrs["value"]
    r = client.post("/admin/login", {"login_token": token, "name": name, "password": password})
    test.assertStatus(r, 303, f"login as {name}")
    test.assertIn(SESSION_COOKIE, client.cookies)
    return client


def csrf_of(doc):
    return doc.find("input", name="csrf").attrs["value"]


def editor_form(doc):
    form = doc.find("form", cls="editor")
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


def field_errors(doc):
    """{control name: text of the p.field-error right after the label holding it}."""
    out = {}
    for label in doc.find_all("label"):
        controls = [n for n in label.find_all() if n.attrs.get("name")]
        if not controls:
            continue
        siblings = [c for c in label.parent.children if isinstance(c, e2e.Node)]
        i = siblings.index(label)
        if i + 1 < len(siblings) and "field-error" in siblings[i + 1].classes():
            out[controls[0].attrs["name"]] = siblings[i + 1].text()
    return out


# ---- the API client ------------------------------------------------------------------------

class ApiResponse:
    def __init__(self, response):
        self.raw = response
        self.status = response.status
        try:
            self.json = json.loads(response.text) if response.body else None
        except ValueError:
            self.json = None

    def header(self, name):
        return self.raw.header(name)


class WriteApiTests:
    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("settings", "set", "timezone", "UTC")
        for name, (role, password) in USERS.items():
            cls.site.cli_ok("user", "add", name, "--role", role, "--password-stdin",
                            input=password + "\n")
        cls.section = e2e.demo_sections()[0][1]
        cls.tokens = {}
        for name in USERS:
            for scope in ("read", "write"):
                out = cls.site.cli_ok("token", "add", name, "--scope", scope, "--name",
                                      f"اختبار {scope}")
                cls.tokens[(name, scope)] = out.strip()
        cls.server = cls.site.start_server()

    # ---- helpers ----

    def call(self, method, path, body=None, token=None, who=None, scope="write", raw=None,
             headers=None):
        h = dict(headers or {})
        if token is None and who is not None:
            token = self.tokens[(who, scope)]
        if token is not None:
            h["Authorization"] = f"Bearer {token}"
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            h["Content-Type"] = "application/json"
        return ApiResponse(self.server.request(path, method, h, data))

    def create(self, who="admin", expect=201, **fields):
        body = {"title": "مقال عبر الواجهة", "section": self.section, "body": "نص."}
        body.update(fields)
        r = self.call("POST", "/api/v1/articles", body, who=who)
        self.assertApi(r, expect, f"create as {who}")
        return r.json.get("article") if expect == 201 else r

    def assertApi(self, r, status, what=""):
        if r.status != status:
            self.fail(f"{what}: status {r.status}, expected {status}\n{r.raw.text[:800]}")
        self.assertTrue((r.header("Content-Type") or "").startswith("application/json"),
                        f"{what}: JSON answer")
        self.assertEqual(r.header("Cache-Control"), "no-store", f"{what}: never cached")

    def audit_text(self):
        client = login(self, self.server, "admin", USERS["admin"][1])
        r = client.get("/admin/audit")
        self.assertStatus(r, 200, "audit log")
        return r.document().find("table", cls="audit").text()

    # ---- tokens and scopes ----

    def test_cli_prints_a_token_once_and_refuses_unknown_users_and_scopes(self):
        token = self.tokens[("admin", "write")]
        self.assertTrue(re.fullmatch(r"wakala_[A-Za-z0-9_-]{40,}", token), token)
        rc, out, err = self.site.cli("token", "add", "nobody", "--scope", "read")
        self.assertNotEqual(rc, 0)
        self.assertIn("nobody", err)
        rc, out, err = self.site.cli("token", "add", "admin", "--scope", "everything")
        self.assertNotEqual(rc, 0)
        self.assertIn("read or write", err)

    def test_missing_or_bad_token_is_401(self):
        for what, headers in (("no header", {}),
                              ("unknown token", {"Authorization": "Bearer wakala_" + "x" * 43}),
                              ("not a wakala token", {"Authorization": "Bearer abc"}),
                              ("other scheme", {"Authorization": "Basic YWRtaW46YWRtaW4="}),
                              ("token without scheme",
                               {"Authorization": self.tokens[("admin", "read")]})):
            for method, path in (("GET", "/api/v1/articles"), ("POST", "/api/v1/articles"),
                                 ("GET", "/api/v1/articles/1")):
                r = self.call(method, path, body={} if method == "POST" else None,
                              headers=headers)
                self.assertApi(r, 401, f"{what}: {method} {path}")
                self.assertTrue(r.json["error"])
                self.assertIn("Bearer", r.header("WWW-Authenticate") or "")

    def test_read_token_reads_but_cannot_write(self):
        article = self.create(title="مقال يقرؤه رمز القراءة")
        r = self.call("GET", f"/api/v1/articles/{article['id']}", who="admin", scope="read")
        self.assertApi(r, 200, "fetch with a read token")
        self.assertEqual(r.json["article"]["title"], "مقال يقرؤه رمز القراءة")
        before = self.call("GET", "/api/v1/articles", who="admin", scope="read")
        self.assertApi(before, 200, "list with a read token")
        r = self.call("POST", "/api/v1/articles",
                      {"title": "لن يُحفظ", "section": self.section}, who="admin", scope="read")
        self.assertApi(r, 403, "create with a read token")
        self.assertIn("للقراءة فقط", r.json["error"])
        r = self.call("PATCH", f"/api/v1/articles/{article['id']}",
                      {"title": "لن يُحفظ", "revision": article["revision"]}, who="admin",
                      scope="read")
        self.assertApi(r, 403, "update with a read token")
        after = self.call("GET", "/api/v1/articles", who="admin", scope="read")
        self.assertEqual(after.json["total"], before.json["total"], "nothing was created")
        again = self.call("GET", f"/api/v1/articles/{article['id']}", who="admin", scope="read")
        self.assertEqual(again.json["article"]["revision"], article["revision"], "nothing changed")

    # ---- create, fetch, list, update ----

    def test_create_fetch_list_update_and_publish(self):
        r = self.call("POST", "/api/v1/articles",
                      {"title": "القمة العربية تنطلق اليوم", "section": self.section,
                       "summary": "ملخص القمة.", "body": "افتتحت القمة **اليوم**.",
                       "tags": ["القمة العربية", "دبلوماسية"]}, who=EDITOR)
        self.assertApi(r, 201, "create")
        a = r.json["article"]
        self.assertEqual(a["status"], "draft", "draft by default")
        self.assertEqual(a["revision"], 1)
        self.assertEqual(a["slug"], e2e.slugify("القمة العربية تنطلق اليوم"))
        self.assertEqual(a["tags"], ["القمة العربية", "دبلوماسية"])
        self.assertEqual(a["byline"], EDITOR, "the account's name when no byline is given")
        self.assertEqual(r.header("Location"), f"{self.server.base_url}/api/v1/articles/{a['id']}")
        # Fetch, with the body; a draft is not public.
        r = self.call("GET", f"/api/v1/articles/{a['id']}", who=EDITOR, scope="read")
        self.assertApi(r, 200, "fetch")
        self.assertEqual(r.json["article"]["body"], "افتتحت القمة **اليوم**.")
        self.assertEqual(self.server.get(e2e.article_path(a["slug"])).status, 404)
        # Listed among drafts, without the body.
        r = self.call("GET", "/api/v1/articles?status=draft&per_page=100", who=EDITOR, scope="read")
        self.assertApi(r, 200, "list drafts")
        listed = [x for x in r.json["articles"] if x["id"] == a["id"]]
        self.assertEqual(len(listed), 1, "the draft is listed")
        self.assertNotIn("body", listed[0])
        self.assertTrue(all(x["status"] == "draft" for x in r.json["articles"]))
        # Publish: only the fields that change, and the revision.
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"status": "published", "revision": 1}, who=EDITOR)
        self.assertApi(r, 200, "publish")
        b = r.json["article"]
        self.assertEqual(b["status"], "published")
        self.assertEqual(b["revision"], 2)
        self.assertEqual(b["title"], a["title"], "fields not sent keep their values")
        self.assertEqual(b["tags"], a["tags"])
        self.assertEqual(b["body"], "افتتحت القمة **اليوم**.")
        self.assertEventually(
            lambda: "القمة العربية تنطلق اليوم" in self.server.get(e2e.article_path(a["slug"])).text,
            "the published article is on the site")
        # A fetched article sent back as it is (read-only fields included) saves.
        fetched = self.call("GET", f"/api/v1/articles/{a['id']}", who=EDITOR).json["article"]
        fetched["summary"] = "ملخص معدّل."
        r = self.call("PUT", f"/api/v1/articles/{a['id']}", fetched, who=EDITOR)
        self.assertApi(r, 200, "PUT of a fetched article")
        self.assertEqual(r.json["article"]["summary"], "ملخص معدّل.")
        self.assertEqual(r.json["article"]["published_at"], b["published_at"],
                         "publish time kept to the second")
        self.assertIn("article.create", self.audit_text())

    def test_a_future_publish_time_schedules(self):
        a = self.create(title="مقال مجدول عبر الواجهة", status="published",
                        publish_at="2099-01-01T10:00")
        self.assertEqual(a["status"], "scheduled")
        self.assertEqual(a["published_at"], "2099-01-01T10:00:00Z")

    def test_bad_json_unknown_fields_and_wrong_types(self):
        r = self.call("POST", "/api/v1/articles", raw=b"{not json", who="admin")
        self.assertApi(r, 400, "not JSON")
        r = self.call("POST", "/api/v1/articles", raw=b'["a list"]', who="admin")
        self.assertApi(r, 400, "not an object")
        r = self.call("POST", "/api/v1/articles",
                      {"title": "ت", "section": self.section, "titel": "typo", "tags": [1, 2],
                       "body": 5}, who="admin")
        self.assertApi(r, 422, "unknown field and wrong types")
        self.assertEqual(set(r.json["fields"]), {"titel", "tags", "body"})
        r = self.call("GET", "/api/v1/articles?status=bogus", who="admin")
        self.assertApi(r, 400, "bad status filter")
        self.assertIn("status", r.json["fields"])
        r = self.call("GET", "/api/v1/nothing-here", who="admin")
        self.assertApi(r, 404, "unknown path")
        r = self.call("DELETE", "/api/v1/articles/1", who="admin")
        self.assertApi(r, 405, "unsupported method")
        r = self.call("GET", "/api/v1/articles/999999", who="admin")
        self.assertApi(r, 404, "no such article")

    def test_validation_errors_are_the_editors_field_by_field(self):
        bad = {"title": "", "section": "no-such-section", "publish_at": "غداً",
               "status": "bogus"}
        r = self.call("POST", "/api/v1/articles", bad, who=EDITOR)
        self.assertApi(r, 422, "invalid article")
        self.assertTrue(r.json["error"])
        api_errors = r.json["fields"]
        self.assertEqual(set(api_errors), {"title", "section", "publish_at", "status"})
        # The same fields in the editor, as the same account.
        client = login(self, self.server, EDITOR, USERS[EDITOR][1])
        form = editor_form(client.get("/admin/articles/new").document())
        form.update(bad)
        form["action"] = "save"
        page = client.post("/admin/articles/new", form)
        self.assertStatus(page, 422, "the editor refuses the same fields")
        editor_errors = field_errors(page.document())
        for field, message in api_errors.items():
            self.assertEqual(message, editor_errors.get(field),
                             f"{field}: the API's message is the editor's")

    def test_agency_and_source_credit_are_saved_shown_and_checked_as_in_the_editor(self):
        a = self.create(title="خبر وكالة عبر الواجهة", status="published",
                        agency=" وكالة أنباء الشرق الأوسط ",
                        source_credit="المصدر: وكالة أنباء الشرق الأوسط (أ ش أ)")
        self.assertEqual(a["agency"], "وكالة أنباء الشرق الأوسط", "spaces around dropped")
        self.assertEqual(a["source_credit"], "المصدر: وكالة أنباء الشرق الأوسط (أ ش أ)")
        path = e2e.article_path(a["slug"])
        self.assertEventually(lambda: "(أ ش أ)" in self.server.get(path).text,
                              "the credit line is on the article page")
        page = self.server.page(path)
        self.assertEqual(page.find("span", cls="agency").text(), "وكالة أنباء الشرق الأوسط")
        self.assertEqual(page.find("p", cls="source-credit").text(),
                         "المصدر: وكالة أنباء الشرق الأوسط (أ ش أ)")
        read = json.loads(self.server.get("/api/articles/" + urllib.parse.quote(a["slug"])).text)
        self.assertEqual(read["agency"], "وكالة أنباء الشرق الأوسط")
        ninjs = json.loads(self.server.get(
            "/api/articles/" + urllib.parse.quote(a["slug"]) + "/ninjs").text)
        self.assertIn({"name": "وكالة أنباء الشرق الأوسط", "role": "source"}, ninjs["infosources"])
        self.assertIn("المصدر: وكالة أنباء الشرق الأوسط (أ ش أ)",
                      [d["value"] for d in ninjs["descriptions"] if d.get("role") == "creditline"])

        # Refused with the editor's messages, and nothing is written.
        bad = {"agency": "و" * 121, "source_credit": "سطر أول\nسطر ثان"}
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}", dict(bad, revision=a["revision"]),
                      who="admin")
        self.assertApi(r, 422, "a long agency and a two-line credit")
        self.assertEqual(set(r.json["fields"]), {"agency", "source_credit"})
        self.assertIn("120", r.json["fields"]["agency"])
        self.assertIn("سطراً واحداً", r.json["fields"]["source_credit"])
        again = self.call("GET", f"/api/v1/articles/{a['id']}", who="admin").json["article"]
        self.assertEqual((again["agency"], again["revision"]), (a["agency"], a["revision"]))
        client = login(self, self.server, "admin", USERS["admin"][1])
        form = editor_form(client.get(f"/admin/articles/{a['id']}").document())
        form.update(bad, action="save")
        editor_errors = field_errors(client.post(f"/admin/articles/{a['id']}", form).document())
        for field, message in r.json["fields"].items():
            self.assertEqual(editor_errors.get(field), message, f"{field}: the editor's message")

        # Sent empty (or null), both are cleared.
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"agency": "", "source_credit": None, "revision": a["revision"]}, who="admin")
        self.assertApi(r, 200, "clearing both")
        self.assertEqual((r.json["article"]["agency"], r.json["article"]["source_credit"]), ("", ""))
        self.assertEventually(lambda: "(أ ش أ)" not in self.server.get(path).text,
                              "the credit line is gone from the page")
        self.assertIsNone(self.server.page(path).find("p", cls="source-credit"))

    def test_update_needs_the_revision_and_a_stale_one_conflicts(self):
        a = self.create(title="مقال للتعارض", body="النص الأول.")
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}", {"body": "بلا رقم نسخة."}, who="admin")
        self.assertApi(r, 422, "update without revision")
        self.assertIn("revision", r.json["fields"])
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"body": "نص المحرر الأول.", "revision": a["revision"]}, who=EDITOR)
        self.assertApi(r, 200, "first update")
        current = r.json["article"]["revision"]
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"body": "نص المحرر الثاني.", "revision": a["revision"]}, who="admin")
        self.assertApi(r, 409, "stale revision")
        self.assertEqual(r.json["revision"], current, "the current revision is given")
        self.assertEqual(r.json["current"]["body"], "نص المحرر الأول.")
        self.assertIn("revision", r.json["fields"])
        r = self.call("GET", f"/api/v1/articles/{a['id']}", who="admin")
        self.assertEqual(r.json["article"]["body"], "نص المحرر الأول.", "nothing was overwritten")
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"body": "نص المحرر الثاني.", "revision": current}, who="admin")
        self.assertApi(r, 200, "again with the current revision")

    def test_a_taken_slug_is_409_beside_the_slug(self):
        a = self.create(title="معرّف مأخوذ")
        r = self.call("POST", "/api/v1/articles",
                      {"title": "آخر", "slug": a["slug"], "section": self.section}, who="admin")
        self.assertApi(r, 409, "taken slug")
        self.assertIn("slug", r.json["fields"])

    # ---- roles ----

    def test_contributor_token_cannot_publish(self):
        r = self.call("POST", "/api/v1/articles",
                      {"title": "مساهمة تريد النشر", "section": self.section, "status": "published"},
                      who="contrib")
        self.assertApi(r, 403, "contributor publishing")
        self.assertIn("status", r.json["fields"])
        self.assertIn("لا تملك صلاحية النشر", r.json["fields"]["status"])
        a = self.create(who="contrib", title="مساهمة للمراجعة")
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"status": "published", "revision": a["revision"]}, who="contrib")
        self.assertApi(r, 403, "contributor publishing an update")
        r = self.call("PATCH", f"/api/v1/articles/{a['id']}",
                      {"status": "pending", "revision": a["revision"]}, who="contrib")
        self.assertApi(r, 200, "contributor submitting for review")
        self.assertEqual(r.json["article"]["status"], "pending")
        # The contributor's list holds only their own articles.
        r = self.call("GET", "/api/v1/articles?per_page=100", who="contrib", scope="read")
        self.assertTrue(r.json["articles"])
        self.assertTrue(all(x["owner_id"] == a["owner_id"] for x in r.json["articles"]))

    def test_author_cannot_edit_or_see_anothers_drafts(self):
        published = self.create(who="author1", title="منشور للكاتب الأول", status="published")
        draft = self.create(who="author1", title="مسودة الكاتب الأول")
        r = self.call("PATCH", f"/api/v1/articles/{published['id']}",
                      {"title": "استيلاء", "revision": published["revision"]}, who="author2")
        self.assertApi(r, 403, "author2 editing author1's published article")
        r = self.call("GET", f"/api/v1/articles/{draft['id']}", who="author2")
        self.assertApi(r, 404, "author2 fetching author1's draft")
        r = self.call("GET", f"/api/v1/articles/{published['id']}", who="author2")
        self.assertApi(r, 200, "a published article is visible to any token")
        r = self.call("PATCH", f"/api/v1/articles/{draft['id']}",
                      {"title": "مسودة معدّلة", "revision": draft["revision"]}, who=EDITOR)
        self.assertApi(r, 200, "an editor edits anyone's draft")

    # ---- tokens made in the newsroom ----

    def test_token_made_in_the_newsroom_is_shown_once_listed_and_revoked(self):
        client = login(self, self.server, "author2", USERS["author2"][1])
        page = client.get("/admin/tokens")
        self.assertStatus(page, 200, "tokens page")
        csrf = csrf_of(page.document())
        r = client.post("/admin/tokens", {"csrf": csrf, "name": "", "scope": "write"})
        self.assertStatus(r, 422, "token without a name")
        self.assertIn("name", field_errors(r.document()))
        r = client.post("/admin/tokens", {"name": "بلا حماية", "scope": "write"})
        self.assertStatus(r, 403, "token creation without csrf")
        r = client.post("/admin/tokens", {"csrf": csrf, "name": "أداة الأخبار العاجلة",
                                          "scope": "write"})
        self.assertStatus(r, 201, "token created")
        token = r.document().find("code", id="new-token").text()
        self.assertTrue(token.startswith("wakala_"), token)
        listing = client.get("/admin/tokens")
        self.assertNotIn(token, listing.text, "the token is shown once only")
        self.assertIn("أداة الأخبار العاجلة", listing.text)
        self.assertIn("لم يُستخدم بعد", listing.document().find("table", cls="tokens").text())
        a = self.call("POST", "/api/v1/articles",
                      {"title": "من رمز أُنشئ في غرفة الأخبار", "section": self.section}, token=token)
        self.assertApi(a, 201, "the new token writes")
        row = [tr for tr in client.get("/admin/tokens").document().find_all("tr", cls="token")
               if "أداة الأخبار العاجلة" in tr.text()][0]
        self.assertNotIn("لم يُستخدم بعد", row.text(), "the last use is shown")
        revoke = row.find("form")
        r = client.post(revoke.attrs["action"], {"csrf": csrf})
        self.assertStatus(r, 303, "revoke")
        r = self.call("GET", "/api/v1/articles", token=token)
        self.assertApi(r, 401, "a revoked token")
        self.assertIn("token.revoke", self.audit_text())

    def test_a_disabled_accounts_token_is_refused(self):
        rc_out = self.site.cli_ok("user", "add", "leaver", "--role", "author", "--password-stdin",
                                  input="leaver-password-1\n")
        self.assertIn("/admin/login", rc_out)
        token = self.site.cli_ok("token", "add", "leaver", "--scope", "write").strip()
        self.assertApi(self.call("GET", "/api/v1/articles", token=token), 200, "before")
        admin = login(self, self.server, "admin", USERS["admin"][1])
        doc = admin.get("/admin/users").document()
        row = [tr for tr in doc.find_all("tr", cls="user-row") if tr.attrs.get("data-name") == "leaver"][0]
        r = admin.post(row.find("form", cls="disable").attrs["action"], {"csrf": csrf_of(doc)})
        self.assertStatus(r, 303, "disable")
        self.assertApi(self.call("GET", "/api/v1/articles", token=token), 401, "after disabling")

    def test_article_add_still_works(self):
        text = ("---\ntitle: خبر من سطر الأوامر\nsection: " + self.section +
                "\nbyline: وكالة الأنباء\ndate: 2020-01-01 10:00\nstatus: published\n---\nنص الخبر.\n")
        out = self.site.cli_ok("article", "add", "-", input=text)
        self.assertIn("/article/", out)
        path = e2e.path_of(out.strip())
        self.assertEventually(lambda: self.server.get(path).status == 200,
                              "the article filed by the CLI is on the site")


WriteApi_SQLite, WriteApi_PostgreSQL = e2e.per_backend(WriteApiTests)

if __name__ == "__main__":
    unittest.main()

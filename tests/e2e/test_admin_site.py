"""The rest of the admin over HTTP, on SQLite and on PostgreSQL: site settings (shown in the
public footer), sections (add, rename, reorder), tags (rename), accounts (add with a one-time
password, change role, disable ends the sessions, enable), for administrators only, every form
with CSRF, messages beside the fields, and every change in the audit log."""

import unittest
import uuid

import wakala_e2e as e2e
from test_api_write import Client, csrf_of, field_errors, login

USERS = {
    "admin": ("administrator", "admin-password-1"),
    "admin2": ("administrator", "admin2-password"),
    "سلمى": ("editor", "editor-password-1"),
    "author1": ("author", "author1-password"),
}
ADMIN_PAGES = ("/admin/sections", "/admin/tags", "/admin/settings", "/admin/users")


class AdminSiteTests:
    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("settings", "set", "timezone", "UTC")
        for name, (role, password) in USERS.items():
            cls.site.cli_ok("user", "add", name, "--role", role, "--password-stdin",
                            input=password + "\n")
        cls.server = cls.site.start_server()
        cls._admin = None

    def admin(self):
        if type(self)._admin is None:
            type(self)._admin = login(self, self.server, "admin", USERS["admin"][1])
        return type(self)._admin

    def page(self, client, path, status=200):
        r = client.get(path)
        self.assertStatus(r, status, f"GET {path}")
        return r.document()

    def audit_text(self):
        return self.page(self.admin(), "/admin/audit").find("table", cls="audit").text()

    def public_home(self):
        r = self.server.get("/")
        return r.text if r.status == 200 else ""

    def settings_form(self):
        doc = self.page(self.admin(), "/admin/settings")
        return doc.find("form", cls="settings").form_values()

    # ---- who may ----

    def test_only_administrators_see_and_use_the_site_pages(self):
        editor = login(self, self.server, "سلمى", USERS["سلمى"][1])
        nav = self.page(editor, "/admin").find("nav").text()
        self.assertNotIn("الإعدادات", nav)
        self.assertIn("رموز الوصول", nav, "every account has tokens")
        for path in ADMIN_PAGES:
            self.assertStatus(editor.get(path), 403, f"editor GET {path}")
        csrf = csrf_of(self.page(editor, "/admin/tokens"))
        r = editor.post("/admin/settings", {"csrf": csrf, "site_name": "استيلاء"})
        self.assertStatus(r, 403, "editor POST /admin/settings")
        nav = self.page(self.admin(), "/admin").find("nav").text()
        for label in ("الأقسام", "الوسوم", "الحسابات", "الإعدادات"):
            self.assertIn(label, nav)
        for path in ADMIN_PAGES:
            self.assertStatus(Client(self.server).get(path), 303, f"anonymous GET {path}")

    def test_forms_without_csrf_are_refused_and_change_nothing(self):
        before = self.settings_form()
        changed = dict(before, site_name="بلا رمز حماية")
        changed.pop("csrf")
        self.assertStatus(self.admin().post("/admin/settings", changed), 403, "settings without csrf")
        self.assertStatus(self.admin().post("/admin/settings", dict(changed, csrf="x" * 43)), 403,
                          "settings with a wrong csrf")
        self.assertStatus(self.admin().post("/admin/sections", {"name": "قسم بلا حماية"}), 403,
                          "section without csrf")
        self.assertEqual(self.settings_form()["site_name"], before["site_name"])
        self.assertNotIn("قسم بلا حماية", self.page(self.admin(), "/admin/sections").text())

    # ---- settings ----

    def test_settings_change_shows_in_the_public_footer(self):
        marker = uuid.uuid4().hex[:8]
        form = self.settings_form()
        form.update(site_name=f"وكالة الاختبار {marker}",
                    republish_policy=f"يُسمح بإعادة النشر مع ذكر المصدر {marker}.",
                    comments_disclaimer=f"التعليقات لأصحابها {marker}.",
                    copyright_text="حقوق الاختبار محفوظة", copyright_from="2009", copyright_to="2020",
                    digits="western")
        r = self.admin().post("/admin/settings", form)
        self.assertStatus(r, 303, "save settings")

        def footer_shows():
            doc = e2e.parse_html(self.public_home())
            footer = doc.find("footer")
            return footer is not None and all(
                text in footer.text() for text in (f"وكالة الاختبار {marker}",
                                                   f"مع ذكر المصدر {marker}",
                                                   f"التعليقات لأصحابها {marker}",
                                                   "حقوق الاختبار محفوظة 2009 - 2020"))
        self.assertEventually(footer_shows, "the public footer shows the new settings")
        self.assertEqual(self.settings_form()["republish_policy"],
                         f"يُسمح بإعادة النشر مع ذكر المصدر {marker}.")
        self.assertIn("settings.change", self.audit_text())

    def test_invalid_settings_are_shown_beside_their_fields_and_nothing_is_saved(self):
        before = self.settings_form()
        form = dict(before, site_name="", copyright_from="قديم", copyright_to="1800",
                    timezone="Mars/Olympus_Mons", digits="roman", republish_policy="لن يُحفظ")
        r = self.admin().post("/admin/settings", form)
        self.assertStatus(r, 422, "invalid settings")
        errors = field_errors(r.document())
        self.assertEqual(set(errors), {"site_name", "copyright_from", "copyright_to", "timezone",
                                       "digits"})
        self.assertIn("Africa/Cairo", errors["timezone"])
        self.assertEqual(r.document().find("textarea", name="republish_policy").raw_text(),
                         "لن يُحفظ", "what was typed stays in the form")
        self.assertEqual(self.settings_form()["republish_policy"], before["republish_policy"],
                         "nothing was saved")
        form = dict(before, copyright_from="2020", copyright_to="2010")
        r = self.admin().post("/admin/settings", form)
        self.assertStatus(r, 422, "years the wrong way round")
        self.assertIn("copyright_to", field_errors(r.document()))

    # ---- sections ----

    def sections(self):
        doc = self.page(self.admin(), "/admin/sections")
        return [(tr.find("input", name="name").attrs.get("value"), tr.find("a").text(), tr)
                for tr in doc.find_all("tr", cls="section-row")], csrf_of(doc)

    def public_nav(self):
        doc = e2e.parse_html(self.public_home())
        nav = doc.find("nav", cls="sections")
        return [a.text() for a in nav.find_all("a")][1:] if nav else []

    def test_sections_are_added_renamed_and_reordered(self):
        rows, csrf = self.sections()
        r = self.admin().post("/admin/sections", {"csrf": csrf, "name": "علوم وتقنية", "slug": ""})
        self.assertStatus(r, 303, "add a section")
        rows, csrf = self.sections()
        names = [n for n, _, _ in rows]
        self.assertEqual(names[-1], "علوم وتقنية", "a new section goes last")
        slug = rows[-1][1]
        self.assertEqual(slug, e2e.slugify("علوم وتقنية"))
        self.assertEventually(lambda: "علوم وتقنية" in self.public_nav(), "the new section in the nav")
        # The same name again: refused beside the field.
        r = self.admin().post("/admin/sections", {"csrf": csrf, "name": "علوم وتقنية", "slug": ""})
        self.assertStatus(r, 422, "a taken name")
        self.assertIn("name", field_errors(r.document()))
        # Rename: the name changes, the URL stays.
        rename = rows[-1][2].find("form", cls="rename").attrs["action"]
        r = self.admin().post(rename, {"csrf": csrf, "name": ""})
        self.assertStatus(r, 422, "an empty name")
        self.assertIn("اسم القسم مطلوب", r.text)
        r = self.admin().post(rename, {"csrf": csrf, "name": "علوم"})
        self.assertStatus(r, 303, "rename")
        self.assertEventually(lambda: "علوم" in self.public_nav(), "the renamed section in the nav")
        self.assertStatus(self.server.get(e2e.quote_path("/section/" + slug)), 200,
                          "the section's URL still works")
        # Move it up one place.
        rows, csrf = self.sections()
        before = [n for n, _, _ in rows]
        move = rows[-1][2].find("form", cls="move").attrs["action"]
        r = self.admin().post(move, {"csrf": csrf, "direction": "up"})
        self.assertStatus(r, 303, "move up")
        rows, _ = self.sections()
        after = [n for n, _, _ in rows]
        self.assertEqual(after, before[:-2] + [before[-1], before[-2]])
        self.assertEventually(lambda: self.public_nav() == after, "the nav follows the new order")
        audit = self.audit_text()
        for action in ("section.add", "section.rename", "section.reorder"):
            self.assertIn(action, audit)

    # ---- tags ----

    def test_tags_are_renamed_everywhere_they_show(self):
        section = e2e.demo_sections()[0][1]
        text = ("---\ntitle: خبر بوسم للتغيير\nsection: " + section +
                "\nbyline: وكالة الأنباء\ndate: 2020-01-01 10:00\nstatus: published\ntags: [وسم قديم للاختبار, وسم ثان للاختبار]\n---\nنص.\n")
        self.site.cli_ok("article", "add", "-", input=text)
        doc = self.page(self.admin(), "/admin/tags")
        rows = {tr.find("input", name="name").attrs.get("value"): tr
                for tr in doc.find_all("tr", cls="tag-row")}
        self.assertIn("وسم قديم للاختبار", rows)
        csrf = csrf_of(doc)
        action = rows["وسم قديم للاختبار"].find("form").attrs["action"]
        r = self.admin().post(action, {"csrf": csrf, "name": "وسم ثان للاختبار"})
        self.assertStatus(r, 422, "a taken tag name")
        self.assertIn("يوجد وسم آخر بهذا الاسم", r.text)
        r = self.admin().post(action, {"csrf": csrf, "name": "وسم جديد للاختبار"})
        self.assertStatus(r, 303, "rename a tag")
        path = e2e.article_path(e2e.slugify("خبر بوسم للتغيير"))
        self.assertEventually(lambda: "وسم جديد للاختبار" in self.server.get(path).text,
                              "the article shows the new tag name")
        self.assertIn("tag.rename", self.audit_text())

    # ---- accounts ----

    def user_row(self, doc, name):
        for tr in doc.find_all("tr", cls="user-row"):
            if tr.attrs.get("data-name") == name:
                return tr
        raise AssertionError(f"no row for {name}")

    def test_a_new_account_gets_a_one_time_password_and_can_be_disabled(self):
        doc = self.page(self.admin(), "/admin/users")
        csrf = csrf_of(doc)
        r = self.admin().post("/admin/users", {"csrf": csrf, "name": "مراسل جديد", "role": "author"})
        self.assertStatus(r, 422, "a name with a space")
        self.assertIn("name", field_errors(r.document()))
        r = self.admin().post("/admin/users", {"csrf": csrf, "name": "مراسل_جديد", "role": "author"})
        self.assertStatus(r, 201, "add an account")
        password = r.document().find("code", id="new-password").text()
        self.assertGreaterEqual(len(password), 10)
        self.assertNotIn(password, self.admin().get("/admin/users").text, "shown once")
        r = self.admin().post("/admin/users", {"csrf": csrf, "name": "مراسل_جديد", "role": "author"})
        self.assertStatus(r, 422, "a taken name")
        self.assertIn("مستخدم", field_errors(r.document())["name"])

        reporter = login(self, self.server, "مراسل_جديد", password)
        self.assertStatus(reporter.get("/admin"), 200, "the new account works")
        self.assertStatus(reporter.get("/admin/settings"), 403, "an author is no administrator")

        # Promote to editor.
        doc = self.page(self.admin(), "/admin/users")
        row = self.user_row(doc, "مراسل_جديد")
        r = self.admin().post(row.find("form", cls="role").attrs["action"],
                              {"csrf": csrf, "role": "editor"})
        self.assertStatus(r, 303, "change role")
        self.assertIn("محرر", self.user_row(self.page(self.admin(), "/admin/users"), "مراسل_جديد").text())

        # Disable: the open session stops working at once, and logging in fails.
        r = self.admin().post(row.find("form", cls="disable").attrs["action"], {"csrf": csrf})
        self.assertStatus(r, 303, "disable")
        r = reporter.get("/admin")
        self.assertStatus(r, 303, "the disabled account's session")
        self.assertEqual(r.header("Location"), "/admin/login")
        client = Client(self.server)
        token = client.get("/admin/login").document().find("input", name="login_token").attrs["value"]
        r = client.post("/admin/login", {"login_token": token, "name": "مراسل_جديد", "password": password})
        self.assertStatus(r, 401, "login to a disabled account")
        # Enable again.
        row = self.user_row(self.page(self.admin(), "/admin/users"), "مراسل_جديد")
        r = self.admin().post(row.find("form", cls="enable").attrs["action"], {"csrf": csrf})
        self.assertStatus(r, 303, "enable")
        login(self, self.server, "مراسل_جديد", password)
        audit = self.audit_text()
        for action in ("user.add", "user.role", "user.disable", "user.enable"):
            self.assertIn(action, audit)

    def test_an_administrator_cannot_disable_or_demote_themself(self):
        admin2 = login(self, self.server, "admin2", USERS["admin2"][1])
        doc = self.page(admin2, "/admin/users")
        row = self.user_row(doc, "admin2")
        r = admin2.post(row.find("form", cls="disable").attrs["action"], {"csrf": csrf_of(doc)})
        self.assertStatus(r, 422, "disabling oneself")
        self.assertIn("بنفسك", self.user_row(r.document(), "admin2").text())
        r = admin2.post(row.find("form", cls="role").attrs["action"],
                        {"csrf": csrf_of(doc), "role": "author"})
        self.assertStatus(r, 422, "demoting oneself")
        self.assertStatus(admin2.get("/admin/settings"), 200, "still an administrator")


AdminSite_SQLite, AdminSite_PostgreSQL = e2e.per_backend(AdminSiteTests)

if __name__ == "__main__":
    unittest.main()

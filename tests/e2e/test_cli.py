"""The operator's side: `wakala article add` refuses bad input with a clear message and writes
nothing, reads stdin with `-`; `section add` refuses duplicates; the help lists every option
with its default; a TOML configuration file sets the server's options and flags override it."""

import re
import unittest
import uuid
from pathlib import Path

import wakala_e2e as e2e

FIX = e2e.FIXTURES
VALID = FIX / "article-valid.md"
VALID_TITLE = "افتتاح جسر جديد على النيل في أسوان"


def article_text(title, body="نص الخبر.", section="politics", extra=""):
    return (f"---\ntitle: {title}\nsection: {section}\nbyline: مراسل الاختبار\n"
            f"tags: [اختبار]\n{extra}---\n\n{body}\n")


class ArticleAddTests:
    """`wakala article add` on a site with one section, while a server runs on it."""

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.cli_ok("section", "add", "سياسة", "--slug", "politics")
        cls.server = cls.site.start_server()

    def add(self, source, input=None):
        return self.site.cli("article", "add", source, input=input)

    def assertRefused(self, rc, out, err, *, mentions, line=None):
        self.assertNotEqual(rc, 0, f"article add accepted bad input:\n{out}")
        self.assertEqual(out.strip(), "", "a refused article must not print a URL")
        for word in mentions:
            self.assertIn(word, err, f"the error message does not mention «{word}»: {err}")
        if line is not None:
            self.assertRegex(err, rf"\bline {line}\b", f"the error does not name line {line}: {err}")
        else:
            self.assertRegex(err, r"\bline \d+", f"the error does not name a line: {err}")

    def sync(self):
        """Adds a valid article and waits until it is the home page's lead story: every page
        the server serves from then on reflects the writes made before."""
        sentinel = "خبر للتحقق " + uuid.uuid4().hex[:8]
        # The home page is cached now; once it shows the sentinel, the server has dropped
        # every page cached before this point.
        self.assertStatus(self.server.get("/"), 200, "home page")
        rc, out, err = self.add("-", input=article_text(sentinel))
        self.assertEqual(rc, 0, err)
        self.assertEventually(
            lambda: sentinel in self.server.page("/").find("section", cls="lead").text(),
            "an article added with the CLI does not show on the home page")

    def assertNothingWritten(self, *texts, slug=None):
        """Nothing of a refused article reached the site."""
        self.sync()
        home = self.server.page("/").text()
        section = " ".join(e2e.listing_titles(self, self.server, "/section/politics"))
        archive = self.server.page("/archive/2019").text()
        for text in texts:
            self.assertNotIn(text, home, "a refused article shows on the home page")
            self.assertNotIn(text, section, "a refused article shows on its section page")
            self.assertNotIn(text, archive, "a refused article shows in the archive")
        if slug:
            self.assertEqual(self.server.get(e2e.article_path(slug)).status, 404,
                             "a refused article has a page")

    def test_missing_title(self):
        rc, out, err = self.add(FIX / "article-missing-title.md")
        self.assertRefused(rc, out, err, mentions=["title"])
        self.assertNothingWritten("مقال بلا عنوان لا يجوز أن يُنشر")

    def test_unknown_section(self):
        before = self.site.cli_ok("section", "list")
        rc, out, err = self.add(FIX / "article-unknown-section.md")
        self.assertRefused(rc, out, err, mentions=["section", "قسم-غير-موجود"], line=3)
        self.assertNothingWritten("خبر في قسم غير موجود", slug=e2e.slugify("خبر في قسم غير موجود"))
        self.assertEqual(self.site.cli_ok("section", "list"), before, "a section was created")

    def test_impossible_date(self):
        rc, out, err = self.add(FIX / "article-bad-date.md")
        self.assertRefused(rc, out, err, mentions=["date", "2019-13-45"], line=6)
        self.assertNothingWritten("خبر بتاريخ مستحيل", slug=e2e.slugify("خبر بتاريخ مستحيل"))
        # The slug is still free: the same article with a real date goes in.
        fixed = (FIX / "article-bad-date.md").read_text(encoding="utf-8").replace(
            "2019-13-45", "2019-12-15")
        rc, out, err = self.add("-", input=fixed)
        self.assertEqual(rc, 0, err)
        self.assertEqual(e2e.path_of(out.strip()), e2e.article_path("خبر-بتاريخ-مستحيل"))

    def test_invalid_utf8(self):
        title = "خبر بنص معطوب الترميز"
        data = article_text(title, body="سطر أول سليم.\n\nسطر ثان فيه بايت معطوب: ").encode().rstrip(b"\n")
        data += b"\xff\xfe \xc3\x28 end\n"
        rc, out, err = self.add("-", input=data)
        self.assertRefused(rc, out, err, mentions=["UTF-8"], line=10)
        self.assertNothingWritten(title, slug=e2e.slugify(title))

    def test_body_over_512_kib(self):
        title = "خبر بنص طويل جدا"
        body = ("كلمة " * 60 + "\n\n") * 1200  # about 720 kB of UTF-8
        self.assertGreater(len(body.encode()), 512 * 1024)
        rc, out, err = self.add("-", input=article_text(title, body=body))
        self.assertRefused(rc, out, err, mentions=["body"])
        self.assertNothingWritten(title, slug=e2e.slugify(title))

    def test_body_under_the_limit_is_accepted(self):
        title = "خبر بنص طويل مقبول"
        body = ("كلمة " * 60 + "\n\n") * 600  # about 360 kB
        self.assertLess(len(body.encode()), 512 * 1024)
        rc, out, err = self.add("-", input=article_text(title, body=body))
        self.assertEqual(rc, 0, err)
        r = self.assertEventually(lambda: (lambda r: r.status == 200 and r)(
            self.server.get(e2e.path_of(out.strip()))), "the long article is not served")
        self.assertEqual(r.document().find("h1").text(), title)

    def test_unclosed_front_matter(self):
        path = FIX / "article-unclosed-front-matter.md"
        rc, out, err = self.add(path)
        self.assertRefused(rc, out, err, mentions=[])
        self.assertNothingWritten("خبر بمقدمة غير مغلقة", slug=e2e.slugify("خبر بمقدمة غير مغلقة"))
        message = err.replace(str(path), "FILE")  # the file's own name says front-matter
        self.assertTrue("---" in message or "front matter" in message or "front-matter" in message,
                        "the error does not say that the front-matter block is not closed "
                        f"with «---»: {err}")

    def test_unclosed_front_matter_at_end_of_file(self):
        text = "---\ntitle: خبر بلا نهاية للمقدمة\nsection: politics\nbyline: مراسل\n"
        rc, out, err = self.add("-", input=text)
        self.assertRefused(rc, out, err, mentions=["---"])
        self.assertNothingWritten("خبر بلا نهاية للمقدمة", slug=e2e.slugify("خبر بلا نهاية للمقدمة"))

    def test_stdin(self):
        rc, out, err = self.add("-", input=VALID.read_bytes())
        self.assertEqual(rc, 0, err)
        path = e2e.path_of(out.strip())
        self.assertEqual(path, e2e.article_path("افتتاح-جسر-جديد-على-النيل-في-أسوان"))
        r = self.assertEventually(lambda: (lambda r: r.status == 200 and r)(self.server.get(path)),
                                  "the article read from stdin is not served")
        doc = r.document()
        self.assertEqual(doc.find("h1").text(), VALID_TITLE)
        self.assertEqual([h.text() for h in doc.find("div", cls="article-body").find_all("h2")],
                         ["تفاصيل المشروع"])
        # Adding it again is a conflict on the slug, and changes nothing.
        rc, out, err = self.add(VALID)
        self.assertNotEqual(rc, 0)
        self.assertIn("slug", err)
        self.sync()
        self.assertEqual(e2e.listing_titles(self, self.server, "/section/politics").count(VALID_TITLE), 1)

    def test_agency_and_source_credit(self):
        title = "خبر بوكالة من سطر الأوامر"
        rc, out, err = self.add("-", input=article_text(
            title, extra="agency: رويترز\nsource_credit: \"المصدر: رويترز\"\n"))
        self.assertEqual(rc, 0, err)
        path = e2e.path_of(out.strip())
        r = self.assertEventually(lambda: (lambda r: r.status == 200 and r)(self.server.get(path)),
                                  "the article with an agency is not served")
        doc = r.document()
        self.assertEqual(doc.find("span", cls="agency").text(), "رويترز")
        self.assertEqual(doc.find("p", cls="source-credit").text(), "المصدر: رويترز")
        # The editor's check: too long is refused, naming the field and its line.
        long_title = "خبر بوكالة اسمها طويل جداً"
        rc, out, err = self.add("-", input=article_text(long_title, extra="agency: " + "و" * 121 + "\n"))
        self.assertRefused(rc, out, err, mentions=["agency", "120"], line=6)
        self.assertNothingWritten(long_title)

    def test_section_add_duplicate(self):
        rc, out, err = self.site.cli("section", "add", "سياسة", "--slug", "politics")
        self.assertNotEqual(rc, 0, "a duplicate section was accepted")
        self.assertIn("سياسة", err)
        rc, out, err = self.site.cli("section", "add", "سياسة دولية", "--slug", "politics")
        self.assertNotEqual(rc, 0, "a duplicate section slug was accepted")
        self.assertIn("politics", err)
        listed = self.site.cli_ok("section", "list").splitlines()
        self.assertEqual(listed, ["politics\tسياسة"])


class ConfigFileTests:
    """`wakala serve --config FILE`: the file sets listen, base_url and site_name; flags win."""

    def write_config(self, port):
        text = (FIX / "config.toml.in").read_text(encoding="utf-8")
        text = text.replace("@PORT@", str(port)).replace("@THEME@", str(e2e.THEME))
        path = self.site_dir / f"config-{port}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site_dir = Path(cls.site.dir)

    def test_config_file_sets_listen_base_url_and_site_name(self):
        port = e2e.free_port()
        server = self.site.server(args=["--config", self.write_config(port)])
        server.start()
        try:
            self.assertEqual(server.port, port, "the server does not listen where the file says")
            doc = server.page("/")
            self.assertEqual(doc.find("h1", cls="site-name").text(), "أخبار ملف الإعداد")
            self.assertEqual(doc.canonical(), "https://akhbar.example/")
        finally:
            self.assertEqual(server.terminate(), 0)

    def test_flags_override_the_file(self):
        file_port, flag_port = e2e.free_port(), e2e.free_port()
        server = self.site.server(args=["--config", self.write_config(file_port),
                                        "--listen", f"127.0.0.1:{flag_port}",
                                        "--site-name", "اسم من سطر الأوامر"])
        server.start()
        try:
            self.assertEqual(server.port, flag_port, "--listen does not override the file")
            doc = server.page("/")
            self.assertEqual(doc.find("h1", cls="site-name").text(), "اسم من سطر الأوامر")
            self.assertEqual(doc.canonical(), "https://akhbar.example/", "base_url from the file")
        finally:
            self.assertEqual(server.terminate(), 0)

    def test_bad_config_file(self):
        path = self.site_dir / "bad.toml"
        path.write_text('listen = "127.0.0.1:1"\nno_such_key = 1\n', encoding="utf-8")
        rc, out, err = e2e.run(["serve", "--config", path, "--db", self.site.db], timeout=60)
        self.assertNotEqual(rc, 0)
        self.assertIn("no_such_key", err)


class HelpTests(unittest.TestCase):
    SERVE_OPTIONS = {
        "--listen": "127.0.0.1:8080",
        "--db": "sqlite:<data>/wakala.db",
        "--base-url": "http://127.0.0.1:8080",
        "--site-name": "the setting",
        "--theme": "themes/default",
        "--data": "data",
        "--threads": "0",
        "--page-size": "10",
        "--config": None,
    }

    @classmethod
    def setUpClass(cls):
        e2e.binary()

    def option_entries(self, text):
        """{--option: the text from the option to the next line that starts an option}."""
        return {m.group(1): m.group(0)
                for m in re.finditer(r"(?ms)^\s+(--[a-z-]+)\b.*?(?=^\s+-|\Z)", text)}

    def assertEveryOptionWithDefault(self, text, where):
        entries = self.option_entries(text)
        for option, default in self.SERVE_OPTIONS.items():
            with self.subTest(where=where, option=option):
                self.assertIn(option, entries, f"{option} missing from {where}:\n{text}")
                if default is not None:  # CLI11's «--data TEXT=data» or «[default: data]»
                    self.assertRegex(entries[option],
                                     r"(=|\[default: )" + re.escape(default) + r"(\s|\]|$)",
                                     f"{where}: the default of {option} is not shown")

    def test_top_level_help(self):
        rc, out, err = e2e.run(["--help"])
        self.assertEqual(rc, 0, err)
        for command in ("serve", "section", "article", "settings", "demo"):
            self.assertRegex(out, rf"(?m)^\s+{command}\s+\S", f"{command} missing from --help")
        self.assertEveryOptionWithDefault(out, "wakala --help")

    def test_serve_help(self):
        rc, out, err = e2e.run(["serve", "--help"])
        self.assertEqual(rc, 0, err)
        self.assertEveryOptionWithDefault(out, "wakala serve --help")

    def test_every_command_has_help(self):
        for command in (["section", "add"], ["article", "add"], ["article", "update"],
                        ["article", "unpublish"], ["settings", "set"], ["demo"]):
            with self.subTest(command=" ".join(command)):
                rc, out, err = e2e.run([*command, "--help"])
                self.assertEqual(rc, 0, err)
                self.assertIn("--db", out)
                self.assertIn("--data", out)


ArticleAdd_SQLite, ArticleAdd_PostgreSQL = e2e.per_backend(ArticleAddTests)
ConfigFile_SQLite, ConfigFile_PostgreSQL = e2e.per_backend(ConfigFileTests)

if __name__ == "__main__":
    unittest.main()

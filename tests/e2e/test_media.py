"""Media over HTTP, on SQLite and on PostgreSQL: uploading JPEG, PNG, WebP and GIF through the
newsroom's multipart form; files recognised by content (a fake image, a PDF, a truncated JPEG
and a decompression bomb are refused with a message); the size limit (413 in Arabic, nothing
stored, and the server keeps serving); /media/ files with immutable cache headers and no
metadata; and an article's featured image on its public page as a <figure> with srcset."""

import base64
import json
import re
import struct
import urllib.parse
import uuid
import zlib
from pathlib import Path

import wakala_e2e as e2e

MEDIA = e2e.FIXTURES / "media"
ADMIN = ("photo-admin", "photo-admin-password")
SESSION_COOKIE = "wakala_session"
IMMUTABLE = "public, max-age=31536000, immutable"


class Client:
    """A cookie jar on one server, as a browser keeps it."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, body=None, content_type=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        r = self.server.request(path, method, headers, body)
        for k, v in r.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return r

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(list(fields.items())).encode("ascii")
        return self.request("POST", path, body, "application/x-www-form-urlencoded")

    def post_multipart(self, path, fields, files):
        boundary = "----wakala" + uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         .encode() + value.encode() + b"\r\n")
        for name, (filename, data, ctype) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                         + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")


def unique_png(width=64, height=48):
    """A PNG of one random colour, made here: its bytes (and so its hash) are new each time."""
    colour = uuid.uuid4().bytes[:3]
    raw = b"".join(b"\0" + colour * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def editor_fields(doc):
    form = doc.find("form", cls="editor")
    fields = {}
    for inp in form.find_all("input"):
        name = inp.attrs.get("name")
        if not name:
            continue
        if inp.attrs.get("type") == "radio":
            if "checked" in inp.attrs:
                fields[name] = inp.attrs.get("value") or ""
            continue
        fields[name] = inp.attrs.get("value") or ""
    for ta in form.find_all("textarea"):
        fields[ta.attrs["name"]] = ta.raw_text()
    for sel in form.find_all("select"):
        options = sel.find_all("option")
        chosen = [o for o in options if "selected" in o.attrs] or options[:1]
        fields[sel.attrs["name"]] = chosen[0].attrs.get("value") if chosen else ""
    return fields


class MediaTests:
    @classmethod
    def set_up_sites(cls):
        cls.site = cls.new_site()
        cls.site.load_demo()
        cls.site.cli_ok("user", "add", ADMIN[0], "--role", "administrator", "--password-stdin",
                        input=ADMIN[1] + "\n")
        cls.section = e2e.demo_sections()[0][1]
        cls.server = cls.site.start_server()
        cls._client = None

    def client(self):
        if type(self)._client is None:
            c = Client(self.server)
            r = c.request("GET", "/admin/login")
            self.assertStatus(r, 200, "GET /admin/login")
            token = r.document().find("input", name="login_token").attrs["value"]
            r = c.post_form("/admin/login", {"login_token": token, "name": ADMIN[0],
                                             "password": ADMIN[1]})
            self.assertStatus(r, 303, "login")
            self.assertIn(SESSION_COOKIE, c.cookies)
            type(self)._client = c
        return type(self)._client

    def csrf(self):
        doc = self.client().request("GET", "/admin/media").document()
        return doc.find("form", cls="upload").find("input", name="csrf").attrs["value"]

    def upload(self, filename, data, ctype="application/octet-stream", alt="", caption=""):
        return self.client().post_multipart(
            "/admin/media", {"csrf": self.csrf(), "alt": alt, "caption": caption},
            {"file": (filename, data, ctype)})

    def uploaded_id(self, response):
        self.assertStatus(response, 303, "upload")
        m = re.fullmatch(r"/admin/media\?uploaded=(\d+)", response.header("Location") or "")
        self.assertIsNotNone(m, response.header("Location"))
        return int(m.group(1))

    def media_count(self):
        doc = self.client().request("GET", "/admin/media").document()
        grid = doc.find("ul", cls="media-grid")
        return len(grid.find_all("li")) if grid else 0

    def media_urls(self):
        doc = self.client().request("GET", "/admin/media").document()
        return [img.attrs["src"] for img in doc.find("ul", cls="media-grid").find_all("img")]

    # ---- uploads ----

    def test_each_format_is_uploaded_resized_and_served_immutable(self):
        for name, ctype, signature in (("photo.jpg", "image/jpeg", b"\xff\xd8\xff"),
                                       ("small.png", "image/png", b"\x89PNG"),
                                       ("photo.webp", "image/webp", b"RIFF"),
                                       ("anim.gif", "image/gif", b"GIF8")):
            data = (MEDIA / name).read_bytes()
            # The name lies on purpose: the content decides.
            id = self.uploaded_id(self.upload("upload.bin", data, "application/octet-stream",
                                              alt=f"بديل {name}"))
            page = self.client().request("GET", f"/admin/media?uploaded={id}")
            self.assertStatus(page, 200, "media page")
            li = page.document().find("li", cls="just-uploaded")
            self.assertIsNotNone(li, f"{name} is listed")
            src = li.find("img").attrs["src"]
            self.assertRegex(src, r"^/media/[0-9a-f]{24}-\d+\.(jpg|png|webp|gif)$")
            served = self.server.get(src)
            self.assertStatus(served, 200, f"GET {src}")
            self.assertEqual(served.header("Cache-Control"), IMMUTABLE)
            self.assertEqual(served.header("Content-Type"), ctype)
            self.assertTrue(served.body.startswith(signature), name)

    def test_the_same_file_twice_is_one_item(self):
        data = (MEDIA / "small.png").read_bytes()
        first = self.uploaded_id(self.upload("a.png", data, "image/png", alt="أ"))
        second = self.uploaded_id(self.upload("b.png", data, "image/png", alt="ب"))
        self.assertEqual(first, second)

    def test_gps_is_stripped_from_served_files(self):
        data = (MEDIA / "photo.jpg").read_bytes()
        self.assertIn(b"WakalaCam", data, "the fixture has EXIF")
        self.uploaded_id(self.upload("gps.jpg", data, "image/jpeg", alt="بديل"))
        jpgs = [u for u in self.media_urls() if u.endswith(".jpg")]
        self.assertTrue(jpgs)
        body = self.server.get(jpgs[0]).body
        self.assertNotIn(b"Exif", body)
        self.assertNotIn(b"WakalaCam", body)

    def test_what_is_not_an_image_is_refused_with_a_message(self):
        jpeg = (MEDIA / "photo.jpg").read_bytes()
        before = self.media_count()
        for filename, data, why in (
                ("photo.jpg", b"<!doctype html><script>alert(1)</script>", "HTML named .jpg"),
                ("report.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer\n%%EOF\n", "a PDF"),
                ("cut.jpg", jpeg[: len(jpeg) // 2], "a truncated JPEG"),
                ("bomb.png", (MEDIA / "bomb.png").read_bytes(), "a decompression bomb")):
            r = self.upload(filename, data, "image/jpeg", alt="x")
            self.assertStatus(r, 415, why)
            error = r.document().find("p", cls="error")
            self.assertIsNotNone(error, f"{why}: a message is shown")
            self.assertIn("رُفض الملف", error.text(), why)
        self.assertEqual(self.media_count(), before, "nothing stored")

    def test_an_upload_without_csrf_is_refused(self):
        r = self.client().post_multipart("/admin/media", {"csrf": "forged"},
                                         {"file": ("a.png", (MEDIA / "small.png").read_bytes(), "image/png")})
        self.assertStatus(r, 403, "forged CSRF")

    def test_oversized_upload_is_413_in_arabic_and_the_server_keeps_serving(self):
        before = self.media_count()
        big = b"\xff\xd8\xff\xe0" + b"\0" * (11 * 1024 * 1024)
        r = self.upload("big.jpg", big, "image/jpeg", alt="x")
        self.assertStatus(r, 413, "an 11 MB file")
        self.assertIn("أكبر من الحد المسموح", r.document().find("p", cls="error").text())
        self.assertEqual(self.media_count(), before, "nothing stored")
        # Larger than the upload route's body limit: refused from the headers alone.
        status, text = self.headers_only("/admin/media", 64 * 1024 * 1024)
        self.assertEqual(status, 413)
        self.assertIn("أكبر من المسموح", text)
        self.assertStatus(self.server.get("/"), 200, "the server still serves")
        # Elsewhere the usual 1 MiB limit holds.
        status, _ = self.headers_only("/admin/login", 2 * 1024 * 1024)
        self.assertEqual(status, 413, "a 2 MiB login form")
        self.assertStatus(self.server.get("/"), 200, "the server still serves")

    def headers_only(self, path, length):
        """POSTs headers announcing `length` bytes and no body -> (status, text): a server
        that refuses from the headers answers at once."""
        conn = self.server.connection()
        try:
            conn.putrequest("POST", path)
            conn.putheader("Content-Type", "multipart/form-data; boundary=x")
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            resp = conn.getresponse()
            return resp.status, resp.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def test_logo_is_chosen_from_the_library_and_shown_in_every_page_header(self):
        media_id = self.uploaded_id(self.upload("شعار.png", unique_png(200, 80), "image/png"))
        doc = self.client().request("GET", "/admin/settings").document()
        form = doc.find("form", cls="settings")
        fields = form.form_values()
        self.assertEqual(fields.get("logo_media"), "", "no logo at first")
        radios = [i.attrs.get("value") for i in form.find_all("input") if i.attrs.get("name") == "logo_media"]
        self.assertIn(str(media_id), radios, "the upload is offered as the logo")

        r = self.client().post_form("/admin/settings", dict(fields, logo_media="999999"))
        self.assertStatus(r, 422, "a logo that is not in the library")
        self.assertIn("غير موجودة", r.document().find("fieldset", cls="logo-choice").text())

        self.assertStatus(self.client().post_form("/admin/settings", dict(fields, logo_media=str(media_id))),
                          303, "choose the logo")

        def logo_src(path):
            r = self.server.get(path)
            logo = r.document().find("img", cls="site-logo") if r.status == 200 else None
            return logo.attrs.get("src") if logo is not None else None

        self.assertEventually(lambda: (logo_src("/") or "").startswith("/media/"),
                              "the home page header shows the logo")
        src = logo_src("/")
        self.assertEqual(logo_src("/section/" + self.section), src, "and every other page")
        self.assertStatus(self.server.get(src), 200, f"GET {src}")
        self.assertStatus(self.client().post_form("/admin/settings", dict(fields, logo_media="")),
                          303, "remove the logo")
        self.assertEventually(lambda: logo_src("/") is None, "the logo is gone again")

    def test_export_and_import_carry_the_images_and_featured_images(self):
        id_media = self.uploaded_id(self.upload("نقل.png", unique_png(120, 90), "image/png",
                                                alt="بديل النقل", caption="تعليق النقل"))
        c = self.client()
        form = editor_fields(c.request("GET", "/admin/articles/new").document())
        title = "مقال ينتقل بصورته " + uuid.uuid4().hex[:6]
        form.update(title=title, body="نص.", status="published", section=self.section,
                    action="save", featured_media=str(id_media), featured_caption="تعليق المقال",
                    featured_alt="بديل المقال")
        r = c.post_form("/admin/articles/new", form)
        self.assertStatus(r, 303, "save with a featured image")
        slug = editor_fields(c.request("GET", r.header("Location").split("?")[0]).document())["slug"]

        first = self.site.cli_ok("export")
        records = [json.loads(line) for line in first.splitlines()]
        media = [m for m in records if m["type"] == "media" and m["original_name"] == "نقل.png"]
        self.assertEqual(len(media), 1, "the image is in the dump")
        self.assertEqual(sorted(media[0]["files"]), ["120"], "with its one stored width")
        self.assertIn({"type": "featured", "article": slug, "media": media[0]["hash"],
                       "caption": "تعليق المقال", "alt": "بديل المقال"}, records)

        dump = Path(self.site.dir) / "with-media.jsonl"
        dump.write_text(first, encoding="utf-8")
        target = self.new_site()
        self.assertIn("images", target.cli_ok("import", "jsonl", dump))
        self.assertEqual(target.cli_ok("export"), first, "export → import → export")
        server = target.start_server()
        page = server.get(e2e.article_path(slug))
        self.assertStatus(page, 200, "the restored article")
        img = page.document().find("figure", cls="featured-image").find("img")
        self.assertEqual(img.attrs.get("alt"), "بديل المقال")
        src = img.attrs["src"]
        restored, original = server.get(src), self.server.get(src)
        self.assertStatus(restored, 200, f"restored {src}")
        self.assertEqual(restored.body, original.body, "the same bytes under the same name")

        # A dump whose image file is not the image it claims: nothing imported, no file written.
        media[0]["files"]["120"] = base64.b64encode(b"<svg onload=alert(1)>").decode()
        tampered = Path(self.site.dir) / "tampered.jsonl"
        tampered.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in records) + "\n",
                            encoding="utf-8")
        empty = self.new_site()
        rc, _, err = empty.cli("import", "jsonl", tampered)
        self.assertNotEqual(rc, 0)
        self.assertIn("not a png image", err)
        self.assertNotIn('"type":"article"', empty.cli_ok("export"), "nothing imported")
        self.assertFalse((Path(empty.dir) / "media").exists() and any((Path(empty.dir) / "media").iterdir()),
                         "no file written")

    def test_unknown_media_names_are_404(self):
        for path in ("/media/../wakala.db", "/media/nothing.jpg", "/media/" + "0" * 24 + "-480.jpg"):
            self.assertStatus(self.server.get(path), 404, path)

    # ---- the featured image ----

    def test_article_shows_its_featured_image_as_a_figure_with_srcset(self):
        id_media = self.uploaded_id(self.upload("photo.jpg", (MEDIA / "photo.jpg").read_bytes(),
                                                "image/jpeg", alt="بديل المكتبة",
                                                caption="تعليق المكتبة"))
        c = self.client()
        doc = c.request("GET", "/admin/articles/new").document()
        radios = [i.attrs.get("value") for i in doc.find_all("input", name="featured_media")]
        self.assertIn(str(id_media), radios, "the upload is offered in the editor")
        form = editor_fields(doc)
        title = "صورة بارزة " + uuid.uuid4().hex[:6]
        form.update(title=title, body="نص الخبر.", status="published", section=self.section,
                    action="save", featured_media=str(id_media),
                    featured_caption="الوزير في المؤتمر الصحفي", featured_alt="")
        r = c.post_form("/admin/articles/new", form)
        self.assertStatus(r, 303, "save with a featured image")
        edit_path = r.header("Location").split("?")[0]
        edit = c.request("GET", edit_path).document()
        checked = [i for i in edit.find_all("input", name="featured_media") if "checked" in i.attrs]
        self.assertEqual([i.attrs["value"] for i in checked], [str(id_media)])
        self.assertEqual(edit.find("input", name="featured_alt").attrs.get("value"), "بديل المكتبة",
                         "an empty alt takes the library's")

        path = e2e.article_path(editor_fields(edit)["slug"])
        page = self.server.get(path)
        self.assertStatus(page, 200, path)
        figure = page.document().find("figure", cls="featured-image")
        self.assertIsNotNone(figure, "the article has a figure")
        img = figure.find("img")
        self.assertEqual(img.attrs.get("alt"), "بديل المكتبة")
        srcset = img.attrs.get("srcset", "")
        widths = re.findall(r"/media/[0-9a-f]{24}-(\d+)\.jpg (\d+)w", srcset)
        self.assertEqual([int(w) for w, _ in widths], [480, 960, 1000], srcset)
        self.assertTrue(all(a == b for a, b in widths))
        self.assertTrue(img.attrs.get("sizes"))
        self.assertEqual(figure.find("figcaption").text(), "الوزير في المؤتمر الصحفي")
        for url in re.findall(r"(/media/\S+)", srcset):
            served = self.server.get(url)
            self.assertStatus(served, 200, url)
            self.assertEqual(served.header("Cache-Control"), IMMUTABLE)

        # Removing the image removes the figure.
        form = editor_fields(edit)
        form.update(action="save", featured_media="")
        self.assertStatus(c.post_form(edit_path, form), 303, "remove the image")
        self.assertEventually(lambda: "<figure" not in self.server.get(path).text,
                              "the figure is gone")

    def test_featured_image_needs_alt_text_and_nothing_is_half_saved(self):
        id_media = self.uploaded_id(self.upload("fresh.png", unique_png(), "image/png", alt=""))
        c = self.client()
        form = editor_fields(c.request("GET", "/admin/articles/new").document())
        form.update(title="بلا نص بديل " + uuid.uuid4().hex[:6], body="نص", status="draft",
                    section=self.section, action="save", featured_media=str(id_media),
                    featured_alt="")
        r = c.post_form("/admin/articles/new", form)
        self.assertStatus(r, 422, "no alt text")
        self.assertIn("نصاً بديلاً", r.text)
        form["featured_media"] = "999999"
        form["featured_alt"] = "بديل"
        r = c.post_form("/admin/articles/new", form)
        self.assertStatus(r, 422, "an unknown image")


Media_SQLite, Media_PostgreSQL = e2e.per_backend(MediaTests)

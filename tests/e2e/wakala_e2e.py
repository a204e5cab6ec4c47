"""Shared helpers for wakala's end-to-end tests.

The tests drive the real `wakala` binary (WAKALA_BIN) over its CLI and over HTTP, against
SQLite always and against PostgreSQL when WAKALA_TEST_POSTGRES holds the conninfo URL of a
throwaway server with superuser rights (each test class gets a fresh database there, created
with `psql` and dropped at the end). Nothing here builds anything. Only the Python standard
library is used.

A test module writes its tests once, in a mixin that uses `self.backend` (a Backend), and
creates one TestCase per backend with `per_backend(Mixin)`.
"""

import html
import html.parser
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
THEME = REPO / "themes" / "default"
FIXTURES = REPO / "tests" / "fixtures"
SEED_ARTICLE = DEMO / "articles" / "000-seed-ahdaf-al-liqaa.md"

BIN_ENV = "WAKALA_BIN"
PG_ENV = "WAKALA_TEST_POSTGRES"

# Generous: the test build runs under ASan/UBSan.
CLI_TIMEOUT = 180
START_TIMEOUT = 60
STOP_TIMEOUT = 60
# How long a running server may take to notice a write made by the CLI (it polls about every
# 300 ms); used only as the bound of polling loops, never asserted as a duration.
PICKUP_TIMEOUT = 10


# ---- the binary -------------------------------------------------------------------------

def binary():
    """The path of the wakala binary; raises SkipTest (skipping everything) when unset."""
    path = os.environ.get(BIN_ENV)
    if not path:
        raise unittest.SkipTest(
            f"{BIN_ENV} is not set: set it to the path of a built wakala binary "
            f"(tests/run does this) to run the end-to-end tests")
    if not os.access(path, os.X_OK):
        raise unittest.SkipTest(f"{BIN_ENV}={path} is not an executable file")
    return path


def run(args, input=None, cwd=None, timeout=CLI_TIMEOUT):
    """Runs `wakala ARGS...`; returns (rc, stdout, stderr) as text (invalid bytes replaced).

    `input` may be str or bytes; it becomes stdin (otherwise stdin is empty)."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    proc = subprocess.run([binary(), *map(str, args)], input=input if input is not None else b"",
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=str(cwd or REPO), timeout=timeout)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=PICKUP_TIMEOUT, interval=0.1):
    """Calls predicate() until it returns a true value (returned) or `timeout` passes (the
    last value is returned). Exceptions from predicate count as false until the end."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:
            if time.monotonic() >= deadline:
                raise
            value = None
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


# ---- backends ---------------------------------------------------------------------------

class Backend:
    """A database backend. `new_database()` returns a URL for `wakala --db` naming an empty
    database; `close()` removes all the databases it made."""

    name = "?"

    def new_database(self):
        raise NotImplementedError

    def close(self):
        pass


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="wakala-e2e-sqlite-")
        self.count = 0

    def new_database(self):
        self.count += 1
        folder = os.path.join(self.dir, f"db{self.count}")
        os.makedirs(folder)
        return "sqlite:" + os.path.join(folder, "wakala.db")

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def psql(url, sql):
    proc = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"psql {sql!r} failed: {proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8", "replace")


def _with_database(url, dbname):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query,
                                    parts.fragment))


class PostgresqlBackend(Backend):
    name = "postgresql"

    def __init__(self):
        self.admin_url = os.environ.get(PG_ENV)
        if not self.admin_url:
            raise unittest.SkipTest(
                f"{PG_ENV} is not set: PostgreSQL tests need the URL of a throwaway server "
                f"(tests/run starts one)")
        if not shutil.which("psql"):
            raise unittest.SkipTest("psql (postgresql-client) is not installed")
        self.databases = []

    def new_database(self):
        name = "wakala_e2e_" + uuid.uuid4().hex[:12]
        psql(self.admin_url, f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        self.databases.append(name)
        return _with_database(self.admin_url, name)

    def close(self):
        for name in self.databases:
            try:
                psql(self.admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as e:  # cleanup must not hide the test result
                print(f"warning: could not drop {name}: {e}")
        self.databases = []


BACKENDS = {"sqlite": SqliteBackend, "postgresql": PostgresqlBackend}


# ---- a site: a database plus the CLI and a server on it ----------------------------------

class Site:
    """One database (on the test class's backend), with helpers to run the CLI on it and to
    start and stop `wakala serve` on it."""

    def __init__(self, backend):
        self.backend = backend
        self.db = backend.new_database()
        self.dir = tempfile.mkdtemp(prefix="wakala-e2e-site-")
        self.servers = []

    def cli(self, *args, input=None):
        """`wakala ARGS... --db URL --data DIR` -> (rc, stdout, stderr)."""
        return run([*args, "--db", self.db, "--data", self.dir], input=input)

    def cli_ok(self, *args, input=None):
        rc, out, err = self.cli(*args, input=input)
        if rc != 0:
            raise AssertionError(f"wakala {' '.join(map(str, args))} failed with {rc}:\n{err}{out}")
        return out

    def load_demo(self):
        return self.cli_ok("demo", "--from", DEMO)

    def server(self, **kwargs):
        server = Server(self, **kwargs)
        self.servers.append(server)
        return server

    def start_server(self, **kwargs):
        server = self.server(**kwargs)
        server.start()
        return server

    def close(self):
        for s in self.servers:
            s.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class ServerStartError(Exception):
    pass


class Server:
    """A `wakala serve` process on a site's database.

    By default it listens on a free port with --base-url http://127.0.0.1:PORT; `args`
    replaces those flags (e.g. to test --config), and the port is then read from the
    "wakala: serving http://ADDRESS:PORT/" line."""

    def __init__(self, site, args=None, threads=2):
        self.site = site
        self.custom_args = args
        self.threads = threads
        self.proc = None
        self.port = None
        self.base_url = None
        self.stdout_lines = []
        self.stderr_path = None
        self.returncode = None

    def command(self, port):
        cmd = [binary(), "serve", "--db", self.site.db, "--data", self.site.dir]
        if self.custom_args is None:
            cmd += ["--listen", f"127.0.0.1:{port}", "--base-url", f"http://127.0.0.1:{port}",
                    "--theme", str(THEME), "--threads", str(self.threads)]
        else:
            cmd += list(map(str, self.custom_args))
        return cmd

    def start(self):
        last_error = None
        for _ in range(3):  # a free port may be taken between picking and binding
            port = free_port()
            try:
                self._start_once(port)
                return self
            except ServerStartError as e:
                last_error = e
                if self.custom_args is not None:
                    break
        raise last_error

    def _start_once(self, port):
        self.stderr_path = os.path.join(self.site.dir, f"serve-{port}-{uuid.uuid4().hex[:6]}.stderr")
        stderr = open(self.stderr_path, "wb")
        self.stdout_lines = []
        self.returncode = None
        self.proc = subprocess.Popen(self.command(port), stdout=subprocess.PIPE, stderr=stderr,
                                     stdin=subprocess.DEVNULL, cwd=str(REPO))
        stderr.close()
        serving = threading.Event()

        def pump(stream=self.proc.stdout):
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.stdout_lines.append(line)
                if line.startswith("wakala: serving"):
                    serving.set()
            stream.close()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while not serving.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise ServerStartError(
                    f"wakala serve did not print its serving line (exit {self.proc.returncode}):\n"
                    f"{self.stderr()}\n{os.linesep.join(self.stdout_lines)}")
        line = next(l for l in self.stdout_lines if l.startswith("wakala: serving"))
        m = re.match(r"wakala: serving http://(\S+?):(\d+)/", line)
        if not m:
            raise AssertionError(f"unexpected serving line: {line!r}")
        self.address, self.port = m.group(1), int(m.group(2))
        self.base_url = f"http://127.0.0.1:{port}" if self.custom_args is None else None
        return self

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except (OSError, TypeError):
            return ""

    @property
    def pid(self):
        return self.proc.pid

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def terminate(self, timeout=STOP_TIMEOUT):
        """SIGTERM; waits for the exit and returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.returncode = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("wakala serve did not exit after SIGTERM")
        return self.returncode

    stop = terminate

    def kill(self):
        """SIGKILL (kill -9), if still running."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(STOP_TIMEOUT)
        if self.proc is not None:
            self.returncode = self.proc.returncode

    # ---- HTTP ----

    def connection(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, path, method="GET", headers=None, body=None):
        """One request on a new connection -> Response (status, headers, body bytes)."""
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request(path, headers=headers)

    def page(self, path):
        """GET `path`; the parsed Document of a 200 HTML page (fails the test otherwise)."""
        r = self.get(path)
        if r.status != 200:
            raise AssertionError(f"GET {path} -> {r.status}, expected 200\n{r.text[:500]}")
        return r.document()

    def raw(self, data, timeout=30, shutdown=False):
        """Sends raw bytes on a new connection and reads until the server closes it (or the
        timeout). Returns the bytes received."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(data)
            if shutdown:
                s.shutdown(socket.SHUT_WR)
            return read_all(s)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def document(self):
        return parse_html(self.text)

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


def read_all(sock):
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def parse_raw_response(data):
    """(status, headers dict with lower-case names, body bytes) of the first HTTP response in
    `data`; status is None when `data` holds no status line."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3})", lines[0]) if lines else None
    if not m:
        return None, {}, data
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return int(m.group(1)), headers, body


# ---- URLs ------------------------------------------------------------------------------

def quote_path(path):
    """Percent-encodes a path the way wakala writes hrefs (UTF-8, upper-case hex)."""
    return urllib.parse.quote(path, safe="/")


def article_path(slug):
    return quote_path("/article/" + slug)


def slugify(title):
    """The slug wakala derives from an Arabic title in the common case: words of letters and
    digits joined with '-' (harakat and tatweel dropped, Latin lower-cased)."""
    title = re.sub("[\u064B-\u065F\u0670\u0640]", "", title)
    words = re.findall(r"[0-9A-Za-z\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+", title)
    return "-".join(w.lower() for w in words)


def path_of(url):
    """The path (still percent-encoded) of an absolute or relative URL."""
    return urllib.parse.urlsplit(url).path


# ---- HTML ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.attr_list = attrs
        self.children = []
        self.parent = parent

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.classes():
                continue
            if any(n.attrs.get(k.rstrip("_")) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def raw_text(self):
        parts = []
        for c in self.children:
            parts.append(c if isinstance(c, str) else c.raw_text())
        return "".join(parts)

    def text(self):
        """The text content (entities decoded), whitespace collapsed."""
        return normalize(self.raw_text())

    def links(self):
        return [(a.attrs.get("href"), a.text(), a.attrs.get("rel")) for a in self.find_all("a")]

    def form_values(self):
        """{name: value} of this form's fields as a browser sends them untouched: inputs, the
        checked radio, textareas, each select's selected option (or "" when none is)."""
        fields = {}
        for inp in self.find_all("input"):
            if inp.attrs.get("type") == "radio" and "checked" not in inp.attrs:
                continue
            fields[inp.attrs["name"]] = inp.attrs.get("value") or ""
        for ta in self.find_all("textarea"):
            fields[ta.attrs["name"]] = ta.raw_text()
        for sel in self.find_all("select"):
            chosen = [o for o in sel.find_all("option") if "selected" in o.attrs]
            fields[sel.attrs["name"]] = chosen[0].attrs.get("value") if chosen else ""
        return fields

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.stack = [self.root]
        self.comments = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def parse_html(text):
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return Document(builder.root, text, builder.comments)


class Document(Node):
    def __init__(self, root, source, comments):
        super().__init__("#document", [])
        self.children = root.children
        self.source = source
        self.comments = comments

    def canonical(self):
        for link in self.find_all("link"):
            if "canonical" in (link.attrs.get("rel") or "").split():
                return link.attrs.get("href")
        return None

    def html_element(self):
        return self.find("html")

    def cards(self, within=None):
        """[(title, href)] of the article cards (class card) in `within` (default: all)."""
        scope = within or self
        out = []
        for card in scope.find_all("article", cls="card"):
            a = card.find("h3").find("a")
            out.append((a.text(), a.attrs.get("href")))
        return out


def normalize(text):
    return re.sub(r"\s+", " ", html.unescape(text) if "&" in text else text).strip()


# ---- demo content (read from the repository's demo/ folder) ---------------------------

class ArticleFile:
    def __init__(self, path, fields, body):
        self.path = path
        self.fields = fields
        self.body = body

    @property
    def title(self):
        return self.fields["title"]

    @property
    def section(self):
        return self.fields["section"]

    @property
    def byline(self):
        return self.fields["byline"]

    @property
    def date(self):
        return self.fields.get("date", "")

    @property
    def status(self):
        return self.fields.get("status", "published")

    @property
    def tags(self):
        v = self.fields.get("tags", "").strip()
        if not v:
            return []
        return [t.strip() for t in re.split("[,\u060C]", v.strip("[]")) if t.strip()]

    @property
    def slug(self):
        return self.fields.get("slug") or slugify(self.title)

    def markdown_blocks(self):
        """The body as [(kind, text)] with kind 'h2' (a ## heading) or 'p' (a paragraph as a
        reader sees it: emphasis markers removed, whitespace collapsed)."""
        blocks = []
        for chunk in re.split(r"\n\s*\n", self.body.strip()):
            chunk = chunk.strip()
            if not chunk:
                continue
            m = re.match(r"^(#{1,6})\s+(.*)$", chunk)
            if m and "\n" not in chunk:
                blocks.append(("h%d" % len(m.group(1)), normalize(m.group(2))))
                continue
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", chunk)
            text = re.sub(r"(\*\*|__|\*|_)(\S.*?\S|\S)\1", r"\2", text)
            blocks.append(("p", normalize(text)))
        return blocks


def parse_article_file(path):
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0].strip() == "---", path
    fields = {}
    end = None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            end = i
            break
        if ":" in line:
            k, v = line.split(":", 1)
            v = v.strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            fields[k.strip()] = v
    assert end is not None, path
    return ArticleFile(Path(path), fields, "\n".join(lines[end + 1:]))


def demo_articles():
    return [parse_article_file(p) for p in sorted((DEMO / "articles").glob("*.md"))]


def demo_sections():
    """[(name, slug)] in navigation order."""
    out = []
    for line in (DEMO / "sections.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, slug = line.split("\t")
            out.append((name, slug))
    return out


def published(articles):
    """Published demo articles, newest first (the dates are all in the past)."""
    return sorted((a for a in articles if a.status == "published"), key=lambda a: a.date,
                  reverse=True)


# ---- listings ----------------------------------------------------------------------

def listing_titles(test, server, path, max_pages=30):
    """Card titles of a paginated listing, following its «next page» links from `path`;
    checks every page is a 200 and that page N links back to page N-1."""
    titles, seen = [], set()
    previous = None
    while path:
        test.assertNotIn(path, seen, "pagination loops")
        seen.add(path)
        test.assertLess(len(seen), max_pages, "too many pages")
        doc = server.page(path)
        titles += [t for t, _ in doc.cards(doc.find("section", cls="listing"))]
        pagination = doc.find("nav", cls="pagination")
        prev_link = next_link = None
        if pagination:
            for a in pagination.find_all("a"):
                if a.attrs.get("rel") == "next":
                    next_link = a.attrs.get("href")
                if a.attrs.get("rel") == "prev":
                    prev_link = a.attrs.get("href")
        if previous is not None:
            test.assertEqual(prev_link, previous, f"{path}: the «previous page» link")
        previous, path = path, next_link
    return titles



# ---- per-backend test classes ------------------------------------------------------------

class SiteTestCase(unittest.TestCase):
    """Base of the per-backend test classes: `cls.backend` (a Backend) is made in setUpClass
    from `backend_name`, `cls.new_site()` makes a Site on a fresh database, and everything is
    removed in tearDownClass. Subclasses override `set_up_sites()` to prepare shared state."""

    backend_name = None
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        binary()  # skip everything when WAKALA_BIN is unset
        cls._sites = []
        cls.backend = BACKENDS[cls.backend_name]()
        try:
            cls.set_up_sites()
        except BaseException:
            cls._cleanup()
            raise

    @classmethod
    def set_up_sites(cls):
        pass

    @classmethod
    def new_site(cls):
        site = Site(cls.backend)
        cls._sites.append(site)
        return site

    @classmethod
    def _cleanup(cls):
        for site in getattr(cls, "_sites", []):
            site.close()
        cls._sites = []
        if getattr(cls, "backend", None):
            cls.backend.close()

    @classmethod
    def tearDownClass(cls):
        cls._cleanup()
        super().tearDownClass()

    # ---- assertions shared by the modules ----

    def assertEventually(self, predicate, message, timeout=PICKUP_TIMEOUT):
        value = wait_for(predicate, timeout)
        if not value:
            self.fail(f"{message} (still false after polling for {timeout} s)")
        return value

    def assertStatus(self, response, status, what=""):
        if response.status != status:
            self.fail(f"{what}: status {response.status}, expected {status}\n"
                      f"{response.text[:800]}")


def per_backend(mixin):
    """Two TestCase classes running `mixin`'s tests: on SQLite and on PostgreSQL."""
    out = []
    for backend_name, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        name = mixin.__name__.replace("Tests", "") + "_" + label
        cls = type(name, (mixin, SiteTestCase), {"backend_name": backend_name,
                                                  "__module__": mixin.__module__})
        cls.__qualname__ = name
        out.append(cls)
    return out

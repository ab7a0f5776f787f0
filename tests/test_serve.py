"""`briefing serve` with the real build: HTTP answers, the path guard, incremental counts, the watcher, Ctrl-C.

Every server runs on 127.0.0.1, port 0, in a thread that each test stops; every socket has a short
timeout, so a broken server fails a test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from generator import build, openpages, render, serve
from generator.cache import BuildCache
from generator.changes import Batch
from generator.pages import Page

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 5.0
SECRET = "SECRET-7f3a-not-for-the-web"

MakeSite = Callable[..., Path]
Article = Callable[..., str]
Digest = Callable[[Path], dict[str, str]]


def quoted(name: str) -> str:
    """Front matter lines: one person and a quote of theirs."""
    return f"people:\n  - name: {name}\nquotes:\n  - text: Numbers are not all.\n    by: {name}\n"


QUOTED = quoted("Ada Lovelace")
WOFF2 = b"wOF2\x00\x01\x00\x00" + bytes(range(256))
SCRIPT = re.compile(rb'<script src="/_briefing/livereload\.js" data-version="\d+"></script>')


@pytest.fixture
def root(tmp_path: Path, make_site: MakeSite, article: Article) -> Path:
    """Three unrelated briefings (two with quotes), a site partial, and static files of every common type."""
    return make_site(
        tmp_path,
        {
            "site.yaml": f"title: Test Desk\nlanguage: en\n# {SECRET}\n",
            "content/alpha.md": article("Alpha briefing", "2020-01-01", QUOTED),
            "content/beta.md": article("Beta briefing", "2020-01-02", quoted("Grace Hopper")),  # no one shared
            "content/gamma.md": article("Gamma briefing", "2020-01-03"),
            "templates/partials/quote.html": (REPO / "templates/partials/quote.html").read_text(encoding="utf-8"),
            "static/css/extra.css": "p { color: rgb(1, 2, 3) }\n",
            "static/js/app.js": "console.log('app');\n",
            "static/img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
            "static/data.json": '{"answer": 42}\n',
            "static/fonts/body.woff2": WOFF2,
        },
    )


# --- a running preview ---------------------------------------------------------------------------


@dataclass
class Running:
    """A preview serving a site on a free port."""

    preview: serve.Preview
    port: int
    log: list[str] = field(default_factory=list)

    @property
    def out(self) -> Path:
        return self.preview.output


@contextlib.contextmanager
def running(root: Path, watch: bool = False) -> Iterator[Running]:
    """Build once, serve, and (with `watch`) rebuild on file events; stop everything on exit."""
    log: list[str] = []
    preview = serve.Preview(root, build.BuildOptions(), build.build, log.append)
    assert preview.rebuild(None), log
    server, note = serve.bind("127.0.0.1", 0, serve.make_handler(preview))
    assert note is None
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    observer = None
    builder = None
    if watch:
        observer = serve.watch(preview)
        builder = threading.Thread(target=preview.loop, name="builder", daemon=True)
        builder.start()
    try:
        yield Running(preview, server.server_address[1], log)
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)
        if observer is not None:
            observer.stop()
            observer.join(TIMEOUT)
        if builder is not None:
            builder.join(TIMEOUT)
            assert not builder.is_alive(), "the builder loop did not stop"
        assert not thread.is_alive(), "the server did not stop"


def fetch(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """(status, lower-cased headers, body) of one request."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def raw(port: int, request: bytes) -> bytes:
    """Send bytes as they are and read until the server closes the connection."""
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(request)
        while data := sock.recv(65536):
            chunks.append(data)
    return b"".join(chunks)


def files_containing(folder: Path, needle: bytes) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


# --- HTTP ----------------------------------------------------------------------------------------


CONTENT_TYPES = {
    "/": "text/html; charset=utf-8",
    "/briefings/alpha/": "text/html; charset=utf-8",
    "/briefings/alpha/index.html": "text/html; charset=utf-8",
    "/css/extra.css": "text/css",
    "/css/site.css": "text/css",
    "/js/app.js": "text/javascript",
    "/img/logo.svg": "image/svg+xml",
    "/data.json": "application/json",
    "/fonts/body.woff2": "font/woff2",
    "/_briefing/livereload.js": "text/javascript",
}


def test_content_types(root: Path) -> None:
    with running(root) as run:
        for path, ctype in CONTENT_TYPES.items():
            status, headers, body = fetch(run.port, path)
            assert status == 200, path
            assert headers["content-type"].split(";")[0] == ctype.split(";")[0], path
            if "charset" in ctype:
                assert headers["content-type"] == ctype, path
            assert int(headers["content-length"]) == len(body), path
            if path.startswith("/_briefing/"):
                assert b"EventSource" in body
            elif not ctype.startswith("text/html"):
                own = root / "static" / path.lstrip("/")
                source = own if own.is_file() else REPO / "static" / path.lstrip("/")  # the built-in stylesheet
                assert body == source.read_bytes(), f"{path}: static files are served as they are"


def test_missing_path_is_the_404_page_with_status_404(root: Path) -> None:
    with running(root) as run:
        status, headers, body = fetch(run.port, "/no/such/page/")
        head_status, _, head_body = fetch(run.port, "/no/such/page.html", "HEAD")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body
    assert SCRIPT.search(body)
    assert (head_status, head_body) == (404, b"")


def test_head_sends_headers_and_no_body(root: Path) -> None:
    with running(root) as run:
        _, get_headers, get_body = fetch(run.port, "/briefings/alpha/")
        reply = raw(run.port, b"HEAD /briefings/alpha/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, sep, body = reply.partition(b"\r\n\r\n")
    assert sep and head.startswith(b"HTTP/1.1 200 ")
    assert body == b""
    assert f"Content-Length: {len(get_body)}".encode() in head
    assert f"Content-Type: {get_headers['content-type']}".encode() in head


def test_nothing_is_cached_by_the_browser(root: Path) -> None:
    with running(root) as run:
        for path in ["/", "/css/extra.css", "/_briefing/livereload.js", "/missing", "/briefings"]:
            _, headers, _ = fetch(run.port, path)
            directives = {d.strip() for d in headers["cache-control"].split(",")}
            assert {"no-cache", "no-store"} <= directives, path


def test_folder_without_trailing_slash_redirects(root: Path) -> None:
    with running(root) as run:
        status, headers, _ = fetch(run.port, "/briefings/alpha")
        status_q, headers_q, _ = fetch(run.port, "/briefings?x=1")
        page_status, _, page = fetch(run.port, headers["location"])
    assert (status, headers["location"]) == (301, "/briefings/alpha/")
    assert (status_q, headers_q["location"]) == (301, "/briefings/")
    assert page_status == 200 and b"Alpha briefing" in page


TRAVERSALS = [
    "/../site.yaml",
    "/%2e%2e/site.yaml",
    "/%2E%2E/site.yaml",
    "/briefings/../../site.yaml",
    "/briefings/%2e%2e/%2e%2e/site.yaml",
    "/..%2fsite.yaml",
    "/..\\site.yaml",
    "/..%5csite.yaml",
    "/site.yaml%00.html",
    "http://127.0.0.1/../site.yaml",
    "/leak.yaml",
]


def test_traversal_gets_404_and_never_the_file(root: Path) -> None:
    with running(root) as run:
        (run.out / "leak.yaml").symlink_to(root / "site.yaml")  # a symlink out of the output
        for target in TRAVERSALS:
            for method in ("GET", "HEAD"):
                request = f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                reply = raw(run.port, request.encode())
                assert reply.startswith(b"HTTP/1.1 404 "), (method, target, reply[:200])
                assert SECRET.encode() not in reply, (method, target)


def test_served_html_has_the_script_but_files_on_disk_do_not(
    root: Path, tmp_path: Path, tree_digest: Digest
) -> None:
    with running(root) as run:
        for url, rel in [("/", "index.html"), ("/briefings/beta/", "briefings/beta/index.html"), ("/404.html", "404.html")]:
            _, _, body = fetch(run.port, url)
            (tag,) = SCRIPT.findall(body)
            assert body.index(tag) < body.rindex(b"</body>")
            assert body.replace(tag, b"") == (run.out / rel).read_bytes()
        served_tree = tree_digest(run.out)
        assert files_containing(run.out, b"_briefing") == []
    built = tmp_path / "built"
    build.build(root, build.BuildOptions(output=built))
    assert files_containing(built, b"_briefing") == []
    assert tree_digest(built) == served_tree, "the preview writes exactly what `briefing build` writes"


def test_events_stream_over_http(root: Path) -> None:
    with running(root) as run, socket.create_connection(("127.0.0.1", run.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /_briefing/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = read_until(sock, f"event: version\ndata: {run.preview.events.version}\n\n".encode())
        assert b"Content-Type: text/event-stream" in stream
        css = root / "static/css/extra.css"
        css.write_text("p { color: rgb(4, 5, 6) }\n", encoding="utf-8")
        assert run.preview.rebuild(Batch(frozenset({"static/css/extra.css"})))
        assert b'event: css\ndata: ["css/extra.css"]\n\n' in read_until(sock, b"\n\n")


def read_until(sock: socket.socket, end: bytes) -> bytes:
    data = b""
    while end not in data:
        chunk = sock.recv(4096)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    return data


# --- the preview's rebuilds and their events ------------------------------------------------------


def drain(q: queue.Queue[tuple[str, str] | None]) -> list[tuple[str, object]]:
    events = []
    while True:
        try:
            item = q.get_nowait()
        except queue.Empty:
            return events
        assert item is not None
        events.append((item[0], json.loads(item[1])))


def test_rebuild_events_css_error_reload(root: Path, article: Article) -> None:
    log: list[str] = []
    preview = serve.Preview(root, build.BuildOptions(), build.build, log.append)
    assert preview.rebuild(None)
    q = preview.events.subscribe()
    first = preview.events.version
    assert drain(q) == [("version", first)]

    assert preview.rebuild(Batch(frozenset({"content/alpha.md"})))
    assert drain(q) == [], "nothing changed, so nothing to reload"

    (root / "static/css/extra.css").write_text("p { color: blue }\n", encoding="utf-8")
    assert preview.rebuild(Batch(frozenset({"static/css/extra.css"})))
    assert drain(q) == [("css", ["css/extra.css"])]

    good = (preview.output / "briefings/alpha/index.html").read_bytes()
    (root / "content/alpha.md").write_text("---\ntitle: [\ndate: 2020-01-01\n---\nBody\n", encoding="utf-8")
    assert not preview.rebuild(Batch(frozenset({"content/alpha.md"})))
    ((event, lines),) = drain(q)
    assert event == "error-report"
    assert isinstance(lines, list) and lines[0].startswith("content/alpha.md:")
    assert "invalid YAML" in lines[0]
    assert (preview.output / "briefings/alpha/index.html").read_bytes() == good, "the last good page stays"
    late = preview.events.subscribe()
    assert drain(late) == [("version", first + 1), ("error-report", lines)], "a page opened later sees the error too"

    (root / "content/alpha.md").write_text(article("Alpha fixed", "2020-01-01"), encoding="utf-8")
    assert preview.rebuild(Batch(frozenset({"content/alpha.md"})))
    assert drain(q) == [("reload", "")]
    assert preview.events.error is None
    assert b"Alpha fixed" in (preview.output / "briefings/alpha/index.html").read_bytes()
    assert preview.builds == 4


def test_a_page_served_before_a_rebuild_learns_of_it_when_its_stream_opens(root: Path, article: Article) -> None:
    # Regression: a page fetched just before a rebuild, whose event stream opened just after it,
    # missed the reload and stayed stale. Now the page carries the version it was served at and
    # every stream starts with the current one.
    with running(root) as run:
        _, _, stale = fetch(run.port, "/briefings/alpha/")
        served_at = run.preview.events.version
        assert f'data-version="{served_at}"'.encode() in stale
        (root / "content/alpha.md").write_text(article("Alpha, newer", "2020-01-01"), encoding="utf-8")
        assert run.preview.rebuild(Batch(frozenset({"content/alpha.md"})))
        with socket.create_connection(("127.0.0.1", run.port), timeout=TIMEOUT) as sock:
            sock.sendall(b"GET /_briefing/events HTTP/1.1\r\nHost: x\r\n\r\n")
            stream = read_until(sock, f"event: version\ndata: {served_at + 1}\n\n".encode())
            assert stream.count(b"event: ") == 1, "a version, and no error"
        _, _, fresh = fetch(run.port, "/briefings/alpha/")
        assert f'data-version="{served_at + 1}"'.encode() in fresh and b"Alpha, newer" in fresh
    script = (REPO / "generator/assets/livereload.js").read_text(encoding="utf-8")
    assert 'addEventListener("version"' in script


# --- open pages first, reloads for the pages that changed, stopped rebuilds ----------------------


ALPHA = "briefings/alpha/index.html"
GAMMA = "briefings/gamma/index.html"


def open_pages_preview(root: Path, seen: list[tuple[str, bytes]], strict: bool = False) -> serve.Preview:
    """A preview built once, whose build notes the alpha page on disk each time it starts."""
    def build_fn(root: Path, options: build.BuildOptions, cache: BuildCache) -> build.BuildResult:
        page = root / "site" / ALPHA
        seen.append(("build", page.read_bytes() if page.is_file() else b""))
        return build.build(root, options, cache)

    preview = serve.Preview(root, build.BuildOptions(strict=strict), build_fn, lambda line: None, openpages.render_open)
    assert preview.rebuild(None)
    return preview


def test_a_title_edit_reloads_its_open_page_before_the_site_is_rebuilt(root: Path, article: Article) -> None:
    seen: list[tuple[str, bytes]] = []
    preview = open_pages_preview(root, seen)
    on_alpha, on_home, unknown = (preview.events.subscribe(p) for p in (ALPHA, "index.html", None))
    for q in (on_alpha, on_home, unknown):
        drain(q)

    (root / "content/alpha.md").write_text(article("Alpha, retitled", "2020-01-01", QUOTED), encoding="utf-8")
    assert preview.rebuild(Batch(frozenset({"content/alpha.md"})))
    assert b"Alpha, retitled" in seen[-1][1], "the open page was written before the rebuild began"
    assert drain(on_alpha) == [("reload", "")], "one reload: the rebuild wrote the same bytes again"
    assert drain(on_home) == [("reload", "")], "the home page lists the new title, from the rebuild"
    assert drain(unknown) == [("reload", ""), ("reload", "")], "a stream that names no page hears every reload"
    clean = build.build(root, build.BuildOptions(output=root / "clean"))
    assert clean.pages > 0
    assert (root / "clean" / ALPHA).read_bytes() == (preview.output / ALPHA).read_bytes()


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param("tags: [science]\n", id="a new tag"),
        pytest.param("people:\n  - name: Ada Lovelace\n    org: Analytical Society\n", id="a new organisation"),
        pytest.param("slug: alpha-moved\n", id="a new slug"),
        pytest.param("sumary: typo\n", id="a warning"),
    ],
)
def test_an_edit_that_reaches_other_pages_waits_for_the_rebuild(root: Path, article: Article, edit: str) -> None:
    seen: list[tuple[str, bytes]] = []
    preview = open_pages_preview(root, seen, strict=True)  # so that a warning stops the build
    on_alpha = preview.events.subscribe(ALPHA)
    drain(on_alpha)
    (root / "content/alpha.md").write_text(article("Alpha, reaching out", "2020-01-01", edit), encoding="utf-8")
    preview.rebuild(Batch(frozenset({"content/alpha.md"})))
    assert b"Alpha, reaching out" not in seen[-1][1], "nothing was written ahead of the rebuild"


def test_an_edit_reloads_only_the_pages_whose_files_changed(root: Path, article: Article) -> None:
    seen: list[tuple[str, bytes]] = []
    preview = open_pages_preview(root, seen)
    on_alpha, on_gamma, on_missing = (
        preview.events.subscribe(serve.page_file(preview.output, url))
        for url in ("/briefings/alpha/", "/briefings/gamma/index.html", "/no/such/page/")
    )
    for q in (on_alpha, on_gamma, on_missing):
        drain(q)
    (root / "content/gamma.md").write_text(article("Gamma briefing", "2020-01-03", body="Other words.\n"), encoding="utf-8")
    assert preview.rebuild(Batch(frozenset({"content/gamma.md"})))
    assert drain(on_gamma) == [("reload", "")]
    assert drain(on_alpha) == [], "alpha's page did not change"
    assert drain(on_missing) == [("reload", "")], "a 404 page may now exist: it reloads on every change"


def test_a_save_during_a_rebuild_stops_it_and_the_next_covers_both(
    root: Path, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = serve.Preview(root, build.BuildOptions(), build.build, lambda line: None, openpages.render_open)
    assert preview.rebuild(None)
    before = {p: p.read_bytes() for p in preview.output.rglob("*") if p.is_file()}
    real = render.render

    def saved_meanwhile(renderer: render.Renderer, page: Page) -> tuple[bytes | None, list[object]]:
        if not preview.debouncer.pending():
            (root / "content/gamma.md").write_text(article("Gamma, saved meanwhile", "2020-01-03"), encoding="utf-8")
            preview.debouncer.add(["content/gamma.md"])
        return real(renderer, page)  # type: ignore[return-value]

    monkeypatch.setattr(render, "render", saved_meanwhile)
    (root / "content/beta.md").write_text(article("Beta, first save", "2020-01-02"), encoding="utf-8")
    assert not preview.rebuild(Batch(frozenset({"content/beta.md"})))
    assert {p: p.read_bytes() for p in preview.output.rglob("*") if p.is_file()} == before, "a stopped rebuild writes nothing"
    monkeypatch.setattr(render, "render", real)

    batch = preview.debouncer.wait(timeout=TIMEOUT)
    assert batch is not None and batch.paths == {"content/beta.md", "content/gamma.md"}
    assert preview.rebuild(batch)
    build.build(root, build.BuildOptions(output=root / "clean"))
    clean = {p.relative_to(root / "clean"): p.read_bytes() for p in (root / "clean").rglob("*") if p.is_file()}
    assert {p.relative_to(preview.output): p.read_bytes() for p in preview.output.rglob("*") if p.is_file()} == clean


def test_pages_are_served_while_a_rebuild_is_running(root: Path, article: Article) -> None:
    started, finish = threading.Event(), threading.Event()

    def slow_build(root: Path, options: build.BuildOptions, cache: BuildCache) -> build.BuildResult:
        if cache.latest is not None:
            started.set()
            assert finish.wait(TIMEOUT)
        return build.build(root, options, cache)

    log: list[str] = []
    preview = serve.Preview(root, build.BuildOptions(), slow_build, log.append)
    assert preview.rebuild(None)
    server, _ = serve.bind("127.0.0.1", 0, serve.make_handler(preview))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    builder = threading.Thread(target=preview.rebuild, args=(Batch(frozenset({"content/alpha.md"})),), daemon=True)
    try:
        builder.start()
        assert started.wait(TIMEOUT)
        status, _, body = fetch(server.server_address[1], "/briefings/alpha/")
        assert status == 200 and b"Alpha briefing" in body, "served from the last build, not held up by this one"
    finally:
        finish.set()
        builder.join(TIMEOUT)
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def test_a_stream_opened_late_catches_up_only_on_reloads_meant_for_its_page() -> None:
    events = serve.Broadcaster()
    alpha, beta = "briefings/alpha/index.html", "briefings/beta/index.html"
    served_at = events.version  # both pages were served now, and their streams open later
    events.publish("reload", pages={beta})
    assert drain(events.subscribe(alpha)) == [("version", served_at)], "nothing alpha missed: no reload"
    assert drain(events.subscribe(beta)) == [("version", served_at + 1)], "beta missed its reload"
    events.publish("css", ["css/site.css"])
    assert drain(events.subscribe(alpha)) == [("version", served_at + 2)], "a swap is meant for every page"
    assert drain(events.subscribe(None)) == [("version", served_at + 2)]
    script = (REPO / "generator/assets/livereload.js").read_text(encoding="utf-8")
    assert "Number(e.data) > Number(version)" in script, "the page reloads only for a newer number"


# --- incremental counts --------------------------------------------------------------------------


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every page rendered, in order."""
    paths: list[str] = []
    real = render.render

    def spy(renderer: render.Renderer, page: Page) -> tuple[bytes | None, list[object]]:
        paths.append(page.path)
        return real(renderer, page)  # type: ignore[return-value]

    monkeypatch.setattr(render, "render", spy)
    return paths


def rebuild(root: Path, cache: BuildCache, rendered: list[str]) -> build.BuildResult:
    rendered.clear()
    return build.build(root, build.BuildOptions(), cache)


BRIEFING_PAGES = {s: f"briefings/{s}/index.html" for s in ("alpha", "beta", "gamma", "delta")}


def test_first_build_and_a_rebuild_with_no_change(root: Path, rendered: list[str]) -> None:
    cache = BuildCache()
    first = rebuild(root, cache, rendered)
    assert first.counts.parsed == 3
    assert first.counts.rendered == first.pages, "the first build renders every page"
    assert {BRIEFING_PAGES["alpha"], "index.html", "404.html"} <= set(rendered)
    again = rebuild(root, cache, rendered)
    assert (again.counts.parsed, again.counts.rendered, again.counts.written) == (0, 0, 0)
    assert again.changed == () and rendered == []


def test_the_preview_starts_from_the_pages_of_the_last_build_that_are_untouched(
    root: Path, article: Article, rendered: list[str]
) -> None:
    build.build(root, build.BuildOptions())  # `briefing build`, which records its pages on disk
    (root / "content/gamma.md").write_text(article("Gamma, since the build", "2020-01-03"), encoding="utf-8")
    first = rebuild(root, BuildCache(), rendered)
    assert BRIEFING_PAGES["gamma"] in rendered and BRIEFING_PAGES["alpha"] not in rendered
    assert first.counts.rendered < first.pages / 2, "only what changed since the build is rendered"
    assert not [path for path in first.changed if path.startswith("pagefind/")], "the search index is kept"
    assert "Gamma, since the build" in (root / "site" / BRIEFING_PAGES["gamma"]).read_text(encoding="utf-8")

    build.build(root, build.BuildOptions())
    assert rebuild(root, BuildCache(), rendered).counts.rendered == 0, "nothing changed since this build"
    (root / "site" / BRIEFING_PAGES["alpha"]).write_text("edited by hand", encoding="utf-8")
    (root / "site/briefings/gone").mkdir()
    (root / "site/briefings/gone/index.html").write_text("not built", encoding="utf-8")
    again = rebuild(root, BuildCache(), rendered)
    assert rendered == [BRIEFING_PAGES["alpha"]], "a file changed since the build is not trusted, the rest is"
    assert "Alpha briefing" in (root / "site" / BRIEFING_PAGES["alpha"]).read_text(encoding="utf-8")
    assert not (root / "site/briefings/gone").exists(), "what is not built is removed"
    assert (root / "site/pagefind/pagefind.js").is_file()


def test_editing_one_article_redoes_its_page_and_the_home_page(
    root: Path, article: Article, rendered: list[str]
) -> None:
    cache = BuildCache()
    rebuild(root, cache, rendered)
    beta_before = (root / "site/briefings/beta/index.html").stat().st_mtime_ns
    (root / "content/alpha.md").write_text(article("Alpha, revised", "2020-01-01", QUOTED), encoding="utf-8")
    result = rebuild(root, cache, rendered)
    assert result.counts.parsed == 1
    assert {BRIEFING_PAGES["alpha"], "index.html"} <= set(rendered)
    assert not {BRIEFING_PAGES["beta"], BRIEFING_PAGES["gamma"], "404.html"} & set(rendered)
    assert {BRIEFING_PAGES["alpha"], "index.html"} <= set(result.changed)
    assert not {BRIEFING_PAGES["beta"], BRIEFING_PAGES["gamma"], "404.html"} & set(result.changed)
    assert result.counts.written == len(result.changed)
    assert "Alpha, revised" in (root / "site/briefings/alpha/index.html").read_text(encoding="utf-8")
    assert (root / "site/briefings/beta/index.html").stat().st_mtime_ns == beta_before


def test_editing_a_body_only_rewrites_that_page(root: Path, article: Article, rendered: list[str]) -> None:
    cache = BuildCache()
    rebuild(root, cache, rendered)
    (root / "content/gamma.md").write_text(article("Gamma briefing", "2020-01-03", body="New words.\n"), encoding="utf-8")
    result = rebuild(root, cache, rendered)
    assert result.counts.parsed == 1
    assert {BRIEFING_PAGES["gamma"], "index.html"} <= set(rendered)
    assert not {BRIEFING_PAGES["alpha"], BRIEFING_PAGES["beta"]} & set(rendered)
    assert BRIEFING_PAGES["gamma"] in result.changed
    assert "index.html" not in result.changed, "the home page was rendered but its bytes are the same"


def test_a_partial_change_rerenders_briefings_but_not_the_404_page(root: Path, rendered: list[str]) -> None:
    cache = BuildCache()
    rebuild(root, cache, rendered)
    partial = root / "templates/partials/quote.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace('class="quote"', 'class="quote edited"'), encoding="utf-8")
    result = rebuild(root, cache, rendered)
    assert result.counts.parsed == 0
    assert {BRIEFING_PAGES[s] for s in ("alpha", "beta", "gamma")} <= set(rendered)
    assert "404.html" not in rendered and "index.html" not in rendered
    assert {BRIEFING_PAGES["alpha"], BRIEFING_PAGES["beta"]} <= set(result.changed)
    assert BRIEFING_PAGES["gamma"] not in result.changed, "gamma has no quotes"
    assert "404.html" not in result.changed


def test_a_template_added_while_serving_overrides_the_built_in_one(root: Path, rendered: list[str]) -> None:
    # Regression: the preview reused its Jinja environment, which kept the cached built-in
    # 404.html after templates/404.html appeared (and kept the override after it was removed).
    cache = BuildCache()
    rebuild(root, cache, rendered)
    override = root / "templates/404.html"
    override.write_text('{% extends "base.html" %}{% block main %}<h1>Lost here</h1>{% endblock %}\n', encoding="utf-8")
    result = rebuild(root, cache, rendered)
    assert "404.html" in rendered and result.changed == ("404.html",)
    assert "Lost here" in (root / "site/404.html").read_text(encoding="utf-8")
    override.unlink()
    result = rebuild(root, cache, rendered)
    assert "404.html" in rendered and result.changed == ("404.html",)
    assert "Lost here" not in (root / "site/404.html").read_text(encoding="utf-8")


def test_deleting_an_article_removes_its_page(root: Path, rendered: list[str]) -> None:
    cache = BuildCache()
    rebuild(root, cache, rendered)
    assert (root / "site/briefings/gamma/index.html").is_file()
    (root / "content/gamma.md").unlink()
    result = rebuild(root, cache, rendered)
    assert result.counts.parsed == 0
    assert not (root / "site/briefings/gamma").exists()
    assert "briefings/gamma/index.html" in result.changed and "index.html" in result.changed
    assert "Gamma briefing" not in (root / "site/index.html").read_text(encoding="utf-8")
    assert sorted(cache.parsed) == ["content/alpha.md", "content/beta.md"]


def test_renaming_an_article_moves_its_page(root: Path, rendered: list[str]) -> None:
    cache = BuildCache()
    rebuild(root, cache, rendered)
    (root / "content/beta.md").rename(root / "content/delta.md")
    result = rebuild(root, cache, rendered)
    assert result.counts.parsed == 1
    assert not (root / "site/briefings/beta").exists()
    assert "Beta briefing" in (root / "site/briefings/delta/index.html").read_text(encoding="utf-8")
    assert {BRIEFING_PAGES["delta"], "index.html"} <= set(rendered)
    assert BRIEFING_PAGES["alpha"] not in rendered and BRIEFING_PAGES["gamma"] not in rendered
    assert {BRIEFING_PAGES["beta"], BRIEFING_PAGES["delta"], "index.html"} <= set(result.changed)


def test_renaming_an_article_updates_the_home_pages_link(root: Path, rendered: list[str]) -> None:
    # Regression: page fingerprints hashed only the inputs' text, so a renamed article with the
    # same text left the home page linking to the removed briefings/beta/.
    cache = BuildCache()
    rebuild(root, cache, rendered)
    (root / "content/beta.md").rename(root / "content/delta.md")
    rebuild(root, cache, rendered)
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert 'href="briefings/delta/"' in home
    assert "briefings/beta/" not in home


# --- the watcher ---------------------------------------------------------------------------------


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_burst_of_100_files_is_one_rebuild_and_the_last_state_wins(root: Path, article: Article) -> None:
    with running(root, watch=True) as run:
        q = run.preview.events.subscribe()
        assert [e for e, _ in drain(q)] == ["version"]
        time.sleep(0.2)  # let inotify settle on the folders
        assert run.preview.builds == 1
        for i in range(100):  # like a git checkout: many files, some written twice
            (root / f"content/n{i:03}.md").write_text(article(f"Number {i} first", "2021-01-01"), encoding="utf-8")
        (root / "content/.alpha.md.swp").write_bytes(b"swap")
        for i in range(0, 100, 10):
            (root / f"content/n{i:03}.md").write_text(article(f"Number {i} last", "2021-01-01"), encoding="utf-8")
        (root / "content/alpha.md").write_text(article("Alpha, final", "2020-01-01"), encoding="utf-8")
        wait_for(lambda: run.preview.builds >= 2)
        time.sleep(0.6)  # a second rebuild would come within the debounce delay plus a build
        assert run.preview.builds == 2, run.log
        assert [e for e, _ in drain(q)] == ["reload"]
        assert len(list((run.out / "briefings").iterdir())) == 103
        assert "Alpha, final" in (run.out / "briefings/alpha/index.html").read_text(encoding="utf-8")
        for i in range(100):
            html = (run.out / f"briefings/n{i:03}/index.html").read_text(encoding="utf-8")
            assert f"Number {i} {'last' if i % 10 == 0 else 'first'}" in html


def test_output_and_editor_files_cause_no_rebuild(root: Path) -> None:
    with running(root, watch=True) as run:
        time.sleep(0.2)
        (root / "content/.alpha.md.swp").write_bytes(b"swap")
        (root / "content/alpha.md~").write_bytes(b"backup")
        (root / "content/4913").write_bytes(b"")
        (root / "notes.txt").write_text("not an input", encoding="utf-8")
        (run.out / "extra.html").write_text("x", encoding="utf-8")
        time.sleep(0.8)
        assert run.preview.builds == 1, run.log


def test_a_static_folder_created_after_the_start_is_watched(root: Path) -> None:
    # Regression: only folders that existed at the start were watched, so saves in a static/ or
    # templates/ folder made while serving never rebuilt.
    shutil.rmtree(root / "static")
    with running(root, watch=True) as run:
        time.sleep(0.2)
        (root / "static/css").mkdir(parents=True)
        wait_for(lambda: run.preview.builds == 2)  # the new folder itself
        time.sleep(0.2)
        (root / "static/css/late.css").write_text("p { color: rgb(7, 8, 9) }\n", encoding="utf-8")
        wait_for(lambda: (run.out / "css/late.css").is_file(), timeout=5)


def test_a_folder_deleted_and_made_again_is_watched_again(root: Path) -> None:
    with running(root, watch=True) as run:
        time.sleep(0.2)
        shutil.rmtree(root / "templates")
        wait_for(lambda: run.preview.builds >= 2)
        (root / "templates").mkdir()
        wait_for(lambda: run.preview.builds >= 3)
        time.sleep(0.2)
        (root / "templates/404.html").write_text(
            '{% extends "base.html" %}{% block main %}<h1>Lost again</h1>{% endblock %}\n', encoding="utf-8"
        )
        wait_for(lambda: "Lost again" in (run.out / "404.html").read_text(encoding="utf-8"), timeout=5)


def test_a_symlinked_content_folder_is_watched(root: Path, tmp_path: Path, article: Article) -> None:
    # Regression: event paths were resolved, so a content/ symlinked from elsewhere fell outside
    # the site root and every save in it was dropped.
    elsewhere = tmp_path / "articles"
    shutil.move(root / "content", elsewhere)
    (root / "content").symlink_to(elsewhere, target_is_directory=True)
    with running(root, watch=True) as run:
        time.sleep(0.2)
        (root / "content/alpha.md").write_text(article("Alpha through a link", "2020-01-01"), encoding="utf-8")
        wait_for(lambda: "Alpha through a link" in (run.out / "briefings/alpha/index.html").read_text(encoding="utf-8"), timeout=5)


# --- ports and Ctrl-C ----------------------------------------------------------------------------


def test_a_port_in_use_moves_to_the_next_free_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server, note = serve.bind("127.0.0.1", port, BaseHTTPRequestHandler)
        try:
            actual = server.server_address[1]
            assert port < actual < port + 20
            assert note == f"Port {port} is in use; using {actual} instead."
        finally:
            server.server_close()
        free, free_note = serve.bind("127.0.0.1", actual, BaseHTTPRequestHandler)
        free.server_close()
        assert free_note is None


def test_ctrl_c_stops_the_server_cleanly(root: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 20)
        assert ready, "no 'Serving' line within 20 s"
        line = proc.stdout.readline()
        assert line.startswith("Serving "), line
        port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as events:
            events.sendall(b"GET /_briefing/events HTTP/1.1\r\nHost: x\r\n\r\n")
            read_until(events, b"retry: 500\n\n")  # an open event stream must not hold up the exit
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "Stopped." in out

"""The preview server: rebuild on save, serve the output over HTTP, and push reloads with SSE.

A thin shell around the same build function as `briefing build`, which it receives as an argument
so tests can give it a fake. One builder thread owns the cache; HTTP handler threads only read
files, and wait while a build is replacing them. A save first re-renders the briefing pages open
in a browser (openpages) and reloads them, then rebuilds the rest; a save that arrives meanwhile
stops that rebuild, and each reload goes only to the pages whose files changed.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import mimetypes
import queue
import sys
import threading
import time
import urllib.parse
import webbrowser
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from generator.build import BuildOptions, BuildResult
from generator.cache import BuildCache, Superseded
from generator.changes import Batch, ChangeKind, Debouncer
from generator.diagnostics import BuildFailed, format_diagnostic

EVENTS_PATH = "/_briefing/events"
SCRIPT_PATH = "/_briefing/livereload.js"
SCRIPT_TAG = '<script src="/_briefing/livereload.js" data-version="{}"></script>'
HEARTBEAT_SECONDS = 15.0

BuildFn = Callable[[Path, BuildOptions, BuildCache], BuildResult]
OpenPagesFn = Callable[[Path, BuildCache, Path, frozenset[str], frozenset[str]], list[str]]
"""Renders the changed briefings' pages among the open ones (output paths) ahead of the rebuild."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".pf_meta": "application/octet-stream",
}


def content_type(path: Path) -> str:
    """The Content-Type for a served file."""
    return CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def resolve_path(root: Path, url_path: str) -> Path | None:
    """The file under `root` a URL path names, or None if it would leave `root` by any route.

    Refuses `..` segments (also percent-encoded), backslashes, NUL bytes and symlinks whose
    target lies outside the output folder.
    """
    path = urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0])
    if "\\" in path or "\0" in path or not path.startswith("/"):
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    base = root.resolve()
    candidate = base.joinpath(*parts)
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        return None
    if real != base and not real.is_relative_to(base):
        return None
    return candidate


Client = queue.Queue[tuple[str, str] | None]


@dataclass
class Broadcaster:
    """Fan-out of server-sent events to every open page; remembers the current error."""

    clients: dict[Client, str | None] = field(default_factory=dict)
    """Each open event stream and the output file its page shows (None: not known, or a 404)."""
    error: list[str] | None = None
    version: int = 0
    """Reloads and CSS swaps sent so far. A page carries the number it was served at; its stream
    starts with the number of the latest of them meant for it, and a page that missed one (served
    before it, its stream opened after) reloads."""
    everyone_at: int = 0
    """The version of the latest reload or swap meant for every page."""
    page_at: dict[str, int] = field(default_factory=dict)
    """Output file -> the version of the latest reload meant for it alone."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, page: str | None = None) -> Client:
        """A queue of (event, data) for one page (the output file it shows, if known); it starts
        with the version and the current error, if any."""
        q: Client = queue.Queue()
        with self.lock:
            self.clients[q] = page
            latest = self.version if page is None else max(self.everyone_at, self.page_at.get(page, 0))
            q.put(("version", json.dumps(latest)))
            if self.error is not None:
                q.put(("error-report", json.dumps(self.error)))
        return q

    def unsubscribe(self, q: Client) -> None:
        """Forget a page that went away."""
        with self.lock:
            self.clients.pop(q, None)

    def pages(self) -> frozenset[str]:
        """The output files the open pages show."""
        with self.lock:
            return frozenset(page for page in self.clients.values() if page is not None)

    def publish(self, event: str, data: object = "", pages: Collection[str] | None = None) -> None:
        """Send one event to every page; with `pages` (output files), only to the pages showing
        one of them and to those whose file is not known."""
        payload = json.dumps(data)
        with self.lock:
            if event == "error-report":
                self.error = data  # type: ignore[assignment]
            elif event in ("reload", "ok", "css"):
                self.error = None
                if event != "ok":
                    self.version += 1
                    if pages is None:
                        self.everyone_at = self.version
                    else:
                        self.page_at.update(dict.fromkeys(pages, self.version))
            for q, page in self.clients.items():
                if pages is None or page is None or page in pages:
                    q.put((event, payload))

    def close(self) -> None:
        """End every event stream."""
        with self.lock:
            for q in self.clients:
                q.put(None)


class Preview:
    """One preview session: the builder loop, the watcher, the events and the server's state."""

    def __init__(
        self, root: Path, options: BuildOptions, build_fn: BuildFn, log: Callable[[str], None],
        open_pages_fn: OpenPagesFn | None = None,
    ) -> None:
        self.root = root
        self.options = options
        self.output = options.output or root / "site"
        self.build_fn = build_fn
        self.open_pages_fn = open_pages_fn
        self.log = log
        self.events = Broadcaster()
        self.debouncer = Debouncer()
        self.output_lock = threading.Lock()
        """Held while the output folder's files are replaced, and by the server to read one."""
        self.cache = self._new_cache()
        self.build_lock = threading.RLock()
        self.stopping = threading.Event()
        self.builds = 0

    def _new_cache(self) -> BuildCache:
        return BuildCache(superseded=self.debouncer.pending, output_lock=self.output_lock)

    def rebuild(self, batch: Batch | None) -> bool:
        """Build once; broadcast reload, css or the errors. Returns True on success, False on
        errors or when newer saves stopped it (their rebuild comes next and covers this one's)."""
        if batch is not None and ChangeKind.CONFIG in batch.kinds:
            self.cache = self._new_cache()  # settings touch every page: start afresh
        with self.build_lock:
            _spare_the_collector(self.builds)
            if batch is not None and batch.kinds == {ChangeKind.CONTENT}:
                self._render_open_pages(batch)
            try:
                result = self.build_fn(self.root, self.options, self.cache)
            except Superseded:
                what = "everything"
                if batch is not None:
                    self.debouncer.restore(batch)
                    what = ", ".join(sorted(batch.paths))
                self.log(f"Rebuild ({what}) stopped: newer changes came")
                return False
            except BuildFailed as failed:
                lines = [format_diagnostic(d) for d in failed.diagnostics]
                for line in lines:
                    self.log(line)
                self.log(f"Build failed: {sum(d.is_error for d in failed.diagnostics)} error(s); still serving the last good site")
                self.events.publish("error-report", lines)
                return False
            except Exception as exc:  # a bug, not a user mistake: keep serving and say so
                self.log(f"Build crashed: {type(exc).__name__}: {exc}")
                self.events.publish("error-report", [f"internal error: {type(exc).__name__}: {exc}"])
                return False
        self.builds += 1
        for diag in result.diagnostics:
            self.log(format_diagnostic(diag))
        changed = list(result.changed)
        had_error = self.events.error is not None
        if changed and all(p.endswith(".css") for p in changed) and not had_error:
            self.events.publish("css", changed)
        elif changed or had_error:
            self.events.publish("reload", pages=None if had_error else _shown_in(changed))
        what = ", ".join(sorted(batch.paths)) if batch else "everything"
        self.log(
            f"Rebuilt ({what}): {result.counts.parsed} parsed, {result.counts.rendered} rendered, "
            f"{result.counts.written} written in {result.seconds * 1000:.0f} ms"
        )
        return True

    def _render_open_pages(self, batch: Batch) -> None:
        """Render and reload the open pages of the edited briefings before the full rebuild; a
        failure here only costs the head start."""
        open_pages = self.events.pages()
        if self.open_pages_fn is None or not open_pages or self.events.error is not None:
            return
        started = time.perf_counter()
        try:
            written = self.open_pages_fn(self.root, self.cache, self.output, batch.paths, open_pages)
        except Exception as exc:  # a bug, not a user mistake: the full rebuild still runs
            self.log(f"Rendering the open pages first failed: {type(exc).__name__}: {exc}")
            return
        if written:
            self.events.publish("reload", pages=written)
            self.log(f"Rendered open page(s) first: {', '.join(written)} in {(time.perf_counter() - started) * 1000:.0f} ms")

    def loop(self) -> None:
        """Rebuild after each burst of changes until stopped."""
        while not self.stopping.is_set():
            batch = self.debouncer.wait()
            if batch is None:
                continue
            self.rebuild(batch)

    def stop(self) -> None:
        """Let the loop and the event streams end."""
        self.stopping.set()
        self.debouncer.close()
        self.events.close()


NOT_IN_PAGES = (".xml", ".txt", "feed.json")
"""Output files no page embeds or fetches (feeds, sitemap, robots.txt): their change reloads nothing."""


def _shown_in(changed: list[str]) -> frozenset[str] | None:
    """The pages a reload is for: the changed HTML files; None (every page) when a file a page
    may use changed too, such as a script or an image."""
    if any(not path.endswith((".html", *NOT_IN_PAGES)) for path in changed):
        return None
    return frozenset(path for path in changed if path.endswith(".html"))


def page_file(output: Path, url_path: str) -> str | None:
    """The output file (relative POSIX path) a page's URL shows, or None when there is none."""
    target = resolve_path(output, url_path)
    if target is not None and target.is_dir():
        target = target / "index.html"
    if target is None or not target.is_file():
        return None
    return target.relative_to(output.resolve()).as_posix()


FULL_COLLECTION_EVERY = 50
"""Builds between two full collections of the preview's long-lived objects."""


def _spare_the_collector(builds: int) -> None:
    """Move what the preview holds now (parsed articles, the site, compiled templates) out of the
    cyclic collector's sight. At 10,000 briefings a full collection walks millions of objects and
    cost about 0.7 s per save; what a build drops is freed by reference counting (the model has no
    cycles), and a full collection now and then catches the rest."""
    if builds and builds % FULL_COLLECTION_EVERY == 0:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


WATCHED_FOLDERS = ("content", "data", "templates", "static")


class _Watcher(FileSystemEventHandler):
    """Turns watchdog events into paths relative to the site root for the debouncer."""

    def __init__(self, root: Path, debouncer: Debouncer, observer: BaseObserver) -> None:
        self.root = root.resolve()
        self.debouncer = debouncer
        self.observer = observer
        self.watches: dict[str, ObservedWatch] = {}
        self.folders: dict[str, Path] = {}
        """Each watched folder's real path, so that a symlinked content/ maps back to `content/...`."""

    def watch_folder(self, name: str) -> None:
        """Watch an input folder from now on; one made, moved or remade while serving is watched anew."""
        old = self.watches.pop(name, None)
        self.folders.pop(name, None)
        if old is not None:
            with contextlib.suppress(KeyError):
                self.observer.unschedule(old)
        folder = self.root / name
        if folder.is_dir():
            self.folders[name] = folder.resolve()
            self.watches[name] = self.observer.schedule(self, str(self.folders[name]), recursive=True)

    def relative(self, raw: str) -> str | None:
        """The event's path as the site names it, or None when it is outside the site."""
        path = Path(raw).parent.resolve() / Path(raw).name
        for name, base in [*self.folders.items(), ("", self.root)]:
            if path.is_relative_to(base):
                return (PurePosixPath(name) / path.relative_to(base).as_posix()).as_posix()
        return None

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads, and a folder's own mtime changing with each file written in it
        paths = [event.src_path, getattr(event, "dest_path", "")]
        rel = [r for r in (self.relative(p if isinstance(p, str) else p.decode()) for p in paths if p) if r is not None]
        for name in WATCHED_FOLDERS:
            if name in rel:
                self.watch_folder(name)  # before the rebuild is queued, so no later save in it is missed
        self.debouncer.add(rel)


def watch(preview: Preview) -> Observer:  # type: ignore[valid-type]
    """Watch content/, templates/, static/ and site.yaml (not the output folder)."""
    observer = Observer()
    handler = _Watcher(preview.root, preview.debouncer, observer)
    observer.schedule(handler, str(handler.root), recursive=False)
    for name in WATCHED_FOLDERS:
        handler.watch_folder(name)
    observer.daemon = True
    observer.start()
    return observer


def make_handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one preview."""
    script = resources.files("generator").joinpath("assets/livereload.js").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        server_version = "briefing-serve"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return  # quiet: the terminal is for build output

        def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
            self._serve(head=True)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            if self.path.split("?", 1)[0] == EVENTS_PATH:
                self._events()
            else:
                self._serve(head=False)

        def _send(self, status: int, body: bytes, ctype: str, head: bool, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store, no-cache, must-revalidate")
            self.send_header("X-Content-Type-Options", "nosniff")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        def _serve(self, head: bool) -> None:
            url_path = self.path.split("?", 1)[0]
            if url_path == SCRIPT_PATH:
                self._send(200, script, CONTENT_TYPES[".js"], head)
                return
            with preview.output_lock:
                target = resolve_path(preview.output, url_path)
                if target is not None and target.is_dir():
                    if not url_path.endswith("/"):
                        self._send(301, b"", "text/plain", head, {"Location": url_path + "/"})
                        return
                    target = target / "index.html"
                if target is None or not target.is_file():
                    self._not_found(head)
                    return
                body = target.read_bytes()
                version = preview.events.version
            self._send(200, _inject(body, version) if target.suffix == ".html" else body, content_type(target), head)

        def _not_found(self, head: bool) -> None:
            page = preview.output / "404.html"
            body = _inject(page.read_bytes(), preview.events.version) if page.is_file() else b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"
            self._send(404, body, CONTENT_TYPES[".html"], head)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "keep-alive")
            self.end_headers()
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            shown = query.get("page", [None])[0]
            q = preview.events.subscribe(page_file(preview.output, shown) if shown else None)
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not preview.stopping.is_set():
                    try:
                        item = q.get(timeout=HEARTBEAT_SECONDS)
                    except queue.Empty:
                        self.wfile.write(b": ping\n\n")  # finds clients that vanished without a close
                        self.wfile.flush()
                        continue
                    if item is None:
                        break
                    event, data = item
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            finally:
                preview.events.unsubscribe(q)
                self.close_connection = True

    return Handler


def _inject(html: bytes, version: int = 0) -> bytes:
    """Add the live-reload script before `</body>` (served pages only; files on disk stay as built)."""
    tag = SCRIPT_TAG.format(version).encode()
    index = html.rfind(b"</body>")
    return html[:index] + tag + html[index:] if index != -1 else html + tag


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False


def bind(host: str, port: int, handler: type[BaseHTTPRequestHandler], tries: int = 20) -> tuple[ThreadingHTTPServer, str | None]:
    """Bind to `port`, or the next free one; the note says when another port was taken."""
    last: OSError | None = None
    for candidate in range(port, port + (tries if port else 1)):
        try:
            server = _Server((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            last = exc
            continue
        note = None if candidate == port or port == 0 else f"Port {port} is in use; using {candidate} instead."
        return server, note
    raise OSError(errno.EADDRINUSE, f"ports {port}-{port + tries - 1} are all in use; choose one with --port", str(last))


def serve(
    root: Path,
    options: BuildOptions,
    build_fn: BuildFn,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    ready: Callable[[str], None] | None = None,
    open_pages_fn: OpenPagesFn | None = None,
) -> int:
    """Build, then serve and rebuild on every save until Ctrl-C. Returns the exit status."""

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    preview = Preview(root, options, build_fn, log, open_pages_fn)
    preview.rebuild(None)
    server, note = bind(host, port, make_handler(preview))
    if note:
        log(note)
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{server.server_address[1]}/"
    observer = watch(preview)
    builder = threading.Thread(target=preview.loop, name="builder", daemon=True)
    builder.start()
    print(f"Serving {preview.output} at {address} (Ctrl-C to stop)", flush=True)
    if ready is not None:
        ready(address)
    if open_browser:
        webbrowser.open(address)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
    finally:
        preview.stop()
        observer.stop()
        server.server_close()
        observer.join(timeout=2)
    return 0


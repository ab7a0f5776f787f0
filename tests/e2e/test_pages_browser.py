"""The built sample site in a real browser: layout at two widths, dark mode, sub-path, file://.

Playwright drives Debian's Chromium (/usr/bin/chromium); no browser is downloaded. The site is
served from 127.0.0.1 under the sub-path /repo/, as GitHub Pages serves a project site, so a
root-absolute link or a missing asset shows up as a 404.
"""

from __future__ import annotations

import functools
import os
import re
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
SECTIONS = ("key-facts", "people", "quotes", "timeline", "article")


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI (BRIEFING_REQUIRE_ALL=1), where nothing may."""
    if os.environ.get("BRIEFING_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (BRIEFING_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


# --- the site, a server for it, a browser --------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("e2e")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "site.yaml", root / "site.yaml")
    out = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at /repo/ only; anything else is a 404, as on a project site."""

    def _outside(self) -> bool:
        path = urlsplit(self.path).path
        if path == PREFIX.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", PREFIX)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if not path.startswith(PREFIX):
            self.send_error(404, "outside the site's sub-path")
            return True
        return False

    def do_GET(self) -> None:
        if not self._outside():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._outside():
            super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
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
        page.on(
            "response",
            lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400
            else None,
        )
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} ({r.failure})"))

    def _console(self, msg: ConsoleMessage) -> None:
        # Chromium asks for /favicon.ico at the server's root by itself; a project site at a
        # sub-path cannot answer that, and the page never asked for it.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            self.problems.append(f"console {msg.type}: {msg.text} ({msg.location.get('url')})")

    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is None or response.ok, f"{url}: HTTP {response.status}"
        assert self.problems == [], f"while loading {url}"

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture
def tab(browser: BrowserContext) -> Iterator[Tab]:
    page = browser.new_page()
    try:
        yield Tab(page)
    finally:
        page.close()


# --- colours -------------------------------------------------------------------------------------


def rgba(css: str) -> tuple[float, float, float, float]:
    """`rgb(20, 20, 19)` or `rgba(0, 0, 0, 0)` as numbers."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(numbers) in (3, 4), f"unexpected colour {css!r}"
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)  # type: ignore[return-value]


def luminance(css: str) -> float:
    """WCAG relative luminance of an opaque colour: 0 is black, 1 is white."""
    *rgb, alpha = rgba(css)
    assert alpha == 1.0, f"{css!r} is not opaque; the page would show the browser's own background"

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_seed_briefing_layout(tab: Tab, base_url: str, width: int) -> None:
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open(base_url + SEED)
    assert tab.page.url == base_url + SEED

    scroll_width = tab.js("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal overflow at {width}px: page is {scroll_width}px wide"

    boxes = {}
    for name in SECTIONS:
        section = tab.page.locator(f"section#{name}")
        assert section.is_visible(), f"#{name} is not visible at {width}px"
        box = section.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        assert (
            box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
        ), f"#{name} sticks out: {box}"
        boxes[name] = box
    # Wide screens put people and timeline in a side column; phones stack everything in reading
    # order: key facts, people, quotes, timeline, then the article.
    if width >= 1000:
        assert boxes["people"]["x"] > boxes["key-facts"]["x"] + boxes["key-facts"]["width"]
        assert boxes["timeline"]["x"] > boxes["article"]["x"] + boxes["article"]["width"]
    else:
        order = ["key-facts", "people", "quotes", "timeline", "article"]
        assert [boxes[n]["y"] for n in order] == sorted(boxes[n]["y"] for n in order)

    # The stylesheet loaded (through a relative link under /repo/) and applies.
    assert tab.js("document.styleSheets.length") >= 1
    assert tab.js("getComputedStyle(document.documentElement).getPropertyValue('--bg').trim()")
    font = tab.js("getComputedStyle(document.body).fontFamily")
    assert "Times New Roman" not in font and "serif" in font
    assert tab.js("getComputedStyle(document.querySelector('#key-facts h2')).textTransform") == (
        "uppercase"
    )
    assert tab.problems == []


def test_dark_mode_has_a_dark_background(tab: Tab, base_url: str) -> None:
    tab.page.emulate_media(color_scheme="light")
    tab.open(base_url + SEED)
    light = luminance(tab.js("getComputedStyle(document.body).backgroundColor"))
    assert light > 0.8, f"light mode background luminance {light:.3f}"

    tab.page.emulate_media(color_scheme="dark")
    background = tab.js("getComputedStyle(document.body).backgroundColor")
    text = tab.js("getComputedStyle(document.body).color")
    assert luminance(background) < 0.2, f"dark mode background is {background}"
    assert luminance(text) > 0.5, f"dark mode text {text} on {background} is unreadable"
    assert tab.problems == []


def test_home_links_work_under_a_sub_path(tab: Tab, base_url: str) -> None:
    tab.open(base_url)
    first = tab.page.locator(".briefing-list a").first
    title = first.inner_text()
    href = first.get_attribute("href")
    assert href is not None and re.fullmatch(r"briefings/[a-z0-9-]+/", href)
    first.click()
    tab.page.wait_for_url(base_url + href)
    assert tab.page.locator("h1").inner_text() == title
    tab.page.locator("a.site-title").click()
    tab.page.wait_for_url(base_url + "index.html")  # links to the root name the file
    assert tab.problems == []


def test_folder_links_work_from_file_urls(tab: Tab, site: Path) -> None:
    tab.open((site / "index.html").as_uri())
    first = tab.page.locator(".briefing-list a").first
    title = first.inner_text()
    # js/site.js points folder links at index.html, since file:// shows no index page by itself.
    href = first.get_attribute("href")
    assert href is not None and href.endswith("/index.html")
    first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url == (site / href).as_uri()
    assert tab.page.locator("h1").inner_text() == title
    assert tab.js("getComputedStyle(document.documentElement).getPropertyValue('--bg').trim()")
    assert tab.problems == []

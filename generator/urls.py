"""Routes of every page kind and relative links between them: the only module that builds paths."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

_SAFE_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """`Jim Hackett` -> `jim-hackett`; accents folded, anything else becomes a hyphen."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def is_safe_slug(slug: str) -> bool:
    """A slug is one folder name: no separators, no leading dot, so it cannot leave its folder."""
    return bool(_SAFE_SLUG.match(slug)) and ".." not in slug


def home(page: int = 1) -> str:
    """The home page, or page N of its pagination."""
    return "index.html" if page == 1 else f"page/{page}/index.html"


def briefing(slug: str) -> str:
    """A briefing's page."""
    return f"briefings/{slug}/index.html"


def people() -> str:
    """Everyone, A-Z."""
    return "people/index.html"


def person(person_id: str) -> str:
    """One person's page."""
    return f"people/{person_id}/index.html"


def organizations() -> str:
    """Every organisation, A-Z."""
    return "organizations/index.html"


def organization(org_id: str) -> str:
    """One organisation's page."""
    return f"organizations/{org_id}/index.html"


def tags() -> str:
    """Every tag."""
    return "tags/index.html"


def tag(slug: str, page: int = 1) -> str:
    """One tag's briefings, or page N of them."""
    return f"tags/{slug}/index.html" if page == 1 else f"tags/{slug}/page/{page}/index.html"


def tag_feed(slug: str) -> str:
    """The Atom feed of one tag's newest briefings."""
    return f"tags/{slug}/feed.xml"


def sections() -> str:
    """Every section."""
    return "sections/index.html"


def section(slug: str, page: int = 1) -> str:
    """One section's briefings, or page N of them."""
    return f"sections/{slug}/index.html" if page == 1 else f"sections/{slug}/page/{page}/index.html"


def timeline(year: int | None = None) -> str:
    """The merged timeline, or one year of it when it is split by year."""
    return "timeline/index.html" if year is None else f"timeline/{year}/index.html"


def search() -> str:
    """The search page, which reads its query from `?q=`."""
    return "search/index.html"


def asset(name: str) -> str:
    """A static file copied from static/."""
    return name.lstrip("/")


NOT_FOUND = "404.html"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def relative_url(from_page: str, to_path: str, fragment: str | None = None) -> str:
    """A link from one output file to another that works at any sub-path and from file://.

    Folder pages are linked as `dir/` (pretty URLs; the site's script adds `index.html` when the
    site is opened from file://). Two kinds name the file itself, so that they work from file://
    without the script: links to the site's root (a folder listing there would show every file)
    and links to a place inside a page (`#fragment`).
    """
    return linker(from_page)(to_path, fragment)


def linker(from_page: str) -> Callable[..., str]:
    """`relative_url` from one page, as a function of the target and fragment: a page's `href`.

    The page's folder is looked at once, not at each of the few dozen links a page makes (43 on
    average over briefing, person and topic pages). Most targets are outside the page's top
    folder (from `briefings/x/` to `people/y/`, `css/`, the home page): those are the way up
    and the target as it is, without comparing folders; the rest go through `_relative`."""
    start = from_page.rpartition("/")[0]
    if not start:  # a page at the top: every target as it is
        def link_from_top(to_path: str, fragment: str | None = None) -> str:
            if fragment is None and to_path.endswith("/index.html"):
                return to_path[: -len("index.html")]
            return (to_path or "./") + (f"#{fragment}" if fragment else "")

        return link_from_top
    top = start.partition("/")[0] + "/"
    up = "../" * (start.count("/") + 1)

    def link(to_path: str, fragment: str | None = None) -> str:
        if fragment is None and to_path.endswith("/index.html"):
            to_path = to_path[: -len("index.html")]
        found = up + to_path if not to_path.startswith(top) else (_relative(start, to_path) or "./")
        return f"{found}#{fragment}" if fragment else found

    return link


@functools.lru_cache(maxsize=4096)
def _relative(start: str, target: str) -> str:
    """`target` (site-relative, no `..`) seen from the folder `start`; string work only, since
    every page links to dozens of others and posixpath.relpath resolves absolute paths each time.
    A small memo: index pages link the same targets many times, but most pairs are one page's."""
    here = start.split("/") if start else []
    parts = target.split("/")
    common = 0
    for a, b in zip(here, parts[:-1]):
        if a != b:
            break
        common += 1
    return "../" * (len(here) - common) + "/".join(parts[common:])


def from_base(base_path: str, to_path: str, fragment: str | None = None) -> str:
    """A root-relative link under the site's base path, for pages served at any depth (404.html)."""
    if to_path == "index.html" or to_path.endswith("/index.html"):
        to_path = to_path[: -len("index.html")]
    return base_path + to_path + (f"#{fragment}" if fragment else "")


def root_prefix(from_page: str) -> str:
    """`../../` from `briefings/x/index.html`: the way back to the site root."""
    depth = from_page.count("/")
    return "../" * depth if depth else "./"


def absolute_url(base_url: str, path: str) -> str:
    """`https://user.github.io/repo/` + `briefings/x/index.html` -> the pretty absolute address."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base_url.rstrip("/") + "/" + path

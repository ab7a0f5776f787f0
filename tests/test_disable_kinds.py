"""`disable_kinds` in site.yaml: leave page kinds out, and never link to what was left out."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import article, build_errors, build_site, make_site

PEOPLE = (
    "people:\n  - name: Ada Obi\n    role: minister\n    org: Harbour Board\n"
    "quotes:\n  - text: We will build it.\n    by: Ada Obi\n"
    "tags: [ports, budget]\nsection: Business\n"
)


def _site(tmp_path: Path, kinds: str) -> Path:
    return make_site(tmp_path, {
        "site.yaml": f"title: Desk\nurl: https://example.org/desk/\ndisable_kinds: {kinds}\n",
        "content/one.md": article("Port deal", "2021-03-04", PEOPLE),
        "content/two.md": article("Port vote", "2021-05-06", PEOPLE),
    })


def _links(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        found |= set(re.findall(r'href="([^"#]*)', page.read_text(encoding="utf-8")))
    return found


def test_disabled_kinds_are_not_built_and_not_linked(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path, "[people, organizations, tags, sections, timeline, search, feeds, sitemap]"))
    assert (site / "briefings/one/index.html").is_file() and (site / "index.html").is_file()
    for gone in ("people", "organizations", "tags", "sections", "timeline", "search", "pagefind", "feed.xml", "sitemap.xml"):
        assert not (site / gone).exists(), gone
    links = _links(site)
    assert not any(re.search(r"(^|/)(people|organizations|tags|sections|timeline|search)/", link) for link in links), links
    page = (site / "briefings/one/index.html").read_text(encoding="utf-8")
    assert "Ada Obi" in page and "Harbour Board" in page and "ports" in page, "names stay, as text"
    assert 'type="search"' not in page and "application/atom+xml" not in page
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")


def test_some_kinds_off_keep_the_others_linked(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path, "[organizations]"))
    assert (site / "people/ada-obi/index.html").is_file() and not (site / "organizations").exists()
    links = _links(site)
    assert any("people/ada-obi/" in link for link in links)
    assert not any("organizations/" in link for link in links)


def test_unknown_kind_is_an_error_at_its_line(tmp_path: Path) -> None:
    root = _site(tmp_path, "[peple]")
    errors = build_errors(root)
    assert any(e.startswith("site.yaml:3: disable_kinds: unknown kind 'peple'") and "did you mean 'people'" in e for e in errors), errors

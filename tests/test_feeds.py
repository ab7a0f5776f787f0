"""Atom and JSON feeds, sitemap.xml and robots.txt (issue 5): content, order, escaping, absolute URLs."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build, feeds, markdown
from generator.cache import BuildCache

URL = "https://example.org/desk/"
A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SCRIPT_TITLE = "<script>alert(1)</script> & \"quotes\""
BODY = "First *paragraph* with a [link](https://example.com/?a=1&b=2).\n\n<script>alert(2)</script>\n"


def _articles(article: Callable[..., str]) -> dict[str, str]:
    """25 briefings, one per day of January 2020; `day-25` is the newest."""
    files = {}
    for day in range(1, 26):
        extra = f"tags: [common, {'even' if day % 2 == 0 else 'odd'}]\nauthor: Writer {day}\n"
        extra += f"summary: Summary *{day}*.\nkey_facts:\n  - Fact **{day}**\n"
        title = f"'{SCRIPT_TITLE}'" if day == 24 else f"Briefing {day}"
        files[f"content/day-{day:02d}.md"] = article(title=title, date=f"2020-01-{day:02d}", extra=extra, body=BODY)
    return files


@pytest.fixture(name="site_root")
def site_root_fixture(tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str]) -> Path:
    return make_site(tmp_path, _articles(article))


@pytest.fixture(name="out")
def out_fixture(site_root: Path, build_site: Callable[..., Path]) -> Path:
    return build_site(site_root)


def _slugs_newest_first(count: int) -> list[str]:
    return [f"day-{day:02d}" for day in range(25, 25 - count, -1)]


def _page_of(out: Path, url: str) -> Path:
    """The file an absolute URL of the site is served from."""
    assert url.startswith(URL), url
    rel = url[len(URL):]
    path = out / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def test_atom_feed_has_the_20_newest_briefings_newest_first(out: Path) -> None:
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{A}feed"
    entries = feed.findall(f"{A}entry")
    slugs = _slugs_newest_first(20)
    assert [e.findtext(f"{A}id") for e in entries] == [f"{URL}briefings/{s}/" for s in slugs]
    assert feed.findtext(f"{A}updated") == "2020-01-25T00:00:00Z"
    assert feed.findtext(f"{A}id") == URL
    assert feed.findtext(f"{A}title") == "Test Desk"
    assert feed.find(f"{A}link[@rel='self']").get("href") == f"{URL}feed.xml"  # type: ignore[union-attr]
    newest = entries[0]
    assert newest.findtext(f"{A}title") == "Briefing 25"
    assert newest.find(f"{A}link[@rel='alternate']").get("href") == f"{URL}briefings/day-25/"  # type: ignore[union-attr]
    assert newest.findtext(f"{A}published") == newest.findtext(f"{A}updated") == "2020-01-25T00:00:00Z"
    assert newest.findtext(f"{A}author/{A}name") == "Writer 25"
    assert [c.get("term") for c in newest.findall(f"{A}category")] == ["common", "odd"]
    assert newest.findtext(f"{A}summary") == "Summary 25."
    assert newest.get(XML_BASE) == f"{URL}briefings/day-25/"
    for entry in entries:
        assert _page_of(out, entry.findtext(f"{A}id") or "").is_file()


def test_feed_content_is_the_key_facts_and_the_body_as_the_page_renders_it(out: Path) -> None:
    entry = ET.parse(out / "feed.xml").getroot().findall(f"{A}entry")[0]
    content = entry.find(f"{A}content")
    assert content is not None and content.get("type") == "html"
    body = markdown.render_block(BODY)
    assert content.text == "<h2>Key facts</h2>\n<ul>\n<li>Fact <strong>25</strong></li>\n</ul>\n" + body
    assert body in (out / "briefings/day-25/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in body  # raw HTML in a body stays text, as on the page


def test_markup_in_titles_and_bodies_never_appears_raw(out: Path) -> None:
    for name in ("feed.xml", "feed.json", "sitemap.xml", "tags/even/feed.xml"):
        assert b"<script" not in (out / name).read_bytes(), name
    entry = ET.parse(out / "feed.xml").getroot().findall(f"{A}entry")[1]
    assert entry.findtext(f"{A}title") == SCRIPT_TITLE
    item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][1]
    assert item["title"] == SCRIPT_TITLE
    assert "<script>" not in item["content_html"]


def test_json_feed_1_1_has_the_required_fields_and_the_same_items(out: Path) -> None:
    text = (out / "feed.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "Test Desk"
    assert data["home_page_url"] == URL and data["feed_url"] == f"{URL}feed.json"
    assert [i["id"] for i in data["items"]] == [f"{URL}briefings/{s}/" for s in _slugs_newest_first(20)]
    newest = data["items"][0]
    assert newest["url"] == newest["id"]
    assert newest["date_published"] == "2020-01-25T00:00:00Z"
    assert newest["authors"] == [{"name": "Writer 25"}]
    assert newest["tags"] == ["common", "odd"]
    assert newest["summary"] == "Summary 25."
    assert markdown.render_block(BODY) in newest["content_html"]
    assert list(data) == sorted(data) and list(newest) == sorted(newest)  # stable keys


def test_feeds_and_sitemap_are_byte_identical_across_builds(site_root: Path, out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build.build(site_root, build.BuildOptions(output=again))
    for name in ("feed.xml", "feed.json", "sitemap.xml", "robots.txt", "tags/common/feed.xml"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_tag_feeds_hold_only_their_tags_briefings(out: Path) -> None:
    feed = ET.parse(out / "tags/even/feed.xml").getroot()
    ids = [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert ids == [f"{URL}briefings/day-{d:02d}/" for d in range(24, 0, -2)]
    assert feed.findtext(f"{A}title") == "Test Desk: even"
    assert feed.find(f"{A}link[@rel='self']").get("href") == f"{URL}tags/even/feed.xml"  # type: ignore[union-attr]
    assert len(ET.parse(out / "tags/common/feed.xml").getroot().findall(f"{A}entry")) == 20


def test_sitemap_lists_every_html_page_but_404_with_absolute_locs(out: Path) -> None:
    urlset = ET.parse(out / "sitemap.xml").getroot()
    assert urlset.tag == f"{SM}urlset"
    entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urlset.findall(f"{SM}url")}
    files = set()
    for loc in entries:
        page = _page_of(out, loc or "")
        assert page.is_file(), loc
        files.add(page.relative_to(out).as_posix())
    html = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"404.html"}
    assert files == html
    assert entries[f"{URL}briefings/day-03/"] == "2020-01-03"
    assert entries[URL] is None


def test_robots_txt_points_at_the_sitemap(out: Path) -> None:
    assert (out / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\nSitemap: {URL}sitemap.xml\n"


def test_pages_link_to_the_feeds_for_autodiscovery(out: Path) -> None:
    page = (out / "briefings/day-01/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Test Desk" href="../../feed.xml">' in page
    assert '<link rel="alternate" type="application/feed+json" title="Test Desk" href="../../feed.json">' in page
    assert 'href="feed.xml"' in (out / "index.html").read_text(encoding="utf-8")


def test_without_a_url_there_are_no_feeds_or_sitemap(
    tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str]
) -> None:
    root = make_site(tmp_path, {"site.yaml": "title: No Address\n", "content/a.md": article()})
    result = build.build(root, build.BuildOptions())
    out = root / "site"
    for name in ("feed.xml", "feed.json", "sitemap.xml"):
        assert not (out / name).exists(), name
    assert not list(out.glob("tags/*/feed.xml"))
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert "application/atom+xml" not in (out / "index.html").read_text(encoding="utf-8")
    [warning] = [d for d in result.diagnostics if d.message.startswith("no url")]
    assert "feeds" in warning.message and "sitemap" in warning.message


def test_publication_dates_are_rfc_3339() -> None:
    assert feeds.rfc3339(dt.date(2017, 12, 8)) == "2017-12-08T00:00:00Z"
    assert feeds.rfc3339(dt.datetime.fromisoformat("2017-12-08T09:30:00+08:00")) == "2017-12-08T09:30:00+08:00"
    assert feeds.rfc3339(dt.datetime.fromisoformat("2017-12-08T09:30:00")) == "2017-12-08T09:30:00Z"
    assert feeds.rfc3339(dt.datetime.fromisoformat("2017-12-08T09:30:00+00:00")) == "2017-12-08T09:30:00Z"


def test_feed_date_times_keep_their_offset_and_the_feed_is_dated_by_its_newest_moment(
    tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str], build_site: Callable[..., Path]
) -> None:
    root = make_site(tmp_path, {
        "content/a.md": article(title="A", date="2020-03-01T09:30:00+08:00"),  # 01:30 UTC
        "content/b.md": article(title="B", date="2020-03-01"),  # 00:00 UTC
    })
    out = build_site(root)
    feed = ET.parse(out / "feed.xml").getroot()
    assert [e.findtext(f"{A}published") for e in feed.findall(f"{A}entry")] == ["2020-03-01T09:30:00+08:00", "2020-03-01T00:00:00Z"]
    assert feed.findtext(f"{A}updated") == "2020-03-01T09:30:00+08:00"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2020-03-01T09:30:00+08:00</lastmod>" in sitemap and "<lastmod>2020-03-01</lastmod>" in sitemap


def test_characters_xml_cannot_carry_are_dropped(
    tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str], build_site: Callable[..., Path]
) -> None:
    root = make_site(tmp_path, {"content/a.md": article(body="Bell \x07 and form feed \x0c here.\n")})
    out = build_site(root)
    content = ET.parse(out / "feed.xml").getroot().findtext(f"{A}entry/{A}content") or ""
    assert "Bell  and form feed  here." in content


def test_editing_a_briefing_in_the_feed_rewrites_the_feeds(site_root: Path, tmp_path: Path) -> None:
    cache = BuildCache()
    options = build.BuildOptions(output=tmp_path / "live")
    build.build(site_root, options, cache)
    newest = site_root / "content/day-25.md"
    newest.write_text(newest.read_text(encoding="utf-8").replace("Briefing 25", "Briefing twenty-five"), encoding="utf-8")
    os.utime(newest, ns=(1, 1))  # a different stat, so the preview reads it again
    changed = build.build(site_root, options, cache).changed
    assert {"feed.xml", "feed.json", "tags/common/feed.xml", "tags/odd/feed.xml"} <= set(changed)
    assert "tags/even/feed.xml" not in changed
    assert "Briefing twenty-five" in (tmp_path / "live/feed.xml").read_text(encoding="utf-8")

"""The home page: newest first, split into numbered pages of `page_size` briefings."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import article, build_site, make_site


def titles(page: Path) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', page.read_text())


def test_home_pages_split_newest_first_with_numbered_links(tmp_path: Path) -> None:
    files = {f"content/b{i}.md": article(f"Briefing {i}", f"2020-01-{i:02d}") for i in range(1, 6)}
    files["site.yaml"] = "title: Desk\nurl: https://example.org/\npage_size: 2\n"
    out = build_site(make_site(tmp_path, files))

    pages = [out / "index.html", out / "page/2/index.html", out / "page/3/index.html"]
    assert [titles(p) for p in pages] == [["Briefing 5", "Briefing 4"], ["Briefing 3", "Briefing 2"], ["Briefing 1"]]
    assert not (out / "page/4").exists()

    middle = pages[1].read_text()
    assert 'href="../../index.html" rel="prev"' in middle and 'href="../3/" rel="next"' in middle
    assert '<a href="./" aria-current="page">2</a>' in middle
    assert '<a href="../../index.html">1</a>' in middle and '<a href="../3/">3</a>' in middle
    assert 'rel="prev"' not in pages[0].read_text() and 'rel="next"' not in pages[2].read_text()


def test_one_page_has_no_pagination(tmp_path: Path) -> None:
    out = build_site(make_site(tmp_path, {"content/a.md": article()}))
    assert "pagination" not in (out / "index.html").read_text()
    assert not (out / "page").exists()


def pager(page: Path) -> list[str]:
    """The pager's items as a reader sees them: numbers, `[n]` for this page, `…` for a gap."""
    nav = page.read_text().split('<nav class="pagination"', 1)[1].split("</nav>", 1)[0]
    items = re.findall(r'<li[^>]*>(?:<a href="[^"]+"( aria-current="page")?>(\d+)</a>|(…))</li>', nav)
    return [gap or (f"[{n}]" if current else n) for current, n, gap in items]


def test_a_long_list_links_the_first_and_last_pages_and_two_either_side(tmp_path: Path) -> None:
    files = {f"content/b{i:02d}.md": article(f"Briefing {i}", f"2020-01-{i:02d}") for i in range(1, 21)}
    files["site.yaml"] = "title: Desk\nurl: https://example.org/\npage_size: 1\n"
    out = build_site(make_site(tmp_path, files))

    assert pager(out / "index.html") == ["[1]", "2", "3", "…", "20"]
    assert pager(out / "page/4/index.html") == ["1", "2", "3", "[4]", "5", "6", "…", "20"]
    assert pager(out / "page/10/index.html") == ["1", "…", "8", "9", "[10]", "11", "12", "…", "20"]
    assert pager(out / "page/17/index.html") == ["1", "…", "15", "16", "[17]", "18", "19", "20"]
    assert pager(out / "page/20/index.html") == ["1", "…", "18", "19", "[20]"]

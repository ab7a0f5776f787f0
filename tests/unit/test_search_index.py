"""The search index: Pagefind runs over every build, a failing indexer is a diagnostic, and the
pages carry the markup that says what to index."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build, search
from generator.cache import BuildCache
from generator.diagnostics import BuildFailed, format_diagnostic

MakeSite = Callable[..., Path]
Article = Callable[..., str]
Digest = Callable[[Path], dict[str, str]]

QUOTE = """quotes:
  - text: We will revolutionize the quayside ferries
    by: Ada Park
people:
  - name: Ada Park
    role: Harbour master
"""


def _site(tmp_path: Path, make_site: MakeSite, article: Article) -> Path:
    return make_site(
        tmp_path,
        {
            "content/ferries.md": article(title="Ferries return", extra=QUOTE),
            "content/other.md": article(title="Something else", date="2020-03-01"),
        },
    )


def _fake_pagefind(tmp_path: Path, script: str) -> Path:
    """An executable that stands in for the Pagefind binary."""
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\n" + script + "\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return fake


def test_build_writes_the_search_index(tmp_path: Path, make_site: MakeSite, article: Article) -> None:
    root = _site(tmp_path, make_site, article)
    result = build.build(root, build.BuildOptions())
    bundle = root / "site" / search.BUNDLE
    assert (bundle / "pagefind.js").is_file()
    assert list(bundle.glob("pagefind.en_*.pf_meta")), "no index for the site's language"
    assert list((bundle / "fragment").iterdir()) and list((bundle / "index").iterdir())
    assert result.search_seconds > 0
    assert result.files == len([p for p in (root / "site").rglob("*") if p.is_file()])
    assert not list((root / "site").glob(".pagefind*")), "the indexer's temporary folder was left behind"


def _indexed(bundle: Path) -> dict[str, str]:
    """What Pagefind stored of each page: url -> indexed text (fragments are gzipped JSON)."""
    found = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_the_index_holds_briefings_with_their_quotes_and_people_but_no_page_furniture(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    root = _site(tmp_path, make_site, article)
    build.build(root, build.BuildOptions())
    indexed = _indexed(root / "site" / search.BUNDLE)
    assert {"/briefings/ferries/", "/briefings/other/"} <= set(indexed)
    assert not {"/", "/search/", "/404.html"} & set(indexed), "lists and furniture pages are not results"
    text = indexed["/briefings/ferries/"]
    assert "We will revolutionize the quayside ferries" in text and "Ada Park" in text and "Harbour master" in text
    for furniture in ("Skip to content", "All briefings", "Search briefings"):
        assert furniture not in text


def test_pages_mark_what_to_index_and_every_page_has_the_search_box(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    root = _site(tmp_path, make_site, article)
    build.build(root, build.BuildOptions())
    site = root / "site"
    briefing = (site / "briefings/ferries/index.html").read_text()
    assert '<article class="briefing" data-pagefind-body>' in briefing
    assert re.search(r'<p class="back" data-pagefind-ignore>', briefing)
    assert 'data-pagefind-body' not in (site / "index.html").read_text()
    for page in ["index.html", "briefings/ferries/index.html", "404.html"]:
        html = (site / page).read_text()
        assert re.search(r'<form class="site-search" action="[^"]*search/" role="search">', html), page
        assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'action="/desk/search/"' in (site / "404.html").read_text(), "404.html links from the base path"
    page = (site / "search/index.html").read_text()
    assert 'data-bundle="../pagefind/pagefind.js"' in page and 'data-root="../"' in page
    assert 'class="site-search"' not in page, "the search page has one search form, not two"


def test_a_failing_indexer_fails_the_build_and_leaves_the_site(
    tmp_path: Path, make_site: MakeSite, article: Article, tree_digest: Digest, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _site(tmp_path, make_site, article)
    build.build(root, build.BuildOptions())
    before = tree_digest(root / "site")
    (root / "content/new.md").write_text(article(title="New"), encoding="utf-8")
    fake = _fake_pagefind(tmp_path, 'echo "Error: could not read the site" >&2; exit 3')
    monkeypatch.setattr(search, "executable", lambda: fake)
    with pytest.raises(BuildFailed) as failed:
        build.build(root, build.BuildOptions())
    assert [format_diagnostic(d) for d in failed.value.diagnostics] == [
        "(search index): Pagefind failed (exit status 3): Error: could not read the site"
    ]
    assert tree_digest(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [".briefing-cache"], "staging left behind"


def test_a_missing_indexer_is_a_diagnostic(
    tmp_path: Path, make_site: MakeSite, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "executable", lambda: None)
    with pytest.raises(BuildFailed) as failed:
        build.build(_site(tmp_path, make_site, article), build.BuildOptions())
    (problem,) = failed.value.diagnostics
    assert format_diagnostic(problem).startswith("(search index): the Pagefind binary is missing")


def test_an_indexer_that_cannot_start_is_a_diagnostic(tmp_path: Path) -> None:
    not_executable = tmp_path / "pagefind"
    not_executable.write_text("not a program")
    (tmp_path / "site").mkdir()
    result = search.index(tmp_path / "site", not_executable)
    (problem,) = result.diagnostics
    assert problem.is_error and problem.message.startswith("could not run Pagefind")
    assert result.files == frozenset()


def test_the_preview_reindexes_only_when_a_page_changed(
    tmp_path: Path, make_site: MakeSite, article: Article, tree_digest: Digest
) -> None:
    root = _site(tmp_path, make_site, article)
    cache = BuildCache()
    first = build.build(root, build.BuildOptions(), cache)
    assert first.search_seconds > 0 and (root / "site/pagefind/pagefind.js").is_file()
    again = build.build(root, build.BuildOptions(), cache)
    assert again.search_seconds == 0, "nothing changed, so nothing to index"
    (root / "content/other.md").write_text(article(title="Something else", body="Zeppelins.\n"), encoding="utf-8")
    edited = build.build(root, build.BuildOptions(), cache)
    assert edited.search_seconds > 0
    # The preview's output, index included, is what a cold build writes.
    cold = tmp_path / "cold"
    build.build(root, build.BuildOptions(output=cold))
    assert tree_digest(root / "site") == tree_digest(cold)


def test_the_preview_of_a_large_site_indexes_once_at_start(
    tmp_path: Path, make_site: MakeSite, article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "PREVIEW_REINDEX_PAGES", 1)  # every site is "large"
    root = _site(tmp_path, make_site, article)
    cache = BuildCache()
    assert build.build(root, build.BuildOptions(), cache).search_seconds > 0
    (root / "content/other.md").write_text(article(title="Something else", body="Zeppelins.\n"), encoding="utf-8")
    edited = build.build(root, build.BuildOptions(), cache)
    assert edited.search_seconds == 0 and "briefings/other/index.html" in edited.changed
    assert (root / "site/pagefind/pagefind.js").is_file(), "the index of the start is kept"
    # Without an index (say, deleted by hand) the next save writes one again.
    shutil.rmtree(root / "site/pagefind")
    (root / "content/other.md").write_text(article(title="Something else", body="Airships.\n"), encoding="utf-8")
    assert build.build(root, build.BuildOptions(), cache).search_seconds > 0
    assert (root / "site/pagefind/pagefind.js").is_file()

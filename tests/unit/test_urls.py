"""Slugs that stay in their folder, and relative links that work at any sub-path."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import urls


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Jim Hackett", "jim-hackett"),
        ("Café Société — 2019!", "cafe-societe-2019"),
        ("  Ford & Alibaba: a deal  ", "ford-alibaba-a-deal"),
        ("../../etc/passwd", "etc-passwd"),
        ("北京", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert urls.slugify(text) == slug


@pytest.mark.parametrize("slug", ["ok", "a.b", "x-", "A_b.c-1", "2019"])
def test_safe_slugs(slug: str) -> None:
    assert urls.is_safe_slug(slug)


@pytest.mark.parametrize("slug", ["../../etc", "a/b", "a\\b", "..", ".hidden", "a..b", "-x", "_x", "a b", ""])
def test_unsafe_slugs(slug: str) -> None:
    assert not urls.is_safe_slug(slug)


@pytest.mark.parametrize(
    ("from_page", "to_path", "link"),
    [
        ("index.html", "index.html", "index.html"),
        ("index.html", "briefings/x/index.html", "briefings/x/"),
        ("briefings/x/index.html", "index.html", "../../index.html"),
        ("briefings/x/index.html", "briefings/y/index.html", "../y/"),
        ("briefings/x/index.html", "css/site.css", "../../css/site.css"),
        ("page/2/index.html", "briefings/x/index.html", "../../briefings/x/"),
        ("404.html", "index.html", "index.html"),
    ],
)
def test_relative_url(from_page: str, to_path: str, link: str) -> None:
    assert urls.relative_url(from_page, to_path) == link


@pytest.mark.parametrize("to_path", ["index.html", "briefings/x/index.html", "css/site.css", "404.html"])
@pytest.mark.parametrize("from_page", ["index.html", "briefings/x/index.html", "page/3/index.html", "404.html"])
def test_relative_url_leads_to_the_target(from_page: str, to_path: str) -> None:
    link = urls.relative_url(from_page, to_path)
    landed = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), link))
    # folder pages are linked as their folder; the site's root by its file (see urls.relative_url)
    expected = posixpath.dirname(to_path) if to_path.endswith("/index.html") else to_path
    assert landed == (expected or ".")


def test_links_into_a_page_name_the_file_so_they_work_from_file_urls() -> None:
    assert urls.relative_url("timeline/index.html", "briefings/x/index.html", "quotes") == "../briefings/x/index.html#quotes"


@pytest.mark.parametrize(
    ("page", "prefix"), [("index.html", "./"), ("404.html", "./"), ("briefings/x/index.html", "../../")]
)
def test_root_prefix(page: str, prefix: str) -> None:
    assert urls.root_prefix(page) == prefix


@pytest.mark.parametrize("base", ["https://user.github.io/repo/", "https://user.github.io/repo"])
def test_absolute_url_is_pretty(base: str) -> None:
    assert urls.absolute_url(base, "briefings/x/index.html") == "https://user.github.io/repo/briefings/x/"
    assert urls.absolute_url(base, "index.html") == "https://user.github.io/repo/"
    assert urls.absolute_url(base, "css/site.css") == "https://user.github.io/repo/css/site.css"


def test_page_address_comes_from_the_file_name(
    tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str], build_site: Callable[..., Path]
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/Ünïcode Name.md": article("One"),
            "content/sub/Other Story.md": article("Two", extra="slug: chosen.one\n"),
        },
    )
    out = build_site(root)
    assert (out / "briefings/unicode-name/index.html").is_file()
    assert (out / "briefings/chosen.one/index.html").is_file()
    assert 'href="briefings/unicode-name/"' in (out / "index.html").read_text(encoding="utf-8")


def test_file_name_without_letters_needs_a_slug(
    tmp_path: Path, make_site: Callable[..., Path], article: Callable[..., str], check_lines: Callable[..., list[str]]
) -> None:
    root = make_site(tmp_path, {"content/北京.md": article("Beijing")})
    assert check_lines(root) == ["content/北京.md:2: cannot make a URL from the file name '北京'; add a slug field"]


FOLDERS = ["", "briefings/", "briefings/x/", "briefings/xy/", "people/", "people/x/", "page/2/", "timeline/2019/", "x/"]
"""Page folders and targets that share no, some or all of their folders (and one name, `x`,
that is both a top folder and a slug). Each link is the shortest way there."""


@pytest.mark.parametrize("fragment", [None, "quotes"])
def test_every_link_between_these_folders_lands_on_its_target(fragment: str | None) -> None:
    for folder in FOLDERS:
        href = urls.linker(folder + "index.html")
        for target_folder in FOLDERS:
            for name in ("index.html", "feed.xml"):
                target = target_folder + name
                link = href(target, fragment)
                path, _, anchor = link.partition("#")
                landed = posixpath.normpath(posixpath.join(folder, path))
                if fragment is None and target.endswith("/index.html"):  # a folder page, as its folder
                    expected = posixpath.dirname(target)
                    shortest = posixpath.relpath(expected, folder or ".") + "/"
                else:
                    expected = target
                    shortest = posixpath.relpath(target, folder or ".")
                assert (landed, anchor) == (expected or ".", fragment or ""), (folder, target, link)
                assert path == ("./" if shortest == "./" else shortest), (folder, target, link)

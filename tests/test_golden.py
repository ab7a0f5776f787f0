"""Golden structure of the repo's own sample site: seed briefing, home page, links, determinism.

The site is built as a user builds it (`python -m generator build` in a subprocess) from a copy of
the repo's `content/` and `site.yaml`; the HTML is read with the standard library's html.parser.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, copy_sample
SEED = "briefings/ford-alibaba-2017/index.html"
TITLE = "Ford's Deal With Alibaba Leaves OEM's Financial Arm Out of China"


# --- building -------------------------------------------------------------------------------------


def build_site(root: Path, output: Path, env: dict[str, str] | None = None) -> None:
    """Run `python -m generator build` on `root`; fail the test with its output if it fails."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(output)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    assert proc.returncode == 0, f"build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("golden") / "root")


@pytest.fixture(scope="module")
def site(sample_root: Path) -> Path:
    out = sample_root.parent / "site"
    build_site(sample_root, out)
    return out


# --- a tiny DOM on top of html.parser ------------------------------------------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Node:
    """One element: its tag, attributes, children (elements and strings) and source line."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def iter(self) -> Iterator[Node]:
        """This element and every element under it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Descendants (self included) with this tag and these attribute values.

        `class_="x"` matches one class among several; other underscores stand for hyphens.
        """
        found = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            ok = True
            for key, value in attrs.items():
                if key == "class_":
                    ok = value in node.attrs.get("class", "").split()
                else:
                    ok = node.attrs.get(key.replace("_", "-")) == value
                if not ok:
                    break
            if ok:
                found.append(node)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        """The first match; fails the test when there is none."""
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> under <{self.tag} {self.attrs}>"
        return found[0]

    def children_tags(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def text(self) -> str:
        """All text under this element, whitespace collapsed."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, 0)
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(
            tag,
            {k: v if v is not None else "" for k, v in attrs},
            self.getpos()[0],
            parent=self.stack[-1],
        )
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # a stray end tag: html.parser keeps going, and so do we (the validator test catches it)

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert (
        builder.doctype and builder.doctype.lower() == "doctype html"
    ), f"{path}: no <!DOCTYPE html>"
    return builder.root


@pytest.fixture(scope="module")
def seed(site: Path) -> Node:
    return parse(site / SEED)


@pytest.fixture(scope="module")
def home(site: Path) -> Node:
    return parse(site / "index.html")


def section(doc: Node, ident: str) -> Node:
    found = doc.find_all("section", id=ident)
    assert len(found) == 1, f'expected one <section id="{ident}">, found {len(found)}'
    return found[0]


# --- the seed briefing ----------------------------------------------------------------------------


def test_key_facts_lists_the_facts(seed: Node) -> None:
    facts = section(seed, "key-facts")
    lists = [n for n in facts.iter() if n.tag in ("ul", "ol")]
    assert len(lists) == 1
    items = [li.text() for li in lists[0].children_tags()]
    assert all(li.tag == "li" for li in lists[0].children_tags())
    assert len(items) == 5
    for needle, item in zip(
        ["three years", "Tmall", "50 new vehicle models", "end of 2019", "Hangzhou"],
        items,
        strict=True,
    ):
        assert needle in item
    # Markdown emphasis is rendered, not left as asterisks.
    assert [s.text() for s in facts.find_all("strong")][:2] == ["three years", "Tmall"]
    assert "*" not in facts.text()


def test_people_names_roles_and_orgs(seed: Node) -> None:
    people = section(seed, "people")
    persons = people.find_all("li", class_="person")
    got = []
    for li in persons:
        name = li.find(class_="person-name").text()
        roles = li.find_all(class_="person-role")
        got.append((name, roles[0].text() if roles else None))
    assert got == [
        ("Bill Ford Jnr", "Executive Chairman, Ford"),
        ("Jim Hackett", "President and CEO, Ford"),
        ("Zhang", None),
    ]
    assert [li.find(class_="person-org").text() for li in persons[:2]] == ["Ford", "Ford"]


# What content/ford-alibaba-2017.md says: the first quote has no `by` (the article leaves its
# speaker unnamed), the others are Jim Hackett's, Alibaba Group's and Zhang's.
QUOTES = [
    ("explore areas of cooperation that are re-shaping the automotive industry", None),
    ("for smart vehicles in a smart world to reimagine and revolutionize", "Jim Hackett"),
    ("The agreement aims to explore new ways to redefine how consumers purchase", "Alibaba Group"),
    (
        "Our data-driven technology and platform will expand the definition of auto ownership",
        "Zhang",
    ),
]


def test_quotes_are_blockquotes_citing_their_speakers(seed: Node) -> None:
    quotes = section(seed, "quotes")
    blockquotes = quotes.find_all("blockquote")
    assert len(blockquotes) == len(QUOTES)
    article = section(seed, "article").text()
    for quote, (start, speaker) in zip(blockquotes, QUOTES, strict=True):
        said = quote.find("p").text()
        assert said.startswith(start)
        # A quote is quoted, word for word, from the article it briefs.
        assert said in article
        # The attribution sits in the quotation's own footer, so it travels with it.
        cites = quote.find("footer").find_all("cite")
        if speaker is None:
            assert cites == []
            assert "Speaker not named" in quote.text()
        else:
            assert [c.text() for c in cites] == [speaker]
    # Jim Hackett is one of the briefing's people: his quote carries his role.
    assert "Jim Hackett, President and CEO, Ford" in blockquotes[1].find("footer").text()


def _chronological_key(iso: str) -> tuple[int, int, int]:
    """`2019` sorts before `2019-01-01`: a year-only date stands at the start of its year."""
    year, month, day = ([int(p) for p in iso.split("-")] + [0, 0])[:3]
    return year, month, day


def test_timeline_is_an_ordered_list_in_date_order(seed: Node) -> None:
    timeline = section(seed, "timeline")
    lists = [n for n in timeline.iter() if n.tag in ("ul", "ol")]
    assert [n.tag for n in lists] == ["ol"]
    times = [li.find("time") for li in lists[0].children_tags()]
    stamps = [t.attrs["datetime"] for t in times]
    assert stamps == sorted(stamps, key=_chronological_key)
    assert stamps == ["2017-12-07", "2017-12-14", "2019", "2025"]
    assert [t.text() for t in times] == ["7 December 2017", "14 December 2017", "2019", "2025"]
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", stamp)


def test_header_title_date_and_author(seed: Node) -> None:
    header = seed.find("header", class_="briefing-header")
    assert header.find("h1").text() == TITLE
    assert len(seed.find_all("h1")) == 1
    time = header.find("time")
    assert time.attrs["datetime"] == "2017-12-08"
    assert time.text() == "8 December 2017"
    assert "Hubert Green" in header.find(class_="byline").text()
    assert seed.find("title").text().startswith(TITLE)
    assert seed.find("html").attrs.get("lang") == "en"


def test_json_ld_news_article(seed: Node) -> None:
    scripts = seed.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].text())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == TITLE
    assert data["datePublished"] == "2017-12-08"
    assert data["author"]["name"] == "Hubert Green"
    assert [m["name"] for m in data["mentions"]] == ["Bill Ford Jnr", "Jim Hackett", "Zhang"]
    assert all(m["@type"] == "Person" for m in data["mentions"])


def test_open_graph_and_description(seed: Node) -> None:
    og_title = seed.find_all("meta", property="og:title")
    assert [m.attrs["content"] for m in og_title] == [TITLE]
    assert [m.attrs["content"] for m in seed.find_all("meta", property="og:type")] == ["article"]
    # Descriptions are plain text: the summary's Markdown is rendered on the page, not in snippets.
    summary = seed.find("p", class_="summary").text()
    descriptions = [m.attrs["content"] for m in seed.find_all("meta", name="description")]
    descriptions += [m.attrs["content"] for m in seed.find_all("meta", property="og:description")]
    descriptions.append(
        json.loads(seed.find("script", type="application/ld+json").text())["description"]
    )
    assert descriptions == [summary] * 3
    assert summary.startswith("Alibaba Group has announced")


# --- the home page --------------------------------------------------------------------------------


def test_home_lists_every_briefing_newest_first(site: Path, home: Node) -> None:
    published = sorted(p.parent.name for p in (site / "briefings").glob("*/index.html"))
    assert len(published) == len(list((REPO / "content").glob("*.md"))) >= 2
    cards = home.find("ol", class_="briefing-list").children_tags()
    links = [card.find("h2").find("a").attrs["href"] for card in cards]
    assert sorted(links) == [f"briefings/{slug}/" for slug in published]
    dates = [card.find("time").attrs["datetime"] for card in cards]
    assert dates == sorted(dates, reverse=True)
    assert len(set(dates)) == len(dates), "sample dates are distinct, so the order is fully defined"
    seed_card = cards[links.index("briefings/ford-alibaba-2017/")]
    assert seed_card.find("a").text() == TITLE
    assert seed_card.find("time").attrs["datetime"] == "2017-12-08"


# --- links ----------------------------------------------------------------------------------------

LINK_ATTRS = ("href", "src", "poster", "action", "data")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _links(doc: Node) -> Iterator[tuple[Node, str]]:
    for node in doc.iter():
        for attr in LINK_ATTRS:
            if attr in node.attrs:
                yield node, node.attrs[attr]
        if "srcset" in node.attrs:
            for candidate in node.attrs["srcset"].split(","):
                if candidate.strip():
                    yield node, candidate.split()[0]


def resolve(page: str, href: str) -> str | None:
    """The output file a link points at, from the site root; None if it leaves the site."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    if path == "":
        return page
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".." or joined.startswith("../"):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined


def test_every_internal_link_resolves(site: Path) -> None:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = sorted(f for f in files if f.endswith(".html"))
    assert SEED in pages and "index.html" in pages
    ids = {
        page: {n.attrs["id"] for n in parse(site / page).iter() if "id" in n.attrs}
        for page in pages
    }
    problems = []
    checked = 0
    for page in pages:
        for node, href in _links(parse(site / page)):
            where = f"{page}:{node.line}: <{node.tag}> {href!r}"
            if href.startswith("/") and not href.startswith("//"):
                problems.append(
                    f"{where}: root-absolute link breaks when the site lives at a sub-path"
                )
                continue
            if EXTERNAL.match(href):
                continue
            checked += 1
            target = resolve(page, href)
            if target is None or target not in files:
                problems.append(
                    f"{where}: resolves to {target or 'outside the site'}, which was not built"
                )
                continue
            fragment = href.partition("#")[2]
            if fragment and target.endswith(".html") and fragment not in ids[target]:
                problems.append(f"{where}: no id={fragment!r} in {target}")
    assert not problems, "broken links:\n" + "\n".join(problems)
    assert checked >= 5 * len(
        pages
    ), f"only {checked} internal links checked; is the parser finding them?"


@pytest.mark.parametrize(
    ("page", "href", "expected"),
    [
        ("index.html", "./", "index.html"),
        ("index.html", "briefings/x/", "briefings/x/index.html"),
        ("briefings/x/index.html", "../../", "index.html"),
        ("briefings/x/index.html", "../../css/site.css", "css/site.css"),
        ("briefings/x/index.html", "#main", "briefings/x/index.html"),
        ("index.html", "../elsewhere/", None),
    ],
)
def test_resolve_helper(page: str, href: str, expected: str | None) -> None:
    assert resolve(page, href) == expected


# --- determinism ----------------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(sample_root: Path, site: Path) -> None:
    # A second build into another folder, with another hash seed and time zone: sets, dicts and
    # clocks must not leak into the output.
    again = sample_root.parent / "site-again"
    build_site(sample_root, again, env={"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati"})
    first, second = _tree(site), _tree(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between two builds of the same input: {differing}"
    # And nothing of the machine leaks in: no absolute path of the build folder.
    leaked = [name for name, data in first.items() if str(sample_root.parent).encode() in data]
    assert not leaked, f"build folder path written into: {leaked}"

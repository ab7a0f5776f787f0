"""The pages that tie briefings together: people (with aliases), organisations, topics, the merged
timeline, related briefings and structured data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import article, build_site, check_lines, make_site
from generator import build, pages


def jsonld(page: Path) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)]


def links(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text())


ZHANG_A = article(
    "Alibaba results", "2020-01-10",
    extra="people:\n  - name: Daniel Zhang\n    role: CEO\n    org: Alibaba Group\nquotes:\n  - text: We grew faster than ever before\n    by: Daniel Zhang\n",
)
ZHANG_B = article(
    "Singles Day", "2020-11-12",
    extra="people:\n  - name: Zhang\nquotes:\n  - text: Shopping is entertainment for our customers now\n    by: Zhang\ntags: [retail]\n",
)
ZHANG_C = article(
    "Ford deal", "2017-12-08",
    extra="people:\n  - name: Daniel Zhang\n    role: Chief executive\n    org: Alibaba\norganizations: [Ford]\ntags: [retail]\n",
)
PEOPLE_YAML = "daniel-zhang:\n  name: Daniel Zhang\n  aliases: [Zhang]\n  bio: Chief executive of *Alibaba Group*.\n"
ORGS_YAML = "alibaba-group:\n  name: Alibaba Group\n  aliases: [Alibaba]\n"


@pytest.fixture()
def zhang_site(tmp_path: Path) -> Path:
    root = make_site(tmp_path, {
        "content/a.md": ZHANG_A, "content/b.md": ZHANG_B, "content/c.md": ZHANG_C,
        "data/people.yaml": PEOPLE_YAML, "data/organizations.yaml": ORGS_YAML,
    })
    return build_site(root)


def test_a_person_under_two_spellings_has_one_page_with_everything(zhang_site: Path) -> None:
    assert sorted(p.name for p in (zhang_site / "people").iterdir() if p.is_dir()) == ["daniel-zhang"]
    page = (zhang_site / "people/daniel-zhang/index.html").read_text()
    assert "<h1>Daniel Zhang</h1>" in page
    assert "Also written as Zhang" in page
    assert "Chief executive of <em>Alibaba Group</em>." in page
    for title in ("Alibaba results", "Singles Day", "Ford deal"):
        assert title in page
    assert "We grew faster than ever before" in page and "Shopping is entertainment for our customers now" in page
    # newest briefing first
    assert page.index("Singles Day") < page.index("Alibaba results") < page.index("Ford deal")
    # the alias in briefing b links to the canonical page, name and quote alike
    b = zhang_site / "briefings/b/index.html"
    assert links(b).count("../../people/daniel-zhang/") >= 2


def test_people_index_counts_briefings_and_quotes(zhang_site: Path) -> None:
    page = (zhang_site / "people/index.html").read_text()
    assert re.search(r'Daniel Zhang</a>\s*<span class="counts">3 briefings · 2 quotes</span>', page)


def test_organisation_aliases_merge_and_pages_list_people(zhang_site: Path) -> None:
    orgs = sorted(p.name for p in (zhang_site / "organizations").iterdir() if p.is_dir())
    assert orgs == ["alibaba-group", "ford"]
    page = (zhang_site / "organizations/alibaba-group/index.html").read_text()
    assert "Alibaba results" in page and "Ford deal" in page
    assert "../../people/daniel-zhang/" in page
    person = (zhang_site / "people/daniel-zhang/index.html").read_text()
    assert person.count('href="../../organizations/alibaba-group/"') == 2


def test_tag_and_section_pages(tmp_path: Path) -> None:
    out = build_site(make_site(tmp_path, {
        "content/a.md": article("One", "2020-01-01", extra="tags: [Electric Cars]\nsection: Business\n"),
        "content/b.md": article("Two", "2021-01-01", extra="tags: [electric cars, china]\nsection: Business\n"),
    }))
    page = (out / "tags/electric-cars/index.html").read_text()
    assert page.index("Two") < page.index("One")
    assert "2 briefings" in page
    assert (out / "sections/business/index.html").is_file()
    assert 'href="electric-cars/"' in (out / "tags/index.html").read_text()
    assert "../../tags/electric-cars/" in links(out / "briefings/a/index.html")


def test_a_long_tag_is_split_into_pages_newest_first(tmp_path: Path) -> None:
    files = {
        f"content/s{n:02}.md": article(f"Story {n:02}", f"2020-01-{n + 1:02}", extra="tags: [Energy]\nsection: World\n")
        for n in range(25)
    }
    root = make_site(tmp_path, {**files, "site.yaml": "title: Desk\nurl: https://example.org/desk/\npage_size: 10\n"})
    out = build_site(root)
    first, second, third = (out / "tags/energy/index.html", out / "tags/energy/page/2/index.html", out / "tags/energy/page/3/index.html")
    titles = [re.findall(r"Story \d\d", page.read_text()) for page in (first, second, third)]
    assert titles == [[f"Story {n:02}" for n in range(24 - 10 * k, max(-1, 14 - 10 * k), -1)] for k in range(3)]
    assert not (out / "tags/energy/page/4").exists()
    assert "25 briefings, newest first." in third.read_text()
    assert "Energy · page 2 of 3" in re.sub(r"<[^>]+>", "", second.read_text())
    assert 'href="../3/" rel="next"' in second.read_text() and 'href="../../" rel="prev"' in second.read_text()
    assert (out / "sections/world/page/3/index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://example.org/desk/tags/energy/page/3/" in sitemap

    (root / "content/s99.md").write_text(article("Story 99", "2019-12-31", extra="tags: [Energy]\n"), encoding="utf-8")
    out = build_site(root)  # with the cache: the first page's briefings are the same, but not the count
    assert "26 briefings, newest first." in first.read_text()
    assert re.findall(r"Story \d\d", third.read_text())[-2:] == ["Story 00", "Story 99"]


def test_merged_timeline_groups_by_year_and_links_back(tmp_path: Path) -> None:
    out = build_site(make_site(tmp_path, {
        "content/a.md": article("One", extra="timeline:\n  - {date: 2019-05-02, event: Late}\n  - {date: 2018, event: Year only}\n"),
        "content/b.md": article("Two", extra="timeline:\n  - {date: \"2019-05\", event: Month only}\n  - {date: 2019, event: Whole year}\n"),
    }))
    page = (out / "timeline/index.html").read_text()
    events = re.findall(r'<time datetime="([^"]+)">', page)
    assert events == ["2018", "2019", "2019-05", "2019-05-02"]
    assert re.findall(r'<h2 id="year-(\d+)-title">', page) == ["2018", "2019"]
    assert '../briefings/a/index.html#timeline' in page and '../briefings/b/index.html#timeline' in page
    assert 'class="timeline-filter" hidden' in page  # the filter appears only with JavaScript


def test_long_timelines_get_a_page_per_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "TIMELINE_PAGE_LIMIT", 2)
    out = build_site(make_site(tmp_path, {
        "content/a.md": article("One", extra="timeline:\n  - {date: 2019, event: A}\n  - {date: 2020, event: B}\n  - {date: 2021, event: C}\n"),
    }))
    assert (out / "timeline/2020/index.html").is_file()
    index = (out / "timeline/index.html").read_text()
    assert 'href="2020/"' in index and "<time" not in index


def test_related_briefings_prefer_shared_people(tmp_path: Path) -> None:
    ada = "people:\n  - name: Ada Lovelace\n"
    out = build_site(make_site(tmp_path, {
        "content/a.md": article("Main", "2020-01-05", extra=ada + "tags: [maths]\n"),
        "content/b.md": article("Same person", "2015-01-01", extra=ada),
        "content/c.md": article("Same tag", "2020-01-06", extra="tags: [maths]\n"),
        "content/d.md": article("Unrelated", "2020-01-04"),
    }))
    page = (out / "briefings/a/index.html").read_text()
    related = page[page.index('id="related"'):]
    assert related.index("Same person") < related.index("Same tag")
    assert "Unrelated" not in related


def test_one_id_with_two_names_warns_naming_both_places(tmp_path: Path) -> None:
    root = make_site(tmp_path, {
        "content/a.md": article("One", extra="people:\n  - name: Jim Hackett\n    id: jh\n"),
        "content/b.md": article("Two", extra="people:\n  - name: James Hackman\n    id: jh\n"),
    })
    warnings = [line for line in check_lines(root) if "id 'jh'" in line]
    assert len(warnings) == 1, warnings
    assert re.match(r"content/[ab]\.md:5: warning: people: id 'jh' is '.+' here but '.+' in content/[ab]\.md:5", warnings[0])
    assert "content/a.md:5" in warnings[0] and "content/b.md:5" in warnings[0]
    assert "Jim Hackett" in warnings[0] and "James Hackman" in warnings[0]


def test_bad_people_data_file_is_reported_with_its_line(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/a.md": article(), "data/people.yaml": "ada:\n  name: Ada\n  alias: [A]\n"})
    assert "data/people.yaml:3: warning: ada.alias: unknown field (did you mean 'aliases'?)" in check_lines(root)


def test_structured_data_names_people(zhang_site: Path) -> None:
    article_data = jsonld(zhang_site / "briefings/a/index.html")[0]
    assert article_data["@type"] == "NewsArticle"
    assert article_data["mentions"][0]["name"] == "Daniel Zhang"
    person = jsonld(zhang_site / "people/daniel-zhang/index.html")[0]
    assert person["@type"] == "Person" and person["name"] == "Daniel Zhang" and person["alternateName"] == ["Zhang"]


def test_an_edit_rerenders_the_person_page_but_not_strangers(tmp_path: Path) -> None:
    root = make_site(tmp_path, {
        "content/a.md": article("One", extra="people:\n  - name: Ada Lovelace\n"),
        "content/b.md": article("Two", extra="people:\n  - name: Alan Turing\n"),
    })
    from generator.cache import BuildCache
    cache = BuildCache()
    build.build(root, build.BuildOptions(), cache)
    (root / "content/a.md").write_text(article("One", extra="people:\n  - name: Ada Lovelace\n    role: Mathematician\n"))
    result = build.build(root, build.BuildOptions(), cache)
    assert "people/ada-lovelace/index.html" in result.changed
    assert "people/alan-turing/index.html" not in result.changed
    assert result.counts.parsed == 1


def test_names_not_starting_with_a_letter_get_their_own_group(tmp_path: Path) -> None:
    out = build_site(make_site(tmp_path, {"content/a.md": article(extra="people:\n  - name: 50 Cent\n  - name: Émile Zola\n")}))
    page = (out / "people/index.html").read_text()
    assert '<a href="#letter-other">#</a>' in page and '<h2 id="letter-other">#</h2>' in page
    assert '<h2 id="letter-Z">Z</h2>' in page  # under the surname, and accents fold to their letter


def test_people_are_listed_a_to_z_by_surname_unless_the_data_file_says_otherwise(tmp_path: Path) -> None:
    names = ["Ada Lovelace", "Ludwig van Beethoven", "Martin Luther King Jr.", "Xi Jinping", "Zhang", "Grace Hopper"]
    people = "".join(f"  - name: {name}\n" for name in names)
    out = build_site(make_site(tmp_path, {
        "content/a.md": article(extra=f"people:\n{people}"),
        "data/people.yaml": "xi-jinping:\n  name: Xi Jinping\n  sort_as: Xi Jinping\n",
    }))
    page = (out / "people/index.html").read_text()
    groups = re.findall(r'<h2 id="letter-(\w+)">', page)
    listed = re.findall(r'<a href="[a-z0-9-]+/">([^<]+)</a>', page)  # the people's pages sit beside this one
    assert listed == ["Ludwig van Beethoven", "Grace Hopper", "Martin Luther King Jr.", "Ada Lovelace", "Xi Jinping", "Zhang"]
    assert groups == ["B", "H", "K", "L", "X", "Z"]

"""`briefing import` as a user runs it: drafts that build with --strict, no overwriting, clear errors."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from generator import yamlsafe

MakeSite = Callable[..., Path]
RunCli = Callable[..., tuple[int, str, str]]
Build = Callable[..., Path]

DEV = Path(__file__).resolve().parent / "data" / "import-dev"
SEED = DEV / "000_841ee9d831125703.txt"

RAW = """Published: Tue, March 09, 2021
Local | By Test Desk

Harbour council approves the new bridge

The council approved the bridge on Monday. "We have waited far too long for this crossing," said Mayor Helen Okafor.

Work begins next month and should end by 2023.
"""


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, block, _ = text.split("---\n", 2)
    return yamlsafe.load(block).data


def test_seed_article_drafts_a_briefing_that_builds_strictly(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli, build_site: Build
) -> None:
    root = make_site(tmp_path, {})
    code, out, err = run_cli("import", SEED, cwd=root)
    assert (code, err) == (0, "")
    draft = root / "content" / "000_841ee9d831125703.md"
    assert out.strip() == f"Drafted {Path('content') / draft.name}"
    data = front_matter(draft)
    assert data["title"] == "Ford's Deal With Alibaba Leaves OEM's Financial Arm Out of China"
    assert (data["date"], data["author"], data["section"]) == ("2017-12-08", "Hubert Green", "Science")
    assert [p["name"] for p in data["people"]] == ["Bill Ford Jnr", "Jim Hackett", "Zhang"]
    assert {q["text"][:20]: q.get("by") for q in data["quotes"]} == {
        "explore areas of coo": None,
        "for smart vehicles i": "Jim Hackett",
        "The agreement aims t": "Alibaba",
        "Our data-driven tech": "Zhang",
    }
    assert data["organizations"] == ["Alibaba"]
    assert sorted(str(e["date"]) for e in data["timeline"]) == ["2017-12-07", "2017-12-14", "2019", "2025"]
    assert data["key_facts"]
    assert "Representatives of Ford and Alibaba" in draft.read_text(encoding="utf-8").split("---\n", 2)[2]
    build_site(root, strict=True)
    assert (root / "site" / "briefings" / "000-841ee9d831125703" / "index.html").is_file()


def test_every_dev_article_builds_strictly_and_scores_from_its_draft(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli, build_site: Build
) -> None:
    root = make_site(tmp_path, {})
    code, _, err = run_cli("import", *sorted(DEV.glob("*.txt")), "--out", "content/dev", cwd=root)
    assert (code, err) == (0, "")
    drafts = sorted((root / "content" / "dev").glob("*.md"))
    assert len(drafts) == 10
    for draft in drafts:  # PyYAML (the scorer's reader) reads the same front matter
        assert yaml.safe_load(draft.read_text(encoding="utf-8").split("---\n", 2)[1])["people"]
    build_site(root, strict=True)


def test_never_overwrites_without_force(tmp_path: Path, make_site: MakeSite, run_cli: RunCli) -> None:
    root = make_site(tmp_path, {"raw/bridge.txt": RAW, "content/bridge.md": "mine\n"})
    code, out, err = run_cli("import", "raw/bridge.txt", cwd=root)
    assert code == 1 and out == ""
    assert err.strip() == "raw/bridge.txt: content/bridge.md already exists; use --force to overwrite it"
    assert (root / "content" / "bridge.md").read_text(encoding="utf-8") == "mine\n"
    code, out, err = run_cli("import", "raw/bridge.txt", "--force", cwd=root)
    assert (code, err) == (0, "")
    assert front_matter(root / "content" / "bridge.md")["people"] == [{"name": "Helen Okafor", "role": "Mayor"}]


def test_bad_inputs_get_a_message_naming_the_file_and_nothing_is_written(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli
) -> None:
    root = make_site(
        tmp_path,
        {
            "raw/good.txt": RAW,
            "raw/empty.txt": "  \n\n",
            "raw/undated.txt": "A title\n\nA paragraph without any date line.\n",
            "raw/latin1.txt": "Published: 2021-03-09\n\nCaf\xe9 title\n".encode("latin-1"),
            "raw/baddate.txt": "Published: sometime in spring\n\nTitle\n\nText.\n",
        },
    )
    code, out, err = run_cli("import", *sorted(p.relative_to(root) for p in (root / "raw").iterdir()), cwd=root)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines == [
        "raw/baddate.txt: cannot read the date 'sometime in spring' of the Published line "
        "(write it like 'Fri, December 08, 2017' or 2017-12-08)",
        "raw/empty.txt: empty file: nothing to import",
        "raw/latin1.txt:3: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        "raw/undated.txt: no publication date: add a 'Published: <date>' line at the top, a 'date:' in its "
        "front matter, or give --date YYYY-MM-DD",
    ]
    assert list((root / "content").iterdir()) == []


def test_date_option_dates_files_without_a_published_line(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli, build_site: Build
) -> None:
    root = make_site(tmp_path, {"raw/undated.txt": "Quiet day at the harbour\n\nBoats left on Monday.\n"})
    code, _, err = run_cli("import", "raw/undated.txt", "--date", "2021-03-10", cwd=root)
    assert (code, err) == (0, "")
    data = front_matter(root / "content" / "undated.md")
    assert (data["title"], data["date"]) == ("Quiet day at the harbour", "2021-03-10")
    assert data["timeline"] == [{"date": "2021-03-08", "event": "Boats left on Monday"}]
    build_site(root, strict=True)
    code, _, err = run_cli("import", "raw/undated.txt", "--date", "10/03/2021", cwd=root)
    assert code == 2 and "--date" in err


def test_markdown_with_front_matter_keeps_its_date_and_body(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli, build_site: Build
) -> None:
    article = "---\ntitle: Storm *warning*\ndate: 2021-03-10\n---\n# Storm *warning*\n\nThe storm hit the coast **yesterday**.\n"
    root = make_site(tmp_path, {"raw/storm.md": article})
    code, _, err = run_cli("import", "raw/storm.md", cwd=root)
    assert (code, err) == (0, "")
    text = (root / "content" / "storm.md").read_text(encoding="utf-8")
    assert text.endswith("---\nThe storm hit the coast **yesterday**.\n")
    assert front_matter(root / "content" / "storm.md")["timeline"][0]["date"] == "2021-03-09"
    build_site(root, strict=True)


def test_plain_text_that_looks_like_markdown_is_escaped(tmp_path: Path, make_site: MakeSite, run_cli: RunCli) -> None:
    raw = "Published: 2021-03-10\n\nTitle\n\n# not a heading, *not emphasis* and <b>not html</b>\n\n1. not a list\n"
    root = make_site(tmp_path, {"raw/odd.txt": raw})
    assert run_cli("import", "raw/odd.txt", cwd=root)[0] == 0
    body = (root / "content" / "odd.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "\\# not a heading, \\*not emphasis\\* and \\<b>not html\\</b>\n\n1\\. not a list\n"


def test_two_files_with_one_name_are_refused(tmp_path: Path, make_site: MakeSite, run_cli: RunCli) -> None:
    root = make_site(tmp_path, {"a/story.txt": RAW, "b/story.txt": RAW})
    code, _, err = run_cli("import", "a/story.txt", "b/story.txt", cwd=root)
    assert code == 1
    assert err.strip() == "b/story.txt: would write content/story.md as a/story.txt does; rename one of them"
    assert not (root / "content" / "story.md").exists()
    shutil.rmtree(root / "b")

"""The quick front-matter reader gives yamlsafe's data and lines, or steps aside.

yaml_fast reads only the plainest YAML and returns None for the rest; whatever it returns must be
exactly what yamlsafe.load returns: the same values of the same types, the same line for every
key and item. Documents are generated from fragments chosen for where YAML readers part: quoting,
colons, comments, numbers and booleans, indentation, flow lists, characters YAML treats specially.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import REPO, build_site, copy_sample, tree_digest
from generator import frontmatter, sources, yaml_fast, yamlsafe

KEYS = ["title", "date", "author", "tags", "people", "name", "role", "org", "text", "by", "true",
        "null", "y", "No", "a_b", "x1", "<<", "k-k", "url", "draft"]
SCALARS = [
    "word", "Two words", "Ford's deal", "Mira Gómez", "“quoted”", "2017-12-07", "2019-12", "2025",
    "10", "010", "0o17", "0x1F", "1.5", ".5", "-3", "+4", "1e3", "1_000", "1:20", "true", "False",
    "TRUE", "yes", "no", "on", "null", "Null", "~", "NaN", ".nan", ".inf", "https://x.org/a?b=c",
    "a: b", "a:", "a:b", "a #b", "a#b", "a ", " a", "a  b", "a, b", "[a]", "a[b]", "{a}", "&anchor",
    "*alias", "!tag", "!!str x", "|", ">", "%x", "@x", "`x`", "'single'", "-", "- a", "?", "? a",
    "a - b", "a\u2028b", "a\x85b", "\ufeffa", "a\tb", "a\\b", "é", "", "a'b", "O'Neil: yes",
]


PLAIN_ONES = ["Jim Hackett", "President and CEO", "2017-12-08", "https://example.org/a/b", "Ford's plan, in brief"]


def scalar(rng: random.Random) -> str:
    """A value as written: plain, double-quoted (sometimes with an escape) or single-quoted."""
    text = rng.choice(SCALARS) if rng.random() < 0.3 else rng.choice(PLAIN_ONES)
    form = rng.random()
    if form < 0.45:
        return text
    if form < 0.9:
        return '"' + text.replace('"', rng.choice(['"', '\\"', ""])) + '"'
    return "'" + text.replace("'", "''") + "'"


def flow(rng: random.Random) -> str:
    items = [scalar(rng) if rng.random() < 0.3 else rng.choice(["a", "b c", "e-commerce", "x1", "10", "true"])
             for _ in range(rng.randrange(0, 4))]
    return "[" + rng.choice([", ", ",", " , "]).join(items) + rng.choice(["]", " ]", "]"]) + rng.choice(["", "", " "])


def block(rng: random.Random) -> list[str]:
    indent = rng.choice(["", "  ", "  ", "    "])
    rows = []
    for _ in range(rng.randrange(0, 4)):
        here = indent if rng.random() < 0.92 else indent + " "
        if rng.random() < 0.5:
            rows.append(f"{here}- {scalar(rng)}")
        else:
            rows.append(f"{here}- {rng.choice(KEYS)}: {scalar(rng)}")
            for _ in range(rng.randrange(0, 3)):
                pad = here + rng.choice(["  ", "  ", "  ", "   ", " "])
                rows.append(f"{pad}{rng.choice(KEYS)}{rng.choice([': ', ': ', ':', ':  '])}{scalar(rng)}")
        if rng.random() < 0.05:
            rows.append(rng.choice(["", "  ", "# note", f"{here}-", f"{here}  - nested"]))
    return rows


ODD_ROWS = ["", "# comment", "---", "...", "  indented: x", "key", "key:: x", "? key", "- top", "\tkey: x",
            "key: x # note", "key: &a x", "key: *a", "key: !!str x", "key: |", "  text", "key: >-", "key: x\r"]


def document(rng: random.Random) -> str:
    rows: list[str] = []
    for _ in range(rng.randrange(1, 7)):
        key = rng.choice(KEYS)
        kind = rng.random()
        if kind < 0.45:
            rows.append(f"{key}{rng.choice([': ', ': ', ': ', ':', ':  '])}{scalar(rng)}")
        elif kind < 0.65:
            rows.append(f"{key}: {flow(rng)}")
        elif kind < 0.95:
            rows.append(f"{key}:")
            rows += block(rng)
        else:
            rows.append(rng.choice(ODD_ROWS))
    return "\n".join(rows) + "\n"


def reference(text: str) -> yamlsafe.YamlDocument | None:
    try:
        return yamlsafe.load(text, 1)
    except yamlsafe.YamlProblem:
        return None


def typed(value: object) -> object:
    """The value with the type of every part spelled out: True == 1, but not here."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def test_generated_front_matter_reads_as_yamlsafe_reads_it() -> None:
    rng = random.Random(20261129)
    taken = 0
    for _ in range(120_000):
        text = document(rng)
        fast = yaml_fast.load(text, 1)
        if fast is None:
            continue
        taken += 1
        slow = reference(text)
        assert slow is not None, f"yamlsafe refuses what yaml_fast read: {text!r}"
        assert typed(fast.data) == typed(slow.data), text
        assert fast.lines == slow.lines, text
    assert taken > 5_000, taken  # the comparison covers the reader, not only its refusals


def test_the_sample_articles_read_the_same_and_the_plain_ones_quickly() -> None:
    pairs, _ = sources.find(REPO)
    taken = 0
    for pair in pairs:
        source, _ = sources.read(REPO, pair)
        assert source is not None
        text = source.text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n"
        fast = yaml_fast.load(text, 1)
        if fast is not None:
            taken += 1
            slow = yamlsafe.load(text, 1)
            assert (typed(fast.data), fast.lines) == (typed(slow.data), slow.lines), pair
    assert taken == len(pairs)  # the sample is plain front matter: all of it goes the quick way


FRONT_MATTER = '''title: "Ford's deal with Alibaba: a pilot"
date: 2017-12-08
author: Hubert Green
tags: [ford, alibaba, e-commerce]
draft: false
people:
  - name: Jim Hackett
    role: President and CEO
    org: Ford
quotes:
  - text: "for smart vehicles in a smart world"
    by: Jim Hackett
sources:
  - title: Reuters
    url: https://www.reuters.com/article/x
'''


def test_ordinary_front_matter_takes_the_quick_way() -> None:
    fast = yaml_fast.load(FRONT_MATTER, 1)
    assert fast is not None
    slow = yamlsafe.load(FRONT_MATTER, 1)
    assert (typed(fast.data), fast.lines) == (typed(slow.data), slow.lines)
    assert fast.data["draft"] is False and fast.data["date"] == "2017-12-08"
    assert fast.lines[("people", 0, "org")] == 10


@pytest.mark.parametrize(
    "text",
    [
        "title: x\ntitle: y\n",  # duplicate key: yamlsafe names the first line
        "title: x\n# a comment\n",
        "title: &a x\nother: *a\n",
        "title: !!str x\n",
        "title: x\n  continued\n",  # a multi-line plain value
        "title: 'x'\n",
        "people:\n  - name: x\n     role: y\n",  # deeper than the item's first key
        "people:\n  - a\n - b\n",
        "title: a\u2028b\n",
        "\ufefftitle: x\n",
        "title: x\r\n",
        "title: x \n",
        "image:\n  src: a.png\n",  # a nested mapping
        "true: x\n",
    ],
)
def test_what_the_quick_reader_leaves_to_yamlsafe(text: str) -> None:
    assert yaml_fast.load(text, 1) is None


@pytest.mark.parametrize(
    "text",
    ["count: 10\n", "ratio: 1.5e3\n", "title:\nnext: x\n", 'title: "a\\"b \\\\ c"\n', "tags: [a, 10, true]\n",
     "timeline:\n  - date: 2019\n    event: x\n", "summary: The **three-year** deal [at] 50% & more!\n",
     "url: https://example.org/a%27b?c=d\n"],
)
def test_numbers_nulls_escapes_and_indicators_inside_values_read_as_yamlsafe_reads_them(text: str) -> None:
    fast = yaml_fast.load(text, 1)
    assert fast is not None
    slow = yamlsafe.load(text, 1)
    assert (typed(fast.data), fast.lines) == (typed(slow.data), slow.lines)


def test_duplicate_keys_still_get_yamlsafes_message() -> None:
    source = sources.SourceFile(path="content/a.md", text="---\ntitle: x\ndate: 2020-01-01\ntitle: y\n---\nBody\n")
    doc, problems = frontmatter.split(source)
    assert doc is None
    assert [(p.line, p.message) for p in problems] == [(4, "title: duplicate key (first given on line 2)")]


def test_the_sample_site_is_the_same_without_the_quick_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roots = [copy_sample(tmp_path / name) for name in ("with", "without")]
    build_site(roots[0])
    monkeypatch.setattr(yaml_fast, "load", lambda text, offset=0: None)
    build_site(roots[1])
    with_fast, without = tree_digest(roots[0] / "site"), tree_digest(roots[1] / "site")
    assert with_fast.keys() == without.keys()
    assert [path for path in with_fast if with_fast[path] != without[path]] == []

"""Front matter YAML: YAML 1.2 words, no code execution, no alias bombs, problems at the right line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import frontmatter, yamlsafe
from generator.sources import SourceFile

MakeSite = Callable[..., Path]
Lines = Callable[..., list[str]]


def json_ld(html: str) -> dict[str, object]:
    """The page's schema.org data."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "page has no JSON-LD"
    data = json.loads(match.group(1))
    assert isinstance(data, dict)
    return data


# --- YAML 1.2 scalars --------------------------------------------------------------------------


def test_no_and_on_stay_words_in_the_built_page(
    tmp_path: Path, make_site: MakeSite, article: Callable[..., str], build_site: Callable[..., Path]
) -> None:
    root = make_site(tmp_path, {"content/x.md": article(extra="tags: [no, on, yes, off]\n")})
    html = (build_site(root) / "briefings/x/index.html").read_text(encoding="utf-8")
    assert json_ld(html)["keywords"] == ["no", "on", "yes", "off"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: [no, on, yes, off, n, y]", ["no", "on", "yes", "off", "n", "y"]),
        ("v: [true, false, True, FALSE]", [True, False, True, False]),
        ("v: [1:20, 2019-12-07, 2019-12, 2025]", ["1:20", "2019-12-07", "2019-12", 2025]),
        ("v: [010, 0o10, 0x10, 1.5]", [10, 8, 16, 1.5]),
        ("v: [~, null, '']", [None, None, ""]),
    ],
)
def test_scalars_follow_yaml_1_2(text: str, expected: list[object]) -> None:
    assert yamlsafe.load(text).data == {"v": expected}


@pytest.mark.parametrize(
    ("text", "expected", "lines"),
    [
        ("title: !!str 2017\nn: !!int '12'", {"title": "2017", "n": 12}, {("title",): 1, ("n",): 2}),
        ("base: &b {x: 1}\n", {"base": {"x": 1}}, {("base",): 1, ("base", "x"): 1}),
        ("<<: {x: 1}\ny: 2", {"x": 1, "y": 2}, {("<<",): 1, ("<<", "x"): 1, ("y",): 2}),
        ("1: one\n2.5: two\n~: three", {1: "one", 2.5: "two", None: "three"}, {("1",): 1, ("2.5",): 2, ("~",): 3}),
        ("a:\n  - [x, {y: z}]", {"a": [["x", {"y": "z"}]]}, {("a",): 1, ("a", 0): 2, ("a", 0, 0): 2, ("a", 0, 1): 2, ("a", 0, 1, "y"): 2}),
    ],
)
def test_tags_merge_keys_and_odd_keys_read_as_yaml_says(text: str, expected: dict[object, object], lines: dict[tuple[object, ...], int]) -> None:
    # Plain documents take a one-pass reader; tags and merge keys PyYAML's constructor: same data.
    document = yamlsafe.load(text)
    assert document.data == expected
    assert {path: line for path, line in document.lines.items() if path} == lines


def test_draft_true_and_false_are_booleans(
    tmp_path: Path, make_site: MakeSite, article: Callable[..., str], build_site: Callable[..., Path]
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/hidden.md": article("Hidden", extra="draft: true\n"),
            "content/shown.md": article("Shown", extra="draft: false\n"),
        },
    )
    out = build_site(root)
    assert (out / "briefings/shown/index.html").is_file()
    assert not (out / "briefings/hidden").exists()


# --- untrusted input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"],
)
def test_python_tags_are_refused_and_never_run(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, tag: str
) -> None:
    marker = tmp_path / "PWNED"
    text = f'---\ntitle: T\ndate: 2020-01-01\nx: {tag} ["touch {marker}"]\n---\n'
    root = make_site(tmp_path, {"content/x.md": text})
    (line,) = check_lines(root)
    assert line.startswith("content/x.md:4: invalid YAML: the tag ")
    assert tag.removeprefix("!!") in line
    assert "is not allowed" in line
    assert not marker.exists()


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 strings if anything expanded it."""
    lines = ["---", "title: Lol", "date: 2020-01-01", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines + ["---", "Body."]) + "\n"


def test_alias_bomb_is_refused_at_the_first_alias(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(tmp_path, {"content/bomb.md": billion_laughs()})
    assert check_lines(root) == ["content/bomb.md:5: a1[0]: YAML aliases (*name) are not supported"]


def test_alias_of_a_scalar_is_refused_at_its_key(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    text = "---\ntitle: &t Same\ndate: 2020-01-01\nsummary: *t\n---\n"
    root = make_site(tmp_path, {"content/x.md": text})
    assert check_lines(root) == ["content/x.md:4: summary: YAML aliases (*name) are not supported"]


def test_absurdly_deep_nesting_is_an_error_not_a_crash(
    tmp_path: Path, make_site: MakeSite, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    # libyaml's composer recursed in C and killed the process (SIGSEGV) on this; run it apart.
    deep = "---\ntitle: T\ndate: 2020-01-01\nv:\n  " + "- " * 50_000 + "x\n---\n"
    root = make_site(tmp_path, {"content/deep.md": deep})
    code, _, err = run_cli("check", cwd=root)
    assert code == 1
    assert "content/deep.md: invalid YAML: nested too deeply" in err.splitlines()


# --- structure and line numbers ----------------------------------------------------------------


def test_duplicate_key_names_both_lines_of_the_file(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    text = "---\ntitle: One\ndate: 2020-01-01\ntitle: Two\n---\n"
    root = make_site(tmp_path, {"content/x.md": text})
    assert check_lines(root) == ["content/x.md:4: title: duplicate key (first given on line 2)"]


def test_duplicate_key_inside_a_list_item(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    text = "---\ntitle: T\ndate: 2020-01-01\npeople:\n  - name: A\n    role: x\n    name: B\n---\n"
    root = make_site(tmp_path, {"content/x.md": text})
    assert check_lines(root) == ["content/x.md:7: people[0].name: duplicate key (first given on line 5)"]


def test_front_matter_without_closing_fence(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(tmp_path, {"content/x.md": "---\ntitle: T\ndate: 2020-01-01\n\nBody.\n"})
    assert check_lines(root) == ["content/x.md:1: front matter is not closed: add a '---' line after it"]


def test_markdown_without_front_matter(tmp_path: Path, make_site: MakeSite, check_lines: Lines) -> None:
    root = make_site(tmp_path, {"content/x.md": "# Just a heading\n"})
    assert check_lines(root) == ["content/x.md:1: no front matter: the file must start with a '---' line"]


@pytest.mark.parametrize(
    ("front", "kind"),
    [("- title\n- date\n", "a list"), ("just a sentence\n", "text"), ("42\n", "number")],
)
def test_front_matter_must_be_a_mapping(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, front: str, kind: str
) -> None:
    root = make_site(tmp_path, {"content/x.md": f"---\n{front}---\nBody.\n"})
    (line,) = check_lines(root)
    assert line.startswith("content/x.md:2: front matter must be a mapping of fields (key: value), got ")
    assert line.endswith(kind)


@pytest.mark.parametrize("front", ["", "# only a comment\n", "\n\n"])
def test_empty_front_matter_is_an_error(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, front: str
) -> None:
    root = make_site(tmp_path, {"content/x.md": f"---\n{front}---\nBody.\n"})
    (line,) = check_lines(root)
    assert re.fullmatch(r"content/x\.md:\d+: front matter must be a mapping .*, got empty", line)


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("title: T\ndate: 2020-01-01\nsummary: a: b\n", 4, "mapping values are not allowed"),
        ("title: T\ndate: 2020-01-01\n\tauthor: x\n", 4, "tab character"),
        ("title: T\ntags: [a, b\nauthor: x\nsection: y\n", 4, "did not find expected ',' or ']'"),
        ("title: T\ndate: 2020-01-01\ntags:\n  - a\n - b\n", 6, "did not find expected key"),
    ],
    ids=["mapping-value", "tab", "unclosed-flow", "indent"],
)
def test_syntax_error_line_counts_the_opening_fence(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, front: str, line: int, message: str
) -> None:
    root = make_site(tmp_path, {"content/x.md": f"---\n{front}---\nBody.\n"})
    (diag,) = check_lines(root)
    assert diag.startswith(f"content/x.md:{line}: invalid YAML: ")
    assert message in diag


def test_sidecar_syntax_error_is_at_its_own_line(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(
        tmp_path,
        {"content/story.txt": "Text.\n", "content/story.yaml": "title: T\ndate: 2020-01-01\nsummary: a: b\n"},
    )
    (diag,) = check_lines(root)
    assert diag.startswith("content/story.yaml:3: invalid YAML: mapping values are not allowed")


def test_second_document_in_front_matter_is_explained(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(
        tmp_path, {"content/story.txt": "Text.\n", "content/story.yaml": "title: T\n---\ndate: 2020-01-01\n"}
    )
    assert check_lines(root) == [
        "content/story.yaml:2: invalid YAML: expected one document, but found a second '---' block"
    ]


@pytest.mark.parametrize(
    ("text", "yaml_text", "body", "body_line"),
    [
        ("---\ntitle: T\n---\nBody.\n", "title: T\n", "Body.\n", 4),
        ("---  \ntitle: T\n--- \t\nBody.\n", "title: T\n", "Body.\n", 4),  # spaces after a fence
        ("---\r\ntitle: T\r\n---\r\nBody.\r\n", "title: T\r\n", "Body.\r\n", 4),  # Windows line ends
        ("---\ntitle: T\n----\nx: 1\n---\nBody\n---\nMore\n", "title: T\n----\nx: 1\n", "Body\n---\nMore\n", 6),
        ("---\ntitle: T\n ---\n---", "title: T\n ---\n", "", 5),  # indented is no fence; none after the last
        ("---\n---\nBody\n", "\n", "Body\n", 3),  # empty front matter
    ],
)
def test_the_closing_fence_is_the_first_line_of_three_dashes(
    text: str, yaml_text: str, body: str, body_line: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What goes to YAML, what is the body and the line it starts on, for fences as writers type them."""
    seen: list[tuple[str, str, int]] = []
    monkeypatch.setattr(frontmatter, "_read_yaml", lambda source, path, yaml, offset, rest, line: seen.append((yaml, rest, line)) or (None, []))
    frontmatter.split(SourceFile(path="content/x.md", text=text))
    assert seen == [(yaml_text, body, body_line)]

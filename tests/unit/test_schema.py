"""Front matter checked field by field: each problem once, as `path:line: field: message`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

MakeSite = Callable[..., Path]
Lines = Callable[..., list[str]]
Article = Callable[..., str]
Build = Callable[..., Path]


@pytest.fixture
def site_with(tmp_path: Path, make_site: MakeSite) -> Callable[[str], Path]:
    """A site whose only article is content/x.md with the given text."""
    return lambda text: make_site(tmp_path, {"content/x.md": text})


def page(out: Path, slug: str = "x") -> str:
    return (out / "briefings" / slug / "index.html").read_text(encoding="utf-8")


# --- required fields and types -----------------------------------------------------------------


def test_missing_title_and_date(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with("---\nauthor: Someone\n---\nBody.\n")
    assert check_lines(root) == [
        "content/x.md:2: date: required, but missing (YYYY-MM-DD)",
        "content/x.md:2: title: required, but missing or empty",
    ]


def test_empty_title_points_at_its_key(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with('---\ndate: 2020-01-01\ntitle: "  "\n---\n')
    assert check_lines(root) == ["content/x.md:3: title: required, but missing or empty"]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("tags: {a: 1}\n", "content/x.md:4: tags: expected a list (items starting with '- '), got a mapping"),
        ("people:\n  - name: Ann\n  - 42\n", "content/x.md:6: people[1]: expected a mapping (name: ...), got a number"),
        ('draft: "yes"\n', "content/x.md:4: draft: expected true or false, got text 'yes'"),
        ("draft: yes\n", "content/x.md:4: draft: expected true or false, got text 'yes'"),
        ("summary: {a: b}\n", "content/x.md:4: summary: expected text, got a mapping"),
        ("key_facts:\n  - ok\n  - [nested]\n", "content/x.md:6: key_facts[1]: expected text, got a list"),
    ],
)
def test_wrong_types(site_with: Callable[[str], Path], check_lines: Lines, extra: str, expected: str) -> None:
    root = site_with(f"---\ntitle: T\ndate: 2020-01-01\n{extra}---\n")
    assert check_lines(root) == [expected]


def test_title_must_be_text(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with("---\ndate: 2020-01-01\ntitle: [a, b]\n---\n")
    assert check_lines(root) == ["content/x.md:3: title: expected text, got a list"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13-01", "date: '2019-13-01' is not a real date"),
        ("2019-02-30", "date: '2019-02-30' is not a real date"),
        ("2019-02", "date: expected YYYY-MM-DD or an ISO date-time such as 2017-12-08T09:30:00Z, got '2019-02'"),
        ("yesterday", "date: expected YYYY-MM-DD or an ISO date-time such as 2017-12-08T09:30:00Z, got 'yesterday'"),
    ],
)
def test_bad_publication_date(
    site_with: Callable[[str], Path], check_lines: Lines, value: str, message: str
) -> None:
    root = site_with(f"---\ntitle: T\ndate: {value}\n---\n")
    assert check_lines(root) == [f"content/x.md:3: {message}"]


def test_publication_date_time_is_accepted(
    site_with: Callable[[str], Path], check_lines: Lines, build_site: Build
) -> None:
    root = site_with("---\ntitle: T\ndate: 2017-12-08T09:30:00Z\n---\n")
    assert check_lines(root) == []
    assert 'datetime="2017-12-08T09:30:00+00:00"' in page(build_site(root))


# --- timeline dates ----------------------------------------------------------------------------


def test_timeline_dates_of_every_precision_are_valid(
    site_with: Callable[[str], Path], check_lines: Lines
) -> None:
    root = site_with(
        "---\ntitle: T\ndate: 2020-01-01\ntimeline:\n"
        "  - {date: 2025, event: a}\n  - {date: \"2019-12\", event: b}\n  - {date: 2017-12-07, event: c}\n"
        "  - {date: 2019-12, event: unquoted month}\n---\n"
    )
    assert check_lines(root) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2019-13"', "'2019-13' is not a real date: month 13 does not exist"),
        ("2019-02-30", "'2019-02-30' is not a real date: February has no day 30"),
        ("2019-00", "'2019-00' is not a real date: month 0 does not exist"),
        ("19", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '19'"),
        ("Dec 2019", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'Dec 2019'"),
        ("true", "expected YYYY, YYYY-MM or YYYY-MM-DD, got 'True'"),
    ],
)
def test_bad_timeline_date_names_the_item_and_its_line(
    site_with: Callable[[str], Path], check_lines: Lines, value: str, message: str
) -> None:
    root = site_with(
        "---\n"                      # 1
        "title: T\n"                 # 2
        "date: 2020-01-01\n"         # 3
        "timeline:\n"                # 4
        "  - date: 2025\n"           # 5
        "    event: fine\n"          # 6
        "  - event: the bad one\n"   # 7
        f"    date: {value}\n"       # 8: the key's own line, not the item's
        "---\n"
    )
    assert check_lines(root) == [f"content/x.md:8: timeline[1].date: {message}"]


def test_timeline_item_without_date(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\ntimeline:\n  - event: undated\n---\n")
    assert check_lines(root) == [
        "content/x.md:5: timeline[0]: date: required, but missing (YYYY, YYYY-MM or YYYY-MM-DD)"
    ]


# --- unknown keys and --strict -----------------------------------------------------------------


def test_unknown_key_is_a_warning_with_a_suggestion(
    site_with: Callable[[str], Path], check_lines: Lines, build_site: Build
) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\nkeyfacts:\n  - A fact\n---\n")
    expected = "content/x.md:4: warning: keyfacts: unknown field (did you mean 'key_facts'?)"
    assert check_lines(root) == [expected]
    assert (build_site(root) / "briefings/x/index.html").is_file()  # a warning does not stop the build


def test_unknown_nested_key_gets_a_suggestion_too(
    site_with: Callable[[str], Path], check_lines: Lines
) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\npeople:\n  - name: Ann\n    roel: CEO\n---\n")
    assert check_lines(root) == ["content/x.md:6: warning: people[0].roel: unknown field (did you mean 'role'?)"]


def test_strict_turns_the_warning_into_an_error(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\nkeyfacts: [x]\n---\n")
    assert check_lines(root, strict=True) == [
        "content/x.md:4: keyfacts: unknown field (did you mean 'key_facts'?)"
    ]


# --- slugs -------------------------------------------------------------------------------------


def test_duplicate_slugs_name_both_files(
    tmp_path: Path, make_site: MakeSite, article: Article, check_lines: Lines
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/first.md": article("First", extra="slug: shared\n"),
            "content/second.md": article("Second", extra="slug: shared\n"),
        },
    )
    assert check_lines(root) == [
        "content/second.md:4: slug: 'shared' is already used by content/first.md; give one a different slug"
    ]


def test_slug_from_a_file_name_can_clash_with_a_given_one(
    tmp_path: Path, make_site: MakeSite, article: Article, check_lines: Lines
) -> None:
    root = make_site(
        tmp_path,
        {"content/a.md": article("A", extra="slug: news\n"), "content/news.md": article("News")},
    )
    (line,) = check_lines(root)
    assert "content/news.md" in line and "content/a.md" in line and "'news'" in line


@pytest.mark.parametrize("slug", ["../../etc", "a/b", ".hidden", "..", "/abs"])
def test_slug_that_would_leave_its_folder_is_refused(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, build_errors: Callable[[Path], list[str]], slug: str
) -> None:
    root = make_site(tmp_path, {"content/x.md": f'---\ntitle: T\ndate: 2020-01-01\nslug: "{slug}"\n---\n'})
    (line,) = check_lines(root)
    assert line.startswith(f"content/x.md:4: slug: '{slug}' must be one folder name")
    build_errors(root)
    assert sorted(p.name for p in tmp_path.rglob("index.html")) == []


# --- encodings and line endings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"---\ntitle: Caf\xe9\ndate: 2020-01-01\n---\n", 2, "0xe9"),  # Latin-1
        ("---\ntitle: T\n---\n".encode("utf-16"), 1, "0xff"),  # UTF-16 with its BOM
        (b"---\ntitle: T\ndate: 2020-01-01\n---\nGood.\n\nBad \x93quote\x94.\n", 7, "0x93"),  # cp1252
    ],
    ids=["latin-1", "utf-16", "cp1252-body"],
)
def test_file_that_is_not_utf8_is_named_with_its_line(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, data: bytes, line: int, byte: str
) -> None:
    root = make_site(tmp_path, {"content/x.md": data})
    assert check_lines(root) == [
        f"content/x.md:{line}: not UTF-8 text (byte {byte}); save the file as UTF-8"
    ]


def test_bom_and_crlf_line_endings_build(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, build_site: Build
) -> None:
    text = (
        "\ufeff---\r\ntitle: Windows \u00e9dition\r\ndate: 2020-01-01\r\ntags: [a, b]\r\n---\r\n"
        "First para.\r\n\r\nSecond para.\r\n"
    )
    root = make_site(tmp_path, {"content/x.md": text})
    assert check_lines(root) == []
    html = page(build_site(root))
    assert "<h1>Windows \u00e9dition</h1>" in html
    assert "<p>First para.</p>" in html and "<p>Second para.</p>" in html
    assert "\r" not in html and "\ufeff" not in html


# --- quote.by ----------------------------------------------------------------------------------

PEOPLE = (
    "people:\n"
    "  - name: Jim Hackett\n"
    "    id: jhackett\n"
    "    org: Ford Motor Company\n"
    "organizations:\n"
    "  - Alibaba Group\n"
    "quotes:\n"
    "  - text: Words.\n"
    "    by: {by}\n"
)  # `by:` is on line 12 of the file


@pytest.mark.parametrize(
    "by", ["Jim Hackett", "jim hackett", "jhackett", "Ford Motor Company", "Alibaba Group", "alibaba group"]
)
def test_quote_by_a_person_or_organisation_is_fine(
    site_with: Callable[[str], Path], check_lines: Lines, by: str
) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\n" + PEOPLE.format(by=by) + "---\n")
    assert check_lines(root) == []


@pytest.mark.parametrize(
    ("by", "hint"),
    [
        ("Jim Hacket", " (did you mean 'Jim Hackett'?)"),
        ("Alibaba Grop", " (did you mean 'Alibaba Group'?)"),
        ("Somebody Else", ""),
    ],
)
def test_quote_by_nobody_in_the_briefing_warns(
    site_with: Callable[[str], Path], check_lines: Lines, by: str, hint: str
) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\n" + PEOPLE.format(by=by) + "---\n")
    assert check_lines(root) == [
        f"content/x.md:12: warning: quotes[0].by: '{by}' is not one of this briefing's people or organizations{hint}"
    ]


def test_quote_naming_a_person_shows_their_role(
    site_with: Callable[[str], Path], build_site: Build
) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\n" + PEOPLE.format(by="jhackett") + "---\n")
    caption = re.search(r"<footer>(.*?)</footer>", page(build_site(root)), re.S)
    assert caption and "Ford Motor Company" in caption.group(1)


# --- links and HTML that must not run ----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "ftp://example.org/"]
)
def test_source_url_must_be_http(site_with: Callable[[str], Path], check_lines: Lines, url: str) -> None:
    root = site_with(f'---\ntitle: T\ndate: 2020-01-01\nsources:\n  - url: "{url}"\n---\n')
    # One problem, said once (a refused url is not also "a source needs a title or a url").
    assert check_lines(root) == [f"content/x.md:5: sources[0].url: '{url}' is not an http or https address"]


def test_source_without_title_or_url(site_with: Callable[[str], Path], check_lines: Lines) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\nsources:\n  - title: ''\n---\n")
    assert check_lines(root) == ["content/x.md:5: sources[0]: a source needs a title or a url"]


def test_raw_html_in_the_body_is_escaped(site_with: Callable[[str], Path], build_site: Build) -> None:
    root = site_with("---\ntitle: T\ndate: 2020-01-01\n---\nBefore <script>alert(1)</script> after.\n")
    html = page(build_site(root))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_raw_html_passes_when_the_site_allows_it(
    tmp_path: Path, make_site: MakeSite, build_site: Build
) -> None:
    root = make_site(
        tmp_path,
        {
            "site.yaml": "title: T\nallow_html: true\n",
            "content/x.md": "---\ntitle: T\ndate: 2020-01-01\n---\n<aside class=\"note\">Kept</aside>\n",
        },
    )
    assert '<aside class="note">Kept</aside>' in page(build_site(root))


JS_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "![x](javascript:alert(1))",
]


@pytest.mark.parametrize("allow_html", [False, True])
@pytest.mark.parametrize("link", JS_LINKS)
def test_javascript_links_never_become_links(
    tmp_path: Path, make_site: MakeSite, build_site: Build, link: str, allow_html: bool
) -> None:
    inline = link.split("\n")[0]
    root = make_site(
        tmp_path,
        {
            "site.yaml": f"title: T\nallow_html: {str(allow_html).lower()}\n",
            "content/x.md": (
                f"---\ntitle: T\ndate: 2020-01-01\nsummary: '{inline}'\nkey_facts: ['{inline}']\n---\n{link}\n"
            ),
        },
    )
    html = page(build_site(root)).lower()
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|&#)""", html)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def test_title_cannot_break_out_of_the_json_ld_script(
    site_with: Callable[[str], Path], build_site: Build
) -> None:
    title = "</script><script>alert(1)</script> & <!-- a\u2028b"
    root = site_with(f"---\ntitle: {json.dumps(title)}\ndate: 2020-01-01\n---\n")
    html = page(build_site(root))
    parser = _Scripts()
    parser.feed(html)
    inline = [(attrs, text) for attrs, text in parser.scripts if "src" not in attrs]
    assert [attrs.get("type") for attrs, _ in inline] == ["application/ld+json"]
    assert json.loads(inline[0][1])["headline"] == title
    assert "<script>alert(1)" not in html


# --- sidecar front matter ----------------------------------------------------------------------


def test_plain_text_with_sidecar_becomes_escaped_paragraphs(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, build_site: Build
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/story.txt": "First <b>para</b> & more.\nSame para.\n\n\nSecond *para*.\n",
            "content/story.yaml": "title: A story\ndate: 2020-01-01\n",
        },
    )
    assert check_lines(root) == []
    html = page(build_site(root), "story")
    assert "<p>First &lt;b&gt;para&lt;/b&gt; &amp; more.\nSame para.</p>" in html
    assert "<p>Second *para*.</p>" in html


def test_sidecar_problems_point_at_the_yaml_file(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/story.txt": "Text.\n",
            "content/story.yaml": (
                'title: T\ndate: 2020-01-01\ntimeline:\n  - event: x\n    date: "2019-13"\nsumary: s\n'
            ),
        },
    )
    assert check_lines(root) == [
        "content/story.yaml:5: timeline[0].date: '2019-13' is not a real date: month 13 does not exist",
        "content/story.yaml:6: warning: sumary: unknown field (did you mean 'summary'?)",
    ]


@pytest.mark.parametrize("fence", ["---", "--- ", "---\t"], ids=repr)
def test_markdown_with_front_matter_and_a_sidecar_is_an_error(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, fence: str
) -> None:
    # A fence with trailing blanks opens front matter too; it used to slip past this check.
    text = f"{fence}\ntitle: Here\ndate: 2020-01-01\n---\nBody.\n"
    root = make_site(tmp_path, {"content/x.md": text, "content/x.yaml": "title: Other\ndate: 2020-01-01\n"})
    assert check_lines(root) == [
        "content/x.md:1: front matter given twice: here and in content/x.yaml; keep one"
    ]


def test_markdown_may_keep_its_front_matter_in_a_sidecar(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines, build_site: Build
) -> None:
    root = make_site(
        tmp_path, {"content/x.md": "Some *Markdown*.\n", "content/x.yaml": "title: Side\ndate: 2020-01-01\n"}
    )
    assert check_lines(root) == []
    assert "<em>Markdown</em>" in page(build_site(root))


# --- drafts ------------------------------------------------------------------------------------


def test_drafts_are_left_out_unless_asked_for(
    tmp_path: Path, make_site: MakeSite, article: Article, build_site: Build
) -> None:
    root = make_site(
        tmp_path,
        {"content/pub.md": article("Published"), "content/wip.md": article("Work in progress", extra="draft: true\n")},
    )
    out = build_site(root)
    assert (out / "briefings/pub/index.html").is_file()
    assert not (out / "briefings/wip").exists()
    assert "Work in progress" not in (out / "index.html").read_text(encoding="utf-8")

    out = build_site(root, drafts=True)
    assert "Work in progress" in page(out, "wip")
    assert "Work in progress" in (out / "index.html").read_text(encoding="utf-8")


def test_draft_with_errors_is_still_checked(
    tmp_path: Path, make_site: MakeSite, check_lines: Lines
) -> None:
    root = make_site(tmp_path, {"content/wip.md": "---\ntitle: T\ndate: 2020-13-01\ndraft: true\n---\n"})
    assert check_lines(root) == ["content/wip.md:3: date: '2020-13-01' is not a real date"]

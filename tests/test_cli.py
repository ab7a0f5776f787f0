"""The `briefing` command as a user runs it: exit codes, every problem printed, site/ never half-built."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import generator
from generator import build, scaffold

MakeSite = Callable[..., Path]
RunCli = Callable[..., tuple[int, str, str]]
Article = Callable[..., str]
Digest = Callable[[Path], dict[str, str]]

SUMMARY = re.compile(r"Built (\d+) briefings?, (\d+) pages?(?: \(\d+ rendered, \d+ unchanged\))?, (\d+) warnings? in \d+\.\d\d s(?: \(search index: \d+\.\d\d s\))? -> (.+)")

REPO = Path(__file__).resolve().parent.parent


def good_site(tmp_path: Path, make_site: MakeSite, article: Article) -> Path:
    return make_site(
        tmp_path,
        {
            "content/ford.md": article("Ford and Alibaba", "2017-12-08"),
            "content/who.md": article("WHO names COVID-19", "2020-02-14"),
        },
    )


def test_build_exits_0_with_a_one_line_summary(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli
) -> None:
    root = good_site(tmp_path, make_site, article)
    code, out, err = run_cli("build", cwd=root)
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    match = SUMMARY.fullmatch(line)
    assert match, line
    assert match.group(1, 3, 4) == ("2", "0", "site")
    assert (root / "site/briefings/ford/index.html").is_file()
    assert (root / "site/briefings/who/index.html").is_file()


def test_a_reader_that_goes_away_costs_no_traceback(tmp_path: Path, make_site: MakeSite, article: Article) -> None:
    """`briefing build | head -0`: the summary has nowhere to go, the site is built all the same."""
    root = good_site(tmp_path, make_site, article)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build"], cwd=root, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before the build is done, so its summary meets a closed pipe
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode == 0
    assert (root / "site/briefings/ford/index.html").is_file()


def test_root_option_builds_a_site_elsewhere(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli
) -> None:
    root = good_site(tmp_path, make_site, article)
    code, out, err = run_cli("build", "--root", root.name, cwd=root.parent)
    assert code == 0, err
    assert (root / "site/index.html").is_file()
    assert not (root.parent / "site").exists()


def several_bad_files() -> dict[str, str | bytes]:
    return {
        "content/a.md": (
            "---\n"                     # 1
            "title: A\n"                # 2
            "date: 2019-13-01\n"        # 3  error
            "keyfacts: [x]\n"           # 4  warning
            "timeline:\n"               # 5
            "  - date: 2025\n"          # 6
            "    event: ok\n"           # 7
            '  - date: "2019-13"\n'     # 8  error
            "    event: bad month\n"    # 9
            "  - date: 2019-02-30\n"    # 10 error (sorted after 8, not before 3)
            "    event: bad day\n"      # 11
            "---\n"
        ),
        "content/b.md": b"---\ntitle: Caf\xe9\ndate: 2020-01-01\n---\n",
        "content/c.md": "---\ntitle: C\ndate: 2020-01-01\n",
        "content/story.txt": "Plain text.\n",
        "content/story.yaml": "title: S\ndate: 2020-01-01\npeople:\n  - 7\n",
        "content/sub/d.md": "---\ntitle: D\ndate: 2020-01-01\ntags: {x: 1}\n---\n",
        "content/z-good.md": "---\ntitle: Fine\ndate: 2020-01-01\n---\nFine.\n",
    }


EVERY_PROBLEM = [
    "content/a.md:3: date: '2019-13-01' is not a real date",
    "content/a.md:4: warning: keyfacts: unknown field (did you mean 'key_facts'?)",
    "content/a.md:8: timeline[1].date: '2019-13' is not a real date: month 13 does not exist",
    "content/a.md:10: timeline[2].date: '2019-02-30' is not a real date: February has no day 30",
    "content/b.md:2: not UTF-8 text (byte 0xe9); save the file as UTF-8",
    "content/c.md:1: front matter is not closed: add a '---' line after it",
    "content/story.yaml:4: people[0]: expected a mapping (name: ...), got a number",
    "content/sub/d.md:4: tags: expected a list (items starting with '- '), got a mapping",
]


def test_every_problem_of_every_file_in_one_run(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli
) -> None:
    root = make_site(tmp_path, several_bad_files())
    code, out, err = run_cli("build", cwd=root)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.splitlines() == [
        *EVERY_PROBLEM,
        "Build failed: 7 error(s), 1 warning(s); site left as it was",
    ]
    assert sorted(p.name for p in root.iterdir()) == ["content", "site.yaml"]  # nothing written


def test_check_writes_nothing_and_reports_like_build(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli, tree_digest: Digest
) -> None:
    root = make_site(tmp_path, several_bad_files())
    before = tree_digest(tmp_path)
    code, out, err = run_cli("check", cwd=root)
    assert code == 1
    assert err.splitlines() == [*EVERY_PROBLEM, "Checked: 7 error(s), 1 warning(s)"]
    assert tree_digest(tmp_path) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "site.yaml"]


def test_check_of_a_good_site_exits_0(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli
) -> None:
    root = good_site(tmp_path, make_site, article)
    code, _, err = run_cli("check", cwd=root)
    assert (code, err) == (0, "Checked: 0 error(s), 0 warning(s)\n")
    assert not (root / "site").exists()


@pytest.mark.parametrize("args", [("bogus",), ("build", "--nope"), ("new",), ()], ids=str)
def test_usage_error_exits_2(tmp_path: Path, run_cli: RunCli, args: tuple[str, ...]) -> None:
    code, out, err = run_cli(*args, cwd=tmp_path)
    assert code == 2
    assert "usage: briefing" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_version(tmp_path: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli("--version", cwd=tmp_path)
    assert code == 0
    assert out.strip() == f"briefing-pages {generator.__version__}"


def test_strict_makes_warnings_fail_the_build(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli
) -> None:
    root = make_site(tmp_path, {"content/x.md": article(extra="sumary: Typo.\n")})
    warning = "content/x.md:4: warning: sumary: unknown field (did you mean 'summary'?)"

    code, out, err = run_cli("build", cwd=root)
    assert code == 0
    assert err.splitlines() == [warning]
    match = SUMMARY.fullmatch(out.strip())
    assert match and match.group(3) == "1"

    code, out, err = run_cli("build", "--strict", cwd=root)
    assert code == 1
    assert out == ""
    assert err.splitlines()[0] == warning.replace("warning: ", "")


def test_failed_build_leaves_the_site_byte_for_byte(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli, tree_digest: Digest
) -> None:
    root = good_site(tmp_path, make_site, article)
    assert run_cli("build", cwd=root)[0] == 0
    before = tree_digest(root / "site")
    assert before

    # An error in the content stops the build before anything is rendered ...
    (root / "content/ford.md").write_text(article("Ford", "2017-02-30"), encoding="utf-8")
    code, _, err = run_cli("build", cwd=root)
    assert code == 1 and "content/ford.md:3: date:" in err
    assert tree_digest(root / "site") == before

    # ... and an error while rendering stops it after some pages were staged.
    (root / "content/ford.md").write_text(article("Ford, fixed"), encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates/briefing.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ briefing.titel }}\n{% endblock %}\n', encoding="utf-8"
    )
    code, _, err = run_cli("build", cwd=root)
    assert code == 1 and "templates/briefing.html:3:" in err
    assert tree_digest(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [".briefing-cache", "content", "site", "site.yaml", "templates"], "no staging folder left behind"


def test_deleting_an_article_removes_its_page(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli
) -> None:
    root = good_site(tmp_path, make_site, article)
    assert run_cli("build", cwd=root)[0] == 0
    assert (root / "site/briefings/ford/index.html").is_file()

    (root / "content/ford.md").unlink()
    code, out, _ = run_cli("build", cwd=root)
    assert code == 0
    match = SUMMARY.fullmatch(out.strip())
    assert match and match.group(1) == "1"
    assert not (root / "site/briefings/ford").exists()
    assert (root / "site/briefings/who/index.html").is_file()
    assert "Ford and Alibaba" not in (root / "site/index.html").read_text(encoding="utf-8")


def test_new_article_is_a_draft_that_builds(
    tmp_path: Path, make_site: MakeSite, run_cli: RunCli
) -> None:
    root = make_site(tmp_path, {})
    code, out, err = run_cli("new", "My Title", cwd=root)
    assert code == 0, err
    path = root / "content/my-title.md"
    assert path.is_file()
    assert "content/my-title.md" in out
    written = path.read_bytes()

    code, _, err = run_cli("build", "--strict", cwd=root)
    assert code == 0, err
    assert not (root / "site/briefings/my-title").exists()  # a draft

    code, _, err = run_cli("build", "--strict", "--drafts", cwd=root)
    assert code == 0, err
    assert "<h1>My Title</h1>" in (root / "site/briefings/my-title/index.html").read_text(encoding="utf-8")

    code, out, err = run_cli("new", "My Title", cwd=root)
    assert code == 1
    assert err.strip() == "content/my-title.md: already exists; choose another title or edit that file"
    assert path.read_bytes() == written


@pytest.mark.parametrize("title", ['Ford: "Yes" & no', "It's 100% #1 - [really]", "Back\\slash: ok?"])
def test_new_article_keeps_an_awkward_title(
    tmp_path: Path, make_site: MakeSite, check_lines: Callable[..., list[str]], title: str
) -> None:
    root = make_site(tmp_path, {})
    path, problems = scaffold.new_article(root, title, dt.date(2024, 5, 6))
    assert problems == [] and path is not None
    assert check_lines(root, strict=True, drafts=True) == []
    loaded = build.load(root, build.BuildOptions(drafts=True))
    assert [b.title for b in loaded.site.briefings] == [title]


def test_new_refuses_a_title_without_letters(tmp_path: Path, make_site: MakeSite) -> None:
    root = make_site(tmp_path, {})
    path, problems = scaffold.new_article(root, "???", dt.date(2024, 5, 6))
    assert path is None and problems and "cannot make a file name" in problems[0].message
    assert list((root / "content").iterdir()) == []


def test_init_creates_a_site_that_builds_strictly(tmp_path: Path, run_cli: RunCli, tree_digest: Digest) -> None:
    code, out, err = run_cli("init", "newsite", cwd=tmp_path)
    assert code == 0, err
    site = tmp_path / "newsite"
    assert (site / "site.yaml").is_file() and (site / "content").is_dir()

    # Without a public address, a strict (CI) build stops and says what is missing ...
    code, out, err = run_cli("build", "--strict", cwd=site)
    assert code == 1 and "no url" in err and "--base-url" in err
    # ... and with one, as the Pages workflow passes it, the new site builds cleanly.
    code, out, err = run_cli("build", "--strict", "--base-url", "https://user.github.io/newsite/", cwd=site)
    assert code == 0, err
    assert SUMMARY.fullmatch(out.strip())
    assert (site / "site/index.html").is_file()
    assert (site / ".github/workflows/pages.yml").read_text() == (REPO / ".github/workflows/pages.yml").read_text()

    before = tree_digest(site)
    code, _, err = run_cli("init", "newsite", cwd=tmp_path)
    assert code == 1
    assert "folder is not empty" in err
    assert tree_digest(site) == before


def test_init_refuses_a_folder_with_anything_in_it(tmp_path: Path) -> None:
    target = tmp_path / "occupied"
    target.mkdir()
    (target / ".keep").write_text("mine\n", encoding="utf-8")
    problems = scaffold.init_site(target, dt.date(2024, 5, 6))
    assert [p.message for p in problems] == ["folder is not empty; choose a new or empty folder"]
    assert [p.name for p in target.iterdir()] == [".keep"]


def test_template_syntax_error_names_the_template_line(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli,
    check_lines: Callable[..., list[str]],
) -> None:
    root = make_site(
        tmp_path,
        {
            "content/x.md": article(),
            "templates/briefing.html": (
                '{% extends "base.html" %}\n{% block main %}\n{% if %}\n<p>never</p>\n{% endif %}\n{% endblock %}\n'
            ),
        },
    )
    code, out, err = run_cli("build", cwd=root)
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("templates/briefing.html:3: template syntax: ")
    assert not (root / "site").exists()
    assert check_lines(root) == [err.splitlines()[0]]  # `check` finds it too


UNDEFINED = [
    (
        {
            "templates/briefing.html": (
                '{% extends "base.html" %}\n{% block main %}\n'
                "<h1>{{ briefing.title }}</h1>\n{{ headline }}\n{% endblock %}\n"
            )
        },
        "templates/briefing.html:4: while rendering briefings/x/index.html: "
        "UndefinedError: 'headline' is undefined",
    ),
    (
        {
            "templates/partials/quote.html": (
                "<figure>\n  <blockquote>{{ q.text }}</blockquote>\n  {{ speaker_name }}\n</figure>\n"
            )
        },
        "templates/partials/quote.html:3: while rendering briefings/x/index.html: "
        "UndefinedError: 'speaker_name' is undefined",
    ),
]


@pytest.mark.parametrize(("templates", "expected"), UNDEFINED, ids=["page", "included-partial"])
def test_undefined_variable_names_the_template_line(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli,
    templates: dict[str, str], expected: str,
) -> None:
    quote = "quotes:\n  - text: Hello.\n    by: Ann\npeople: [Ann]\n"
    root = make_site(tmp_path, {"content/x.md": article(extra=quote), **templates})
    code, out, err = run_cli("build", cwd=root)
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[0] == expected
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "output folder would replace the site's own files"),
        ("content", "output folder would replace the site's own files"),
        ("..", "output folder would replace the site's own files"),
        # An existing file used to be swapped for the built folder and left under a hidden name.
        ("site.yaml", "output must be a folder, but this is a file"),
    ],
)
def test_output_over_the_site_itself_is_refused(
    tmp_path: Path, make_site: MakeSite, article: Article, run_cli: RunCli, tree_digest: Digest,
    output: str, message: str,
) -> None:
    root = good_site(tmp_path, make_site, article)
    before = tree_digest(tmp_path)
    code, out, err = run_cli("build", "--output", output, cwd=root)
    assert code == 1
    assert f"{output}: {message}; choose another --output" in err.splitlines()
    assert "Traceback" not in err
    assert tree_digest(tmp_path) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "site.yaml"]

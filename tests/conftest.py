"""Shared test helpers: write a throwaway site, run the command line, build or check in-process."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from generator import build
from generator.diagnostics import BuildFailed, format_diagnostic

REPO = Path(__file__).resolve().parent.parent

DEFAULT_SITE_YAML = "title: Test Desk\nlanguage: en\nurl: https://example.org/desk/\n"

Files = Mapping[str, "str | bytes"]


def article(title: str = "A briefing", date: str = "2020-02-14", extra: str = "", body: str = "Body text.\n") -> str:
    """A valid Markdown article; `extra` is more front matter lines, written as given."""
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}"


def make_site(tmp_path: Path, files: Files) -> Path:
    """Write a site root under `tmp_path` (site.yaml, content/...) and return it.

    `files` maps paths relative to the root to text (written as UTF-8, byte for byte) or bytes.
    A default site.yaml is written unless `files` has one; content/ always exists.
    """
    root = tmp_path / "site-root"
    root.mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    if "site.yaml" not in files:
        (root / "site.yaml").write_text(DEFAULT_SITE_YAML, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def copy_sample(dest: Path) -> Path:
    """The repo's own site inputs (content/, data/ and site.yaml) in a fresh folder."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "data", dest / "data")
    shutil.copy2(REPO / "site.yaml", dest / "site.yaml")
    return dest


def run_cli(*args: str | Path, cwd: Path) -> tuple[int, str, str]:
    """Run `python -m generator ARGS` in `cwd`; return (exit status, stdout, stderr). Output is
    buffered as in a user's pipe (not PYTHONUNBUFFERED), so what the command prints must be
    flushed before it exits."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env={name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.returncode, proc.stdout, proc.stderr


def check_lines(root: Path, strict: bool = False, drafts: bool = False) -> list[str]:
    """`briefing check` in-process: every diagnostic as the CLI prints it, in order."""
    problems = build.check(root, build.BuildOptions(strict=strict, drafts=drafts))
    return [format_diagnostic(d) for d in problems]


def build_site(root: Path, strict: bool = False, drafts: bool = False) -> Path:
    """`briefing build` in-process; return the output folder. Raises BuildFailed on errors."""
    build.build(root, build.BuildOptions(strict=strict, drafts=drafts))
    return root / "site"


def build_errors(root: Path) -> list[str]:
    """Build in-process, expecting it to fail; return the diagnostics as printed."""
    with pytest.raises(BuildFailed) as failed:
        build.build(root, build.BuildOptions())
    return [format_diagnostic(d) for d in failed.value.diagnostics]


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path (empty when it does not exist)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(name="make_site")
def make_site_fixture() -> Callable[[Path, Files], Path]:
    """`make_site(tmp_path, files) -> root`."""
    return make_site


@pytest.fixture(name="run_cli")
def run_cli_fixture() -> Callable[..., tuple[int, str, str]]:
    """`run_cli(*args, cwd=root) -> (code, stdout, stderr)`."""
    return run_cli


@pytest.fixture(name="article")
def article_fixture() -> Callable[..., str]:
    """`article(title=..., date=..., extra=..., body=...) -> text` of a valid article."""
    return article


@pytest.fixture(name="check_lines")
def check_lines_fixture() -> Callable[..., list[str]]:
    """`check_lines(root, strict=False, drafts=False) -> ['content/x.md:3: ...', ...]`."""
    return check_lines


@pytest.fixture(name="build_site")
def build_site_fixture() -> Callable[..., Path]:
    """`build_site(root, strict=False, drafts=False) -> root/site`."""
    return build_site


@pytest.fixture(name="build_errors")
def build_errors_fixture() -> Callable[[Path], list[str]]:
    """`build_errors(root) -> diagnostics of a build that must fail`."""
    return build_errors


@pytest.fixture(name="tree_digest")
def tree_digest_fixture() -> Callable[[Path], dict[str, str]]:
    """`tree_digest(folder) -> {relpath: sha256}`."""
    return tree_digest

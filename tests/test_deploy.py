"""`briefing deploy` against a real remote (a bare repository): branch, history, user's repo untouched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cli

MakeSite = Callable[..., Path]
Article = Callable[..., str]

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
}
SUMMARY = re.compile(r"Deployed (\d+) files to origin gh-pages \(commit ([0-9a-f]{7})\)")


def git_env(tmp_path: Path, identity: bool = True) -> dict[str, str]:
    """An environment where git sees no user or system config and no repository above tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CEILING_DIRECTORIES=str(tmp_path),
    )
    return {**env, **IDENTITY} if identity else env


def git(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["git", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def deploy(root: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "deploy", "--root", str(root), *args],
        cwd=root.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def deploy_here(
    root: Path,
    env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
) -> tuple[int, str, str]:
    """`briefing deploy` in-process (faster), under `env` and no other GIT_* variables."""
    for key in [key for key in os.environ if key.startswith("GIT_") and key not in env]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code = cli.main(["deploy", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def source_repo(
    tmp_path: Path, make_site: MakeSite, article: Article, env: dict[str, str]
) -> tuple[Path, Path]:
    """A site that is a git repository with a bare repository as `origin`; return (root, bare)."""
    root = make_site(
        tmp_path,
        {
            "site.yaml": "title: Test Desk\nlanguage: en\ncname: news.example.com\n",
            "content/who.md": article("WHO names COVID-19", "2020-02-14"),
            ".gitignore": "/site/\n",
        },
    )
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", bare, cwd=tmp_path, env=env)
    git("init", "-q", "-b", "main", cwd=root, env=env)
    git("remote", "add", "origin", bare, cwd=root, env=env)
    git("add", "-A", cwd=root, env=env)
    git("commit", "-q", "-m", "source", cwd=root, env=env)
    return root, bare


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, .git excluded."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != ".git"
    }


def repo_state(root: Path, env: dict[str, str]) -> tuple[str, ...]:
    """What deploy must not change: working tree status, index, current branch and commit, local branches."""
    return (
        git("status", "--porcelain", "--untracked-files=all", cwd=root, env=env),
        git("ls-files", "--stage", cwd=root, env=env),
        git("rev-parse", "--abbrev-ref", "HEAD", cwd=root, env=env),
        git("rev-parse", "HEAD", cwd=root, env=env),
        git("branch", "--list", cwd=root, env=env),
    )


def has_branch(bare: Path, branch: str, env: dict[str, str]) -> bool:
    proc = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        cwd=bare,
        env=env,
        capture_output=True,
        check=False,
    )
    return proc.returncode == 0


def test_two_deploys_make_two_commits_holding_exactly_site_and_leave_the_repo_alone(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    (root / "notes.txt").write_text("staged, not committed\n")
    git("add", "notes.txt", cwd=root, env=env)
    (root / "scratch.txt").write_text("untracked\n")

    before = repo_state(root, env)
    code, out, err = deploy(root, env)
    assert (code, err) == (0, ""), err
    assert repo_state(root, env) == before
    first = SUMMARY.fullmatch(out.strip())
    assert first, out

    (root / "content/who.md").write_text(
        article("WHO names the disease COVID-19", "2020-02-14"), encoding="utf-8"
    )
    before = repo_state(root, env)
    code, out, err = deploy(root, env, "--message", "Second deploy")
    assert (code, err) == (0, ""), err
    assert repo_state(root, env) == before
    second = SUMMARY.fullmatch(out.strip())
    assert second, out

    checkout = tmp_path / "checkout"
    git("clone", "-q", "--branch", "gh-pages", bare, checkout, cwd=tmp_path, env=env)
    published = files_of(checkout)
    assert published == files_of(root / "site")
    assert {".nojekyll", "CNAME", "index.html"} <= set(published)
    assert b"WHO names the disease COVID-19" in published["briefings/who/index.html"]
    assert int(second.group(1)) == len(published)

    assert git("rev-list", "--count", "gh-pages", cwd=checkout, env=env).strip() == "2"
    tip, parent = git("rev-list", "--parents", "-n", "1", "gh-pages", cwd=checkout, env=env).split()
    assert tip.startswith(second.group(2)) and parent.startswith(first.group(2))
    messages = git("log", "--format=%s", "gh-pages", cwd=checkout, env=env).splitlines()
    source = git("rev-parse", "--short=7", "HEAD", cwd=root, env=env).strip()
    assert messages[0] == "Second deploy"
    assert re.fullmatch(
        rf"Deploy site built from {source} at \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC", messages[1]
    ), messages
    assert (
        git("log", "-1", "--format=%an <%ae>", "gh-pages", cwd=checkout, env=env).strip()
        == "Test Author <author@example.org>"
    )


def test_deploy_builds_on_commits_pushed_from_elsewhere_and_a_site_in_a_subfolder(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    env = git_env(tmp_path)
    site_root = make_site(tmp_path / "repo" / "web", {"content/a.md": article("A")})
    repo, bare = site_root.parent, tmp_path / "remote.git"
    git("init", "-q", "--bare", bare, cwd=tmp_path, env=env)
    git("init", "-q", "-b", "main", cwd=repo, env=env)
    git("remote", "add", "origin", bare, cwd=repo, env=env)
    assert deploy(site_root, env)[0] == 0

    other = tmp_path / "other"
    git("clone", "-q", "--branch", "gh-pages", bare, other, cwd=tmp_path, env=env)
    (other / "stray.txt").write_text("pushed by someone else\n")
    git("add", "stray.txt", cwd=other, env=env)
    git("commit", "-q", "-m", "elsewhere", cwd=other, env=env)
    git("push", "-q", "origin", "gh-pages", cwd=other, env=env)
    elsewhere = git("rev-parse", "HEAD", cwd=other, env=env).strip()

    code, _, err = deploy(site_root, env)
    assert code == 0, err
    git("pull", "-q", "--ff-only", cwd=other, env=env)
    assert git("rev-parse", "HEAD^", cwd=other, env=env).strip() == elsewhere
    assert files_of(other) == files_of(
        site_root / "site"
    )  # paths relative to site/, stray file gone
    assert "Deploy site built from a folder without commits at " in git(
        "log", "-1", "--format=%s", cwd=other, env=env
    )


def test_without_a_configured_identity_commits_as_briefing_pages(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    code, _, err = deploy(root, git_env(tmp_path, identity=False))
    assert code == 0, err
    who = git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "gh-pages", cwd=bare, env=env).strip()
    assert who == "briefing-pages <briefing@localhost>|briefing-pages <briefing@localhost>"


def test_outside_a_git_repository_exits_1_and_says_how_to_publish(
    tmp_path: Path,
    make_site: MakeSite,
    article: Article,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_site(tmp_path, {"content/a.md": article("A")})
    code, out, err = deploy_here(root, git_env(tmp_path), monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert (
        "not inside a git repository; briefing deploy publishes with git: run `git init` and add a remote"
        in err
    )
    assert "GitHub Actions (see README)" in err
    assert "Traceback" not in err


def test_unknown_remote_is_named_along_with_the_ones_there_are(
    tmp_path: Path,
    make_site: MakeSite,
    article: Article,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    code, out, err = deploy_here(root, env, monkeypatch, capsys, "--remote", "upstream")
    assert (code, out) == (1, "")
    assert "no remote named 'upstream' (this repository has origin)" in err
    assert "Traceback" not in err
    assert not has_branch(bare, "gh-pages", env)


def test_rejected_push_exits_1_with_gits_words_and_forces_nothing(
    tmp_path: Path, make_site: MakeSite, article: Article
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'deploys are frozen today' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = repo_state(root, env)
    code, out, err = deploy(root, env)
    assert (code, out) == (1, "")
    assert "origin rejected the push to gh-pages; nothing was forced" in err
    assert "deploys are frozen today" in err
    assert "Traceback" not in err
    assert not has_branch(bare, "gh-pages", env)
    assert repo_state(root, env) == before


def test_failing_build_pushes_nothing(
    tmp_path: Path,
    make_site: MakeSite,
    article: Article,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    (root / "content/broken.md").write_text("---\ntitle: [unclosed\ndate: 2020-01-01\n---\nBody\n")
    code, out, err = deploy_here(root, env, monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert "content/broken.md:" in err
    assert "nothing deployed" in err
    assert not has_branch(bare, "gh-pages", env)


def test_refuses_to_replace_a_branch_that_holds_the_source(
    tmp_path: Path,
    make_site: MakeSite,
    article: Article,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = git_env(tmp_path)
    root, bare = source_repo(tmp_path, make_site, article, env)
    git("push", "-q", "origin", "main", cwd=root, env=env)
    source = git("rev-parse", "main", cwd=bare, env=env)
    code, out, err = deploy_here(root, env, monkeypatch, capsys, "--branch", "main")
    assert (code, out) == (1, "")
    assert "origin main holds this repository's source history" in err
    assert git("rev-parse", "main", cwd=bare, env=env) == source


@pytest.mark.skipif(sys.platform == "win32", reason="PATH without git is set up the POSIX way")
def test_without_git_installed_exits_1_with_a_message(
    tmp_path: Path,
    make_site: MakeSite,
    article: Article,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_site(tmp_path, {"content/a.md": article("A")})
    empty = tmp_path / "empty-path"
    empty.mkdir()
    code, out, err = deploy_here(
        root, {**git_env(tmp_path), "PATH": str(empty)}, monkeypatch, capsys
    )
    assert (code, out) == (1, "")
    assert "git: git is not installed" in err
    assert "Traceback" not in err

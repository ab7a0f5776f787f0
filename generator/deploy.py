"""Publish a built site folder as the whole content of a branch on a git remote (GitHub Pages)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, error

FALLBACK_NAME = "briefing-pages"
FALLBACK_EMAIL = "briefing@localhost"
NOT_A_REPOSITORY = (
    "not inside a git repository; briefing deploy publishes with git: run `git init` and add a "
    "remote, or publish with GitHub Actions (see README)"
)


@dataclass(frozen=True, slots=True)
class DeployOptions:
    """Where to publish and how to label it."""

    remote: str = "origin"
    """Name of a git remote (or a URL) to push to."""
    branch: str = "gh-pages"
    """Branch whose whole content becomes the site."""
    message: str | None = None
    """Commit message; default names the source commit and the time."""


@dataclass(frozen=True, slots=True)
class Deployed:
    """What a deploy pushed, for the one-line summary and for tests."""

    commit: str
    """Full id of the new commit on the branch."""
    parent: str | None
    """The branch's previous tip, or None when the branch was created."""
    files: int
    """Files in the published tree."""
    remote: str
    """Remote pushed to."""
    branch: str
    """Branch pushed to."""

    @property
    def short(self) -> str:
        """Abbreviated commit id, as in `git log --oneline`."""
        return self.commit[:7]


class _Stop(Exception):
    """Ends a deploy early with one diagnostic; never escapes `deploy()`."""

    def __init__(self, message: str, path: str = "git") -> None:
        super().__init__(message)
        self.diagnostic = error(path, None, message)


@dataclass(frozen=True, slots=True)
class _Git:
    """Runs git in one folder, never prompting, output captured."""

    cwd: Path
    """Folder git runs in (it finds the repository from there)."""
    env: Mapping[str, str]
    """Environment for every call."""

    def run(
        self, *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`git ARGS`; stops the deploy with a clear message when git is not installed."""
        try:
            return subprocess.run(
                ["git", *args],
                cwd=cwd or self.cwd,
                env={**self.env, **(env or {})},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                check=False,
            )
        except FileNotFoundError:
            raise _Stop(
                "git is not installed (or not on PATH); install it from https://git-scm.com/ "
                "and deploy again"
            ) from None

    def output(
        self, *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> str:
        """`git ARGS` that must succeed; its stdout, stripped."""
        proc = self.run(*args, env=env, cwd=cwd)
        if proc.returncode != 0:
            command = next(arg for arg in args if not arg.startswith("-") and "=" not in arg)
            raise _Stop(f"`git {command}` failed:{_quote(proc.stderr)}")
        return proc.stdout.strip()


def deploy(
    root: Path, site: Path, options: DeployOptions, now: dt.datetime
) -> tuple[Deployed | None, list[Diagnostic]]:
    """Commit `site` as the whole tree of the branch, on top of the branch's history on the remote,
    and push it. Touches neither the working tree, the index nor the current branch around `root`.
    """
    if not site.is_dir():
        return None, [error(str(site), None, "no built site to deploy; run `briefing build` first")]
    git = _Git(root, {**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    try:
        return _deploy(git, site.resolve(), options, now), []
    except _Stop as stop:
        return None, [stop.diagnostic]


def _deploy(git: _Git, site: Path, options: DeployOptions, now: dt.datetime) -> Deployed:
    remote, branch = options.remote, options.branch
    found = git.run("rev-parse", "--absolute-git-dir")
    if found.returncode != 0:
        raise _Stop(NOT_A_REPOSITORY, path=str(git.cwd))
    _check_remote(git, remote)
    head = git.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}").stdout.strip() or None
    parent = _fetch_tip(git, remote, branch)
    if parent and head and git.run("merge-base", "--is-ancestor", parent, head).returncode == 0:
        raise _Stop(
            f"{remote} {branch} holds this repository's source history, and deploy replaces the "
            f"whole branch with the built site; publish to a branch of its own, such as "
            f"--branch gh-pages"
        )
    tree, files = _write_tree(git, found.stdout.strip(), site)
    message = options.message or (
        f"Deploy site built from {head[:7] if head else 'a folder without commits'} "
        f"at {now.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC"
    )
    parents = ["-p", parent] if parent else []
    commit = git.output("commit-tree", tree, *parents, "-m", message, env=_identity(git))
    pushed = git.run("push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
    if pushed.returncode != 0:
        raise _Stop(
            f"{remote} rejected the push to {branch}; nothing was forced, and the branch is as it "
            f"was. Git said:{_quote(pushed.stderr)}\n"
            f"If someone pushed to {branch} meanwhile, run briefing deploy again (it builds on the "
            f"branch's latest commit); if a hook or branch protection refused it, change that on "
            f"the remote."
        )
    return Deployed(commit=commit, parent=parent, files=files, remote=remote, branch=branch)


def _check_remote(git: _Git, remote: str) -> None:
    """The remote must exist, unless it is given as a URL or path."""
    names = git.output("remote").split()
    if remote in names or "/" in remote or ":" in remote:
        return
    there = ", ".join(sorted(names)) or "none"
    raise _Stop(
        f"no remote named '{remote}' (this repository has {there}); add it with "
        f"`git remote add {remote} URL` or choose one with --remote"
    )


def _fetch_tip(git: _Git, remote: str, branch: str) -> str | None:
    """The branch's tip on the remote, fetched so it can be the parent; None if there is none."""
    ref = f"refs/heads/{branch}"
    listed = git.run("ls-remote", "--heads", remote, ref)
    if listed.returncode != 0:
        raise _Stop(f"could not read the branches of remote '{remote}':{_quote(listed.stderr)}")
    tips = [line.split()[0] for line in listed.stdout.splitlines() if line.split()[1:] == [ref]]
    if not tips:
        return None
    if git.run("cat-file", "-e", f"{tips[0]}^{{commit}}").returncode != 0:
        fetched = git.run("fetch", "--quiet", "--no-tags", remote, ref)
        if git.run("cat-file", "-e", f"{tips[0]}^{{commit}}").returncode != 0:
            raise _Stop(
                f"could not fetch {branch} from {remote}; run briefing deploy again:"
                f"{_quote(fetched.stderr)}"
            )
    return tips[0]


def _write_tree(git: _Git, git_dir: str, site: Path) -> tuple[str, int]:
    """Store every file of `site` (ignored and dot-files too) as a tree, through a private index.

    Paths are relative to `site`, and bytes are stored as built (no line-ending conversion).
    """
    with tempfile.TemporaryDirectory(prefix="briefing-deploy-") as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        plain = ("-c", "core.autocrlf=false", f"--git-dir={git_dir}", f"--work-tree={site}")
        git.output(*plain, "add", "--all", "--force", ".", env=env, cwd=site)
        tree = git.output(*plain, "write-tree", env=env, cwd=site)
        listed = git.output(*plain, "ls-files", "-z", env=env, cwd=site)
    return tree, sum(1 for path in listed.split("\0") if path)


def _identity(git: _Git) -> dict[str, str]:
    """Author and committer for the deploy commit: the user's own, else briefing-pages."""
    env: dict[str, str] = {}
    for key, fallback, names in (
        ("user.name", FALLBACK_NAME, ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")),
        ("user.email", FALLBACK_EMAIL, ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")),
    ):
        if not git.run("config", key).stdout.strip():
            env.update({name: fallback for name in names if not git.env.get(name)})
    return env


def _quote(stderr: str, limit: int = 8) -> str:
    """Git's own words, briefly: its last meaningful lines, indented under the message."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith("hint:")][-limit:]
    return "".join(f"\n  {line}" for line in said)

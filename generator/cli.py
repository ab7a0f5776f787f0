"""The `briefing` command line: parse arguments, run one command, print diagnostics, exit 0/1/2."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator import __version__, build, scaffold
from generator.diagnostics import BuildFailed, Diagnostic, format_diagnostic


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build a static site of news briefings.")
    parser.add_argument("--version", action="version", version=f"briefing-pages {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def site_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", type=Path, default=Path("."), help="site folder (default: current folder)")
        p.add_argument("--drafts", action="store_true", help="include briefings marked draft: true")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
        p.add_argument("--base-url", help="public address of the site, overriding site.yaml's url")

    p = commands.add_parser("build", help="build the site into site/")
    site_options(p)
    p.add_argument("--output", type=Path, help="output folder (default: ROOT/site)")
    p.add_argument("--no-cache", action="store_true", help="build everything afresh; neither read nor write .briefing-cache/")
    site_options(commands.add_parser("check", help="validate content and templates; write nothing"))
    p = commands.add_parser("clean", help="remove the output folder and the build cache")
    p.add_argument("--root", type=Path, default=Path("."), help="site folder (default: current folder)")
    p.add_argument("--output", type=Path, help="output folder (default: ROOT/site)")
    p = commands.add_parser("serve", help="build, serve on localhost and rebuild and reload on every save")
    p.add_argument("--root", type=Path, default=Path("."), help="site folder (default: current folder)")
    p.add_argument("--drafts", action="store_true", help="include briefings marked draft: true")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000, or the next free one)")
    p.add_argument("--open", action="store_true", help="open the site in the default browser")
    p.add_argument("--output", type=Path, help="output folder (default: ROOT/site)")
    p = commands.add_parser("new", help="start a new article in content/")
    p.add_argument("title", help="the article's title")
    p.add_argument("--root", type=Path, default=Path("."), help="site folder (default: current folder)")
    p = commands.add_parser("import", help="draft briefings from raw articles into content/")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="raw articles (.txt or .md)")
    p.add_argument("--out", type=Path, default=Path("content"), help="folder for the drafts (default: content)")
    p.add_argument("--force", action="store_true", help="overwrite drafts that already exist")
    p.add_argument("--date", type=dt.date.fromisoformat, help="publication date (YYYY-MM-DD) of files without one")
    p = commands.add_parser("init", help="create a new site, ready to build")
    p.add_argument("dir", type=Path, help="folder for the new site (new or empty)")
    p = commands.add_parser("deploy", help="build, then push site/ to a branch for GitHub Pages")
    p.add_argument("--root", type=Path, default=Path("."), help="site folder (default: current folder)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--base-url", help="public address of the site, overriding site.yaml's url")
    p.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    p.add_argument("--branch", default="gh-pages", help="branch that holds the site (default: gh-pages)")
    p.add_argument("--message", help="commit message (default: the source commit and the time)")
    return parser


def _print(diagnostics: Sequence[Diagnostic]) -> None:
    for diag in diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(d.is_error for d in diagnostics)
    return errors, len(diagnostics) - errors


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"briefing: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except BrokenProcessPool:
        print(
            "briefing: a worker process stopped before its pages were done (out of memory, or killed); "
            "the site was left as it was. BRIEFING_JOBS=1 builds in one process.",
            file=sys.stderr,
        )
        return 1


def run() -> None:
    """The `briefing` executable: `main`, then the exit. After a build the process ends at once
    (output flushed first), and the operating system reclaims the build's data in one go instead
    of the interpreter freeing it object by object (see build.leave_data_for_exit)."""
    build.leave_data_for_exit()
    code = main()
    if build.data_left_for_exit():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # the reader went away (`briefing build | head -0`); the site is built
            pass
        os._exit(code)
    sys.exit(code)


def _run(args: argparse.Namespace) -> int:
    today = dt.date.today()
    if args.command == "init":
        problems = scaffold.init_site(args.dir, today)
        _print(problems)
        if problems:
            return 1
        print(f"Created a new site in {args.dir}. Next: cd {args.dir} && briefing build")
        return 0
    if args.command == "new":
        path, problems = scaffold.new_article(args.root, args.title, today)
        _print(problems)
        if path is None:
            return 1
        print(f"Created {path}")
        return 0
    if args.command == "serve":
        from generator import openpages, serve  # watchdog and the HTTP server only when needed

        options = build.BuildOptions(output=args.output, drafts=args.drafts)
        return serve.serve(
            args.root, options, build.build, host=args.host, port=args.port, open_browser=args.open,
            open_pages_fn=openpages.render_open,
        )
    if args.command == "deploy":
        return _deploy(args)
    if args.command == "import":
        from generator.importer.command import import_files

        written, problems = import_files(args.files, args.out, args.force, args.date)
        _print(problems)
        for path in written:
            print(f"Drafted {path}")
        return 1 if problems else 0
    if args.command == "clean":
        removed = build.clean(args.root, args.output)
        print(f"Removed {', '.join(str(p) for p in removed)}" if removed else "Nothing to remove")
        return 0
    options = build.BuildOptions(
        output=getattr(args, "output", None), drafts=args.drafts, strict=args.strict, base_url=args.base_url,
        use_cache=not getattr(args, "no_cache", False),
    )
    if args.command == "check":
        problems = build.check(args.root, options)
        _print(problems)
        errors, warnings = _counts(problems)
        print(f"Checked: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1 if errors else 0
    try:
        result = build.build(args.root, options)
    except BuildFailed as failed:
        _print(failed.diagnostics)
        errors, warnings = _counts(failed.diagnostics)
        print(f"Build failed: {errors} error(s), {warnings} warning(s); site left as it was", file=sys.stderr)
        return 1
    _print(result.diagnostics)
    out = options.output or args.root / "site"
    if result.up_to_date:
        print(
            f"Up to date: {_plural(result.briefings, 'briefing')}, {_plural(result.pages, 'page')}, "
            f"{_plural(len(result.diagnostics), 'warning')}; nothing changed since the last build "
            f"({result.seconds:.2f} s) -> {out}"
        )
        return 0
    reused = result.pages - result.counts.rendered
    print(
        f"Built {_plural(result.briefings, 'briefing')}, {_plural(result.pages, 'page')}"
        f"{f' ({result.counts.rendered} rendered, {reused} unchanged)' if reused else ''}, "
        f"{_plural(len(result.diagnostics), 'warning')} "
        f"in {result.seconds:.2f} s{f' (search index: {result.search_seconds:.2f} s)' if result.search_seconds else ''} -> {out}"
    )
    return 0


def _plural(count: int, noun: str) -> str:
    """`1 briefing`, `2 briefings`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _deploy(args: argparse.Namespace) -> int:
    """Build like `briefing build`, then publish site/ to the branch; nothing is pushed if the build fails."""
    from generator import deploy

    try:
        result = build.build(args.root, build.BuildOptions(strict=args.strict, base_url=args.base_url))
    except BuildFailed as failed:
        _print(failed.diagnostics)
        errors, warnings = _counts(failed.diagnostics)
        print(f"Build failed: {errors} error(s), {warnings} warning(s); nothing deployed", file=sys.stderr)
        return 1
    _print(result.diagnostics)
    options = deploy.DeployOptions(remote=args.remote, branch=args.branch, message=args.message)
    done, problems = deploy.deploy(args.root, args.root / "site", options, dt.datetime.now(dt.UTC))
    _print(problems)
    if done is None:
        return 1
    print(f"Deployed {_plural(done.files, 'file')} to {done.remote} {done.branch} (commit {done.short})")
    return 0

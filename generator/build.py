"""The build pipeline, start to finish: read -> validate -> model -> plan -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import frontmatter, model, output, pages, render, schema, sources
from generator.config import SiteConfig, load_config
from generator.diagnostics import BuildFailed, Diagnostic, error, sort_diagnostics, strictly
from generator.model import Briefing, Site


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line asks of a build."""

    output: Path | None = None
    """Output folder; default `<root>/site`."""
    drafts: bool = False
    """Include briefings marked `draft: true`."""
    strict: bool = False
    """Treat warnings as errors."""
    base_url: str | None = None
    """Overrides site.yaml's `url`."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did, for the one-line summary and for tests."""

    briefings: int
    """Briefings published."""
    pages: int
    """Pages rendered."""
    files: int
    """Files written, static ones included."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings (errors raise BuildFailed instead)."""
    seconds: float = 0.0
    """Wall time of the build."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A site read and checked, ready to plan."""

    config: SiteConfig
    site: Site
    diagnostics: list[Diagnostic]


def load(root: Path, options: BuildOptions) -> Loaded:
    """Read site.yaml and every article; collect every diagnostic of every file."""
    config, diagnostics = load_config(root, options.base_url)
    found, problems = sources.discover(root)
    diagnostics += problems
    briefings: list[Briefing] = []
    slug_lines: dict[str, tuple[str, int | None]] = {}
    for source in found:
        raw, problems = frontmatter.split(source)
        diagnostics += problems
        if raw is None:
            continue
        briefing, problems = schema.to_briefing(raw)
        diagnostics += problems
        if briefing is not None and (options.drafts or not briefing.draft):
            briefings.append(briefing)
            if ("slug",) in raw.lines:
                slug_lines[briefing.source_path] = (raw.data_path, raw.lines[("slug",)])
    diagnostics += _duplicate_slugs(briefings, slug_lines)
    if options.strict:
        diagnostics = strictly(diagnostics)
    return Loaded(config, model.assemble(briefings), sort_diagnostics(diagnostics))


def _duplicate_slugs(
    briefings: list[Briefing], slug_lines: dict[str, tuple[str, int | None]]
) -> list[Diagnostic]:
    """Two articles cannot share a page: name both files, at the `slug:` line when there is one."""
    first: dict[str, Briefing] = {}
    problems = []
    for briefing in sorted(briefings, key=lambda b: b.source_path):
        other = first.setdefault(briefing.slug, briefing)
        if other is not briefing:
            path, line = slug_lines.get(briefing.source_path, (briefing.source_path, None))
            problems.append(
                error(path, line, f"slug: '{briefing.slug}' is already used by {other.source_path}; give one a different slug")
            )
    return problems


def check(root: Path, options: BuildOptions) -> list[Diagnostic]:
    """Validate everything, templates included, and write nothing."""
    loaded = load(root, options)
    problems = list(loaded.diagnostics)
    problems += render.check_templates(render.make_renderer(root, loaded.config))
    if options.strict:
        problems = strictly(problems)
    return sort_diagnostics(problems)


def build(root: Path, options: BuildOptions) -> BuildResult:
    """Build the site into a staging folder and swap it in; raise BuildFailed and change nothing on errors."""
    started = time.perf_counter()
    loaded = load(root, options)
    renderer = render.make_renderer(root, loaded.config)
    problems = loaded.diagnostics + render.check_templates(renderer)
    _fail_on_errors(problems)
    planned = pages.plan(loaded.site, loaded.config)
    out = options.output or root / "site"
    _check_output_folder(root, out)
    staging = output.Staging(out)
    try:
        for folder in _static_folders(root):
            staging.copy_tree(folder)
        for page in planned:
            data, errors = render.render(renderer, page)
            problems += errors
            if data is not None:
                staging.write(page.path, data)
        staging.write(".nojekyll", b"")
        _fail_on_errors(problems)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return BuildResult(
        briefings=len(loaded.site.briefings),
        pages=len(planned),
        files=staging.files,
        diagnostics=sort_diagnostics(problems),
        seconds=time.perf_counter() - started,
    )


def _fail_on_errors(problems: list[Diagnostic]) -> None:
    if any(d.is_error for d in problems):
        raise BuildFailed(sort_diagnostics(problems))


def _static_folders(root: Path) -> list[Path]:
    """Built-in static files first, then the site's own, which win."""
    default = render.default_templates().parent / "static"
    folders = [default.resolve()] if default.is_dir() else []
    own = (root / "static").resolve()
    if own.is_dir() and own not in folders:
        folders.append(own)
    return folders


def _check_output_folder(root: Path, out: Path) -> None:
    """The output folder is replaced whole, so it must not hold the site's own files."""
    out_r, root_r = out.resolve(), root.resolve()
    inputs = [root_r / name for name in ("content", "templates", "static")]
    if out_r == root_r or root_r.is_relative_to(out_r) or any(out_r.is_relative_to(p) for p in inputs):
        raise BuildFailed([error(str(out), None, "output folder would replace the site's own files; choose another --output")])
    if out.exists() and not out.is_dir():
        raise BuildFailed([error(str(out), None, "output must be a folder, but this is a file; choose another --output")])

"""`briefing import`: read raw articles, draft each, and write content/<name>.md only if all succeed."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.diagnostics import Diagnostic, error
from generator.importer import analysis, draft, rawarticle
from generator.sources import decode


@dataclass(frozen=True, slots=True)
class Drafted:
    """One draft ready to be written."""

    source: Path
    """The raw article."""
    target: Path
    """The briefing file it becomes."""
    text: str
    """The briefing file's text."""


def target_name(source: Path, title: str) -> str:
    """The draft's file name: the article's own name when it is a safe slug, else one made from it or the title."""
    stem = source.stem
    if urls.is_safe_slug(stem):
        return stem
    return urls.slugify(stem)[:80].strip("-") or urls.slugify(title)[:60].strip("-") or "article"


def prepare(files: list[Path], out: Path, force: bool, fallback_date: dt.date | None) -> tuple[list[Drafted], list[Diagnostic]]:
    """Draft every file in memory; every problem as a diagnostic naming its file."""
    drafts: list[Drafted] = []
    problems: list[Diagnostic] = []
    targets: dict[Path, Path] = {}
    for source in files:
        name = str(source)
        try:
            data = source.read_bytes()
        except OSError as exc:
            problems.append(error(name, None, f"cannot read: {exc.strerror or exc}"))
            continue
        text, decoded = decode(data, name)
        if text is None:
            problems += decoded
            continue
        article, found = rawarticle.parse(text, name, fallback_date)
        problems += found
        if article is None:
            continue
        target = out / f"{target_name(source, article.title)}.md"
        if target in targets:
            problems.append(error(name, None, f"would write {target} as {targets[target]} does; rename one of them"))
            continue
        targets[target] = source
        if target.exists() and not force:
            problems.append(error(name, None, f"{target} already exists; use --force to overwrite it"))
            continue
        text = draft.render(analysis.analyse(article))
        wrong = draft.check(text, target.as_posix())
        if wrong:
            problems += [error(name, None, f"the draft would not build ({d.message}); please report this") for d in wrong]
            continue
        drafts.append(Drafted(source, target, text))
    return drafts, problems


def write(drafts: list[Drafted]) -> None:
    """Write each draft through a temporary file, so no file is ever half-written."""
    for item in drafts:
        item.target.parent.mkdir(parents=True, exist_ok=True)
        temporary = item.target.with_name(f".{item.target.name}.tmp")
        temporary.write_text(item.text, encoding="utf-8")
        os.replace(temporary, item.target)


def import_files(files: list[Path], out: Path, force: bool, fallback_date: dt.date | None) -> tuple[list[Path], list[Diagnostic]]:
    """Draft all files; write them only when none has a problem. Returns the paths written."""
    drafts, problems = prepare(files, out, force, fallback_date)
    if problems:
        return [], problems
    write(drafts)
    return [d.target for d in drafts], []

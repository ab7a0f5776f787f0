"""Render the briefing pages a browser has open straight from a save, before the preview rebuilds
the whole site.

At 10,000 briefings the preview's rebuild takes about two seconds (indexes, page plan, every page
that lists the briefing); one briefing page takes a few milliseconds. Hugo's server does the same
in its fast render mode. Only an edit that leaves the site's indexes as they were takes this path:
same slug, date, draft state, people, organisations and tags, no errors. The full rebuild follows
at once and is the one that counts: should its page differ, it is written again and reloads again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from generator import build, indexes, output, pages, sources, urls
from generator.cache import BuildCache
from generator.diagnostics import Diagnostic
from generator.model import Briefing


def render_open(root: Path, cache: BuildCache, out: Path, changed: Iterable[str], open_pages: Collection[str]) -> list[str]:
    """Render and write the page of each changed article that is among `open_pages` (output
    paths); return the paths of the files whose bytes changed."""
    latest = cache.latest
    if not isinstance(latest, build.Latest):
        return []
    edited = {latest.by_file[path] for path in changed if path in latest.by_file}
    written = []
    for old in sorted(edited, key=lambda b: b.slug):
        path = urls.briefing(old.slug)
        if path not in open_pages:
            continue
        data = _page(root, latest, old)
        if data is None:
            continue
        with cache.output_lock:
            if output.replace_file(out, path, data):
                written.append(path)
    return written


def _page(root: Path, latest: build.Latest, old: Briefing) -> bytes | None:
    """The briefing's page as the article now reads, or None when the edit reaches beyond it."""
    sidecar = old.data_path if old.data_path and old.data_path != old.source_path else None
    try:
        source, problems = sources.read(root, (old.source_path, sidecar))
    except OSError:  # moved or deleted: the full rebuild sees to it
        return None
    if source is None or problems:
        return None
    briefing, _, problems = build.parse_article(source)
    if briefing is None or _stops(problems, latest.options.strict):
        return None
    briefing = indexes.canonical(briefing, latest.people)
    if _shape(briefing) != _shape(old):
        return None
    data, errors = build.render_page(latest.renderer, latest.config, pages.briefing_page(briefing, latest.site))
    return None if errors else data


def _stops(problems: list[Diagnostic], strict: bool) -> bool:
    """Whether the full build would fail on these: errors, or with --strict any warning."""
    return any(d.is_error or strict for d in problems)


def _shape(briefing: Briefing) -> tuple[object, ...]:
    """What the site's indexes take from a briefing: what its page reads from them (related
    briefings, organisation ids) is the same while this is."""
    orgs = frozenset([p.org for p in briefing.people if p.org] + list(briefing.organizations))
    return (briefing.slug, briefing.date, briefing.draft, tuple(p.id for p in briefing.people), briefing.tags, orgs)

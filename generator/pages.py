"""Plan every output page of a site: its path, template, context and the inputs it depends on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.model import Briefing, Site


@dataclass(frozen=True, slots=True)
class Page:
    """One output file to render from one template."""

    path: str
    """Output path relative to the site folder, e.g. `briefings/x/index.html`."""
    template: str
    """Template name under templates/."""
    context: dict[str, Any] = field(hash=False)
    """Plain values the template sees."""
    inputs: tuple[str, ...] = ()
    """Source files the page is made from, so incremental builds know what to redo."""
    feed: str | None = None
    """For files that are data, not HTML (feeds, sitemap, robots.txt): the `feeds.WRITERS` entry
    that makes them from `context`; `template` is then only a name for fingerprints."""


def plan(site: Site, config: SiteConfig) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = _home_pages(site, config.page_size)
    pages += [_briefing(b, site) for b in site.briefings]
    # GitHub Pages serves 404.html for a missing path at any depth, so its links cannot be relative.
    pages.append(Page(urls.NOT_FOUND, "404.html", {"title": "Page not found", "any_depth": True}))
    return pages


@dataclass(frozen=True, slots=True)
class Pagination:
    """Where a page sits in a paginated list, and the paths of its neighbours."""

    number: int
    """This page's number, from 1."""
    paths: tuple[str, ...]
    """Output path of every page of the list, in order."""

    @property
    def total(self) -> int:
        """How many pages the list has."""
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        """The page before, if any."""
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The page after, if any."""
        return self.paths[self.number] if self.number < self.total else None


def _home_pages(site: Site, size: int) -> list[Page]:
    """The home page and its numbered continuations, `size` briefings each, newest first."""
    chunks = [site.briefings[i : i + size] for i in range(0, len(site.briefings), size)] or [()]
    paths = tuple(urls.home(n) for n in range(1, len(chunks) + 1))
    return [
        Page(
            paths[n - 1],
            "index.html",
            {"title": None if n == 1 else f"Page {n}", "briefings": chunk, "pagination": Pagination(n, paths)},
            tuple(b.source_path for b in chunk) + (f"#pages={len(paths)}",),
        )
        for n, chunk in enumerate(chunks, start=1)
    ]


def _briefing(briefing: Briefing, site: Site) -> Page:
    return Page(
        urls.briefing(briefing.slug),
        "briefing.html",
        {"title": briefing.title, "briefing": briefing},
        (briefing.source_path,),
    )

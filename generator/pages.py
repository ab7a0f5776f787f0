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


def plan(site: Site, config: SiteConfig) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = [_home(site)]
    pages += [_briefing(b, site) for b in site.briefings]
    # GitHub Pages serves 404.html for a missing path at any depth, so its links cannot be relative.
    pages.append(Page(urls.NOT_FOUND, "404.html", {"title": "Page not found", "any_depth": True}))
    return pages


def _home(site: Site) -> Page:
    return Page(
        urls.home(),
        "index.html",
        {"title": None, "briefings": site.briefings},
        tuple(b.source_path for b in site.briefings),
    )


def _briefing(briefing: Briefing, site: Site) -> Page:
    return Page(
        urls.briefing(briefing.slug),
        "briefing.html",
        {"title": briefing.title, "briefing": briefing},
        (briefing.source_path,),
    )

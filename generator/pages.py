"""Plan every output page of a site: its path, template, context and the inputs it depends on."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import urls
from generator.cache import digest
from generator.config import SiteConfig
from generator.model import Briefing, DatedEvent, PartialDate, Site, Topic


@dataclass(frozen=True, slots=True)
class Page:
    """One output file to render from one template."""

    path: str
    """Output path relative to the site folder, e.g. `briefings/x/index.html`."""
    template: str
    """Template name under templates/."""
    made: dict[str, Any] | Callable[[], dict[str, Any]] = field(hash=False)
    """What the template sees, or how to make it when the page is rendered (see `context`)."""
    inputs: tuple[str, ...] = ()
    """Source files the page is made from, so incremental builds know what to redo."""
    feed: str | None = None
    """For files that are data, not HTML (feeds, sitemap, robots.txt): the `feeds.WRITERS` entry
    that makes them from `context`; `template` is then only a name for fingerprints."""

    @property
    def context(self) -> dict[str, Any]:
        """Plain values the template sees, made anew on each access (read it once). Costly ones
        (timeline filters, A-Z groups, a briefing's axis) are so made only for pages that are
        rendered: a preview save renders a few dozen of thousands, and a full build makes them in
        its worker processes."""
        made = self.made
        return made() if callable(made) else made


def plan(site: Site, config: SiteConfig, between: Callable[[], None] = lambda: None) -> list[Page]:
    """Every page of the site, in a stable order. `between` is called between the page kinds:
    the preview's way to stop when newer saves wait."""
    pages = _home_pages(site, config.page_size)
    pages += [briefing_page(b, site) for b in site.briefings]
    if config.builds("people"):
        between()
        pages += _people(site)
    if config.builds("organizations"):
        between()
        pages += _organizations(site)
    if config.builds("tags"):
        pages += _topics(site.tags, "tag", urls.tags(), urls.tag, "Topics", config.page_size)
    if config.builds("sections"):
        pages += _topics(site.sections, "section", urls.sections(), urls.section, "Sections", config.page_size)
    if config.builds("timeline"):
        between()
        pages += _timeline(site)
    between()
    if config.builds("search"):
        pages.append(Page(urls.search(), "search.html", {"title": "Search"}))  # runs ?q= in the browser
    # GitHub Pages serves 404.html for a missing path at any depth, so its links cannot be relative.
    pages.append(Page(urls.NOT_FOUND, "404.html", {"title": "Page not found", "any_depth": True}))
    pages += _feeds(site, config, pages)  # keep last: the sitemap lists every page planned above
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

    @property
    def shown(self) -> tuple[tuple[int, str | None], ...]:
        """What a pager links to, in order: the first page, the last, and the two either side of
        this one, as (number, path); a page three away stands for a gap, with no path. A few
        items, where looping over every path in the template made a list of N pages cost N^2."""
        near = range(max(1, self.number - 3), min(self.total, self.number + 3) + 1)
        return tuple(
            (n, self.paths[n - 1] if n in (1, self.total) or abs(n - self.number) <= 2 else None)
            for n in sorted({1, self.total, *near})
        )


def _home_pages(site: Site, size: int) -> list[Page]:
    """The home page and its numbered continuations, `size` briefings each, newest first."""
    return [
        Page(path, "index.html", {"title": None if n == 1 else f"Page {n}", "briefings": chunk, "pagination": pagination}, inputs)
        for n, (path, chunk, pagination, inputs) in enumerate(_paginate(site.briefings, size, urls.home), start=1)
    ]


def _paginate(
    briefings: tuple[Briefing, ...], size: int, route: Callable[[int], str]
) -> list[tuple[str, tuple[Briefing, ...], Pagination, tuple[str, ...]]]:
    """A list of briefings cut into pages of `size`: each page's path, briefings, place in the
    list and inputs (its briefings' sources, and the number of pages, which its links show)."""
    chunks = [briefings[i : i + size] for i in range(0, len(briefings), size)] or [()]
    paths = tuple(route(n) for n in range(1, len(chunks) + 1))
    return [
        (paths[n - 1], chunk, Pagination(n, paths), tuple(b.source_path for b in chunk) + (f"#pages={len(paths)}",))
        for n, chunk in enumerate(chunks, start=1)
    ]


def briefing_page(briefing: Briefing, site: Site) -> Page:
    """A briefing's own page; `site` gives its related briefings and the organisations' ids."""
    related = site.related.get(briefing.slug, ())
    return Page(
        urls.briefing(briefing.slug),
        "briefing.html",
        lambda: {"title": briefing.title, "briefing": briefing, "related": related,
                 "axis": axis([e.date for e in briefing.timeline]), "org_ids": site.org_ids},
        (briefing.source_path, *(b.source_path for b in related), PEOPLE_DATA, ORGANIZATIONS_DATA),
    )


PEOPLE_DATA = "data/people.yaml"
ORGANIZATIONS_DATA = "data/organizations.yaml"
TIMELINE_PAGE_LIMIT = 1500
"""Above this many events the merged timeline gets one page per year."""


def _sources(briefings: Iterable[Briefing]) -> tuple[str, ...]:
    return tuple(sorted({b.source_path for b in briefings}))


def _people(site: Site) -> list[Page]:
    pages = [
        Page(urls.people(), "people.html", lambda: {"title": "People", "groups": by_letter(site.people)},
             _sources(b for p in site.people for b, _ in p.mentions) + (PEOPLE_DATA,))
    ]
    for person in site.people:
        pages.append(
            Page(urls.person(person.id), "person.html", {"title": person.name, "person": person, "org_ids": site.org_ids},
                 _sources(b for b, _ in person.mentions) + (PEOPLE_DATA, ORGANIZATIONS_DATA))
        )
    return pages


def _organizations(site: Site) -> list[Page]:
    pages = [
        Page(urls.organizations(), "organizations.html", lambda: {"title": "Organizations", "groups": by_letter(site.organizations)},
             _sources(b for o in site.organizations for b in o.briefings) + (ORGANIZATIONS_DATA,))
    ]
    for org in site.organizations:
        pages.append(
            Page(urls.organization(org.id), "organization.html", {"title": org.name, "organization": org},
                 _sources(org.briefings) + (ORGANIZATIONS_DATA, PEOPLE_DATA))
        )
    return pages


def _topics(
    topics: tuple[Topic, ...], kind: str, index: str, route: Callable[[str, int], str], title: str, size: int
) -> list[Page]:
    """The list of topics (tags or sections), and each topic's briefings, `size` to a page."""
    pages = [Page(index, "topics.html", {"title": title, "topics": topics, "kind": kind},
                  _sources(b for t in topics for b in t.briefings))]
    for topic in topics:
        # The page shows how many briefings the topic has in all: a new one changes every page.
        count = f"#briefings={len(topic.briefings)}"
        for n, (path, chunk, pagination, inputs) in enumerate(
            _paginate(topic.briefings, size, functools.partial(route, topic.slug)), start=1
        ):
            context = {"title": topic.name if n == 1 else f"{topic.name}: page {n}", "topic": topic, "kind": kind,
                       "briefings": chunk, "pagination": pagination}
            pages.append(Page(path, "topic.html", context, (*inputs, count)))
    return pages


def _timeline(site: Site) -> list[Page]:
    """One merged chronology; split into a page per year when it grows long."""
    years: dict[int, list[DatedEvent]] = {}
    for item in site.timeline:
        years.setdefault(item.event.date.year, []).append(item)
    split = len(site.timeline) > TIMELINE_PAGE_LIMIT
    counts = [(year, len(items), urls.timeline(year) if split else None) for year, items in years.items()]
    everything = _sources(site.briefings)

    @functools.cache
    def names() -> dict[str, str]:
        return {p.id: p.name for p in site.people}

    known: dict[str, tuple[Pair, tuple[str, str]]] = {}  # for every year page a briefing has events on

    def context(title: str, shown: list[tuple[int, list[DatedEvent]]], year: int | None) -> dict[str, Any]:
        events = [item for _, items in shown for item in items]
        # Each event carries its briefing's tags and people for the filter menus: worked out once
        # per briefing, not once per event in the template (a briefing has several).
        pairs = _pairs((item.briefing for item in events), known)
        marks = {slug: known[slug][1] for slug in pairs}
        return {"title": title, "years": shown, "counts": counts, "bars": bars(counts), "year": year,
                "filters": _filters(pairs, names()), "marks": marks}

    pages = [
        Page(urls.timeline(), "timeline.html",
             functools.partial(context, "Timeline", [] if split else list(years.items()), None), everything)
    ]
    if split:
        for year, items in years.items():
            pages.append(
                Page(urls.timeline(year), "timeline.html", functools.partial(context, f"Timeline: {year}", [(year, items)], year),
                     _sources(i.briefing for i in items) + (f"#years={len(counts)}",))
            )
    return pages


Pair = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]
"""A briefing's (tag slug, tag) and (person id, name) pairs, for the filter menus."""
Pairs = dict[str, Pair]
"""Briefing slug -> its pairs."""


def _filters(pairs: Pairs, names: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """The topics and people of some briefings (`pairs`, in the order their events come), for the
    timeline's filter menus; a tag's or person's name is the one its first briefing gives."""
    tags: dict[str, str] = {}
    people: dict[str, str] = {}
    for tag_pairs, person_pairs in reversed(list(pairs.values())):
        tags.update(tag_pairs)  # in reverse, so the first briefing's spelling is the one kept
        people.update(person_pairs)
    return {
        "tags": sorted(tags.items(), key=lambda t: t[1].casefold()),
        "people": sorted(((pid, names.get(pid, n)) for pid, n in people.items()), key=lambda p: p[1].casefold()),
    }


def _pairs(briefings: Iterable[Briefing], known: dict[str, tuple[Pair, tuple[str, str]]]) -> Pairs:
    """Each briefing's pairs, in the order the briefings come. `known` keeps them, with the
    event's data attributes made from them, for the next year page: a briefing's events can
    span years."""
    pairs: Pairs = {}
    for b in briefings:
        if b.slug not in pairs:
            if b.slug not in known:
                tags = tuple((urls.slugify(t), t) for t in b.tags)
                people = tuple((p.id, p.name) for p in b.people)
                marks = (" ".join(t for t, _ in tags), " ".join(pid for pid, _ in people))
                known[b.slug] = ((tags, people), marks)
            pairs[b.slug] = known[b.slug][0]
    return pairs


def by_letter(entries: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Entries (already sorted by `sort_name`) grouped under its initial, for A-Z pages."""
    groups: dict[str, list[Any]] = {}
    for entry in entries:
        first = unicodedata.normalize("NFKD", entry.sort_name[:1]).encode("ascii", "ignore").decode().upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(entry)
    return sorted(groups.items(), key=lambda g: (g[0] == "#", g[0]))


def _fraction(date: PartialDate) -> float:
    """A date as a fractional year, at the start of its period."""
    return date.year + ((date.month or 1) - 1) / 12 + ((date.day or 1) - 1) / 365


def axis(dates: Sequence[PartialDate]) -> tuple[dict[str, Any], ...]:
    """Where each date sits on a horizontal axis, in percent: the drawing beside a timeline list."""
    if len(dates) < 2:
        return ()
    low, high = _fraction(dates[0]), _fraction(dates[-1])
    span = high - low
    lefts = [50.0 if span == 0 else (_fraction(d) - low) / span * 100 for d in dates]
    if span:
        lefts = _spread(lefts, min(AXIS_GAP, 100 / (len(lefts) - 1)))
    return tuple(
        {"left": round(left, 2), "label": d.display, "precision": d.precision}
        for left, d in zip(lefts, dates)
    )


AXIS_GAP = 4.0
"""Least distance between two points of the axis, in percent, so that a week apart in a span of
decades still shows as two dots."""


def _spread(lefts: list[float], gap: float) -> list[float]:
    """Push points apart to at least `gap`, keeping their order and the 0..100 range."""
    out = list(lefts)
    for i in range(1, len(out)):
        out[i] = max(out[i], out[i - 1] + gap)
    out[-1] = min(out[-1], 100.0)
    for i in range(len(out) - 2, -1, -1):
        out[i] = min(out[i], out[i + 1] - gap)
    return [max(0.0, left) for left in out]


def bars(counts: list[tuple[int, int, str | None]]) -> list[dict[str, Any]]:
    """Events per year as bar heights in percent of the busiest year, for the timeline's chart."""
    if not counts:
        return []
    most = max(c for _, c, _ in counts)
    return [{"year": y, "count": c, "height": round(c / most * 100, 1), "path": p} for y, c, p in counts]


FEED_SIZE = 20
"""Briefings in each feed, newest first."""


def _feeds(site: Site, config: SiteConfig, planned: list[Page]) -> list[Page]:
    """robots.txt; with a url (feeds and sitemaps need absolute addresses) also the Atom and JSON
    feeds of the newest briefings, an Atom feed per tag, and the sitemap of every HTML page in `planned`."""
    robots = Page(urls.ROBOTS, "(robots.txt)", {}, (), feed="robots")
    if config.url is None:
        return [robots]
    newest = site.briefings[:FEED_SIZE]
    latest = {"briefings": newest, "page": urls.home(), "tag": None}
    pages = [
        Page(urls.ATOM_FEED, "(atom)", {**latest, "path": urls.ATOM_FEED}, _sources(newest), feed="atom"),
        Page(urls.JSON_FEED, "(json feed)", {**latest, "path": urls.JSON_FEED}, _sources(newest), feed="json"),
    ] if config.builds("feeds") else []
    for topic in site.tags if config.builds("feeds") and config.builds("tags") else ():
        if urls.is_safe_slug(topic.slug):
            chosen = topic.briefings[:FEED_SIZE]
            path = urls.tag_feed(topic.slug)
            context = {"briefings": chosen, "page": urls.tag(topic.slug), "tag": topic.name, "path": path}
            pages.append(Page(path, "(atom)", context, _sources(chosen), feed="atom"))
    if not config.builds("sitemap"):
        return pages + [robots]
    dates = {urls.briefing(b.slug): b.date for b in site.briefings}
    listed = tuple(
        (p.path, dates.get(p.path)) for p in planned if p.feed is None and p.path.endswith(".html") and p.path != urls.NOT_FOUND
    )
    # Which pages exist can change without a briefing changing (data/*.yaml): the token covers that.
    token = f"#pages={len(listed)}:{digest(*(path for path, _ in listed))}"
    pages.append(Page(urls.SITEMAP, "(sitemap)", {"pages": listed}, _sources(site.briefings) + (token,), feed="sitemap"))
    pages.append(robots)
    return pages

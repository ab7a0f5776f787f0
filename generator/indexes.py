"""Tie the briefings together in one pass: people, organisations, tags, sections, the merged
timeline and related briefings. O(n log n) in the number of briefings; no I/O.
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable

from generator import urls, workers
from generator.diagnostics import Diagnostic, warning
from generator.entities import Directory
from generator.model import (
    Briefing,
    DatedEvent,
    OrganizationEntry,
    Person,
    PersonEntry,
    Quote,
    Site,
    Topic,
)

RELATED = 5
"""How many related briefings a page shows."""
NEIGHBOURS = 12
"""Per shared tag, how many briefings nearest in date are considered: bounds the work per briefing."""
PERSON_NEIGHBOURS = 25
"""A person in more briefings than 2 x this counts only for the ones nearest in date."""


RelatedMemo = dict[str, object]
"""What the preview keeps between saves: the related-briefings input signature and its result."""


def assemble(
    briefings: list[Briefing], people: Directory, orgs: Directory, memo: RelatedMemo | None = None,
    builds: Callable[[str], bool] = lambda kind: True, between: Callable[[], None] = lambda: None,
    jobs: int = 1,
) -> tuple[Site, list[Diagnostic]]:
    """The Site: briefings newest first with canonical person ids, and the index of each page
    kind that `builds` (site.yaml's disable_kinds leaves the others empty). People are always
    indexed: that is where data/people.yaml is checked.

    With a memo (the preview), related briefings are worked out again only when a date, slug,
    person or tag changed somewhere: a save that changes a title or a body reuses them.
    `between` is called between the indexes: the preview's way to stop when newer saves wait.
    Related briefings are worked out by `jobs` processes.
    """
    diagnostics: list[Diagnostic] = []
    ordered = sorted((canonical(b, people) for b in briefings), key=lambda b: b.sort_key, reverse=True)
    found_people: tuple[PersonEntry, ...] = ()
    organizations: tuple[OrganizationEntry, ...] = ()
    org_ids: dict[str, str] = {}
    tags: tuple[Topic, ...] = ()
    sections: tuple[Topic, ...] = ()
    timeline: tuple[DatedEvent, ...] = ()

    def other_indexes() -> None:
        """Every index but the related briefings: made while the workers work those out."""
        nonlocal found_people, organizations, org_ids, tags, sections, timeline
        with_orgs = builds("organizations")
        between()
        found_people = _people(ordered, people, diagnostics)
        between()
        organizations = _organizations(ordered, orgs) if with_orgs else ()
        org_ids = _org_ids(ordered, orgs) if with_orgs else {}
        between()
        tags = _topics(ordered, lambda b: b.tags) if builds("tags") else ()
        sections = _topics(ordered, lambda b: (b.section,) if b.section else ()) if builds("sections") else ()
        between()
        # By event date, then by the briefing's own order (oldest first) and the events' order in
        # it: the sort is stable, so going through the briefings oldest first gives both ties at once.
        timeline = tuple(
            sorted((DatedEvent(e, b) for b in reversed(ordered) for e in b.timeline), key=lambda d: d.event.date.sort_key)
        ) if builds("timeline") else ()
        between()

    if memo is None:
        related = _related(ordered, jobs, meanwhile=other_indexes)
    else:
        other_indexes()
        related = _related_memoised(ordered, memo)
    site = Site(
        briefings=tuple(ordered), people=found_people, organizations=organizations, org_ids=org_ids,
        tags=tags, sections=sections, timeline=timeline, related=related,
    )
    return site, diagnostics


def _related_memoised(ordered: list[Briefing], memo: RelatedMemo) -> dict[str, tuple[Briefing, ...]]:
    """`_related`, skipped when nothing it reads has changed since the memo was made (the memo
    keeps what it read, compared whole: cheaper than hashing its text)."""
    signature = [(b.slug, b.date, tuple(p.id for p in b.people), b.tags) for b in ordered]
    by_slug = {b.slug: b for b in ordered}
    if memo.get("signature") == signature:
        slugs: dict[str, tuple[str, ...]] = memo["related"]  # type: ignore[assignment]
        return {slug: tuple(by_slug[s] for s in items) for slug, items in slugs.items()}
    related = _related(ordered)
    memo["signature"] = signature
    memo["related"] = {slug: tuple(b.slug for b in items) for slug, items in related.items()}
    return related


def canonical(briefing: Briefing, people: Directory) -> Briefing:
    """The briefing with each person and quote speaker under its canonical id (aliases resolved)."""
    if not people.names:
        return briefing
    mapping = {p.id: people.resolve(p.id, p.name) for p in briefing.people}
    if all(k == v for k, v in mapping.items()):
        return briefing
    return dataclasses.replace(
        briefing,
        people=tuple(dataclasses.replace(p, id=mapping[p.id]) for p in briefing.people),
        quotes=tuple(
            dataclasses.replace(q, person_id=mapping.get(q.person_id, q.person_id)) if q.person_id else q
            for q in briefing.quotes
        ),
    )


def _people(briefings: list[Briefing], directory: Directory, diagnostics: list[Diagnostic]) -> tuple[PersonEntry, ...]:
    mentions: dict[str, list[tuple[Briefing, Person]]] = defaultdict(list)
    quotes: dict[str, list[tuple[Briefing, Quote]]] = defaultdict(list)
    for briefing in briefings:
        seen = set()
        for person in briefing.people:
            if person.id not in seen:
                seen.add(person.id)
                mentions[person.id].append((briefing, person))
        for quote in briefing.quotes:
            if quote.person_id:
                quotes[quote.person_id].append((briefing, quote))
    entries = []
    for pid, found in mentions.items():
        entity = directory.entities.get(pid)
        name = entity.name if entity else _fullest(p.name for _, p in found)
        if entity is None:
            _warn_conflicts(pid, found, directory, diagnostics)
        entries.append(
            PersonEntry(pid, name, tuple(found), tuple(quotes.get(pid, ())), entity.bio if entity else None,
                        entity.image if entity else None, (entity.sort_as if entity else None) or surname_first(name))
        )
    return tuple(sorted(entries, key=lambda e: (_sort_name(e.sort_name), _sort_name(e.name), e.id)))


SUFFIXES = frozenset({"jr", "jr.", "jnr", "jnr.", "sr", "sr.", "snr", "snr.", "ii", "iii", "iv"})
"""Generational suffixes, which come after the surname: `Martin Luther King Jr.` sorts as King."""


def surname_first(name: str) -> str:
    """A name as an index sorts it: the last word (before any `Jr.`) first, then the rest, as
    reference books and Wikipedia's category lists do (`Ada Lovelace` -> `Lovelace Ada`). Wrong
    for names whose surname comes first or has several words; data/people.yaml's `sort_as` is
    for those."""
    words = name.replace(",", " ").split()
    end = len(words)
    while end > 1 and words[end - 1].casefold() in SUFFIXES:
        end -= 1
    if end <= 1 or not all(word[0].isalpha() for word in words[:end]):
        return name  # one word, or not a personal name (`50 Cent`)
    return " ".join([words[end - 1], *words[: end - 1], *words[end:]])


def _warn_conflicts(pid: str, found: list[tuple[Briefing, Person]], directory: Directory, out: list[Diagnostic]) -> None:
    """One id given to names that are not spellings of each other: probably two people."""
    first_briefing, first = found[0]
    for briefing, person in found[1:]:
        if urls.slugify(person.name) != urls.slugify(first.name):
            out.append(
                warning(
                    briefing.data_path, person.line,
                    f"people: id '{pid}' is '{person.name}' here but '{first.name}' in "
                    f"{first_briefing.data_path}:{first.line}; give one another id, or list both names in data/people.yaml",
                )
            )
            return


def _fullest(names: object) -> str:
    """The most complete form of a name: the longest, then the most used."""
    counts = Counter(names)  # type: ignore[call-overload]
    return max(counts, key=lambda n: (len(n.split()), len(n), counts[n]))


def _sort_name(name: str) -> str:
    return name.casefold()


def _organizations(briefings: list[Briefing], directory: Directory) -> tuple[OrganizationEntry, ...]:
    found: dict[str, list[Briefing]] = defaultdict(list)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, dict[str, tuple[str, str, str | None]]] = defaultdict(dict)
    quotes: dict[str, list[tuple[Briefing, Quote]]] = defaultdict(list)
    for briefing in briefings:
        here: dict[str, str] = {}
        for org in [p.org for p in briefing.people if p.org] + list(briefing.organizations):
            oid = directory.resolve(urls.slugify(org), org)
            if oid and oid not in here:
                here[oid] = org
                found[oid].append(briefing)
            if oid:
                names[oid][org] += 1
        for person in briefing.people:
            if person.org:
                oid = directory.resolve(urls.slugify(person.org), person.org)
                members[oid].setdefault(person.id, (person.id, person.name, person.role))
        for quote in briefing.quotes:
            if quote.by and not quote.person_id:
                oid = directory.resolve(urls.slugify(quote.by), quote.by)
                if oid in here:
                    quotes[oid].append((briefing, quote))
    entries = []
    for oid, items in found.items():
        entity = directory.entities.get(oid)
        name = entity.name if entity else names[oid].most_common(1)[0][0]
        people = tuple(sorted(members.get(oid, {}).values(), key=lambda m: _sort_name(m[1])))
        entries.append(
            OrganizationEntry(oid, name, tuple(items), people, tuple(quotes.get(oid, ())), entity.bio if entity else None,
                              entity.image if entity else None, (entity.sort_as if entity else None) or name)
        )
    return tuple(sorted(entries, key=lambda e: (_sort_name(e.sort_name), e.id)))


def _org_ids(briefings: list[Briefing], directory: Directory) -> dict[str, str]:
    names = {p.org for b in briefings for p in b.people if p.org} | {o for b in briefings for o in b.organizations}
    return {name: directory.resolve(urls.slugify(name), name) for name in sorted(names)}


def _topics(briefings: list[Briefing], values: object) -> tuple[Topic, ...]:
    found: dict[str, list[Briefing]] = defaultdict(list)
    names: dict[str, str] = {}
    for briefing in briefings:
        for value in values(briefing):  # type: ignore[operator]
            slug = urls.slugify(value)
            if slug:
                names.setdefault(slug, value)
                found[slug].append(briefing)
    return tuple(sorted((Topic(s, names[s], tuple(b)) for s, b in found.items()), key=lambda t: (_sort_name(t.name), t.slug)))


def _related(
    briefings: list[Briefing], jobs: int = 1, meanwhile: Callable[[], None] | None = None
) -> dict[str, tuple[Briefing, ...]]:
    """Best first: shared people count three times a shared tag; ties go to the nearest in date.

    Candidates come from each shared person and each shared tag, only the briefings nearest in
    date (PERSON_NEIGHBOURS, NEIGHBOURS), so a name or tag on thousands of briefings costs no
    more than a rare one. Briefings are counted by their place oldest first (`briefings` is
    newest first): lists of places stay sorted for bisect, and distance in date is a subtraction.
    With `jobs` > 1 the briefings are shared out between that many processes, and this one
    runs `meanwhile` first.
    """
    count = len(briefings)
    people_of = [{p.id for p in b.people} for b in briefings]
    tag_slugs: dict[str, str] = {}  # a few hundred tags on 10,000 briefings: each slugified once
    tags_of = [{tag_slugs.get(t) or tag_slugs.setdefault(t, urls.slugify(t)) for t in b.tags} for b in briefings]
    by_person: dict[str, list[int]] = defaultdict(list)  # places, ascending
    by_tag: dict[str, list[int]] = defaultdict(list)
    for place in range(count):
        for person in people_of[count - 1 - place]:
            by_person[person].append(place)
        for tag in tags_of[count - 1 - place]:
            by_tag[tag].append(place)
    rank = [0] * count  # by place: the rank of the briefing's slug, the last tie-breaker
    for n, i in enumerate(sorted(range(count), key=lambda i: briefings[i].slug)):
        rank[count - 1 - i] = n
    shared = (people_of, tags_of, by_person, by_tag, rank)
    related: dict[str, tuple[Briefing, ...]] = {}
    at = 0
    for chunk in workers.run_chunks(_related_range, shared, count, jobs, meanwhile=meanwhile):
        for places in chunk:
            related[briefings[at].slug] = tuple(briefings[count - 1 - place] for place in places)
            at += 1
    return related


_Shared = tuple[list[set[str]], list[set[str]], dict[str, list[int]], dict[str, list[int]], list[int]]
"""What `_related_range` reads: each briefing's people and tags, the places of each person and
tag, and each place's slug rank."""


def _related_range(shared: _Shared, start: int, stop: int) -> list[list[int]]:
    """The related places of briefings start..stop-1 (in a worker process when there are many:
    ints travel back cheaply)."""
    people_of, tags_of, by_person, by_tag, rank = shared
    count = len(rank)
    out: list[list[int]] = []
    for i in range(start, stop):
        here = count - 1 - i
        found: list[int] = []  # each candidate once per point it scores, counted in C below
        for person in people_of[i]:
            items = by_person[person]
            if len(items) > 2 * PERSON_NEIGHBOURS + 1:
                at = bisect.bisect_left(items, here)
                items = items[max(0, at - PERSON_NEIGHBOURS) : at + PERSON_NEIGHBOURS + 1]
            found += items * 3
        for tag in tags_of[i]:
            items = by_tag[tag]
            at = bisect.bisect_left(items, here)
            found += items[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]
        scores = Counter(found)
        scores.pop(here, None)
        out.append(_best(scores, here, rank))
    return out


def _best(scores: Counter[int], here: int, rank: list[int]) -> list[int]:
    """The RELATED best candidates (places) by (score desc, distance in date, slug), as one
    integer key each; a popular person can bring hundreds of candidates."""
    width = len(rank)
    top = width * width  # larger than any distance key, so the score decides first
    floor, enough = 0, 0  # the lowest score that can still reach the top RELATED
    for score, many in sorted(Counter(scores.values()).items(), reverse=True):
        floor, enough = score, enough + many
        if enough >= RELATED:
            break
    keys = [(abs(place - here) * width + rank[place] - top * score, place) for place, score in scores.items() if score >= floor]
    return [place for _, place in heapq.nsmallest(RELATED, keys)]

"""The content model: immutable briefings and the parts they are made of. No I/O here."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field, fields
from typing import TypeVar

T = TypeVar("T")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle as `cls(*field values)`. A frozen slots dataclass otherwise pickles through
    dataclasses' getstate and setstate, which look up the fields in Python for every object:
    half the cost of sending parsed briefings from a worker process back to the build."""
    get = operator.attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]
    many = len(fields(cls)) > 1  # type: ignore[arg-type]
    cls.__reduce__ = lambda self: (cls, get(self) if many else (get(self),))  # type: ignore[method-assign, assignment]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A date known to the year, the month or the day, as news timelines give them."""

    year: int
    """Four-digit year."""
    month: int | None = None
    """1-12, or None for a year-precise date."""
    day: int | None = None
    """1-31, or None unless the day is known."""

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A less precise date sorts before the precise ones inside its period."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        """`2025`, `2019-12` or `2017-12-07`: valid in a `<time datetime>`."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def display(self) -> str:
        """`2025`, `December 2019` or `7 December 2017`, as a reader expects."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        return "year" if self.month is None else "month" if self.day is None else "day"


def display_date(value: dt.date) -> str:
    """`8 December 2017` for a publication date or datetime."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Person:
    """Someone a briefing names."""

    id: str
    """Stable key across briefings: the given `id`, else the slug of the name."""
    name: str
    """The name as the briefing gives it."""
    role: str | None = None
    """Their role or title, e.g. `President and CEO`."""
    org: str | None = None
    """The organisation they speak or act for."""
    line: int | None = field(default=None, compare=False)
    """Line of this entry in the briefing's front matter, for messages about it."""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it."""

    text: str
    """The quoted words, without quotation marks."""
    by: str | None = None
    """The speaker as written: a person's name or id, or an organisation."""
    person_id: str | None = None
    """The id of the briefing's person who said it, when `by` names one."""
    context: str | None = None
    """Where or when it was said (inline Markdown)."""
    date: PartialDate | None = None
    """When it was said, if known."""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated event of a briefing's story."""

    date: PartialDate
    """When, at the precision known."""
    event: str
    """What happened (inline Markdown)."""
    source: str | None = None
    """Where this is from: a name or a URL."""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SourceLink:
    """A source the briefing draws on."""

    title: str
    """How to name it."""
    url: str | None = None
    """Its address, when it has one (http or https only)."""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Image:
    """The briefing's lead image."""

    src: str
    """A path under static/ or an http(s) URL."""
    alt: str = ""
    """Text alternative; empty marks the image as decorative."""
    caption: str | None = None
    """Optional caption or credit."""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Briefing:
    """One article with its structured briefing, validated and ready to render."""

    source_path: str
    """The article file, relative to the site root."""
    slug: str
    """URL segment: the page lives at `briefings/<slug>/`."""
    title: str
    """Headline."""
    date: dt.date | dt.datetime
    """Publication date or moment."""
    body_utf8: bytes
    """The article text (Markdown, or plain text when `body_is_text`) as UTF-8: half the memory
    of a str holding one curly quote, for a text that is read once, when its page is rendered."""
    body_is_text: bool = False
    """True for `.txt` articles: paragraphs, no Markdown."""
    author: str | None = None
    """Byline."""
    section: str | None = None
    """Newspaper section, e.g. `Business`."""
    tags: tuple[str, ...] = ()
    """Topics."""
    summary: str | None = None
    """One or two sentences (inline Markdown)."""
    key_facts: tuple[str, ...] = ()
    """The facts that carry the story (inline Markdown)."""
    people: tuple[Person, ...] = ()
    """People named, in the order given."""
    organizations: tuple[str, ...] = ()
    """Organisations that act or speak in the story, beyond the people's."""
    quotes: tuple[Quote, ...] = ()
    """Direct quotes."""
    timeline: tuple[TimelineEvent, ...] = ()
    """Dated events, in chronological order."""
    sources: tuple[SourceLink, ...] = ()
    """What the briefing draws on."""
    draft: bool = False
    """Drafts are built only with `--drafts`."""
    image: Image | None = None
    """Lead image."""
    data_path: str = ""
    """The file holding the front matter (the article or its sidecar), for messages."""

    @property
    def body(self) -> str:
        """The article text (Markdown, or plain text when `body_is_text`)."""
        return self.body_utf8.decode("utf-8")

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest first when sorted in reverse; the slug breaks ties so order is stable."""
        return (self.date.isoformat(), self.slug)

    @property
    def date_display(self) -> str:
        """The publication date as readers write it."""
        return display_date(self.date)

    def person(self, person_id: str | None) -> Person | None:
        """The briefing's person with this id, or None: a quote's speaker, in a template as
        `b.person(q.person_id)` (a tenth of what Jinja's `selectattr` costs there)."""
        return next((p for p in self.people if p.id == person_id), None) if person_id else None


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person across all briefings."""

    id: str
    """Canonical id: the page is `people/<id>/`."""
    name: str
    """Canonical name: the data file's, else the fullest form used."""
    mentions: tuple[tuple[Briefing, Person], ...]
    """Each briefing naming them (newest first) with the role and organisation it gives."""
    quotes: tuple[tuple[Briefing, Quote], ...]
    """Every quote they gave, newest briefing first."""
    bio: str | None = None
    """From data/people.yaml (inline Markdown)."""
    image: str | None = None
    """From data/people.yaml."""
    sort_name: str = ""
    """What the A-Z list sorts and groups them by: the surname first (`Lovelace Ada`), or
    data/people.yaml's `sort_as`."""

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        """The briefings they appear in, newest first, each once."""
        once: dict[str, Briefing] = {}  # keyed by path: hashing a whole briefing is slow
        for briefing, _ in self.mentions:
            once.setdefault(briefing.source_path, briefing)
        return tuple(once.values())

    @property
    def names(self) -> tuple[str, ...]:
        """Other spellings used for them in briefings."""
        return tuple(dict.fromkeys(p.name for _, p in self.mentions if p.name != self.name))


@dataclass(frozen=True, slots=True)
class OrganizationEntry:
    """One organisation across all briefings."""

    id: str
    """Canonical id: the page is `organizations/<id>/`."""
    name: str
    """Canonical name."""
    briefings: tuple[Briefing, ...]
    """Briefings naming it, newest first."""
    people: tuple[tuple[str, str, str | None], ...]
    """(person id, name, role) of people given as part of it."""
    quotes: tuple[tuple[Briefing, Quote], ...]
    """Quotes attributed to the organisation itself."""
    bio: str | None = None
    """From data/organizations.yaml."""
    image: str | None = None
    """From data/organizations.yaml."""
    sort_name: str = ""
    """What the A-Z list sorts and groups it by: its name, or data/organizations.yaml's `sort_as`."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A tag or a section, and its briefings."""

    slug: str
    """URL segment."""
    name: str
    """As first written."""
    briefings: tuple[Briefing, ...]
    """Newest first."""


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """A timeline event with the briefing it belongs to, for the merged timeline."""

    event: TimelineEvent
    """The event."""
    briefing: Briefing
    """Where it comes from."""


@dataclass(frozen=True, slots=True)
class Site:
    """All briefings of a build, newest first, and the indexes that tie them together."""

    briefings: tuple[Briefing, ...]
    """Published briefings, newest first."""
    people: tuple[PersonEntry, ...] = ()
    """Everyone, A-Z by name."""
    organizations: tuple[OrganizationEntry, ...] = ()
    """Every organisation, A-Z."""
    tags: tuple[Topic, ...] = ()
    """Every tag, A-Z."""
    sections: tuple[Topic, ...] = ()
    """Every section, A-Z."""
    timeline: tuple[DatedEvent, ...] = ()
    """Every event of every briefing, oldest first."""
    org_ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Organisation name as written -> the id of its page (aliases resolved)."""
    related: dict[str, tuple[Briefing, ...]] = field(default_factory=dict, hash=False, compare=False)
    """Briefing slug -> the briefings sharing most people and tags with it, best first."""

"""Check raw front matter and turn it into a Briefing: the only module that knows field names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from generator import urls
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.frontmatter import RawDoc
from generator.model import MONTHS, Briefing, Image, PartialDate, Person, Quote, SourceLink, TimelineEvent
from generator.yamlsafe import KeyPath, dotted

T = TypeVar("T")

FIELDS = (
    "title", "date", "slug", "author", "section", "tags", "summary", "key_facts", "people",
    "organizations", "quotes", "timeline", "sources", "draft", "image",
)
PERSON_FIELDS = ("name", "role", "org", "id")
QUOTE_FIELDS = ("text", "by", "context", "date")
EVENT_FIELDS = ("date", "event", "source")
SOURCE_FIELDS = ("title", "url")
IMAGE_FIELDS = ("src", "alt", "caption")

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


class Reader:
    """Reads one document's fields, collecting a diagnostic for each problem with its line."""

    def __init__(self, raw: RawDoc) -> None:
        self.raw = raw
        self.diagnostics: list[Diagnostic] = []

    def line(self, path: KeyPath) -> int | None:
        """The line of the key or item at `path`, or of its nearest parent."""
        while path:
            if path in self.raw.lines:
                return self.raw.lines[path]
            path = path[:-1]
        return self.raw.lines.get(())

    def error(self, path: KeyPath, message: str, hint: str | None = None) -> None:
        """Record an error at `path`."""
        prefix = f"{dotted(path)}: " if path else ""
        self.diagnostics.append(error(self.raw.data_path, self.line(path), prefix + message, hint))

    def warn(self, path: KeyPath, message: str, hint: str | None = None) -> None:
        """Record a warning at `path`."""
        prefix = f"{dotted(path)}: " if path else ""
        self.diagnostics.append(warning(self.raw.data_path, self.line(path), prefix + message, hint))

    def check_keys(self, mapping: dict[str, Any], known: tuple[str, ...], path: KeyPath) -> None:
        """Warn about each unknown key, suggesting the closest known one."""
        for key in mapping:
            if key not in known:
                self.warn(path + (str(key),), "unknown field", did_you_mean(str(key), known))

    def text(self, value: Any, path: KeyPath, required: bool = False) -> str | None:
        """A text field; numbers are taken as written, lists and mappings are errors."""
        if type(value) is str and (stripped := value.strip()):  # nearly every value: a few checks fewer
            return stripped
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(path, "required, but missing or empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(path, f"expected text, got {_kind(value)}")
            return None
        return str(value).strip()

    def items(self, value: Any, path: KeyPath, read: Callable[[Any, KeyPath], T | None]) -> tuple[T, ...]:
        """A list field; each item read by `read`, a lone value taken as a one-item list."""
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        if isinstance(value, dict):
            self.error(path, "expected a list (items starting with '- '), got a mapping")
            return ()
        out = []
        for index, item in enumerate(values):
            result = read(item, path + (index,) if isinstance(value, list) else path)
            if result is not None:
                out.append(result)
        return tuple(out)

    def mapping(self, value: Any, path: KeyPath, known: tuple[str, ...]) -> dict[str, Any] | None:
        """A mapping item whose keys are checked against `known`."""
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping ({known[0]}: ...), got {_kind(value)}")
            return None
        self.check_keys(value, known, path)
        return value


def to_briefing(raw: RawDoc) -> tuple[Briefing | None, list[Diagnostic]]:
    """Validate the front matter; a Briefing when it has no errors, and every diagnostic."""
    r = Reader(raw)
    data = raw.data
    r.check_keys(data, FIELDS, ())
    title = r.text(data.get("title"), ("title",), required=True)
    date = _publication_date(r, data.get("date"))
    slug = _slug(r, data.get("slug"), raw.source.stem)
    people = r.items(data.get("people"), ("people",), lambda v, p: _person(r, v, p))
    _warn_duplicate_people(r, people)
    organizations = r.items(data.get("organizations"), ("organizations",), lambda v, p: r.text(v, p))
    quotes = r.items(data.get("quotes"), ("quotes",), lambda v, p: _quote(r, v, p, people, organizations))
    timeline = r.items(data.get("timeline"), ("timeline",), lambda v, p: _event(r, v, p))
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        r.error(("draft",), f"expected true or false, got {_kind(draft)} {draft!r}")
        draft = False
    briefing_fields = dict(
        author=r.text(data.get("author"), ("author",)),
        section=r.text(data.get("section"), ("section",)),
        tags=_unique(r.items(data.get("tags"), ("tags",), lambda v, p: r.text(v, p))),
        summary=r.text(data.get("summary"), ("summary",)),
        key_facts=r.items(data.get("key_facts"), ("key_facts",), lambda v, p: r.text(v, p)),
        people=people,
        organizations=organizations,
        quotes=quotes,
        timeline=tuple(sorted(timeline, key=lambda e: e.date.sort_key)),
        sources=r.items(data.get("sources"), ("sources",), lambda v, p: _source(r, v, p)),
        draft=draft,
        image=_image(r, data.get("image")),
    )
    if any(d.is_error for d in r.diagnostics) or title is None or date is None or slug is None:
        return None, r.diagnostics
    briefing = Briefing(
        source_path=raw.source.path,
        slug=slug,
        title=title,
        date=date,
        body_utf8=raw.body.encode("utf-8"),
        body_is_text=raw.source.is_plain_text,
        data_path=raw.data_path,
        **briefing_fields,  # type: ignore[arg-type]
    )
    return briefing, r.diagnostics


def _publication_date(r: Reader, value: Any) -> dt.date | dt.datetime | None:
    """YYYY-MM-DD or an ISO 8601 date-time."""
    path: KeyPath = ("date",)
    if value is None:
        r.error(path, "required, but missing (YYYY-MM-DD)")
        return None
    text = str(value).strip()
    if isinstance(value, (str, int)) and _FULL_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            r.error(path, f"'{text}' is not a real date")
            return None
    if isinstance(value, str) and ("T" in text or " " in text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass
    r.error(path, f"expected YYYY-MM-DD or an ISO date-time such as 2017-12-08T09:30:00Z, got '{text}'")
    return None


def parse_partial_date(value: Any) -> PartialDate | str:
    """`2025`, `"2019-12"` or `2017-12-07` as a PartialDate, or a message saying what is wrong."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    match = _PARTIAL_DATE.match(text) if text is not None else None
    if match is None:
        return f"expected YYYY, YYYY-MM or YYYY-MM-DD, got '{value}'"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        return f"'{text}' is not a real date: month {month} does not exist"
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"'{text}' is not a real date: {MONTHS[month - 1]} has no day {day}"
    return PartialDate(year, month, day)


def _partial_date(r: Reader, value: Any, path: KeyPath) -> PartialDate | None:
    result = parse_partial_date(value)
    if isinstance(result, str):
        r.error(path, result)
        return None
    return result


def _slug(r: Reader, value: Any, stem: str) -> str | None:
    """The given slug if it is one safe folder name, else one made from the file name."""
    if value is None:
        slug = urls.slugify(stem)
        if not slug:
            r.error((), f"cannot make a URL from the file name '{stem}'; add a slug field")
            return None
        return slug
    slug = r.text(value, ("slug",))
    if slug is None:
        return None
    if not urls.is_safe_slug(slug):
        r.error(
            ("slug",),
            f"'{slug}' must be one folder name: letters, digits, '-', '_' or '.', not starting with '.'",
            f"try '{urls.slugify(slug)}'" if urls.slugify(slug) else None,
        )
        return None
    return slug


def _person(r: Reader, value: Any, path: KeyPath) -> Person | None:
    if isinstance(value, str):
        value = {"name": value}
    item = r.mapping(value, path, PERSON_FIELDS)
    if item is None:
        return None
    name = r.text(item.get("name"), path + ("name",), required=True)
    given_id = r.text(item.get("id"), path + ("id",))
    if given_id is not None and not urls.is_safe_slug(given_id):
        r.error(path + ("id",), f"'{given_id}' must be letters, digits, '-', '_' or '.'")
        return None
    if name is None:
        return None
    person_id = given_id or urls.slugify(name)
    if not person_id:
        r.error(path + ("name",), f"cannot make an id from '{name}'; add an id field")
        return None
    return Person(
        id=person_id,
        name=name,
        role=r.text(item.get("role"), path + ("role",)),
        org=r.text(item.get("org"), path + ("org",)),
        line=r.line(path),
    )


def _warn_duplicate_people(r: Reader, people: tuple[Person, ...]) -> None:
    seen: dict[str, int] = {}
    for index, person in enumerate(people):
        if person.id in seen:
            r.warn(("people", index), f"'{person.name}' is listed twice (also people[{seen[person.id]}])")
        seen.setdefault(person.id, index)


def _quote(
    r: Reader, value: Any, path: KeyPath, people: tuple[Person, ...], orgs: tuple[str, ...]
) -> Quote | None:
    item = r.mapping(value, path, QUOTE_FIELDS)
    if item is None:
        return None
    text = r.text(item.get("text"), path + ("text",), required=True)
    by = r.text(item.get("by"), path + ("by",))
    date = _partial_date(r, item["date"], path + ("date",)) if item.get("date") is not None else None
    person_id = None
    if by is not None:
        person_id = _speaker(r, by, path + ("by",), people, orgs)
    if text is None:
        return None
    return Quote(text=text, by=by, person_id=person_id, context=r.text(item.get("context"), path + ("context",)), date=date)


def _speaker(r: Reader, by: str, path: KeyPath, people: tuple[Person, ...], orgs: tuple[str, ...]) -> str | None:
    """The id of the person `by` names; a warning when it names no person or organisation."""
    wanted = by.casefold()
    for person in people:
        if wanted in (person.name.casefold(), person.id.casefold()):
            return person.id
    known_orgs = {o.casefold() for o in orgs} | {p.org.casefold() for p in people if p.org}
    if wanted not in known_orgs:
        names = [p.name for p in people] + list(orgs) + [p.org for p in people if p.org]
        r.warn(path, f"'{by}' is not one of this briefing's people or organizations", did_you_mean(by, names))
    return None


def _event(r: Reader, value: Any, path: KeyPath) -> TimelineEvent | None:
    item = r.mapping(value, path, EVENT_FIELDS)
    if item is None:
        return None
    if "date" not in item:
        r.error(path, "date: required, but missing (YYYY, YYYY-MM or YYYY-MM-DD)")
        date = None
    else:
        date = _partial_date(r, item["date"], path + ("date",))
    event = r.text(item.get("event"), path + ("event",), required=True)
    source = r.text(item.get("source"), path + ("source",))
    if date is None or event is None:
        return None
    return TimelineEvent(date=date, event=event, source=source)


def _source(r: Reader, value: Any, path: KeyPath) -> SourceLink | None:
    if isinstance(value, str):
        value = {"url": value} if _SAFE_URL.match(value.strip()) else {"title": value}
    item = r.mapping(value, path, SOURCE_FIELDS)
    if item is None:
        return None
    reported = len(r.diagnostics)
    url = _url(r, item.get("url"), path + ("url",))
    title = r.text(item.get("title"), path + ("title",)) or url
    if title is None:
        if len(r.diagnostics) == reported:  # a refused url or title was reported already
            r.error(path, "a source needs a title or a url")
        return None
    return SourceLink(title=title, url=url)


def _url(r: Reader, value: Any, path: KeyPath) -> str | None:
    """Only http(s) addresses become links; `javascript:` and the like are refused."""
    url = r.text(value, path)
    if url is not None and not _SAFE_URL.match(url):
        r.error(path, f"'{url}' is not an http or https address")
        return None
    return url


def _image(r: Reader, value: Any) -> Image | None:
    path: KeyPath = ("image",)
    if value is None:
        return None
    if isinstance(value, str):
        value = {"src": value}
    item = r.mapping(value, path, IMAGE_FIELDS)
    if item is None:
        return None
    src = r.text(item.get("src"), path + ("src",), required=True)
    if src is None:
        return None
    if ":" in src.split("/")[0] and not _SAFE_URL.match(src):
        r.error(path + ("src",), f"'{src}' must be a path under static/ or an http(s) address")
        return None
    if not _SAFE_URL.match(src) and ".." in src.split("/"):
        r.error(path + ("src",), f"'{src}' must stay inside static/")
        return None
    return Image(src=src, alt=r.text(item.get("alt"), path + ("alt",)) or "", caption=r.text(item.get("caption"), path + ("caption",)))


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    """Drop repeated tags, keeping the first spelling."""
    seen: set[str] = set()
    out = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return tuple(out)


def _kind(value: object) -> str:
    """A writer's word for a YAML value's type."""
    if isinstance(value, bool):
        return "true/false"
    return {list: "a list", dict: "a mapping", str: "text", int: "a number", float: "a number"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )

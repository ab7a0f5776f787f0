"""Read a raw article: the `Published:` and `Section | By Author` lines or front matter, the title, the paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import yamlsafe
from generator.diagnostics import Diagnostic, error
from generator.importer.lexicon import MONTH_ABBREVIATIONS, MONTHS


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as the writer handed it in, split into its parts."""

    path: str
    """The file, as given on the command line (for messages)."""
    title: str
    """The headline."""
    date: dt.date
    """Publication date: the anchor for relative dates."""
    author: str | None
    """The byline without `By`, if any."""
    section: str | None
    """The section named before the byline, if any."""
    paragraphs: tuple[str, ...]
    """The body's paragraphs as plain text, one line each (for the analysis)."""
    body: str
    """The body as the briefing will carry it: Markdown, escaped when the input was plain text."""


_PUBLISHED = re.compile(r"^\s*published\s*:\s*(.*?)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:(?P<section>[^|]*?)\s*\|\s*)?by\s+(?P<author>.+?)\s*$", re.IGNORECASE)
_SECTION_ONLY = re.compile(r"^\s*(?P<section>[^|]+?)\s*\|\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_FORMS = (
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.+\-Z]*)?$"),
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),
)


def parse_date(text: str) -> dt.date | None:
    """`Fri, December 08, 2017`, `8 December 2017`, `2017-12-08` (or an ISO date-time) as a date."""
    text = text.strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _month_number(parts.get("month") or "")
        try:
            return dt.date(int(parts["year"]), month or 0, int(parts["day"]))
        except ValueError:
            return None
    return None


def _month_number(word: str) -> int | None:
    word = word.lower()
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBREVIATIONS.get(word[:4]) or MONTH_ABBREVIATIONS.get(word[:3])


def parse(text: str, path: str, fallback_date: dt.date | None) -> tuple[RawArticle | None, list[Diagnostic]]:
    """Split an article into its parts; the date from `Published:`, front matter or `fallback_date`."""
    text = text.replace("\u00a0", " ").lstrip("\ufeff")
    if not text.strip():
        return None, [error(path, None, "empty file: nothing to import")]
    lines = text.split("\n")
    meta: dict[str, object] = {}
    is_markdown = path.lower().endswith((".md", ".markdown"))
    if lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            return None, [error(path, 1, "front matter is not closed: add a '---' line after it")]
        try:
            data = yamlsafe.load("\n".join(lines[1:end]) + "\n", 1).data
        except yamlsafe.YamlProblem as problem:
            return None, [error(path, problem.line, problem.message)]
        if data is not None and not isinstance(data, dict):
            return None, [error(path, 2, "front matter must be a mapping of fields (key: value)")]
        meta = data or {}
        lines = lines[end + 1 :]
        is_markdown = True
    date, author, section, lines, problems = _header(lines, path, meta)
    if problems:
        return None, problems
    title = _text(meta.get("title"))
    blocks = _blocks(lines)
    if title is None:
        if not blocks:
            return None, [error(path, None, "no title and no text: nothing to import")]
        first = blocks.pop(0)
        heading = _HEADING.match(first)
        title = (heading.group(1) if heading else first).strip()
    elif blocks and (heading := _HEADING.match(blocks[0])) and heading.group(1).strip() == title:
        blocks.pop(0)  # the front matter's title repeated as the first heading
    date = date or _meta_date(meta.get("date")) or fallback_date
    if date is None:
        return None, [
            error(path, None, "no publication date: add a 'Published: <date>' line at the top, a 'date:' "
                  "in its front matter, or give --date YYYY-MM-DD")
        ]
    paragraphs = tuple(p for p in (_plain(b) if is_markdown else " ".join(b.split()) for b in blocks) if p)
    body = "\n\n".join(blocks) if is_markdown else "\n\n".join(escape_markdown(p) for p in paragraphs)
    return RawArticle(
        path=path,
        title=" ".join(title.split()),
        date=date,
        author=author or _text(meta.get("author")),
        section=section or _text(meta.get("section")),
        paragraphs=paragraphs,
        body=body + "\n" if body else "",
    ), []


def _header(
    lines: list[str], path: str, meta: dict[str, object]
) -> tuple[dt.date | None, str | None, str | None, list[str], list[Diagnostic]]:
    """Take the `Published:` and `Section | By Author` lines off the top."""
    rest = list(lines)
    while rest and not rest[0].strip():
        rest.pop(0)
    date = author = section = None
    if rest and (match := _PUBLISHED.match(rest[0])):
        date = parse_date(match.group(1))
        if date is None:
            return None, None, None, rest, [
                error(path, None, f"cannot read the date '{match.group(1)}' of the Published line "
                      "(write it like 'Fri, December 08, 2017' or 2017-12-08)")
            ]
        rest.pop(0)
        while rest and not rest[0].strip():
            rest.pop(0)
    if rest and (byline := _BYLINE.match(rest[0])) and len(rest[0]) < 120:
        author, section = byline.group("author").strip(), (byline.group("section") or "").strip() or None
        rest.pop(0)
    elif rest and (only := _SECTION_ONLY.match(rest[0])):
        section = only.group("section")
        rest.pop(0)
    return date, author, section, rest, []


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs: runs of non-blank lines."""
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)")
_MD_LINE_START = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d+[.)]\s+)")


def _plain(block: str) -> str:
    """A Markdown block as one line of text: markers dropped, links kept as their text."""
    lines = [_MD_LINE_START.sub("", line) for line in block.split("\n")]
    text = _MD_MARK.sub("", _MD_LINK.sub(r"\1", " ".join(lines)))
    return " ".join(text.split())


_ESCAPE = re.compile(r"([\\`*_<\[\]])|&(?=#?\w+;)")
_LINE_START_MARK = re.compile(r"^(#|>|[-+*](?=\s)|=+$|-+$|(\d+)(?=[.)]\s))")


def escape_markdown(text: str) -> str:
    """Plain text that Markdown shows exactly as written."""
    text = _ESCAPE.sub(lambda m: "&amp;" if m.group(1) is None else "\\" + m.group(1), text)
    return _LINE_START_MARK.sub(lambda m: (m.group(2) + "\\") if m.group(2) else "\\" + m.group(1), text)


def _text(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return " ".join(str(value).split())
    return None


def _meta_date(value: object) -> dt.date | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return parse_date(str(value))
    return None

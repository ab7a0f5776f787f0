"""Write an analysis as a briefing: YAML front matter that the schema accepts, then the article."""

from __future__ import annotations

import re

from generator import frontmatter, schema
from generator.diagnostics import Diagnostic
from generator.importer.analysis import Analysis
from generator.importer.rawarticle import escape_markdown
from generator.sources import SourceFile


def render(analysis: Analysis) -> str:
    """The briefing file's text: front matter between `---` lines, then the body."""
    article = analysis.article
    lines = ["---", f"title: {quoted(article.title)}", f"date: {article.date.isoformat()}"]
    if article.author:
        lines.append(f"author: {quoted(article.author)}")
    if article.section:
        lines.append(f"section: {quoted(article.section)}")
    if analysis.summary:
        lines.append(f"summary: {quoted(_inline(analysis.summary))}")
    lines += _list("key_facts", [f"  - {quoted(_inline(fact))}" for fact in analysis.key_facts])
    people = []
    for person in analysis.people:
        people.append(f"  - name: {quoted(person.name)}")
        if person.role:
            people.append(f"    role: {quoted(person.role)}")
        if person.org:
            people.append(f"    org: {quoted(person.org)}")
        if person.aliases:
            people.append("    # also written: " + ", ".join(person.aliases))
    lines += _list("people", people)
    orgs = [o for o in analysis.organizations if o.casefold() not in {(p.org or "").casefold() for p in analysis.people}]
    if orgs:
        lines.append("organizations: [" + ", ".join(quoted(o) for o in orgs) + "]")
    quotes = []
    for quote in analysis.quotes:
        quotes.append(f"  - text: {quoted(quote.text)}")
        if quote.by is not None:
            quotes.append(f"    by: {quoted(quote.by)}")
    lines += _list("quotes", quotes)
    events = []
    for entry in sorted(analysis.timeline, key=lambda e: e.date.sort_key):
        date = entry.date
        value = str(date.year) if date.month is None else quoted(date.iso) if date.day is None else date.iso
        events += [f"  - date: {value}", f"    event: {quoted(entry.event)}"]
    lines += _list("timeline", events)
    lines.append("---")
    return "\n".join(lines) + "\n" + article.body


def _list(key: str, items: list[str]) -> list[str]:
    return [f"{key}:", *items] if items else [f"{key}: []"]


def _inline(text: str) -> str:
    """Plain text that inline Markdown shows as written."""
    return escape_markdown(text)


_UNSAFE = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


def check(text: str, path: str) -> list[Diagnostic]:
    """What the build would say about the draft (nothing, unless the importer has a bug)."""
    raw, problems = frontmatter.split(SourceFile(path, text))
    if raw is None:
        return problems
    _, more = schema.to_briefing(raw)
    return problems + more

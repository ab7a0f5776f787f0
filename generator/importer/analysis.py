"""Run the importer's stages on one article: layout, people, quotations and speakers, timeline, key facts."""

from __future__ import annotations

from dataclasses import dataclass

from generator.importer import document, keyfacts, people, quotes, speakers, timeline
from generator.importer.people import Person
from generator.importer.rawarticle import RawArticle
from generator.importer.timeline import Entry


@dataclass(frozen=True, slots=True)
class QuoteDraft:
    """A quotation and who said it."""

    text: str
    """The words between the marks."""
    by: str | None
    """A person's name, an organisation, or None when the text names nobody."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the importer found in one article."""

    article: RawArticle
    """The article itself."""
    people: tuple[Person, ...]
    """People named, fullest form first, with aliases."""
    organizations: tuple[str, ...]
    """Organisations that speak in the quotations."""
    quotes: tuple[QuoteDraft, ...]
    """Direct quotations, in order."""
    timeline: tuple[Entry, ...]
    """Dated events, in order of mention."""
    key_facts: tuple[str, ...]
    """Sentences with the story's figures and outcomes."""
    summary: str | None
    """The lead sentence."""


def analyse(article: RawArticle) -> Analysis:
    """All the importer's findings for one article."""
    doc = document.layout(article.title, article.paragraphs)
    cast = people.find_people(doc)
    found = quotes.find_quotations(doc)
    said_by = speakers.attribute(doc, cast, found)
    names = {p.name for p in cast.people}
    drafts = tuple(QuoteDraft(q.text, by) for q, by in zip(found, said_by))
    organizations = tuple(dict.fromkeys(q.by for q in drafts if q.by is not None and q.by not in names))
    lead = next((s for s in doc.sentences if s.paragraph == 1), None)
    return Analysis(
        article=article,
        people=cast.people,
        organizations=organizations,
        quotes=drafts,
        timeline=tuple(timeline.build(doc, article.date)),
        key_facts=tuple(keyfacts.pick(doc)),
        summary=doc.text[lead.start : lead.end].strip() if lead is not None else None,
    )

"""Shared by the importer's unit tests: run the analysis on a few paragraphs written for the test."""

from __future__ import annotations

import datetime as dt

from generator.importer import analysis, rawarticle

PUBLISHED = dt.date(2021, 3, 10)
"""A Wednesday."""


def analyse(*paragraphs: str, title: str = "A test story", published: dt.date = PUBLISHED) -> analysis.Analysis:
    """The importer's findings for an article made of `paragraphs`."""
    text = f"Published: {published.isoformat()}\nWorld | By Test Desk\n\n{title}\n\n" + "\n\n".join(paragraphs) + "\n"
    article, problems = rawarticle.parse(text, "test.txt", None)
    assert article is not None, problems
    return analysis.analyse(article)


def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    """(quotation, speaker) pairs."""
    return [(q.text, q.by) for q in analyse(*paragraphs).quotes]


def names(*paragraphs: str) -> list[str]:
    """People's names, in order."""
    return [p.name for p in analyse(*paragraphs).people]

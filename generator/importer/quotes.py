"""Tell direct quotations from quoted names, titles and scare quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.document import Document, Marks

MIN_WORDS = 4
"""A quotation has at least this many words (tokens with a letter or a digit)."""

_WORD = re.compile(r"\S*[^\W_]\S*")
_NAMING_BEFORE = re.compile(
    r"\b(?:called|named|dubbed|titled|entitled|nicknamed|known\s+as|so-called|termed|"
    r"the\s+(?:term|phrase|slogan|motto|hashtag|title|name|words?|headline))\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
_ABBREVIATION_AFTER = re.compile(r"^\s*\(\s*[A-Z0-9][A-Za-z0-9\-./]*\s*\)")
_MINOR = frozenset("a an and as at but by for from in into of on or the to with vs".split())


@dataclass(frozen=True, slots=True)
class Quotation:
    """A direct quotation: words someone spoke or wrote."""

    text: str
    """The characters between the marks, surrounding whitespace trimmed."""
    marks: Marks
    """Where it stands in the document."""


def word_count(text: str) -> int:
    """Whitespace-separated tokens holding a letter or a digit (`couldn't` is one)."""
    return len(_WORD.findall(text))


def find_quotations(doc: Document) -> list[Quotation]:
    """Every pair of marks that holds a quotation of four words or more, in order."""
    found = []
    for marks in doc.marks:
        text = doc.text[marks.inner[0] : marks.inner[1]]
        if word_count(text) < MIN_WORDS or is_name_or_title(doc, marks, text):
            continue
        found.append(Quotation(text, marks))
    return found


def is_name_or_title(doc: Document, marks: Marks, text: str) -> bool:
    """Names of things in quotation marks: `called "swine flu"`, `"... coronavirus 2" (SARS-CoV-2)`,
    `"The Last Days of Dolwyn"`."""
    before = doc.text[max(0, marks.opening - 40) : marks.opening]
    after = doc.text[marks.closing + 1 : marks.closing + 30] if marks.closing is not None else ""
    if _NAMING_BEFORE.search(before) or _ABBREVIATION_AFTER.match(after):
        return True
    words = text.split()
    if re.search(r"[.,!?;:]", text) or len(words) > 10:
        return False
    return all(w[0].isupper() or w.lower() in _MINOR or not w[0].isalpha() for w in words)

"""Lay an article out for analysis: one text, its paragraphs, its quotation-mark pairs and its sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]
"""Start and end offsets into `Document.text`."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; quotations inside it never split it."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset after its last character."""
    paragraph: int
    """Index of its paragraph (0 is the title)."""


@dataclass(frozen=True, slots=True)
class Marks:
    """A pair of double quotation marks and what they enclose."""

    inner: Span
    """The enclosed text, surrounding whitespace trimmed."""
    opening: int
    """Offset of the opening mark."""
    closing: int | None
    """Offset of the closing mark; None when the quotation runs on to the paragraph's end."""


@dataclass(frozen=True, slots=True)
class Document:
    """The title and paragraphs joined by blank lines, with their structure."""

    text: str
    """Title, then each paragraph, separated by `\\n\\n`."""
    paragraphs: tuple[Span, ...]
    """Span of each paragraph; the first is the title."""
    marks: tuple[Marks, ...]
    """Every pair of double quotation marks, outermost only, in order."""
    sentences: tuple[Sentence, ...]
    """Every sentence, in order."""

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset`."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= offset < sentence.end:
                return index
        return len(self.sentences) - 1

    def masked(self, start: int, end: int) -> str:
        """The text between `start` and `end` with quoted words blanked out (same length)."""
        chars = list(self.text[start:end])
        for mark in self.marks:
            lo, hi = max(mark.inner[0], start), min(mark.inner[1], end)
            for i in range(lo, hi):
                chars[i - start] = " "
        return "".join(chars)


def layout(title: str, paragraphs: tuple[str, ...]) -> Document:
    """Join the parts into one text and find their quotation marks and sentences."""
    parts = (title, *paragraphs)
    spans: list[Span] = []
    offset = 0
    for part in parts:
        spans.append((offset, offset + len(part)))
        offset += len(part) + 2
    text = "\n\n".join(parts)
    marks: list[Marks] = []
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(spans):
        found = _pair_marks(text, start, end)
        marks.extend(found)
        sentences.extend(Sentence(s, e, index) for s, e in _split_sentences(text, start, end, found))
    return Document(text, tuple(spans), tuple(marks), tuple(sentences))


_OPENERS = '"\u201c'
_CLOSERS = '"\u201d'


def _pair_marks(text: str, start: int, end: int) -> list[Marks]:
    """Pair the double quotation marks of one paragraph; an unclosed one runs to its end."""
    found: list[Marks] = []
    opened: int | None = None
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch not in _OPENERS and ch not in _CLOSERS:
            continue
        if opened is None:
            if ch in _OPENERS:
                opened, depth = i, 1
            continue
        if ch == "\u201c" and text[opened] == "\u201c":
            depth += 1
        elif ch in _CLOSERS and (depth == 1 or ch == '"'):
            found.append(Marks(_trim(text, opened + 1, i), opened, i))
            opened, depth = None, 0
        elif ch == "\u201d":
            depth -= 1
    if opened is not None:
        found.append(Marks(_trim(text, opened + 1, end), opened, None))
    return [m for m in found if m.inner[0] < m.inner[1]]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen col lt capt sgt maj adm asst st jr sr jnr snr inc co corp ltd no nos
vs etc mt ft ave rd blvd approx dept univ est fig al jan feb mar apr jun jul aug sep sept oct nov dec
rev hon messrs mme mlle gov't u.s u.k a.m p.m e.g i.e cf op
""".split())

_BOUNDARY = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])")


def _split_sentences(text: str, start: int, end: int, marks: list[Marks]) -> list[Span]:
    """Sentence spans of one paragraph; text inside quotation marks is never a boundary,
    except that a quotation ending a sentence ends it."""
    chars = list(text[start:end])
    for mark in marks:
        lo, hi = mark.inner
        ending = re.search(r"[.!?]+[\])'\u2019]*$", text[lo:hi])
        last = lo + ending.start() if ending else hi
        for i in range(lo + 1, last):
            chars[i - start] = "x"
    masked = "".join(chars)
    spans, begin = [], 0
    for match in _BOUNDARY.finditer(masked):
        word = re.search(r"([\w.']+)[.!?]*$", masked[begin : match.start() + 1])
        stem = word.group(1).rstrip(".").lower() if word else ""
        if masked[match.start()] == "." and (stem in ABBREVIATIONS or re.fullmatch(r"[a-z]", stem)):
            continue
        spans.append((start + begin, start + match.end()))
        begin = match.end()
    if begin < len(masked):
        spans.append((start + begin, end))
    return [(s, _trim(text, s, e)[1]) for s, e in spans if text[s:e].strip()]

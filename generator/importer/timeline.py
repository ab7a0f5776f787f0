"""Turn each dated clause of the article into a timeline entry: the date and a short event line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.importer import dates
from generator.importer.document import Document
from generator.model import PartialDate

MAX_WORDS = 32
"""An event line is cut to about this many words around its date."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated event."""

    date: PartialDate
    """When, at the precision the text gives."""
    event: str
    """The clause that tells what happened, tidied."""
    evidence: str
    """The clause as written in the article."""


_BOUNDARY = re.compile(
    r";\s+|:\s+|\s+[\u2014\u2013]\s+|\s+-\s+"
    r"|,\s+(?=(?:and|while|whereas|although|though|but|because)\b)"
    r"|\s+(?=and\s+(?:then\s+|also\s+|later\s+)?[a-z]+ed\b)"
)
_RELATIVE = re.compile(r",\s+(?:which|who)\s+[^,]*(?:,|$)")
_LEADING = re.compile(r"^(?:and|but|while|whereas|although|though|because|which|who)\s+", re.I)
_CONTENT = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_STOP = frozenset("""a an the and or but of in on at to for from by with as is are was were be been being
has have had do does did it its this that these those he she they them his her their we our you your i me my
not no so than then there here into onto over under after before about against between during while will
would can could may might must shall should also just only very more most such said says say told according
which who whom whose what when where why how all any each both if up out now once again because until
whether yet still even""".split())


def build(doc: Document, published: dt.date) -> list[Entry]:
    """Timeline entries for every resolvable time expression of the body, repeats merged."""
    entries: list[Entry] = []
    anchor: PartialDate | None = None
    paragraph = -1
    for sentence in doc.sentences:
        if sentence.paragraph == 0:
            continue
        if sentence.paragraph != paragraph:
            anchor, paragraph = None, sentence.paragraph
        found = dates.find(doc.text, sentence.start, sentence.end, published, anchor)
        text = doc.text[sentence.start : sentence.end]
        for expression in found:
            evidence, event = _clause(text, expression.start - sentence.start, expression.end - sentence.start)
            entry = Entry(expression.date, event, evidence)
            if not any(_same(entry, known) for known in entries):
                entries.append(entry)
        days = [e.date for e in found if e.date.day is not None]
        anchor = days[-1] if days else anchor
    return entries


def _same(a: Entry, b: Entry) -> bool:
    """Two mentions of one event: same date and mostly the same words."""
    if a.date != b.date:
        return False
    wa, wb = content_words(a.evidence), content_words(b.evidence)
    if not (wa and wb) or 2 * len(wa & wb) / (len(wa) + len(wb)) < 0.5:
        return False
    names_a, names_b = _names(a.evidence), _names(b.evidence)
    return not (names_a and names_b) or bool(names_a & names_b)


def _names(text: str) -> set[str]:
    """Capitalised words outside quotations: the names an event is about."""
    text = re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]?", " ", text)
    words = {re.sub(r"['\u2019]s?$", "", w.strip(".,;:")).lower() for w in text.split() if w[:1].isupper()}
    return {w for w in words if w not in _STOP and w not in _WEEKDAY_NAMES and w != "i"}


_WEEKDAY_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def content_words(text: str) -> set[str]:
    """Lower-cased words that carry meaning."""
    return {w for w in _CONTENT.findall(text.lower()) if w not in _STOP}


def _clause(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The clause holding the date (as written) and a tidied event line made from it."""
    if (anniversary := re.match(r"\s*anniversary\s+of\s+([^,;]+)", sentence[end:], re.I)) or (
        re.search(r"anniversary\s+of\s*$", sentence[:end], re.I) and (anniversary := re.match(r"\s*([^,;]+)", sentence[end:]))
    ):
        what = anniversary.group(1).strip().rstrip(".")
        return what, what[:1].upper() + what[1:]
    quoted = _quoted(sentence)
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(sentence) if not quoted[m.start()]] + [len(sentence) + 1]
    index = max(i for i, c in enumerate(cuts[:-1]) if c <= start)
    lo, hi = cuts[index], min(cuts[index + 1], len(sentence))
    subject = ""
    if index > 0 and re.match(r"^and\s", sentence[lo:], re.I):
        found = re.match(r"^\s*((?:[A-Z][\w&'\u2019.-]*\s+){1,4})(?=[a-z]+(?:ed|s)\b)", sentence[cuts[index - 1] :])
        subject = found.group(1).strip() if found else ""
    pieces = _pieces(sentence, lo, hi)
    at = max(i for i, (a, _) in enumerate(pieces) if a <= start)
    chosen = [at]
    relative = _is_relative(sentence, pieces[at])
    if not relative and at > 0 and _starts_with_verb(sentence[pieces[at][0] : pieces[at][1]].strip()):
        back = at - 1
        while back > 0 and _skippable(sentence[pieces[back][0] : pieces[back][1]]):
            back -= 1
        chosen = [back, at]
    while not relative and len(content_words(_without(_join(sentence, pieces, chosen), *_shift(pieces, chosen, start, end)))) < 3:
        ahead = [i for i in range(chosen[-1] + 1, len(pieces)) if not _is_relative(sentence, pieces[i])]
        behind = [i for i in range(chosen[0] - 1, -1, -1) if not _is_relative(sentence, pieces[i])]
        step = (behind or ahead) if at > 0 else (ahead or behind)
        if not step:
            break
        chosen = sorted(chosen + step[:1])
    text = _join(sentence, pieces, chosen)
    evidence = sentence[pieces[chosen[0]][0] : pieces[chosen[-1]][1]].strip(" ,.;:\"\u201c\u201d")
    event = _tidy(text.replace(",", " ", 1) if len(chosen) == 2 and chosen[1] == at and at > 0 and _starts_with_verb(sentence[pieces[at][0] : pieces[at][1]].strip()) else text)
    if relative and at > 0:
        subject = _antecedent(sentence[pieces[at - 1][0] : pieces[at - 1][1]])
        event = _LEADING.sub("", event)
    elif not subject and chosen[0] > 0 and _starts_with_verb(event):
        subject = _name_piece(sentence, pieces[: chosen[0]])
    if subject:
        event = subject + " " + _LEADING.sub("", event)
    return evidence, event[:1].upper() + event[1:]


def _join(sentence: str, pieces: list[tuple[int, int]], chosen: list[int]) -> str:
    return ",".join(sentence[pieces[i][0] : pieces[i][1]] for i in chosen).strip()


def _shift(pieces: list[tuple[int, int]], chosen: list[int], start: int, end: int) -> tuple[int, int]:
    """The date's position inside `_join(...)` (approximately: used only to blank it out)."""
    offset = 0
    for i in chosen:
        a, b = pieces[i]
        if a <= start < b + 1:
            return offset + start - a, offset + end - a
        offset += b - a + 1
    return 0, 0


def _is_appositive(piece: str) -> bool:
    """`Republic Act No. 7966`, `the Speaker of the House`: a short phrase without a verb."""
    words = piece.split()
    return 0 < len(words) <= 6 and not any(
        w.lower() in _VERB_START or (w.endswith("ed") and w[:1].islower()) for w in words
    )


def _skippable(piece: str) -> bool:
    """An aside between a subject and its verb: an appositive or an `including ...` list."""
    return (_is_appositive(piece) and not _is_name(piece)) or bool(
        re.match(r"^\s*(?:including|such\s+as|among\s+them|notably|like|which|who|whom|whose)\b", piece)
    )


def _is_name(piece: str) -> bool:
    """`Mike Pence`: a proper name standing alone."""
    words = piece.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0] not in ("The", "A", "An")


def _is_relative(sentence: str, piece: tuple[int, int]) -> bool:
    return bool(re.match(r"^\s*(?:which|who|whom|whose)\b", sentence[piece[0] : piece[1]]))


def _antecedent(text: str) -> str:
    """What `which`/`who` stands for: the trailing name of the words before it."""
    names = re.findall(r"(?:[A-Z][\w&'\u2019.-]*\s+){0,3}[A-Z][\w&'\u2019.-]*\s*$", text.strip())
    if names:
        return names[-1].strip()
    return " ".join(text.split()[-3:])


def _name_piece(sentence: str, pieces: list[tuple[int, int]]) -> str:
    """The subject of a clause that starts with its verb: the closest piece that is a name, else the first."""
    for a, b in reversed(pieces):
        piece = sentence[a:b].strip()
        if _is_name(piece):
            return piece
    head = sentence[pieces[0][0] : pieces[0][1]].strip()
    return head if len(head.split()) <= 8 and not _starts_with_verb(head) else ""


def _quoted(sentence: str) -> list[bool]:
    """For each character: is it inside a quotation?"""
    flags, inside = [], False
    for ch in sentence:
        if ch == "\u201c" or (ch == '"' and not inside):
            flags.append(inside)
            inside = True
            continue
        if ch == "\u201d" or ch == '"':
            inside = False
        flags.append(inside)
    return flags


def _pieces(sentence: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of `sentence[lo:hi]`, quotations kept whole."""
    pieces, begin, quoted = [], lo, False
    for i in range(lo, hi):
        ch = sentence[i]
        if ch in "\"\u201c\u201d":
            quoted = not quoted if ch == '"' else ch == "\u201c"
        elif ch == "," and not quoted and not (sentence[i - 1 : i].isdigit() and sentence[i + 1 : i + 2].isdigit()):
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, hi))
    return pieces


_VERB_START = frozenset("is are was were has have had will would said says told added did does could can may might".split())


def _starts_with_verb(text: str) -> bool:
    word = text.split()[0] if text.split() else ""
    lower = word.lower()
    return word[:1].islower() and (lower in _VERB_START or (lower.endswith("ed") and len(lower) > 4))


def _without(text: str, start: int, end: int) -> str:
    return text[: max(0, start)] + " " + text[max(0, end) :]


def _tidy(text: str) -> str:
    """Drop relative clauses, parentheses and a leading conjunction; cut long lines."""
    text = _RELATIVE.sub(lambda m: "," if m.group().endswith(",") else "", text)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = _LEADING.sub("", text.strip(" ,;:").replace("\u201c", "").replace("\u201d", "").replace('"', ""))
    words = text.split()
    text = " ".join(words[:MAX_WORDS]) + (" \u2026" if len(words) > MAX_WORDS else "")
    return text.strip(" ,;:").rstrip(".")

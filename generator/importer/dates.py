"""Find time expressions in a sentence and resolve them against the publication date.

The precision is what the text gives: `in 2015` is a year, `last month` a month, `on Thursday`
a day. Weekdays and dates without a year are read as past unless their clause is future or
scheduled ("are expected to ... on Thursday"). Durations, ages, "N years ago", decades and clock
times are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.importer import lexicon as lx
from generator.model import PartialDate


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and the date it stands for."""

    start: int
    """Offset in the document text."""
    end: int
    """Offset after it."""
    date: PartialDate
    """The resolved date, at the precision the text gives."""


_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH = _FULL_MONTH + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_REL_YEAR = r"(?:,?\s+(?P<ry>last|this|next)\s+year\b)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})\b")),
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+{_DAY},?\s+(?P<y>\d{{4}})\b")),
    ("md", re.compile(rf"\b(?P<m>{_MONTH})\s+{_DAY}\b(?!\s*,?\s*\d)(?![:.]\d){_REL_YEAR}")),
    ("md", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH})\b(?!\s*,?\s*\d){_REL_YEAR}")),
    ("my", re.compile(rf"\b(?P<m>{_FULL_MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})\b")),
    ("m", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late|mid-?|earlier\s+this|later\s+this)\s*)?(?P<m>{_FULL_MONTH})\b")),
    ("year", re.compile(r"(?<![\w$\u00a3\u20ac#.,/\-\u2013])(?P<y>1\d{3}|20\d{2})(?![\w%]|[\-\u2013][A-Za-z]|[.,]\d)")),
    ("today", re.compile(r"\b(?:(?:earlier|later)\s+)?today\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b", re.I)),
    ("ereyesterday", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I)),
    ("yesterday", re.compile(r"\b(?:(?:late|early)\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?\b|\blast\s+night\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?:the\s+night\s+of\s+)?(?P<wd>{_WEEKDAY})\b")),
    ("week", re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next)\s+week\b", re.I)),
    ("month", re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next)\s+month\b", re.I)),
    ("relyear", re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next)\s+year\b", re.I)),
    ("anniversary", re.compile(r"\bthe\s+(?P<n>\d+)(?:st|nd|rd|th)\s+anniversary\s+of\b", re.I)),
    ("sameday", re.compile(r"\b(?:that|the\s+same)\s+(?:day|night|morning|evening|afternoon)\b", re.I)),
    ("dayafter", re.compile(r"\bthe\s+(?:following|next)\s+day\b|\bthe\s+day\s+after\b(?!\s+tomorrow)", re.I)),
    ("daybefore", re.compile(r"\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b(?!\s+yesterday)", re.I)),
    ("dom", re.compile(rf"\bon\s+the\s+{_DAY}\b(?!\s+(?:of\s+)?(?:{_MONTH}))")),
]

_AMBIGUOUS_MONTHS = ("May", "March", "June", "April", "August")
_MONTH_PREPOSITION = re.compile(r"\b(?:in|since|from|until|till|by|during|of|through|before|after|between|and|to|for|on|early|late|mid|last|next|this)\s*-?\s*$", re.I)
_POSSESSIVE_AFTER = re.compile(r"^['\u2019]s\b")
_NOWADAYS = re.compile(r"\b(?:is|are|was|were|has|have)\s+(?:\w+\s+)?$", re.I)
_NOWADAYS_AFTER = re.compile(r"^,?\s+(?:is|are|has|have|remains?|,\s*and)\b", re.I)
_COMPARISON = re.compile(r"\b(?:most|least|first|only|worst|best|more\s+than|less\s+than|any\s+year|\w{2,}est)\b", re.I)
_NOT_SUPERLATIVE = frozenset(
    "interest protest request suggest honest modest forest west test rest nest guest contest harvest invest "
    "arrest chest quest digest manifest conquest earnest attest detest pest vest crest lest zest priest inquest "
    "southwest northwest midwest".split()
)
_NUMBER_BEFORE = re.compile(r"(?:\bNo\.?|\bnumber|\bNos?|\$|US\$|#|\bflight|\broute|\bAct|\bRepublic\s+Act)\s*$", re.I)


def is_future(text: str, start: int, end: int) -> bool:
    """True when the clause around `text[start:end]` speaks of the future or a schedule."""
    left_bound = max(text.rfind(c, 0, start) for c in ",;:\"\u201c\u201d(")
    right_ends = [i for i in (text.find(c, end) for c in ",;:\"\u201c\u201d)") if i != -1]
    left = text[left_bound + 1 : start]
    right = text[end : min(right_ends) if right_ends else len(text)]
    for words, reverse in ((left.split(), True), (right.split(), False)):
        weak_past = False
        for word in reversed(words) if reverse else words:
            word = word.lower().strip(".,!?")
            if word in lx.FUTURE_MARKERS or word.endswith("'ll") or word == "next":
                return True
            if word in _PAST_WORDS:
                return False
            weak_past = weak_past or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST)
        if weak_past:  # "published", "started": past unless a future word stands in the clause
            return False
    return False


_PAST_WORDS = frozenset(
    "said was were had did began came went took gave made met held won lost fell rose told left saw found "
    "broke ran spoke wrote began sent became brought bought built caught chose drew drove fought flew grew "
    "hit hung kept knew led meant paid put quit read rang sang sat shot shut sold stood struck swore threw "
    "understood woke wore ago".split()
)
_NOT_PAST = frozenset("scheduled expected planned proposed intended needed".split())


def find(text: str, start: int, end: int, published: dt.date, anchor: PartialDate | None) -> list[TimeExpression]:
    """Every resolvable time expression in `text[start:end]` (one sentence), in order.

    `anchor` is the last day-precise date of the sentence before, for "the same day".
    """
    sentence = text[start:end]
    matches: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            matches.append((match.start(), match.end(), kind, match))
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for item in matches:
        if not chosen or item[0] >= chosen[-1][1]:
            chosen.append(item)
    found: list[TimeExpression] = []
    for a, b, kind, match in chosen:
        if _excluded(sentence, a, b, kind, match):
            continue
        last_day = next((e.date for e in reversed(found) if e.date.day is not None), anchor)
        last_any = found[-1].date if found else None
        date = _resolve(kind, match, sentence, a, b, published, last_day, last_any)
        if date is not None:
            found.append(TimeExpression(start + a, start + b, date))
    return found


def _excluded(sentence: str, a: int, b: int, kind: str, match: re.Match[str]) -> bool:
    before, after = sentence[:a], sentence[b:]
    if _POSSESSIVE_AFTER.match(after) and kind not in ("anniversary",):
        return True
    if kind == "m" and match.group("m") in _AMBIGUOUS_MONTHS and not match.group("rel") and not _MONTH_PREPOSITION.search(before):
        return True
    if kind == "today" and (_NOWADAYS.search(before[-20:]) or _NOWADAYS_AFTER.match(after)):
        return True
    if kind == "year":
        next_word = re.match(r"^\s*([A-Za-z%]+)", after)
        if next_word and next_word.group(1).lower() in lx.UNIT_WORDS or after.startswith("%"):
            return True
        if _NUMBER_BEFORE.search(before):
            return True
        if int(match.group("y")) < 1500 and not re.search(r"\b(?:in|since|from|by|until|of|to|circa|c\.)\s+$", before, re.I):
            return True
    clause = re.split(r"[,;:]", before)[-1]
    if re.search(r"\bsince\s+(?:\w+\s+)?$", before, re.I) and any(
        m.group().lower() not in _NOT_SUPERLATIVE for m in _COMPARISON.finditer(clause)
    ):
        return True
    if re.search(r"\bas\s+of\s*$", before, re.I) and re.search(r"\b(?:not|no|never)\b", sentence, re.I):
        return True
    return False


def _resolve(
    kind: str, match: re.Match[str], sentence: str, a: int, b: int, published: dt.date,
    last_day: PartialDate | None, last_any: PartialDate | None,
) -> PartialDate | None:
    P = published
    group = match.groupdict()
    if kind in ("dmy", "mdy"):
        return _day(int(group["y"]), _month(group["m"]), int(group["d"]))
    if kind == "my":
        return PartialDate(int(group["y"]), _month(group["m"]))
    if kind == "year":
        return PartialDate(int(group["y"]))
    if kind in ("md", "m"):
        month = _month(group["m"])
        day = int(group["d"]) if kind == "md" else None
        rel = (group.get("ry") or group.get("rel") or "").lower()
        future = is_future(sentence, a, b)
        if rel.endswith("year") or group.get("ry"):
            year = P.year + {"last": -1, "this": 0, "next": 1}[group["ry"].lower()]
        elif rel == "last":
            year = P.year if month < P.month else P.year - 1
        elif rel == "next":
            year = P.year if month > P.month else P.year + 1
        elif rel.startswith(("this", "earlier", "later")):
            year = P.year
        elif future:
            year = P.year if (month, day or 31) >= (P.month, P.day) else P.year + 1
        else:
            year = P.year if (month, day or 1) <= (P.month, P.day) else P.year - 1
        return _day(year, month, day) if day else PartialDate(year, month)
    if kind in ("today", "yesterday", "tomorrow", "ereyesterday"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "ereyesterday": -2}[kind]
        return _of(P + dt.timedelta(days=offset))
    if kind == "weekday":
        return _of(_weekday(P, _WEEKDAYS.index(group["wd"]), (group["rel"] or "").lower(), is_future(sentence, a, b)))
    if kind == "week":
        monday = P - dt.timedelta(days=P.weekday()) + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[group["rel"].lower()])
        sunday = monday + dt.timedelta(days=6)
        return PartialDate(monday.year, monday.month) if (monday.year, monday.month) == (sunday.year, sunday.month) else None
    if kind == "month":
        index = P.year * 12 + P.month - 1 + {"last": -1, "this": 0, "next": 1}[group["rel"].lower()]
        return PartialDate(index // 12, index % 12 + 1)
    if kind == "relyear":
        return PartialDate(P.year + {"last": -1, "this": 0, "next": 1}[group["rel"].lower()])
    if kind == "anniversary":
        if last_any is None:
            return None
        return _day(last_any.year - int(group["n"]), last_any.month, last_any.day) if last_any.month else PartialDate(last_any.year - int(group["n"]))
    if kind in ("sameday", "dayafter", "daybefore"):
        if last_day is None or last_day.month is None or last_day.day is None:
            return None
        base = dt.date(last_day.year, last_day.month, last_day.day)
        return _of(base + dt.timedelta(days={"sameday": 0, "dayafter": 1, "daybefore": -1}[kind]))
    if kind == "dom":
        day = int(group["d"])
        year, month = P.year, P.month
        if day > P.day and not is_future(sentence, a, b):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return _day(year, month, day)
    return None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(P: dt.date, weekday: int, rel: str, future: bool) -> dt.date:
    """The date of a weekday named in an article published on P."""
    monday = P - dt.timedelta(days=P.weekday())
    if rel in ("last", "past"):
        return monday - dt.timedelta(days=7) + dt.timedelta(days=weekday)
    if rel == "next":
        return monday + dt.timedelta(days=7 + weekday)
    if weekday == P.weekday():
        return P
    if future or rel == "coming":
        return P + dt.timedelta(days=(weekday - P.weekday()) % 7)
    return P - dt.timedelta(days=(P.weekday() - weekday) % 7)


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return lx.MONTHS.index(key) + 1 if key in lx.MONTHS else lx.MONTH_ABBREVIATIONS[key]


def _day(year: int, month: int, day: int | None) -> PartialDate | None:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _of(date: dt.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)

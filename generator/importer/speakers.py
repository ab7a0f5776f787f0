"""Say who spoke each quotation: a person's name, an organisation, or nobody named.

The rules, in order: an attribution right after the closing mark (`"...," said X`, `"...," X
said`); a label before a colon (`X: "..."`); the nearest speech verb before the opening mark and
its subject (`X said on Friday "..."`, `..., saying "..."`); for a quotation standing alone, the
speaker of the sentence before. `he`/`she` is the last person named, `it` the last organisation,
and `the commissioner` the person whose role that is.
"""

from __future__ import annotations

import re

from generator.importer import lexicon as lx
from generator.importer.document import Document
from generator.importer.mentions import singular
from generator.importer.people import Cast
from generator.importer.quotes import Quotation

_VERBS = "|".join(sorted(lx.SPEECH_VERBS, key=len, reverse=True))
_AUX = r"(?:(?:also|later|then|had|has|have|was|were|once|further|previously|repeatedly)\s+)*"
_VERB_FIRST = re.compile(rf"^(?:{_VERBS})\s+(?P<np>[^,;:!?\"\u201c\u201d]{{1,120}})", re.IGNORECASE)
_NP_FIRST = re.compile(rf"^(?P<np>[^,;:!?\"\u201c\u201d]{{1,80}}?)\s+{_AUX}(?:{_VERBS})\b")
_VERB_WORD = re.compile(rf"\b(?:{_VERBS}|according\s+to)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she|it)\b", re.IGNORECASE)
_ROLE_NP = re.compile(r"\bthe\s+((?:[a-z-]+\s+){0,2}[a-z-]+)\s*$", re.IGNORECASE)
_INDEFINITE = re.compile(r"(?:^|[\s,(])(?:a|an|one|some|several|many|another|two|three|four|numerous)\s+(?:of\s+)?[^,]{0,60}$", re.IGNORECASE)
_QUOTED_AS = re.compile(r"\b(?:quotes?|quoted|cites?|cited)\s+(?P<np>.{1,80}?)\s+as\s+(?:saying|stating|telling)\s*[,:]?\s*$", re.IGNORECASE)


class _Resolver:
    """Looks up who a stretch of text names, with the cast and the document at hand."""

    def __init__(self, doc: Document, cast: Cast) -> None:
        self.doc = doc
        self.cast = cast
        inside = [m.inner for m in doc.marks]
        self.people = [m for m in cast.mentions if not any(a <= m.start < b for a, b in inside)]
        self.orgs = [m for m in cast.org_mentions if not any(a <= m.start < b for a, b in inside)]

    def person_name(self, index: int) -> str:
        return self.cast.people[index].name

    def people_in(self, start: int, end: int) -> list:
        return [m for m in self.people if start <= m.start and m.end <= end]

    def orgs_in(self, start: int, end: int) -> list:
        return [m for m in self.orgs if start <= m.start and m.end <= end]

    def last_person_before(self, offset: int, sentence: int) -> str | None:
        """`he`/`she`: the closest person before in this sentence, else the first of an earlier one."""
        here = self.doc.sentences[sentence]
        found = self.people_in(here.start, offset)
        if found:
            return self.person_name(found[-1].target)
        for index in range(sentence - 1, max(-1, sentence - 4), -1):
            s = self.doc.sentences[index]
            found = self.people_in(s.start, s.end)
            if found:
                return self.person_name(found[0].target)
        return None

    def last_org_before(self, offset: int, sentence: int) -> str | None:
        """`it`, `the company`: the first organisation of this sentence, else of an earlier one."""
        for index in range(sentence, max(-1, sentence - 4), -1):
            s = self.doc.sentences[index]
            found = self.orgs_in(s.start, min(s.end, offset))
            if found:
                return self.cast.organizations[found[0].target]
        return None

    def by_role(self, noun: str, offset: int) -> str | None:
        """`the commissioner` -> the person whose role holds that word, the last mentioned first."""
        noun = singular(noun.lower())
        matches = [i for i, p in enumerate(self.cast.people) if p.role and noun in _role_words(p.role)]
        if not matches:
            return None
        before = [m for m in self.cast.mentions if m.start < offset and m.target in matches]
        return self.person_name(before[-1].target if before else matches[0])

    def noun_phrase(self, start: int, end: int, sentence: int) -> tuple[bool, str | None]:
        """Who the words `text[start:end]` name: (understood, speaker)."""
        text = self.doc.text[start:end]
        people = self.people_in(start, end)
        if people:
            return True, self.person_name(people[0].target)
        stripped = text.strip()
        first = stripped.split()[0].lower() if stripped else ""
        if first in lx.PRONOUNS_PERSON:
            return True, self.last_person_before(start, sentence)
        if first in lx.PRONOUNS_THING:
            return True, self.last_org_before(start, sentence)
        if first in lx.INDEFINITES or first in ("they", "we", "i", "you"):
            return True, None
        words = stripped.lower().split()
        if first == "the" and len(words) >= 2 and not any(w[0].isupper() for w in stripped.split()[1:]):
            noun = words[-1]
            if noun in lx.ORG_ANAPHORS:
                return True, self.last_org_before(start, sentence)
            if noun in lx.DOCUMENT_WORDS:
                return True, None
            return True, self.by_role(noun, start)
        orgs = self.orgs_in(start, end)
        if orgs:
            name = self.cast.organizations[orgs[-1].target]
            return True, None if _is_document(name) else name
        capitalised = re.findall(r"[A-Z][\w&'\u2019.-]*(?:\s+(?:of|for|on|and|&)?\s*[A-Z][\w&'\u2019.-]*)*", stripped)
        if capitalised:
            name = re.sub(r"^(?:The|A|An)\s+", "", capitalised[-1]).strip()
            name = re.sub(r"['\u2019]s?$", "", name)
            if name and name.lower() not in lx.FUNCTION_WORDS and not _is_document(name):
                return True, name
            return True, None
        return False, None


_ABBREVIATED = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "prof": "professor",
    "dr": "doctor", "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant",
    "asst": "assistant", "pres": "president", "supt": "superintendent", "insp": "inspector",
}


def _role_words(role: str) -> set[str]:
    """`Gov.` -> {`governor`}; `Vice President` -> {`vice`, `president`}."""
    words = {singular(w.strip(".,'\u2019").lower()) for w in re.split(r"[\s-]+", role)}
    return words | {_ABBREVIATED[w] for w in words if w in _ABBREVIATED}


def _is_document(name: str) -> bool:
    return any(w.lower().strip(".") in lx.DOCUMENT_WORDS for w in name.split())


def attribute(doc: Document, cast: Cast, quotations: list[Quotation]) -> list[str | None]:
    """The speaker of each quotation, in order: a person's name, an organisation, or None."""
    resolver = _Resolver(doc, cast)
    speakers: list[str | None] = []
    by_sentence: dict[int, str | None] = {}
    for quotation in quotations:
        marks = quotation.marks
        sentence_index = doc.sentence_at(marks.opening)
        found, speaker = _after(doc, resolver, quotation, sentence_index)
        if not found:
            found, speaker = _before(doc, resolver, quotation, sentence_index)
        if not found:
            speaker = _carried(doc, resolver, sentence_index, by_sentence)
        by_sentence.setdefault(sentence_index, speaker)
        if speaker is not None:
            by_sentence[sentence_index] = speaker
        speakers.append(speaker)
    return speakers


def _after(doc: Document, resolver: _Resolver, quotation: Quotation, sentence: int) -> tuple[bool, str | None]:
    """`"...," said X.` / `"...," X said.`"""
    closing = quotation.marks.closing
    if closing is None:
        return False, None
    end = doc.sentences[sentence].end
    raw = doc.text[closing + 1 : end]
    lead = len(raw) - len(raw.lstrip(" ,.!?;:\u2014\u2013-"))
    if lead == 0 and raw[:1].isalpha():
        return False, None
    text = doc.masked(closing + 1, end)[lead:]
    base = closing + 1 + lead
    if match := _VERB_FIRST.match(text):
        return resolver.noun_phrase(base + match.start("np"), base + match.end("np"), sentence)
    if (match := _NP_FIRST.match(text)) and len(match.group("np").split()) <= 8:
        return resolver.noun_phrase(base + match.start("np"), base + match.end("np"), sentence)
    return False, None


def _before(doc: Document, resolver: _Resolver, quotation: Quotation, sentence: int) -> tuple[bool, str | None]:
    """`X: "..."`, `X said "..."`, `..., saying "..."`, `X told reporters, "..."`."""
    start = doc.sentences[sentence].start
    opening = quotation.marks.opening
    text = doc.masked(start, opening)
    if not re.search(r"[^\W\d_]", text):
        return False, None
    if (quoted := _QUOTED_AS.search(text)) is not None:
        return resolver.noun_phrase(start + quoted.start("np"), start + quoted.end("np"), sentence)
    verbs = [m for m in _VERB_WORD.finditer(text)]
    verbs = [m for m in verbs if not _attributes_other(text, m)]
    if not verbs:
        if text.rstrip().endswith(":"):
            return _subject(resolver, start, start + len(text.rstrip()), sentence, first=True)
        return True, None
    verb = verbs[-1]
    word = verb.group().lower()
    if word.startswith("according"):
        after_verb = doc.text[start + verb.end() : opening]
        return resolver.noun_phrase(start + verb.end(), start + verb.end() + len(after_verb.split(",")[0]), sentence)
    if word in lx.SPEECH_PARTICIPLES:
        return _subject(resolver, start, start + verb.start(), sentence, first=True)
    return _subject(resolver, start, start + verb.start(), sentence, first=False)


def _attributes_other(text: str, verb: re.Match[str]) -> bool:
    """`called` in `commonly called` or `what X called "fury"` far before is no attribution here."""
    return verb.group().lower() in ("states", "state", "posts", "reports", "notes", "comments") and verb.start() > 0 and text[verb.start() - 1] == " " and text[: verb.start()].rstrip().endswith(("the", "a", "its", "his", "her"))


def _subject(resolver: _Resolver, start: int, verb_at: int, sentence: int, first: bool) -> tuple[bool, str | None]:
    """The speaker before a verb: the closest person, pronoun or role (the first one for participles)."""
    doc = resolver.doc
    window = doc.masked(start, verb_at)
    candidates: list[tuple[int, str | None, int]] = []
    for mention in resolver.people_in(start, verb_at):
        candidates.append((mention.end, resolver.person_name(mention.target), 0))
    for match in _PRONOUN.finditer(window):
        word = match.group(1).lower()
        at = start + match.start()
        if word in lx.PRONOUNS_PERSON:
            candidates.append((start + match.end(), resolver.last_person_before(at, sentence), 0))
        elif not first:
            candidates.append((start + match.end(), resolver.last_org_before(at, sentence), 1))
    tail = window.rstrip()
    clause = re.split(r"[,;]", tail)[-1] if not first else tail
    if not first and (role := _ROLE_NP.search(clause)):
        noun = role.group(1).split()[-1].lower()
        if noun in lx.ORG_ANAPHORS:
            candidates.append((verb_at, resolver.last_org_before(verb_at, sentence), 1))
        elif noun not in lx.DOCUMENT_WORDS:
            who = resolver.by_role(noun, verb_at)
            if who is not None:
                candidates.append((verb_at, who, 0))
    if not first and _INDEFINITE.search(clause) and not resolver.people_in(verb_at - len(clause), verb_at):
        return True, None
    for mention in resolver.orgs_in(start, verb_at):
        name = resolver.cast.organizations[mention.target]
        candidates.append((mention.end, None if _is_document(name) else name, 1))
    found = [c for c in candidates if c[1] is not None or c[2] == 1]
    if not found:
        return resolver.noun_phrase(start, verb_at, sentence) if not first else (True, None)
    if first:
        people = sorted((c for c in found if c[2] == 0), key=lambda c: c[0])
        return True, (people[0] if people else min(found, key=lambda c: c[0]))[1]
    people = [c for c in found if c[2] == 0]
    pool = people or found
    return True, max(pool, key=lambda c: c[0])[1]


def _carried(doc: Document, resolver: _Resolver, sentence: int, by_sentence: dict[int, str | None]) -> str | None:
    """A quotation standing alone: the speaker of the sentence before (same paragraph, or a quote
    that ended the paragraph before)."""
    if sentence == 0:
        return None
    here, before = doc.sentences[sentence], doc.sentences[sentence - 1]
    if before.paragraph != here.paragraph:
        return by_sentence.get(sentence - 1) if sentence - 1 in by_sentence else None
    if sentence - 1 in by_sentence:
        return by_sentence[sentence - 1]
    text = doc.masked(before.start, before.end)
    verbs = [m for m in _VERB_WORD.finditer(text) if m.group().lower() not in lx.SPEECH_PARTICIPLES]
    if not verbs:
        return None
    found, speaker = _subject(resolver, before.start, before.start + verbs[0].start(), sentence - 1, first=False)
    return speaker if found else None

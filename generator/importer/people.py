"""Find the people an article names, merge the forms of each name, and find the organisations.

A capitalised chunk is a person only with evidence around it: a title or role before it
("Senator", "inventor"), an appositive role after it (", a vice president at PG&E,"), a speech
verb after it, "who", an affiliation ("of Binghamton University"), a later mention of its surname
alone, or coordination with another person. Other forms (the surname alone, spellings without
diacritics) become aliases of the fullest form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer import lexicon as lx
from generator.importer.document import Document
from generator.importer.mentions import (
    Chunk, Token, chunks, fold, is_acronym, is_name_word, is_title_word, singular, split_name, tokenize,
)


@dataclass(frozen=True, slots=True)
class Person:
    """One real individual the article names."""

    name: str
    """The fullest form of the name the text uses, without titles."""
    aliases: tuple[str, ...]
    """Other forms the text uses: the surname alone, other spellings."""
    role: str | None
    """The title or function the text gives near the first mention."""
    org: str | None
    """The organisation or country that role belongs to."""


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a person or an organisation is named."""

    start: int
    """Offset in the document text."""
    end: int
    """Offset after the name."""
    target: int
    """Index into `Cast.people`, or into `Cast.organizations` for an organisation mention."""


@dataclass(frozen=True, slots=True)
class Cast:
    """Who the article names and where."""

    people: tuple[Person, ...]
    """People, in order of first mention."""
    mentions: tuple[Mention, ...]
    """Every mention of a person, in text order."""
    organizations: tuple[str, ...]
    """Organisations, as first written."""
    org_mentions: tuple[Mention, ...]
    """Every mention of an organisation, in text order."""


@dataclass(slots=True)
class _Candidate:
    chunk: Chunk
    name: tuple[Token, ...]
    prefix: tuple[Token, ...]
    evidence: set[str]
    role: str | None = None
    org: str | None = None


_APPOSITIVE_ROLE = re.compile(
    r"^\s*,\s+(?:(?:a|an|the|his|her|its|their|then|now|also)\s+|[A-Z][\w&'\u2019.-]*['\u2019]s\s+|(?=[a-z]))"
    r"(?P<role>[^,;:()\"\u201c\u201d]{2,90}?)\s*(?=,|\.|;|$|\s+(?:said|says|told|added|who)\b)"
)
_AGE = re.compile(r"^\s*,\s+(?:aged\s+)?\d{1,3}\s*,")
_WHO = re.compile(r"^\s*,?\s+who\b")
_COLON_QUOTE = re.compile(r"^\s*:\s*[\"\u201c]")
_ADVERBS = (
    r"(?:(?:also|previously|later|then|further|had|has|have|was|is|would|will|earlier|again|once|"
    r"subsequently|recently|reportedly|originally|first|both|yesterday|today|repeatedly|publicly)\s+)*"
)
_SPEECH_AFTER = re.compile(r"^(?:\s*,[^,\"\u201c]{1,90},|\s*,)?\s+" + _ADVERBS + r"(?P<verb>[a-z]+)\b")
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s+$")
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|added|wrote|according\s+to)\s+"
    r"(?:(?!(?:on|in|at|to|from|with|by|for|the|a|an|that|this|his|her|their|its|of)\b)[a-z][\w-]*\s+){0,3}$"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|at|from|to|for|with|by|on|near|into|via|called|named)\s+(?:the\s+)?$")
_AND_BEFORE = re.compile(r"\s+and\s+$")
_ORG_PRONOUN_AFTER = re.compile(r"^\s+(?:\w+\s+){0,6}?(?:its|itself)\b")


def find_people(doc: Document) -> Cast:
    """People (with aliases, role and org) and organisations named in the article."""
    per_sentence = []
    for index, sentence in enumerate(doc.sentences):
        tokens = tokenize(doc.text, sentence.start, sentence.end)
        per_sentence.append((sentence, tokens, chunks(doc.text, tokens, index)))
    org_tokens = _org_tokens(doc, per_sentence)
    standalone = {fold(c.text) for _, _, cs in per_sentence for c in cs if len(c.tokens) == 1}
    accepted: list[_Candidate] = []
    for sentence, tokens, sentence_chunks in per_sentence:
        if sentence.paragraph == 0:
            continue
        previous: _Candidate | None = None
        for chunk in sentence_chunks:
            candidate = _judge(doc, chunk, org_tokens, standalone, previous)
            if candidate is not None:
                accepted.append(candidate)
                previous = candidate
    people, forms = _merge(accepted, org_tokens)
    mentions = _link(per_sentence, people, forms, org_tokens)
    names = [p.name for p in people]
    aliases: list[set[str]] = [set() for _ in people]
    for chunk_text, target in mentions.values():
        if fold(chunk_text) != fold(names[target]):
            aliases[target].add(chunk_text)
    final = tuple(
        Person(p.name, tuple(sorted(aliases[i], key=fold)), p.role, p.org) for i, p in enumerate(people)
    )
    person_spans = tuple(Mention(s, e, t) for (s, e), (_, t) in sorted(mentions.items()))
    orgs, org_mentions = _organizations(doc.text, per_sentence, org_tokens, {(m.start, m.end) for m in person_spans})
    return Cast(final, person_spans, orgs, org_mentions)


def _judge(
    doc: Document, chunk: Chunk, org_tokens: set[str], standalone: set[str], previous: _Candidate | None
) -> _Candidate | None:
    """The chunk's person name if the context shows it is one."""
    prefix, name = split_name(chunk)
    if not name or all(t.lower in lx.PARTICLES for t in name):
        return None
    sentence = doc.sentences[chunk.sentence]
    before = doc.text[sentence.start : chunk.start]
    after = doc.text[chunk.end : sentence.end]
    evidence, role, org = _evidence(prefix, before, after)
    after_the = (len(prefix) == 1 and prefix[0].lower == "the") or re.search(r"\bthe\s+$", before, re.I)
    if after_the and not evidence & {"title", "appositive", "honorific"}:
        return None  # "The Red Cross said": a person's name rarely follows "the"
    if len(name) == 1:
        key = fold(name[0].base)
        if key in org_tokens or is_acronym(name[0]) or not evidence - {"speech-weak"}:
            return None
        # "Officials said", "Critics said": a lone plural opening the sentence is no name.
        if evidence == {"speech"} and ((chunk.first_in_sentence and key.endswith("s")) or len(chunk.tokens) > 1):
            return None
        return _Candidate(chunk, name, prefix, evidence, role, org)
    if _affiliated(after) and len(name) > 1:
        evidence.add("affiliation")
    if len(name) > 1 and len(chunk.tokens) == len(name) and fold(name[-1].base) in standalone - org_tokens:
        evidence.add("recurring")
    if previous is not None and _AND_BEFORE.search(before) and "," not in doc.text[previous.chunk.end : chunk.start]:
        evidence.add("coordination")
        role = role or previous.role
    if not evidence or (evidence == {"speech-weak"} and chunk.first_in_sentence):
        return None
    return _Candidate(chunk, name, prefix, evidence, role, org)


def _evidence(prefix: tuple[Token, ...], before: str, after: str) -> tuple[set[str], str | None, str | None]:
    """What the words around a name say about it, and the role and organisation they give."""
    evidence: set[str] = set()
    role, org = _role_before(prefix, before)
    if role is not None:
        evidence.add("title")
    words = before.split()
    if (prefix and prefix[-1].lower in lx.HONORIFICS) or (words and words[-1].lower().rstrip(".") in lx.HONORIFICS):
        evidence.add("honorific")
    if (m := _APPOSITIVE_ROLE.match(after)) and any(is_title_word(w.strip("'")) for w in m.group("role").split()):
        evidence.add("appositive")
        given_role, given_org = _split_role(m.group("role"))
        role, org = role or given_role, org or given_org
    if _AGE.match(after) or _AGE_BEFORE.search(before) or (_WHO.match(after) and not _PREPOSITION_BEFORE.search(before)):
        evidence.add("who")
    if (m := _SPEECH_AFTER.match(after)) and m.group("verb") in lx.SPEECH_VERBS and not _PREPOSITION_BEFORE.search(before):
        evidence.add("speech" if m.group("verb") in lx.STRONG_SPEECH_VERBS else "speech-weak")
    if _SPEECH_BEFORE.search(before) and before.rstrip()[-1:] not in ",;:":
        evidence.add("speech")
    if _COLON_QUOTE.match(after):
        evidence.add("speech")
    if before.rstrip().endswith(",") and after.lstrip().startswith(","):  # "The minister, Jonas Berg, ..."
        segment = re.split(r"[,;:]", before.rstrip()[:-1])[-1].split()
        if any(is_title_word(w) for w in segment) and len(segment) <= 14:
            evidence.add("appositive")
            role = role or " ".join(segment[1:] if segment[0].lower() in _ROLE_STOP else segment)
    return evidence, role, org


def _affiliated(after: str) -> bool:
    """`Carl Lipo of Binghamton University`: an organisation right after the name."""
    match = re.match(r"^\s+(?:of|from|at)\s+(?:the\s+)?((?:[A-Z][\w&'\u2019.-]*\s*(?:of\s+|for\s+|and\s+)?){1,6})", after)
    if match is None:
        return False
    return any(w.lower().strip(",.'\u2019s") in lx.ORG_WORDS for w in match.group(1).split())


_ROLE_STOP = frozenset("a an the its his her their this that and or but".split())


def _role_before(prefix: tuple[Token, ...], before: str) -> tuple[str | None, str | None]:
    """Role and organisation from the words before a name: `Ford Executive Chairman` -> role, org.

    Walks back over capitalised words, title words and `of`/`for`/`the`/`and`, to a stop.
    """
    words: list[str] = []
    earlier = before.split()
    for position in range(len(earlier) - 1, -1, -1):
        word = earlier[position]
        bare = word.strip("()\"\u201c\u201d")
        lower = bare.lower()
        if bare != word or not bare or word.endswith((",", ";", ":")) or len(words) >= 10:
            break
        if lower == "the" and position > 0 and earlier[position - 1].lower() in ("of", "for"):
            pass
        elif lower in ("of", "for", "to", "&") or (
            lower == "and" and words and is_title_word(words[0]) and position > 0 and is_title_word(earlier[position - 1])
        ):
            pass
        elif bare[0].isupper() and lower in lx.FUNCTION_WORDS:
            break
        elif not (bare[0].isupper() or is_title_word(bare) or lower in lx.TITLE_MODIFIERS
                  or (lower.split("-")[0] in lx.TITLE_MODIFIERS and "-" in lower)):
            break
        words.insert(0, bare)
    words += [t.text for t in prefix]
    if words and words[-1].lower() in ("of", "for", "and", "to", "the", "&"):
        return None, None
    while words and words[0].lower() in ("of", "for", "and", "to", "the", "&"):
        words.pop(0)
    while words and words[-1].lower() in ("of", "for", "and", "to", "the", "&"):
        words.pop()
    if not words or not any(is_title_word(w) for w in words):
        return None, None
    first_title = next(
        (i for i, w in enumerate(words) if is_title_word(w) or w.lower() in lx.TITLE_MODIFIERS or w[0].islower()), 0
    )
    org = " ".join(words[:first_title]) if first_title else None
    if org:
        org = re.sub(r"['\u2019]s?$", "", org)
        if all(w.lower() in lx.ORG_WORDS or w.lower() in lx.WEEKDAYS or w.lower() in lx.MONTHS for w in org.split()):
            org = None
    role = " ".join(words[first_title:]) or None
    if role and " " not in role and role.lower() not in lx.TITLES and singular(role.lower()) in lx.TITLES:
        role = role[:-1]
    if role and (m := re.search(r"\s(?:of|for)\s+(?:the\s+)?(.+)$", role)) and org is None:
        org = m.group(1)
    return role, org


def _split_role(text: str) -> tuple[str | None, str | None]:
    """`vice president at PG&E` -> (`vice president`, `PG&E`)."""
    match = re.match(r"^(.*?)\s+(?:at|of|for|with)\s+(?:the\s+)?([A-Z].*)$", text)
    if match:
        return match.group(1).strip() or None, match.group(2).strip()
    return text.strip() or None, None


def _org_tokens(doc: Document, per_sentence: list) -> set[str]:
    """Single words the article uses as an organisation: `Ford` in `Ford CEO Jim Hackett`."""
    found: set[str] = set()
    for sentence, tokens, sentence_chunks in per_sentence:
        for chunk in sentence_chunks:
            prefix, _ = split_name(chunk)
            title_at = next((i for i, t in enumerate(prefix) if is_title_word(t.text)), None)
            if title_at:
                found.update(fold(t.base) for t in prefix[:title_at] if not is_title_word(t.text))
            lowered = [t.lower for t in chunk.tokens]
            if any(w in lx.ORG_WORDS for w in lowered[1:]) and not is_title_word(chunk.tokens[0].text):
                found.add(fold(chunk.tokens[0].base))
            if len(chunk.tokens) == 1 and _ORG_PRONOUN_AFTER.match(doc.text[chunk.end : sentence.end]):
                found.add(fold(chunk.tokens[0].base))
            found.update(fold(t.base) for t in chunk.tokens if is_acronym(t))
    return found


def _merge(accepted: list[_Candidate], org_tokens: set[str]) -> tuple[list[Person], dict[str, int]]:
    """One person per name, longest forms first; shorter forms of a longer name join it."""
    people: list[Person] = []
    keys: list[list[str]] = []
    forms: dict[str, int] = {}
    ordered = sorted(accepted, key=lambda c: (-len(_words(c.name)), c.chunk.start))
    for candidate in ordered:
        words = _words(candidate.name)
        key = " ".join(words)
        if key in forms:
            _fill(people, forms[key], candidate)
            continue
        target = next((i for i, k in enumerate(keys) if _is_part(words, k)), None)
        if target is None:
            if len(words) == 1 and words[0] in org_tokens:
                continue
            people.append(Person(_written(candidate.name), (), candidate.role, candidate.org))
            keys.append(words)
            target = len(people) - 1
        else:
            _fill(people, target, candidate)
        forms[key] = target
    order = sorted(range(len(people)), key=lambda i: min(c.chunk.start for c in accepted if " ".join(_words(c.name)) in forms and forms[" ".join(_words(c.name))] == i))
    remap = {old: new for new, old in enumerate(order)}
    return [people[i] for i in order], {k: remap[v] for k, v in forms.items()}


def _fill(people: list[Person], index: int, candidate: _Candidate) -> None:
    person = people[index]
    if person.role is None and candidate.role:
        people[index] = Person(person.name, (), candidate.role, person.org or candidate.org)


def _words(name: tuple[Token, ...]) -> list[str]:
    return [fold(t.base) for t in name if t.lower not in lx.SUFFIXES]


def _written(name: tuple[Token, ...]) -> str:
    last = name[-1]
    ending = re.sub(r"['\u2019]s?$", "", last.text) if last.lower in lx.SUFFIXES else last.base
    text = " ".join(t.text for t in name[:-1]) + (" " if len(name) > 1 else "") + ending
    return text.strip()


def _is_part(short: list[str], long: list[str]) -> bool:
    """`Trump` in `Donald Trump`, `Bill Ford` in `Bill Ford Jnr`: the short form's words, in order."""
    if len(short) > len(long) or not short:
        return False
    if len(short) == 1:
        return short[0] in long and short[0] not in lx.PARTICLES
    it = iter(long)
    return all(word in it for word in short) and (short[-1] == long[-1] or short[0] == long[0])


def _link(per_sentence: list, people: list[Person], forms: dict[str, int], org_tokens: set[str]) -> dict:
    """Every chunk that names a known person, title and quotations included."""
    keys = [[fold(w) for w in re.findall(r"[^\s]+", p.name) if fold(w) not in lx.SUFFIXES] for p in people]
    found: dict[tuple[int, int], tuple[str, int]] = {}
    last_seen: dict[int, int] = {}
    for _, _, sentence_chunks in per_sentence:
        for chunk in sentence_chunks:
            _, name = split_name(chunk)
            if not name:
                continue
            words = _words(name)
            key = " ".join(words)
            target = forms.get(key)
            if target is None:
                if len(words) == 1 and words[0] in org_tokens:
                    continue
                matches = [i for i, k in enumerate(keys) if _is_part(words, k)]
                if not matches:
                    continue
                target = max(matches, key=lambda i: last_seen.get(i, -1))
            span = (name[0].start, name[-1].start + len(name[-1].base))
            found[span] = (_written(name), target)
            last_seen[target] = chunk.start
    return found


def _organizations(text: str, per_sentence: list, org_tokens: set[str], person_spans: set) -> tuple[tuple[str, ...], tuple[Mention, ...]]:
    """Organisation names: chunks with an organisation word (joined across `of`, `for`, `on`, `and`:
    `Ministry of Transport`), acronyms, and words the article uses as an organisation."""
    names: list[str] = []
    mentions: list[Mention] = []
    for sentence, _, sentence_chunks in per_sentence:
        groups: list[list[Chunk]] = []
        for chunk in sentence_chunks:
            if any(chunk.start <= s < chunk.end for s, _ in person_spans):
                groups.append([])
                continue
            previous = groups[-1] if groups and groups[-1] else None
            if previous and _JOINER.fullmatch(text[previous[-1].end : chunk.start]) and (_is_org(previous, org_tokens) or _is_org([chunk], org_tokens)):
                previous.append(chunk)
            else:
                groups.append([chunk])
        for group in groups:
            if not group or not _is_org(group, org_tokens):
                continue
            if all(not is_name_word(t) and not is_acronym(t) and t.lower not in lx.ORG_WORDS and t.text != "&" for c in group for t in c.tokens):
                continue
            name = re.sub(r"^(?:The|A|An)\s+", "", text[group[0].start : group[-1].start] + group[-1].text)
            if name not in names:
                names.append(name)
            mentions.append(Mention(group[0].start, group[-1].end, names.index(name)))
    return tuple(names), tuple(mentions)


_JOINER = re.compile(r"\s+(?:of|of\s+the|for|for\s+the|on|and|&|de|du|des)\s+")
def _is_org(group: list[Chunk], org_tokens: set[str]) -> bool:
    tokens = [t for c in group for t in c.tokens]
    return (
        any(t.lower in lx.ORG_WORDS or t.text == "&" for t in tokens) or any(is_acronym(t) for t in tokens)
        or (len(tokens) == 1 and fold(tokens[0].base) in org_tokens)
    )

"""Find capitalised name chunks in a sentence and tell name words from title, organisation and place words."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.importer import lexicon as lx

_TOKEN = re.compile(r"[^\W_](?:[\w'\u2019\-]|&(?=\w))*|&|[^\w\s]")
_HYPHEN_PARTICLE = re.compile(r"^(?:el|al|bin|ibn|abu|ben|de|da|di|du|le|la|van|von|ul|ud|ar|as|ad)-[A-Z]")
_CAMEL = re.compile(r"(?<!^Mc)(?<!^Mac)(?<!^D[eiau])(?<!^L[ae])(?<!^Va)(?<!^Vo)(?<!^O')(?<=[a-z])[A-Z]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark."""

    start: int
    """Offset in the document text."""
    end: int
    """Offset after it (an abbreviation's full stop included)."""
    text: str
    """As written, possessive `'s` included."""

    @property
    def base(self) -> str:
        """The word without a possessive `'s` or a full stop."""
        return _POSSESSIVE.sub("", self.text.rstrip("."))

    @property
    def lower(self) -> str:
        """Lower-cased base, for the word lists."""
        return self.base.lower()

    @property
    def possessive(self) -> bool:
        """True for `Trump's`, `Tongs'`."""
        return bool(_POSSESSIVE.search(self.text)) and len(self.text) > 2

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter (or a name particle such as `el-Sisi`)."""
        return self.text[0].isupper() or bool(_HYPHEN_PARTICLE.match(self.text))

    @property
    def is_word(self) -> bool:
        """A word rather than punctuation."""
        return self.text[0].isalnum()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of capitalised words (with name particles and initials) inside one sentence."""

    tokens: tuple[Token, ...]
    """The words, in order."""
    text: str
    """As written in the article, a final possessive `'s` dropped."""
    sentence: int
    """Index of the sentence."""
    first_in_sentence: bool
    """True when the chunk opens its sentence (so its first capital proves nothing)."""

    @property
    def start(self) -> int:
        """Offset of the first word."""
        return self.tokens[0].start

    @property
    def end(self) -> int:
        """Offset after the last word."""
        return self.tokens[-1].end


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Words and marks of `text[start:end]`; `Dr.`, `Jr.` and initials keep their full stop."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        if word == "." and tokens and _takes_stop(tokens[-1], text, match.end()):
            last = tokens[-1]
            tokens[-1] = Token(last.start, match.end(), last.text + ".")
            continue
        tokens.append(Token(match.start(), match.end(), word))
    return tokens


def _takes_stop(previous: Token, text: str, after: int) -> bool:
    """`Dr.`, `J.`, `Jr.` keep their full stop when the sentence goes on."""
    if not previous.is_word or previous.text.endswith("."):
        return False
    word = previous.text.lower()
    is_initial = len(previous.text) == 1 and previous.text.isupper()
    return (is_initial or word in lx.HONORIFICS or word in _ABBREVIATED_TITLES) and after < len(text)


_ABBREVIATED_TITLES = frozenset(
    "sen rep gov gen col lt capt sgt maj adm asst st jr sr jnr snr prof dr mt rev hon cllr det insp supt cpl pvt fr msgr amb pres".split()
)


def chunks(text: str, tokens: list[Token], sentence: int) -> list[Chunk]:
    """Maximal runs of capitalised words; lower-case particles inside a run are kept."""
    out: list[Chunk] = []
    run: list[Token] = []
    first_word = next((i for i, t in enumerate(tokens) if t.is_word), 0)

    def flush(index: int) -> None:
        while run and run[-1].lower in lx.PARTICLES and not run[-1].capitalised:
            run.pop()
        if run:
            written = text[run[0].start : run[-1].start] + run[-1].base
            out.append(Chunk(tuple(run), written, sentence, index == first_word))
        run.clear()

    begin = 0
    for i, token in enumerate(tokens):
        joins = (token.is_word and (
            (token.capitalised and not token.text[0].isdigit())
            or (run and token.lower in lx.PARTICLES and _name_follows(tokens, i + 1))
        )) or (bool(run) and token.text == "&" and i + 1 < len(tokens) and tokens[i + 1].capitalised)
        if joins and run and run[-1].possessive:
            flush(begin)
        if joins:
            if not run:
                begin = i
            run.append(token)
        else:
            flush(begin)
    flush(begin)
    return out


def _name_follows(tokens: list[Token], index: int) -> bool:
    """After particles (`van der`), a capitalised word."""
    while index < len(tokens) and tokens[index].lower in lx.PARTICLES and not tokens[index].capitalised:
        index += 1
    return index < len(tokens) and tokens[index].capitalised and tokens[index].is_word


def fold(text: str) -> str:
    """Lower-case without diacritics, for comparing spellings (`Erdoğan` = `erdogan`)."""
    text = text.replace("\u0131", "i").replace("\u0142", "l").replace("\u0141", "L").replace("\u2019", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def singular(word: str) -> str:
    """`presidents` -> `president`, for the word lists."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def is_acronym(token: Token) -> bool:
    """`WHO`, `PG&E`, `ABS-CBN`, `CEO`: two or more capitals and no lower-case letter."""
    letters = [c for c in token.base if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and token.lower not in lx.SUFFIXES


def is_title_word(word: str) -> bool:
    """A word of a title or role: `President`, `CEO`, `inventor`, `anthropologist`, `director-general`."""
    written = word.strip(".")
    word = written.lower()
    if word in lx.TITLES or singular(word) in lx.TITLES or word in lx.HONORIFICS:
        return written.islower() or (word not in lx.LOWER_CASE_ROLES and singular(word) not in lx.LOWER_CASE_ROLES)
    if "-" in word:
        return any(is_title_word(part) for part in written.split("-") if part.lower() not in ("ex", "then", "co", "vice"))
    # Endings such as -ist and -man name roles only in lower case: "Lindqvist" and "Rahman" are names.
    return written.islower() and word.endswith(lx.ROLE_ENDINGS) and len(word) > 5 and word.isalpha()


_NOUN_ENDING = re.compile("|".join(rf"^.{{{size - len(end)},}}{end}$" for end, size in lx.NOUN_ENDINGS))


def looks_like_noun(word: str) -> bool:
    """`Communications`, `Acquisition`, `Partnership`: common nouns by their ending."""
    return _NOUN_ENDING.search(word.lower()) is not None


def is_name_word(token: Token) -> bool:
    """Could be part of a person's name: not a title, organisation, place, month or common noun."""
    return _is_name_text(token.text)


@functools.lru_cache(maxsize=4096)
def _is_name_text(text: str) -> bool:
    """`is_name_word` for a token's text (a pure function, memoised: names recur)."""
    token = Token(0, len(text), text)
    word = token.lower
    if word in lx.PARTICLES or word in lx.SUFFIXES:
        return True
    if not token.capitalised or any(c.isdigit() for c in word):
        return False
    if is_acronym(token) or looks_like_noun(word) or _CAMEL.search(token.base):
        return False
    stem = singular(word)
    return not (
        is_title_word(token.base)
        or word in lx.ORG_WORDS or stem in lx.ORG_WORDS
        or word in lx.PLACE_PREFIXES or word in lx.COUNTRIES or word in lx.CONTINENTS_AND_REGIONS
        or word in lx.DEMONYMS or stem in lx.DEMONYMS
        or word in lx.MONTHS or word in lx.WEEKDAYS or stem in lx.WEEKDAYS
        or word in lx.FUNCTION_WORDS
        or word.split("-")[0] in ("ex", "then", "non", "pro", "anti", "pre", "post", "mid")
    )


def split_name(chunk: Chunk) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """The chunk's leading title/organisation words and its trailing name words.

    `Ford Executive Chairman Bill Ford Jnr` -> (`Ford Executive Chairman`, `Bill Ford Jnr`).
    """
    tokens = list(chunk.tokens)
    end = len(tokens)
    begin = end
    while begin > 0 and is_name_word(tokens[begin - 1]):
        begin -= 1
    while begin < end and (tokens[begin].lower in lx.PARTICLES and not tokens[begin].capitalised):
        begin += 1
    while begin < end and tokens[begin].lower in lx.SUFFIXES:
        begin += 1
    if begin == 0 and chunk.first_in_sentence and end - begin > 1 and is_title_word(tokens[0].text.lower()):
        begin = 1  # "Seismologist Hernando Tavera ...": a role word capitalised only by its place
    name = tokens[begin:end]
    words = [t for t in name if t.lower not in lx.PARTICLES and t.lower not in lx.SUFFIXES]
    if len(words) > 4:
        cut = len(name) - 3
        return tuple(tokens[: begin + cut]), tuple(name[cut:])
    return tuple(tokens[:begin]), tuple(name)

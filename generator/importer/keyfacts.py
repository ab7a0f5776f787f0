"""Pick the sentences that carry a story's figures and outcomes, as a first draft of its key facts."""

from __future__ import annotations

import re

from generator.importer.document import Document

MAX_FACTS = 5
"""How many key facts the draft offers."""

_FIGURE = re.compile(
    r"\d|\b(?:million|billion|trillion|thousand|hundred|dozens?|percent|per\s+cent)\b|[%$\u00a3\u20ac]", re.I
)
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|half)\b", re.I)
_OUTCOME = re.compile(
    r"\b(?:kill(?:ed|s)?|died|dead|deaths?|injur(?:ed|ies)|won|wins|lost|signed|agreed|approved|rejected|"
    r"launch(?:ed|es)?|elected|arrested|charged|convicted|sentenced|destroyed|passed|ruled|closed|"
    r"opened|shut|cancel(?:l)?ed|expired|reached|rose|fell|ratified|banned|fined|resigned|appointed|"
    r"announced|found|discovered|record|first|largest|biggest)\b",
    re.I,
)


def pick(doc: Document) -> list[str]:
    """Up to five body sentences with figures or outcomes, in article order, quotations left out."""
    scored: list[tuple[float, int, str]] = []
    for index, sentence in enumerate(doc.sentences):
        if sentence.paragraph == 0:
            continue
        text = doc.text[sentence.start : sentence.end].strip()
        words = len(text.split())
        quoted = sum(
            max(0, min(m.inner[1], sentence.end) - max(m.inner[0], sentence.start)) for m in doc.marks
        )
        if words < 6 or words > 60 or quoted > len(text) / 3:
            continue
        bare = re.sub(r"\b(?:1[5-9]|20)\d\d\b", "", text)
        score = 2.0 * bool(_FIGURE.search(bare)) + bool(_NUMBER_WORD.search(text)) + bool(_OUTCOME.search(text))
        score += 0.5 if sentence.paragraph == 1 else 0.0
        if score >= 1:
            scored.append((score, index, text))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:MAX_FACTS]
    return [text for _, _, text in sorted(best, key=lambda s: s[1])]

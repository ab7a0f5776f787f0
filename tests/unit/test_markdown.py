"""Inline Markdown (summaries, facts, events, quote contexts) as markdown-it-py renders it, and
as plain text for meta descriptions, whether or not the text needs markdown-it-py at all."""

from __future__ import annotations

import random

from generator import markdown

PIECES = [
    "Ford", "said", "é", "“", "”", "—", "'", '"', " ", "  ", ".", ",", "%", "(", ")", ":", "#", "-", "+",
    "*", "**", "_", "`", "[a](/b)", "[x]", "&", "&amp;", "<", ">", "<b>", "\\", "!", "~~", "1.",
]
"""Prose, the characters the plain path escapes or passes, and syntax that needs markdown-it-py."""


def test_inline_text_renders_as_markdown_it_renders_it() -> None:
    rng = random.Random(2026)
    reference = markdown.renderer(False)
    plain = 0
    for _ in range(5_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))).strip() or "x"
        assert markdown.render_inline(text) == reference.renderInline(text), repr(text)
        plain += not markdown._INLINE_SYNTAX.search(text)
    assert plain > 500, "the plain path should take a good share of these texts"


def test_quotes_in_plain_prose_are_escaped_and_apostrophes_kept() -> None:
    assert markdown.render_inline('He said "yes" — it\'s done') == "He said &quot;yes&quot; — it's done"
    assert markdown.render_text('He said "yes", **twice**') == 'He said "yes", twice'

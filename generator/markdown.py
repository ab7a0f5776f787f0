"""The one configured Markdown renderer: raw HTML off unless the site allows it, unsafe links refused."""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

from generator import markdown_fast

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@functools.lru_cache(maxsize=2)
def renderer(allow_html: bool) -> MarkdownIt:
    """CommonMark plus tables and strikethrough.

    markdown-it-py's link validation already refuses `javascript:`, `vbscript:`, `file:` and
    non-image `data:` URLs, so such links stay text.

    Imported here, when a text first needs it: plain prose (the summaries, facts and events
    without Markdown syntax, the bodies the compiled path takes) never does, and importing it
    costs a build 30 ms before its worker processes start.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": allow_html, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def render_block(text: str, allow_html: bool = False) -> str:
    """An article body as HTML: compiled where that gives the same HTML, markdown-it-py otherwise."""
    fast = markdown_fast.render(text)
    return fast if fast is not None else renderer(allow_html).render(text)


def render_article(text: str, is_text: bool, allow_html: bool = False) -> str:
    """An article body as its page shows it: Markdown, or paragraphs of plain text for `.txt` files."""
    return render_plain(text) if is_text else render_block(text, allow_html)


def render_inline(text: str, allow_html: bool = False) -> str:
    """One line of inline Markdown (emphasis, links, code) as HTML, with no paragraph around it."""
    if not _INLINE_SYNTAX.search(text):  # most summaries and facts are plain prose
        return text.replace('"', "&quot;")  # markdown-it-py's escaping: `&`, `<` and `>` are not in it
    return renderer(allow_html).renderInline(text)


_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!~\r\n\0]|^\s|\s$")
"""What can make markdown-it's inline output differ from the escaped text: emphasis, code, links,
images, autolinks, raw HTML, entities, escapes, strikethrough, line breaks, edge whitespace."""


@functools.lru_cache(maxsize=256)
def render_text(text: str) -> str:
    """Inline Markdown as plain text, for meta descriptions: `*New* **Retail**` -> `New Retail`.

    Remembered for a while: a briefing page's summary is the description of its meta tags, its
    Open Graph tags and its JSON-LD, three times in one page."""
    if not _INLINE_SYNTAX.search(text):
        return text
    parts: list[str] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type in ("text", "text_special", "code_inline"):
                parts.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif token.children:
                walk(token.children)

    walk(renderer(False).parseInline(text))
    return "".join(parts)


def render_plain(text: str) -> str:
    """A plain-text article: blank lines separate paragraphs, everything escaped."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)

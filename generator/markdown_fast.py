"""Article bodies through pulldown-cmark (pyromark) when its HTML is known to be markdown-it-py's.

markdown-it-py is the site's Markdown engine: its output is the reference and its rules (raw
HTML escaped unless allowed, `javascript:` links refused, tables, strikethrough) are the ones
users get. It is pure Python, about 0.5 ms for a news article, the largest single cost of a
cold build. pulldown-cmark, compiled, takes about 0.02 ms. Both follow the CommonMark spec, so
for ordinary prose (paragraphs, headings, lists, block quotes, emphasis, links) they agree byte
for byte. Where they may not, `render` returns None and the caller uses markdown-it-py:

- syntax where the engines or their options differ: raw HTML and autolinks (`<`), tables (`|`),
  strikethrough (`~`), entities (`&`), code (a backtick), images, link reference definitions,
  tabs, empty list items and block quotes, a backslash at the end of a line;
- characters markdown-it-py strips or replaces and pulldown-cmark keeps (NUL, Unicode spaces);
- any link whose address is not plain ASCII URL characters, or whose scheme markdown-it-py's
  link validation refuses (so the output never has a link markdown-it-py would not make).

The two remaining rendering differences are mended: markdown-it-py writes `"` in text as
`&quot;` and leaves `'` in attributes alone. tests/unit/test_markdown_fast.py holds the engines
to this on 50,000 generated documents. When this was written both also gave the same HTML for
every document taken here from the CommonMark spec's examples (330 of 652) and from
markdown-it-py's own test fixtures (748 of 3,540).
"""

from __future__ import annotations

import re

try:
    import pyromark
except ImportError:  # pragma: no cover - a platform without its wheel: markdown-it-py does it all
    pyromark = None

_DECLINE_CHARS = (
    "`<|~&\t\0\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
"""Characters after which the engines may differ (see the module docstring); the Unicode spaces
are the ones Python's `str.strip`, which markdown-it-py uses, removes and CommonMark keeps."""

_DECLINE_PAIRS = ("![", "]:")
"""Images and link reference definitions."""

_BACKSLASH_AT_LINE_END = re.compile(r"\\ *$", re.M)
_NEWLINES = re.compile(r"\r\n?")
_HREF = re.compile(r'href="([^"]*)"')
_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#@!$'()*+,;=]*")
"""URL characters that both engines' normalisers leave as they are (no `%`, no `[]`, no spaces)."""
_REFUSED_SCHEME = re.compile(r"(?:vbscript|javascript|file|data):", re.I)
"""markdown-it-py's `validateLink` refuses these (and allows only some `data:` images, declined
here anyway), leaving the link as text."""
_TAG_OR_QUOTE = re.compile(r'<[^>]*>|"')


def available() -> bool:
    """Whether pyromark is installed, so `render` can take any text at all."""
    return pyromark is not None


def render(text: str) -> str | None:
    """`text` as markdown-it-py's CommonMark renderer would give it, or None when that is not
    certain (then the caller renders it with markdown-it-py)."""
    if pyromark is None:
        return None
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)  # what markdown-it-py does first
    if any(char in text for char in _DECLINE_CHARS) or any(_has_pair(text, pair) for pair in _DECLINE_PAIRS):
        return None
    if "\\" in text and _BACKSLASH_AT_LINE_END.search(text):
        return None
    if not text.endswith("\n"):
        text += "\n"  # an indented code block at the very end keeps its newline, as in markdown-it-py
    html: str = pyromark.html(text)
    if "<li></li>" in html or "<li>\n</li>" in html or "<blockquote>\n</blockquote>" in html:
        return None  # empty list items and block quotes: markdown-it-py lays them out differently
    if 'href="' in html:
        for url in _HREF.findall(html):
            if not _PLAIN_URL.fullmatch(url) or _REFUSED_SCHEME.match(url):
                return None
    if '"' in text:  # pulldown-cmark leaves `"` in text as it is
        html = _TAG_OR_QUOTE.sub(_quote, html)
    if "'" in text:  # no `&` in the text, so every `&#39;` is pulldown-cmark's, for a `'` of the text
        html = html.replace("&#39;", "'")
    return html


def _has_pair(text: str, pair: str) -> bool:
    """Whether the two characters of `pair` occur together in `text`.

    Found from each occurrence of its first character: `in` with a one-character needle scans
    memory at C speed, with two characters it compares character by character, which cost a
    news article (non-ASCII text, thousands of characters) 4 us a pair, a fifth of this check."""
    first, second = pair[0], pair[1]
    at = text.find(first)
    while at != -1:
        if text.startswith(second, at + 1):
            return True
        at = text.find(first, at + 1)
    return False


def _quote(match: re.Match[str]) -> str:
    """A tag stays as it is; a `"` in text becomes `&quot;`."""
    found = match.group()
    return "&quot;" if found == '"' else found

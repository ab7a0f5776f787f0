"""The compiled Markdown path gives exactly markdown-it-py's HTML, or steps aside.

An article body is rendered by pulldown-cmark when `markdown_fast` can tell the result is
markdown-it-py's, byte for byte; otherwise markdown-it-py renders it. A reader must never see a
difference: not in the HTML, not in what is escaped, not in which links are links.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import build_site, copy_sample, tree_digest
from generator import markdown, markdown_fast

def reference(text: str) -> str:
    """markdown-it-py's HTML, as the site configures it."""
    return markdown.renderer(False).render(text)


PIECES = [
    "word", "Ford", "Alibaba's", " ", " ", "  ", "   ", "\n", "\n\n", "\t", "*", "**", "_", "__", "***",
    "[", "]", "(", ")", "](", '"', "'", "\\", "`", "``", "```", "~", "~~", "<", ">", "<b>", "&", "&amp;",
    "# ", "## ", "### ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "    ", "---", "===", ":", "!", "![", "|",
    "http://example.org/a?b=1#c", "https://x.org/(y)", "/path", "#frag", "<https://x.org>",
    "javascript:alert(1)", "JavaScript:x", "data:text/html,x", "vbscript:x", "file:///etc", "mailto:a@b.c",
    "£", "€", "“", "”", "—", "é", "ё", "\u00a0", "\u2003", "\r", "\r\n", "\0", "[ref]: /u", "[ref]",
    '"t"', "(t)", "'t'", ".", ",", "?", "%", "%20", "%zz", "{", "}", "^", "$", "=", "\\*", "\\[",
    "\\\\", "a_b", "2*3*4", "x__y__z", "\n    code", "\n> quote", "\n- item\n- item2", "\n\n1. one\n2. two",
    "\n  - nested", "\n>\n", "\n-\n",
]
"""Fragments that exercise where CommonMark engines tend to part: delimiter runs, link syntax,
escapes, indentation, line endings, Unicode punctuation and spaces, unsafe schemes."""


def test_generated_documents_render_as_markdown_it_renders_them() -> None:
    assert markdown_fast.available(), "pyromark is a dependency: pip install ."
    rng = random.Random(20261129)
    taken = 0
    for _ in range(50_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 20)))
        fast = markdown_fast.render(text)
        if fast is not None:
            taken += 1
            assert fast == reference(text), repr(text)
    assert taken > 10_000, "the compiled path should take a good share of these documents"


NEWS_BODY = """\
Ford said on Thursday it would sell cars on Alibaba's "Tmall" site, in a deal worth **$1.2 billion**
to the carmaker's China arm. The firm's shares rose 3 per cent, according to
[official figures](https://example.org/figures?year=2017#table) and [the filing](/filings/2017).

## What was agreed

The companies listed three steps:

- a *vending machine* for cars in Guangzhou
- test drives booked online
- 1,000 dealers joining by 2018

1. First, the pilot.
2. Then the wider roll-out.

> "This is a first step," said Jason Luo, Ford's China head.
>
> — Jason Luo

Setext heading
--------------

Analysts were split.  
Some called it a gimmick; others didn't.

***

    an indented block, kept as written
"""


def test_an_ordinary_news_body_takes_the_compiled_path_and_matches() -> None:
    fast = markdown_fast.render(NEWS_BODY)
    assert fast is not None, "ordinary prose, lists, quotes and links should not need markdown-it-py"
    assert fast == reference(NEWS_BODY)
    assert "&quot;Tmall&quot;" in fast and "Alibaba's" in fast


@pytest.mark.parametrize(
    "text",
    [
        'See [the filing](/filings "Ford\'s filing").\n',
        "The deal [is] done; [see it](/deal) and [this] : not a definition.\n",
        "It's done; [they're](/a) here.\n",
    ],
)
def test_apostrophes_in_link_titles_and_brackets_in_prose_take_the_compiled_path_and_match(text: str) -> None:
    fast = markdown_fast.render(text)
    assert fast is not None
    assert fast == reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>\n",
        "A <b>bold</b> claim.\n",
        "[click](javascript:alert(1))\n",
        "[click](JaVaScRiPt:alert(1))\n",
        "[click]( vbscript:msgbox(1))\n",
        "[click](data:text/html;base64,PHNjcmlwdD4=)\n",
        "[click](file:///etc/passwd)\n",
        "[click](java&#115;cript:alert(1))\n",
        "[click](%6Aavascript:alert(1))\n",
        "[click](<javascript:alert(1)>)\n",
        "[click][x]\n\n[x]: javascript:alert(1)\n",
        "A [ref][x] first, a [link](/a) next.\n\n[x]: /u\n",
        "Wow! A chart: ![a chart](/chart.png)\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "~~gone~~\n",
        "![a chart](https://example.org/chart.png)\n",
        "Use `code` here.\n",
    ],
)
def test_text_the_engines_may_disagree_on_is_left_to_markdown_it(text: str) -> None:
    assert markdown_fast.render(text) is None
    html = markdown.render_block(text)
    assert html == reference(text)
    assert "<script" not in html and "<b>" not in html
    assert 'href="javascript' not in html.lower() and 'href="vbscript' not in html.lower()


def test_a_site_built_without_the_compiled_path_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample site, once with pulldown-cmark where it may, once with markdown-it-py alone."""
    roots = [copy_sample(tmp_path / name) for name in ("with", "without")]
    build_site(roots[0])
    monkeypatch.setattr(markdown_fast, "pyromark", None)
    assert markdown_fast.render("plain\n") is None
    build_site(roots[1])
    with_fast, without = tree_digest(roots[0] / "site"), tree_digest(roots[1] / "site")
    assert with_fast.keys() == without.keys()
    assert [path for path in with_fast if with_fast[path] != without[path]] == []

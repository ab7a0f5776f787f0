"""The sped-up Jinja environment renders exactly what stock Jinja renders, escaping included."""

from __future__ import annotations

import functools
import sys

import jinja2
import markupsafe
import pytest

from generator import jinja_speed

TEMPLATE = """\
{% macro row(x) %}<li>{{ x }}{{ caller() if caller }}</li>{% endmacro -%}
<p title="{{ text }}">{{ text }} {{ safe }} {{ number }} {{ html_object }} {{ none_value }}</p>
{{ plain(text) }}|{{ with_context(1) }}|{{ with_env() }}|{{ with_eval() }}|{{ callable_object(2) }}
{{ text.upper() }}|{{ text | length }}|{{ text ~ safe }}|{{ [text, safe] | join(",") }}
{% set block %}<b>{{ text }}</b>{% endset %}{{ block }}|{{ block | length }}
{% filter upper %}{{ text }}{% endfilter %}
{% for item in items %}{% set shown = item ~ "!" %}{{ plain(shown) }}{{ sees_loop() }}{{ pair(shown, loop.index) }}{% endfor %}
{{ pair(text, number) }}|{{ plain(value=text) }}|{{ stops_with(1) is undefined }}|{{ stops_with(1, 2) is undefined }}
{% call row(text) %}{{ safe }}{% endcall %}
{% autoescape false %}{{ text }}{% endautoescape %}
{{ stops() is undefined }}
{{ memo(text) }}|{{ memo_with_context(text) }}|{{ context_stops(1) is undefined }}|{{ with_context(2) }}
"""


class CallableObject:
    """An object with `__call__` that asks for the context, as Jinja allows."""

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, n: int) -> str:
        return f"{context['number']}<{n}>"


class HtmlObject:
    def __html__(self) -> str:
        return "<i>own html</i>"


def stop_iteration() -> None:
    raise StopIteration


CONTEXT = {
    "text": "Ford & \"Alibaba\" <b>'deal'</b>",
    "safe": markupsafe.Markup("<em>kept</em>"),
    "number": 42,
    "html_object": HtmlObject(),
    "none_value": None,
    "items": ["a<", "b&"],
    "plain": lambda value: f"[{value}]",
    "with_context": jinja2.pass_context(lambda ctx, n: f"{ctx['number'] + n}<"),
    "with_env": jinja2.pass_environment(lambda env: type(env).__name__),
    "with_eval": jinja2.pass_eval_context(lambda ev: str(ev.autoescape)),
    "callable_object": CallableObject(),
    "stops": stop_iteration,
    "stops_with": lambda *args: stop_iteration(),
    "pair": lambda a, b: f"{a}/{b}",
    "sees_loop": jinja2.pass_context(lambda ctx: ctx.get("shown", "-")),
    "memo": functools.lru_cache(lambda value: f"<{value}>"),
    "memo_with_context": functools.lru_cache(jinja2.pass_context(lambda ctx, value: f"{ctx['number']}:{value}")),
    "context_stops": jinja2.pass_context(lambda ctx, n: stop_iteration()),
    "sees_block": jinja2.pass_context(lambda ctx: ctx.get("in_block", "-")),
}


def environment(fast: bool) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True)
    if fast:
        jinja_speed.speed_up(env)
    return env


def test_renders_what_stock_jinja_renders() -> None:
    stock = environment(False).from_string(TEMPLATE).render(CONTEXT)
    fast = environment(True).from_string(TEMPLATE).render(CONTEXT)
    assert fast == stock
    # The comparison means something: the text is escaped once, Markup is not, objects say theirs.
    assert "Ford &amp; &#34;Alibaba&#34; &lt;b&gt;&#39;deal&#39;&lt;/b&gt;" in fast
    assert "<em>kept</em>" in fast and "<i>own html</i>" in fast and "&amp;amp;" not in fast
    assert "43&lt;" in fast and "42&lt;2&gt;" in fast and "[a&lt;!]" in fast
    # Calls of one and two arguments take their own road: a context-taking function in a loop
    # still sees the loop's variables, and StopIteration still gives an undefined value.
    assert "[a&lt;!]a&lt;!a&lt;!/1" in fast and "[b&amp;!]b&amp;!b&amp;!/2" in fast and "True|True" in fast
    # Memoised functions and context-taking ones outside loops take the short road too.
    assert "&lt;Ford &amp; " in fast and "42:Ford &amp;" in fast and "|True|44&lt;" in fast


@pytest.mark.parametrize(
    "value",
    ["", "plain", "<&>\"'", "é — “quoted” \u2028", markupsafe.Markup("<b>x</b>"), 7, 1.5, None, HtmlObject()],
)
def test_escape_text_is_markupsafe_escape_as_a_string(value: object) -> None:
    assert jinja_speed.escape_text(value) == str(markupsafe.escape(value))
    assert isinstance(jinja_speed.escape_text(value), str)


def test_errors_still_name_the_template_line() -> None:
    env = environment(True)
    template = env.from_string("one\n{{ text }}\n{{ missing.name }}\n")
    with pytest.raises(jinja2.UndefinedError) as caught:
        template.render(text="x")
    frames = []
    tb = caught.value.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            frames.append(tb.tb_lineno)
        tb = tb.tb_next
    assert frames and frames[-1] == 3, frames
    assert sys.exc_info() == (None, None, None)


def test_imported_macros_see_the_globals_of_the_template_that_imports_them() -> None:
    """Jinja re-runs an imported template with the globals its importer has and it lacks: the
    one place that reads the context's set of global names, which the fast context makes late."""
    sources = {
        "macros.html": "{% macro who() %}{{ owner }}/{{ shared }}{% endmacro %}",
        "page.html": '{% import "macros.html" as m %}[{{ m.who() }}]',
    }
    rendered = []
    for fast in (False, True):
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), autoescape=True, undefined=jinja2.StrictUndefined)
        if fast:
            jinja_speed.speed_up(env)
        env.globals["shared"] = "<all>"
        rendered.append(env.get_template("page.html", globals={"owner": "page&"}).render())
    assert rendered[1] == rendered[0] == "[page&amp;/&lt;all&gt;]"


INCLUDES = {
    "base.html": "<main>{% block main %}{% endblock %}</main>{{ top }}",
    "page.html": """\
{% extends "base.html" %}
{% set top = "<top>" %}
{% block main %}
{% set in_block = text ~ "?" %}[{{ sees_block() }}]
{% for item in items %}{% include "row.html" %}{% endfor %}
{% if number > 100 %}{% set maybe = "set" %}{% endif %}
{% include "row.html" %}|{% include "note.txt" %}|{% include name_from_variable %}
{% include "missing.html" ignore missing %}|{% include "row.html" without context %}
{% endblock %}
""",
    "row.html": """\
{% set own = "inside" %}<li>{{ item | default("none") }} {{ loop.index if loop is defined else "-" }} \
{{ in_block | default("no block var") }} {{ maybe | default("unset") }} {{ top | default("no top") }} \
{{ own }}{% include "cell.html" %}</li>
""",
    "cell.html": "<td>{{ own | default('cell cannot see own') }} {{ text | default('no text') }}</td>",
    "note.txt": "{{ [text, safe] | join(' ') }}",  # join asks the evaluation context whether to escape
}
"""Includes as the built-in templates use them (in loops, in a block of a child template, nested,
of a template that is not HTML), and the kinds that keep Jinja's own way."""


def test_includes_render_what_stock_jinja_renders() -> None:
    rendered = []
    for fast in (False, True):
        env = jinja2.Environment(
            loader=jinja2.DictLoader(INCLUDES), autoescape=jinja2.select_autoescape(["html"]),
            undefined=jinja2.StrictUndefined, trim_blocks=True, auto_reload=False,
        )
        if fast:
            jinja_speed.speed_up(env)
        page = env.get_template("page.html")
        rendered.append([page.render(CONTEXT, name_from_variable="cell.html") for _ in range(2)])
    assert rendered[1] == rendered[0]
    html = rendered[1][0]
    # The comparison means something: the loop's item (not `loop`), the block's variable and the
    # page's own reach the row; the row's own variable reaches its include but not the page's
    # other includes; the .txt include is not escaped while the HTML ones are.
    assert "<li>a&lt; - Ford &amp; &#34;Alibaba&#34; &lt;b&gt;&#39;deal&#39;&lt;/b&gt;? unset &lt;top&gt; inside<td>inside Ford" in html
    assert "[Ford &amp; &#34;Alibaba&#34; &lt;b&gt;&#39;deal&#39;&lt;/b&gt;?]" in html  # a block's variable, seen by a context function
    assert "<li>b&amp; - " in html and "<li>none - Ford" in html
    assert "|Ford & \"Alibaba\" <b>'deal'</b> <em>kept</em>|<td>cell cannot see own Ford &amp;" in html
    assert "<li>none - no block var unset no top inside<td>inside no text</td></li>" in html

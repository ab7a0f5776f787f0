"""Jinja, made cheaper per page without changing a byte of what it renders.

A briefing page runs a few hundred template expressions, and Jinja wraps each in general
machinery. Its hot paths have a shorter road for the common case, and take it only then:
calling a plain function or method, escaping a plain string for output, and making the context
of each page and each include (a related briefing's row, a quote). Everything else goes Jinja's
own way.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from typing import Any

import jinja2
import markupsafe
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import EvalContext
from jinja2.utils import _PassArg, missing

try:  # markupsafe's C escaper for str, without the Markup wrapper that output does not need
    from markupsafe._speedups import _escape_inner as _escape_str
except ImportError:  # pragma: no cover - a markupsafe without speedups, or a future one
    def _escape_str(text: str) -> str:
        return str(markupsafe.escape(text))

_STOPPED = "value was undefined because a callable raised a StopIteration exception"
"""Jinja's hint for a call that raised StopIteration."""

_PLAIN_CALLABLES = frozenset({
    types.FunctionType, types.MethodType, types.BuiltinFunctionType, types.BuiltinMethodType,
    functools._lru_cache_wrapper,  # a memoised function (`slug`): its wrapped function's attributes are its own
})
"""Callables whose `jinja_pass_arg` attribute, or its absence, says all Jinja's `call` asks them."""

_PASS_CONTEXT = _PassArg.context
"""A function marked `@pass_context`: called with the active context first. Jinja derives a new
context for it when the call site has loop or block variables; the short road only takes the
calls where it does not."""


def escape_text(value: Any) -> str:
    """What `markupsafe.escape` gives for `{{ value }}` in an autoescaped template, as a str.

    Output is joined into the page straight away, so the Markup that `escape` wraps its result
    in (a Python-level constructor per expression) is never looked at. Markup is already HTML
    and is output as it is; other objects go through `escape` as before. A sixth of a briefing
    page's Jinja time."""
    kind = type(value)
    if kind is str:
        return _escape_str(value)
    if kind is markupsafe.Markup:  # already HTML (a filter's output): its own text
        return value
    return str(markupsafe.escape(value))


class Context(jinja2.runtime.Context):
    """Jinja's context, made without a set Jinja rarely reads, and with a shorter way through
    `call` for plain functions and methods.

    Templates call something at nearly every line (`href(...)`, `b.date.isoformat()`), and
    Jinja's `call` asks each callable twice whether it wants the context, environment or
    eval-context passed in. A function or method says so with a `jinja_pass_arg` attribute, so
    one look at that attribute decides; everything else (callable objects, Undefined) goes the
    usual way. A tenth of a briefing page's Jinja time."""

    def __init__(
        self, environment: jinja2.Environment, parent: dict[str, Any], name: str | None,
        blocks: dict[str, Any], globals: Any = None,
    ) -> None:
        """Jinja's, less the set of the globals' names that it makes for every page and include
        (about 25 names through a ChainMap): `globals_keys` makes it when asked, which only a
        `{% import %}` does."""
        self.parent = parent
        self.vars = {}
        self.environment = environment
        self.eval_ctx = _eval_context(environment, name)
        self.exported_vars = set()
        self.name = name
        self._globals = globals
        self.blocks = {k: [v] for k, v in blocks.items()}

    def include(self, name: str, parent: str | None, local_vars: dict[str, Any]) -> Iterator[str]:
        """`{% include "name" %}` with the context (see `Compiler.visit_Include`): Jinja's
        `template.root_render_func(template.new_context(context.get_all(), True, locals))`, the
        same context made with one dict instead of two."""
        environment = self.environment
        found: dict[tuple[str, str | None], jinja2.Template] | None = getattr(environment, "_includes", None)
        template = found.get((name, parent)) if found is not None else None
        if template is None:
            template = environment.get_template(name, parent)
            if found is not None:
                found[(name, parent)] = template
        if local_vars:
            merged = {**self.parent, **self.vars}
            for key, value in local_vars.items():
                if value is not missing:
                    merged[key] = value
        else:
            merged = self.get_all()
        return template.root_render_func(
            environment.context_class(environment, merged, template.name, template.blocks, globals=template.globals)
        )

    @property
    def globals_keys(self) -> set[str]:  # type: ignore[override]
        return set() if self._globals is None else set(self._globals)

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own signature
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does: a value that is undefined, not an exception
            return __self.environment.undefined(_STOPPED)

    # `call` for call sites with up to two positional arguments and nothing else (see
    # `Compiler.visit_Call`): the same road, without packing the arguments into a tuple and a dict.

    def call_0(self, obj: Any, _block_vars: Any = None, _loop_vars: Any = None) -> Any:
        """`f()`."""
        if type(obj) in _PLAIN_CALLABLES:
            wants = getattr(obj, "jinja_pass_arg", None)
            try:
                if wants is None:
                    return obj()
                if wants is _PASS_CONTEXT and not _block_vars and not _loop_vars:
                    return obj(self)
            except StopIteration:
                return self.environment.undefined(_STOPPED)
        return jinja2.runtime.Context.call(self, obj, _block_vars=_block_vars, _loop_vars=_loop_vars)

    def call_1(self, obj: Any, a: Any, _block_vars: Any = None, _loop_vars: Any = None) -> Any:
        """`f(a)`."""
        if type(obj) in _PLAIN_CALLABLES:
            wants = getattr(obj, "jinja_pass_arg", None)
            try:
                if wants is None:
                    return obj(a)
                if wants is _PASS_CONTEXT and not _block_vars and not _loop_vars:
                    return obj(self, a)
            except StopIteration:
                return self.environment.undefined(_STOPPED)
        return jinja2.runtime.Context.call(self, obj, a, _block_vars=_block_vars, _loop_vars=_loop_vars)

    def call_2(self, obj: Any, a: Any, b: Any, _block_vars: Any = None, _loop_vars: Any = None) -> Any:
        """`f(a, b)`."""
        if type(obj) in _PLAIN_CALLABLES:
            wants = getattr(obj, "jinja_pass_arg", None)
            try:
                if wants is None:
                    return obj(a, b)
                if wants is _PASS_CONTEXT and not _block_vars and not _loop_vars:
                    return obj(self, a, b)
            except StopIteration:
                return self.environment.undefined(_STOPPED)
        return jinja2.runtime.Context.call(self, obj, a, b, _block_vars=_block_vars, _loop_vars=_loop_vars)


def render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """`template.render(...)` for a page whose variables, globals included, are all in
    `variables`: Jinja's `render` makes them by copying the template's globals out of a ChainMap
    name by name. Errors go through Jinja's handler, so their tracebacks name template lines."""
    environment = template.environment
    context = environment.context_class(environment, variables, template.name, template.blocks, globals=template.globals)
    try:
        return environment.concat(template.root_render_func(context))  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - as Template.render: Jinja rewrites the traceback to template lines
        environment.handle_exception()


def _eval_context(environment: jinja2.Environment, name: str | None) -> EvalContext:
    """`EvalContext(environment, name)`, with the environment's autoescape decision for each
    template name remembered: `select_autoescape` lowercases the name and tries each suffix,
    for every page and every include."""
    choose = environment.autoescape
    if not callable(choose):
        return EvalContext(environment, name)
    memo: tuple[Any, dict[str | None, bool]] | None = getattr(environment, "_autoescape_memo", None)
    if memo is None or memo[0] is not choose:
        memo = (choose, {})
        environment._autoescape_memo = memo  # type: ignore[attr-defined]
    decisions = memo[1]
    autoescape = decisions.get(name)
    if autoescape is None:
        autoescape = decisions[name] = choose(name)
    context = EvalContext.__new__(EvalContext)
    context.environment = environment
    context.autoescape = autoescape
    context.volatile = False
    return context


class Compiler(CodeGenerator):
    """Jinja's code generator, with `escape_text` where it would write `escape` for output, and
    `context.call_N` where a call has up to two positional arguments and nothing else."""

    @optimizeconst
    def visit_Call(self, node: jinja2.nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        """`f(a, b)` as `context.call_2(f, a, b, ...)`: Jinja's `context.call(f, *args, **kwargs)`
        packs the arguments into a tuple and a dict (`_block_vars` and `_loop_vars` ride along
        as keywords in every block and loop) and unpacks them again, about 200 ns a call; a
        briefing page makes about a hundred calls (`href(...)`, `route.person(...)`)."""
        plain = (
            not forward_caller and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
            and len(node.args) <= 2 and not self.environment.is_async and not self.environment.sandboxed
        )
        if not plain:
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write(f"context.call_{len(node.args)}(")
        self.visit(node.node, frame)
        for arg in node.args:
            self.write(", ")
            self.visit(arg, frame)
        if frame.loop_frame:
            self.write(", _loop_vars=_loop_vars")
        if frame.block_frame:
            self.write(", _block_vars=_block_vars")
        self.write(")")

    def visit_Include(self, node: jinja2.nodes.Include, frame: Frame) -> None:
        """`{% include "name" %}` with the context, as `context.include(...)`: Jinja makes the
        included template's context by copying the page's into one dict and that into another,
        and looks the template up through its cache and its loader's weak reference; a briefing
        page makes nine includes (related rows, quotes, the axis). Other includes (a name from a
        variable, `ignore missing`, `without context`) go Jinja's way."""
        name = node.template.value if isinstance(node.template, jinja2.nodes.Const) else None
        if not (node.with_context and not node.ignore_missing and not self.environment.is_async and isinstance(name, str)):
            super().visit_Include(node, frame)
            return
        self.writeline(f"gen = context.include({name!r}, {self.name!r}, {self.dump_local_context(frame)})", node)
        self.writeline("try:")
        self.indent()
        self.writeline("for event in gen:")
        self.indent()
        self.simple_write("event", frame)
        self.outdent()
        self.outdent()
        self.writeline("finally: gen.close()")

    def visit_Template(self, node: jinja2.nodes.Template, frame: Frame | None = None) -> None:
        self.writeline(f"from {__name__} import escape_text")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("escape_text(")
        if finalize.src is not None:
            self.write(finalize.src)


def speed_up(env: jinja2.Environment) -> None:
    """Make `env` use the shorter roads; call before it compiles any template."""
    env.context_class = Context
    env.code_generator_class = Compiler
    if not env.auto_reload:  # templates never change under this environment: includes looked up once
        env._includes = {}  # type: ignore[attr-defined]

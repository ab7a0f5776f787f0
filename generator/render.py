"""The Jinja environment and its filters; turns pages into bytes and template errors into diagnostics."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from generator import defaults, jinja_speed, markdown, structured, urls
from generator.cache import digest
from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, error
from generator.model import Briefing
from generator.pages import Page


@dataclass(frozen=True, slots=True)
class Renderer:
    """A configured Jinja environment and where its template folders are."""

    env: jinja2.Environment
    """Autoescaping, StrictUndefined environment with the site's filters."""
    folders: tuple[tuple[Path, str], ...]
    """Each template folder and the name to report its files under."""
    names: dict[str, Any]
    """The environment's globals as one plain dict, the start of every page's variables (see
    `render`); the globals are set before this is made and not changed after."""


def make_renderer(root: Path, config: SiteConfig) -> Renderer:
    """The site's templates/ first, then the built-in defaults."""
    folders: list[tuple[Path, str]] = []
    site_templates = root / "templates"
    if site_templates.is_dir():
        folders.append((site_templates.resolve(), "templates"))
    builtin = defaults.templates().resolve()
    if not folders or builtin != folders[0][0]:
        folders.append((builtin, "(built-in templates)"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(path)) for path, _ in folders]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # No stat of every template on every render (a fifth of a briefing page's Jinja time):
        # a build compiles each template once, and the preview makes a new environment when a
        # template file changes (build._renderer).
        auto_reload=False,
    )
    jinja_speed.speed_up(env)
    allow_html = config.allow_html
    env.filters["inline_md"] = lambda text: Markup(markdown.render_inline(text or "", allow_html))
    env.filters["plain_md"] = lambda text: markdown.render_text(text or "")
    env.filters["body_html"] = lambda b: Markup(_body(b, allow_html))
    env.filters["json_script"] = lambda data: Markup(structured.script_json(data))
    env.filters["slug"] = urls.slugify
    env.globals["slug"] = urls.slugify
    env.globals["person_jsonld"] = lambda p, url: structured.person(p, url)
    env.globals["href"] = _href
    env.globals["absolute"] = _absolute
    env.globals["route"] = urls
    env.globals["news_article"] = lambda b, url: structured.news_article(b, config, url)
    env.globals["site"] = config
    return Renderer(env, tuple(folders), dict(env.globals))


def _body(briefing: Briefing, allow_html: bool) -> str:
    return markdown.render_article(briefing.body, briefing.body_is_text, allow_html)


@jinja2.pass_context
def _href(ctx: jinja2.runtime.Context, target: str, fragment: str | None = None) -> str:
    """`href` where the page's own is not in reach (a macro imported without context)."""
    return _linker(ctx["page_path"], bool(ctx.get("any_depth")), ctx["site"].base_path)(target, fragment)


def _linker(page_path: str, any_depth: bool, base: str | None) -> Callable[..., str]:
    """`href(target, fragment=None)` for one page: a link from it to `target` (an output path),
    relative, except on pages served at any depth (404.html), which link from the site's base
    path when it is known.

    A plain function bound per page, not one that asks Jinja for the context: Jinja copies the
    whole context for such a call inside a loop that sets a variable, which made a link cost
    about 15 us on the timeline."""
    if any_depth and base is not None:
        return lambda target, fragment=None: urls.from_base(base, target, fragment)
    return urls.linker(page_path)


@jinja2.pass_context
def _absolute(ctx: jinja2.runtime.Context, target: str) -> str | None:
    """The public address of `target`, or None when site.yaml gives no url."""
    base = ctx["site"].url
    return urls.absolute_url(base, target) if base else None


def check_templates(renderer: Renderer) -> list[Diagnostic]:
    """Compile every template up front so all syntax errors are reported in one run."""
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for folder, label in renderer.folders:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if not path.is_file() or name in seen or path.name.startswith("."):
                continue
            seen.add(name)
            try:
                renderer.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(error(f"{label}/{name}", exc.lineno, f"template syntax: {exc.message}"))
    return problems


def template_fingerprints(renderer: Renderer) -> dict[str, str]:
    """For each template, a digest of its source and of every template it extends or includes,
    so that a template change re-renders exactly the pages that use it.
    """
    sources: dict[str, str] = {}
    refs: dict[str, set[str] | None] = {}
    for name in renderer.env.list_templates():
        try:
            source = renderer.env.loader.get_source(renderer.env, name)[0]  # type: ignore[union-attr]
            found = meta.find_referenced_templates(renderer.env.parse(source))
            names = set()
            for ref in found:
                if ref is None:  # a computed name: it could be any template
                    names = None
                    break
                names.add(ref)
        except jinja2.TemplateError:
            source, names = "", None
        sources[name] = source
        refs[name] = names
    everything = digest(*(f"{n}\0{s}" for n, s in sorted(sources.items())))

    def closure(name: str, seen: set[str]) -> set[str] | None:
        if name in seen:
            return set()
        seen.add(name)
        names = refs.get(name, set())
        if names is None:
            return None
        out = {name}
        for ref in names:
            more = closure(ref, seen)
            if more is None:
                return None
            out |= more
        return out

    prints = {}
    for name in sources:
        used = closure(name, set())
        prints[name] = everything if used is None else digest(*(f"{n}\0{sources.get(n, '')}" for n in sorted(used)))
    return prints


def render(renderer: Renderer, page: Page) -> tuple[bytes | None, list[Diagnostic]]:
    """Render one page; a template error becomes `templates/x.html:LINE: message`."""
    try:
        template = renderer.env.get_template(page.template)
        context = page.context
        href = _linker(page.path, bool(context.get("any_depth")), renderer.names["site"].base_path)
        # What `template.render(context, page_path=..., root=..., href=...)` starts from: the
        # globals, then the page's variables; Jinja copies its globals out of a ChainMap name by
        # name for every page (6 us of a briefing page's 0.4 ms).
        variables = {**renderer.names, **context, "page_path": page.path, "root": urls.root_prefix(page.path), "href": href}
        text = jinja_speed.render(template, variables)
    except jinja2.TemplateSyntaxError as exc:
        return None, [error(_label(renderer, exc.filename) or page.template, exc.lineno, f"template syntax: {exc.message}")]
    except jinja2.TemplateNotFound as exc:
        where, line = _template_frame(renderer)
        return None, [error(where or page.template, line, f"template not found: {exc.name}")]
    except Exception as exc:  # a template bug, reported where it is in the template
        where, line = _template_frame(renderer)
        return None, [error(where or page.template, line, f"while rendering {page.path}: {type(exc).__name__}: {exc}")]
    return text.encode("utf-8"), []


def _label(renderer: Renderer, filename: str | None) -> str | None:
    """`templates/x.html` for a file in one of the template folders."""
    if filename is None:
        return None
    path = Path(filename).resolve()
    for folder, label in renderer.folders:
        if path.is_relative_to(folder):
            return f"{label}/{path.relative_to(folder).as_posix()}"
    return None


def _template_frame(renderer: Renderer) -> tuple[str | None, int | None]:
    """The innermost traceback frame in a template file: Jinja maps those to template lines."""
    tb = sys.exc_info()[2]
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        label = _label(renderer, tb.tb_frame.f_code.co_filename)
        if label is not None:
            found = (label, tb.tb_lineno)
        tb = tb.tb_next
    return found

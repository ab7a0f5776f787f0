"""Site settings from site.yaml, checked like front matter."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import yamlsafe
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.sources import decode

CONFIG_FILE = "site.yaml"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """What a site says about itself in site.yaml."""

    title: str = "Briefings"
    """The site's name, in every page's header and title."""
    description: str = ""
    """One sentence about the site, for the home page and feeds."""
    language: str = "en"
    """BCP 47 language tag for `<html lang>`."""
    url: str | None = None
    """The public address, e.g. `https://user.github.io/repo/`, for canonical and feed links."""
    author: str | None = None
    """Default byline for the site."""
    allow_html: bool = False
    """Let raw HTML in article bodies through (off: it is shown as text)."""
    page_size: int = 20
    """Briefings per home page."""
    cname: str | None = None
    """Custom domain for GitHub Pages (e.g. `news.example.com`): written to a CNAME file."""
    disable_kinds: tuple[str, ...] = ()
    """Kinds of page not to build (like Hugo's `disableKinds`): see `KINDS`."""

    def builds(self, kind: str) -> bool:
        """Whether pages of this kind are built, so that templates link to them only then."""
        return kind not in self.disable_kinds

    @property
    def base_path(self) -> str | None:
        """The URL path the site lives under (`/repo/`), from `url`; None without a url."""
        if self.url is None:
            return None
        return "/" + urllib.parse.urlsplit(self.url).path.strip("/") + "/" if urllib.parse.urlsplit(self.url).path.strip("/") else "/"


KINDS = ("people", "organizations", "tags", "sections", "timeline", "search", "feeds", "sitemap")
"""Page kinds a site may leave out; briefing pages and the home page are always built."""

_DEFAULTS = SiteConfig()
_FIELDS = tuple(SiteConfig.__dataclass_fields__)
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def load_config(root: Path, url_override: str | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read site.yaml if present; every problem is a diagnostic and defaults fill the gaps."""
    path = root / CONFIG_FILE
    data: dict[str, Any] = {}
    lines: dict[yamlsafe.KeyPath, int] = {}
    diagnostics: list[Diagnostic] = []
    if path.is_file():
        text, diagnostics = decode(path.read_bytes(), CONFIG_FILE)
        if text is not None:
            try:
                doc = yamlsafe.load(text)
            except yamlsafe.YamlProblem as problem:
                return _DEFAULTS, [error(CONFIG_FILE, problem.line, problem.message)]
            if isinstance(doc.data, dict):
                data, lines = doc.data, doc.lines
            elif doc.data is not None:
                return _DEFAULTS, [error(CONFIG_FILE, 1, "must be a mapping of settings (key: value)")]

    def at(key: str) -> int | None:
        return lines.get((key,))

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FIELDS:
            diagnostics.append(warning(CONFIG_FILE, at(key), f"{key}: unknown setting", did_you_mean(key, _FIELDS)))
            continue
        expected = type(getattr(_DEFAULTS, key)) if getattr(_DEFAULTS, key) is not None else str
        if value is None:
            continue
        if key == "disable_kinds":
            values[key] = _kinds(value, at(key), diagnostics)
        elif expected is int and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            diagnostics.append(error(CONFIG_FILE, at(key), f"{key}: expected a whole number above 0, got {value!r}"))
        elif expected is bool and not isinstance(value, bool):
            diagnostics.append(error(CONFIG_FILE, at(key), f"{key}: expected true or false, got {value!r}"))
        elif expected is str and not isinstance(value, str):
            diagnostics.append(error(CONFIG_FILE, at(key), f"{key}: expected text, got {value!r}"))
        else:
            values[key] = value
    if url_override is not None:
        values["url"] = url_override
    url = values.get("url")
    if url is not None:
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", url):
            where = "--base-url" if url_override is not None else f"{CONFIG_FILE}"
            diagnostics.append(error(where, at("url") if url_override is None else None, f"url: expected an http(s) address such as https://user.github.io/repo/, got '{url}'"))
            values.pop("url")
        else:
            values["url"] = url.rstrip("/") + "/"
    cname = values.get("cname")
    if cname is not None:
        cname = cname.strip().lower()
        if not re.match(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", cname):
            diagnostics.append(error(CONFIG_FILE, at("cname"), f"cname: '{cname}' is not a domain name such as news.example.com"))
            values.pop("cname")
        else:
            values["cname"] = cname
            values.setdefault("url", f"https://{cname}/")
    if "language" in values and not _LANG.match(values["language"]):
        diagnostics.append(error(CONFIG_FILE, at("language"), f"language: '{values['language']}' is not a language tag such as en or en-GB"))
        values.pop("language")
    return SiteConfig(**values), diagnostics


def _kinds(value: Any, line: int | None, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    """`disable_kinds: [people, search]`: known kind names only, each reported where it is wrong."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        diagnostics.append(error(CONFIG_FILE, line, f"disable_kinds: expected a list of page kinds ({', '.join(KINDS)}), got {value!r}"))
        return ()
    kinds = []
    for kind in value:
        if kind in KINDS:
            kinds.append(kind)
        else:
            diagnostics.append(error(CONFIG_FILE, line, f"disable_kinds: unknown kind '{kind}'; the kinds are {', '.join(KINDS)}", did_you_mean(kind, KINDS)))
    return tuple(sorted(set(kinds)))

"""Files for machines, made from the model rather than templates: feeds, sitemap, robots.txt."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from generator import markdown, urls
from generator.config import SiteConfig
from generator.model import Briefing

Writer = Callable[[dict[str, Any], SiteConfig], bytes]

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, even escaped."""


def rfc3339(value: dt.date | dt.datetime) -> str:
    """`2017-12-08` -> `2017-12-08T00:00:00Z`; a date-time keeps its offset (none given: UTC)."""
    text = _instant(value).isoformat()
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


def _instant(value: dt.date | dt.datetime) -> dt.datetime:
    """A date as midnight UTC; a date-time without an offset as UTC."""
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    moment = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() % 60:  # RFC 3339 offsets are whole minutes
        moment = moment.astimezone(dt.UTC)
    return moment


def _updated(briefings: Sequence[Briefing]) -> str:
    """The feed's date: its newest briefing's, so a build never stamps the time it ran."""
    return rfc3339(max((_instant(b.date) for b in briefings), default=_EPOCH))


def content_html(briefing: Briefing, allow_html: bool) -> str:
    """The key facts as a list, then the article body exactly as its page renders it."""
    facts = ""
    if briefing.key_facts:
        items = "".join(f"<li>{markdown.render_inline(fact, allow_html)}</li>\n" for fact in briefing.key_facts)
        facts = f"<h2>Key facts</h2>\n<ul>\n{items}</ul>\n"
    return facts + markdown.render_article(briefing.body, briefing.body_is_text, allow_html)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; ElementTree escapes text and attributes, characters XML forbids are dropped."""
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def atom(context: dict[str, Any], config: SiteConfig) -> bytes:
    """An Atom 1.0 feed of `context["briefings"]` (newest first), at `context["path"]`."""
    base = _base(config)
    briefings: Sequence[Briefing] = context["briefings"]
    page: str | None = context.get("page")
    self_url = urls.absolute_url(base, context["path"])
    feed = ET.Element("feed", {"xmlns": ATOM_NS, f"{{{_XML_NS}}}lang": config.language})
    _add(feed, "title", _title(context, config))
    if config.description and context.get("tag") is None:
        _add(feed, "subtitle", config.description)
    _add(feed, "id", urls.absolute_url(base, page) if page else self_url)
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if page:
        _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute_url(base, page))
    _add(feed, "updated", _updated(briefings))
    _add(_add(feed, "author"), "name", config.author or config.title)
    _add(feed, "generator", "briefing-pages")
    for b in briefings:
        url = urls.absolute_url(base, urls.briefing(b.slug))
        entry = ET.SubElement(feed, "entry", {f"{{{_XML_NS}}}base": url})  # relative links resolve as on the page
        _add(entry, "title", b.title)
        _add(entry, "id", url)
        _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "published", rfc3339(b.date))
        _add(entry, "updated", rfc3339(b.date))
        if b.author:
            _add(_add(entry, "author"), "name", b.author)
        for tag in b.tags:
            _add(entry, "category", term=tag)
        if b.summary:
            _add(entry, "summary", markdown.render_text(b.summary))
        _add(entry, "content", content_html(b, config.allow_html), type="html")
    return _xml(feed)


def json_feed(context: dict[str, Any], config: SiteConfig) -> bytes:
    """A JSON Feed 1.1 of `context["briefings"]` (newest first), at `context["path"]`."""
    base = _base(config)
    briefings: Sequence[Briefing] = context["briefings"]
    page: str | None = context.get("page")
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": _title(context, config),
        "feed_url": urls.absolute_url(base, context["path"]),
        "language": config.language,
        "authors": [{"name": config.author or config.title}],
        "items": [_item(b, base, config.allow_html) for b in briefings],
    }
    if page:
        data["home_page_url"] = urls.absolute_url(base, page)
    if config.description and context.get("tag") is None:
        data["description"] = config.description
    return _json(data)


def _item(b: Briefing, base: str, allow_html: bool) -> dict[str, Any]:
    url = urls.absolute_url(base, urls.briefing(b.slug))
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": b.title,
        "content_html": content_html(b, allow_html),
        "date_published": rfc3339(b.date),
    }
    if b.summary:
        item["summary"] = markdown.render_text(b.summary)
    if b.author:
        item["authors"] = [{"name": b.author}]
    if b.tags:
        item["tags"] = list(b.tags)
    return item


def _json(data: Any) -> bytes:
    """Stable keys; `<`, `>` and `&` as escapes, so no text can pass for markup if served as HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode("utf-8")


def sitemap(context: dict[str, Any], config: SiteConfig) -> bytes:
    """sitemaps.org 0.9: each `(path, date or None)` of `context["pages"]` as `<loc>` and `<lastmod>`."""
    base = _base(config)
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path, date in context["pages"]:
        entry = _add(urlset, "url")
        _add(entry, "loc", urls.absolute_url(base, path))
        if date is not None:
            _add(entry, "lastmod", date.isoformat() if not isinstance(date, dt.datetime) else rfc3339(date))
    return _xml(urlset)


def robots(context: dict[str, Any], config: SiteConfig) -> bytes:
    """Everything may be crawled; the sitemap's address when the site has one."""
    lines = ["User-agent: *", "Allow: /"]
    if config.url is not None and config.builds("sitemap"):
        lines.append(f"Sitemap: {urls.absolute_url(config.url, urls.SITEMAP)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _title(context: dict[str, Any], config: SiteConfig) -> str:
    tag: str | None = context.get("tag")
    return config.title if tag is None else f"{config.title}: {tag}"


def _base(config: SiteConfig) -> str:
    if config.url is None:  # pages.plan only plans feeds and the sitemap for a site with a url
        raise ValueError("feeds and the sitemap need the site's url")
    return config.url


WRITERS: dict[str, Writer] = {"atom": atom, "json": json_feed, "sitemap": sitemap, "robots": robots}
"""Each writer by the name a `Page.feed` gives."""

"""Structured data about pages for machines: JSON-LD that is safe inside a <script> element."""

from __future__ import annotations

import json
from typing import Any

from generator import markdown
from generator.config import SiteConfig
from generator.model import Briefing, PersonEntry


def news_article(briefing: Briefing, config: SiteConfig, url: str | None) -> dict[str, Any]:
    """schema.org NewsArticle for a briefing."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": briefing.title,
        "datePublished": briefing.date.isoformat(),
        "inLanguage": config.language,
    }
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if briefing.summary:
        data["description"] = markdown.render_text(briefing.summary)
    if briefing.author:
        data["author"] = {"@type": "Person", "name": briefing.author}
    if briefing.section:
        data["articleSection"] = briefing.section
    if briefing.tags:
        data["keywords"] = list(briefing.tags)
    if briefing.people:
        data["mentions"] = [_person(p.name, p.role, p.org) for p in briefing.people]
    data["publisher"] = {"@type": "Organization", "name": config.title}
    return data


def person(entry: PersonEntry, url: str | None) -> dict[str, Any]:
    """schema.org Person for a person page: names, roles, and the briefings that mention them."""
    data: dict[str, Any] = {"@context": "https://schema.org", **_person(entry.name, None, None)}
    if url:
        data["url"] = url
    if entry.names:
        data["alternateName"] = list(entry.names)
    if entry.bio:
        data["description"] = markdown.render_text(entry.bio)
    roles = [(p.role, p.org) for _, p in entry.mentions if p.role or p.org]
    if roles:
        role, org = roles[0]
        if role:
            data["jobTitle"] = role
        if org:
            data["affiliation"] = {"@type": "Organization", "name": org}
    return data


def _person(name: str, role: str | None, org: str | None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if role:
        person["jobTitle"] = role
    if org:
        person["affiliation"] = {"@type": "Organization", "name": org}
    return person


def script_json(data: Any) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

"""Create new things from nothing: a site (`briefing init`) and an article (`briefing new`)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator import __version__, urls
from generator.diagnostics import Diagnostic, error
from generator import defaults

SITE_YAML = """\
# Site settings. Every key is optional; see the README for what each one does.
title: {title}
description: Briefings on the stories we follow.
language: en
# url: https://USER.github.io/REPO/   # the public address: canonical links, feeds, sitemap
# allow_html: false                   # let raw HTML in article bodies through
page_size: 20
"""

REQUIREMENTS = """\
# What .github/workflows/pages.yml installs to build this site. If briefing-pages is not on
# your package index, name it by its git address instead, e.g.
# briefing-pages @ git+https://github.com/OWNER/briefing-pages@v{version}
briefing-pages=={version}
"""

EXAMPLE_ARTICLE = """\
---
title: Example briefing
date: {date}
author: The Desk
section: World
tags: [example]
summary: One or two sentences that say what happened and why it matters. *Inline Markdown* works here.
key_facts:
  - The facts that carry the story, one per line.
  - Figures and outcomes belong here, such as **50 new models by 2025**.
people:
  - name: Ada Example
    role: Spokesperson
    org: Example Agency
quotes:
  - text: This is what a direct quote looks like on the page.
    by: Ada Example
    context: at a press conference
timeline:
  - date: {year}
    event: A date known only to the year.
  - date: "{month}"
    event: A date known to the month (quote it).
  - date: {date}
    event: A date known to the day.
sources:
  - title: Where the facts come from
    url: https://example.org/
---
The article itself, in Markdown. Replace this file with your own briefings, then run
`briefing build` and open `site/index.html`.
"""

NEW_ARTICLE = """\
---
title: {title}
date: {date}
author:
section:
tags: []
summary:
key_facts: []
people: []
  # - name: Full Name
  #   role: Their role
  #   org: Their organisation
quotes: []
  # - text: The quoted words
  #   by: Full Name
timeline: []
  # - date: 2025          # or "2025-06" or 2025-06-30
  #   event: What happened
sources: []
  # - title: Source name
  #   url: https://example.org/
draft: true
---
Write the article here.
"""


def init_site(target: Path, today: dt.date) -> list[Diagnostic]:
    """A ready-to-build site in `target`, which must be empty or absent."""
    if target.exists() and any(target.iterdir()):
        return [error(str(target), None, "folder is not empty; choose a new or empty folder")]
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(defaults.templates(), target / "templates")
    shutil.copytree(defaults.static(), target / "static")
    workflows = target / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copyfile(defaults.pages_workflow(), workflows / "pages.yml")
    (target / "requirements.txt").write_text(REQUIREMENTS.format(version=__version__), encoding="utf-8")
    (target / "content").mkdir()
    (target / "site.yaml").write_text(SITE_YAML.format(title=target.resolve().name or "Briefings"), encoding="utf-8")
    (target / ".gitignore").write_text("/site/\n/.briefing-cache/\n", encoding="utf-8")
    (target / "content" / "example-briefing.md").write_text(
        EXAMPLE_ARTICLE.format(date=today.isoformat(), year=today.year, month=today.strftime("%Y-%m")),
        encoding="utf-8",
    )
    return []


def new_article(root: Path, title: str, today: dt.date) -> tuple[Path | None, list[Diagnostic]]:
    """content/<slug>.md with a front-matter skeleton; never overwrites."""
    slug = urls.slugify(title)
    if not slug:
        return None, [error("content", None, f"cannot make a file name from the title '{title}'")]
    path = root / "content" / f"{slug}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        return None, [error(rel, None, "already exists; choose another title or edit that file")]
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    path.write_text(NEW_ARTICLE.format(title=quoted, date=today.isoformat()), encoding="utf-8")
    return path, []

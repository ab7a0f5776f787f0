"""Files for machines, made from the model rather than templates: feeds, sitemap, robots.txt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.config import SiteConfig

Writer = Callable[[dict[str, Any], SiteConfig], bytes]

WRITERS: dict[str, Writer] = {}
"""Each writer by the name a `Page.feed` gives."""

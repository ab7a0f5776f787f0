"""What a running preview remembers between builds, so that a save redoes only what it affects."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def digest(*parts: str | bytes | None) -> str:
    """A short, stable fingerprint of some text."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else (part or b"")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


@dataclass(slots=True)
class Counts:
    """Work done by one build; tests use these to prove that a save redid only what it should."""

    parsed: int = 0
    """Source files read through YAML and the schema (not taken from the memo)."""
    rendered: int = 0
    """Pages rendered through Jinja."""
    written: int = 0
    """Output files whose bytes changed on disk."""


@dataclass(slots=True)
class BuildCache:
    """Memo of parsed sources (keyed by content hash) and fingerprints of rendered pages.

    Owned by one builder thread; it is never shared between threads.
    """

    sources: dict[str, Any] = field(default_factory=dict)
    """Source path -> the SourceFile last read, reused while the file's stat is unchanged."""
    parsed: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """Source path -> (digest of its text, what parsing it gave)."""
    pages: dict[str, str] = field(default_factory=dict)
    """Output path -> fingerprint of everything it was rendered from."""
    renderer: tuple[Any, Any] | None = None
    """(settings and template stamps, (Jinja renderer, template fingerprints)) of the latest
    build, reused while those are the same."""
    outputs: set[str] = field(default_factory=set)
    """Every file of the latest build's output, so that stale ones can be removed."""
    counts: Counts = field(default_factory=Counts)
    """Work done by the latest build."""
    related: dict[str, Any] = field(default_factory=dict)
    """Related briefings of the latest build and the signature of what they were worked out from."""

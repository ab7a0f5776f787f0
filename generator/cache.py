"""What a running preview remembers between builds, so that a save redoes only what it affects."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
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


class Superseded(Exception):
    """A preview build given up because newer changes are waiting; it wrote nothing."""


def _never() -> bool:
    return False


@dataclass(slots=True)
class BuildCache:
    """Memo of parsed sources (keyed by content hash) and fingerprints of rendered pages.

    Owned by one builder thread; only `output_lock` is shared, with the server's threads.
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
    latest: Any = None
    """What the latest good build rendered from (build.Latest), so that a save can render
    the pages open in a browser before the whole site is rebuilt."""
    superseded: Callable[[], bool] = _never
    """True when newer changes wait: the build then stops (see `check`) and the next one starts."""
    output_lock: threading.Lock = field(default_factory=threading.Lock)
    """Held while files of the output folder are replaced; the server holds it to read one."""

    def check(self) -> None:
        """Give up this build (raise Superseded) if newer changes are waiting: it would be stale
        the moment it ended, and the page open in the browser waits on the next one."""
        if self.superseded():
            raise Superseded

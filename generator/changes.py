"""What a file-system event means for the preview: which kind of input changed, and which to ignore.

Editors save in odd ways (temp file then rename, swap and backup files, several events per save),
so events are filtered by name and gathered into one batch per burst before anything is rebuilt.
"""

from __future__ import annotations

import enum
import fnmatch
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.config import CONFIG_FILE
from generator.sources import ARTICLE_SUFFIXES, SIDECAR_SUFFIXES


class ChangeKind(enum.Enum):
    """Which part of the site an input belongs to; decides how much to rebuild."""

    CONTENT = "content"
    TEMPLATE = "template"
    STATIC = "static"
    CONFIG = "config"
    OTHER = "other"


# Swap, backup and temporary files of common editors: vim (.x.swp, x~, 4913), emacs (.#x, #x#),
# JetBrains (___jb_tmp___), Kate (.kate-swp), gedit (.goutputstream-*), and hidden files in general.
IGNORED_NAMES = (
    ".*", "*~", "#*#", "4913", "*.swp", "*.swx", "*.swo", "*.tmp", "*.temp", "*.bak", "*.kate-swp",
    "*___jb_tmp___", "*___jb_old___", "*.crdownload", "*.part",
)


_FOLDERS = {
    "content": ChangeKind.CONTENT,
    "data": ChangeKind.CONTENT,  # data/people.yaml and data/organizations.yaml
    "templates": ChangeKind.TEMPLATE,
    "static": ChangeKind.STATIC,
}
CONTENT_SUFFIXES = ARTICLE_SUFFIXES + SIDECAR_SUFFIXES


def is_ignored(relpath: str) -> bool:
    """True for editors' temporary files and anything inside a hidden folder."""
    parts = PurePosixPath(relpath).parts
    return not parts or any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in IGNORED_NAMES)


def classify(relpath: str) -> ChangeKind:
    """Sort a path relative to the site root by the folder it is in, as Zola does."""
    if is_ignored(relpath):
        return ChangeKind.OTHER
    parts = PurePosixPath(relpath).parts
    if parts == (CONFIG_FILE,):
        return ChangeKind.CONFIG
    kind = _FOLDERS.get(parts[0], ChangeKind.OTHER)
    if kind is ChangeKind.CONTENT and len(parts) > 1 and PurePosixPath(relpath).suffix not in CONTENT_SUFFIXES:
        return ChangeKind.OTHER  # e.g. sed's and other tools' suffix-less temp files
    return kind


@dataclass(frozen=True, slots=True)
class Batch:
    """The relevant paths changed in one burst of events."""

    paths: frozenset[str]
    """Paths relative to the site root."""

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        """The kinds of input touched."""
        return frozenset(classify(p) for p in self.paths)


class Debouncer:
    """Gathers events until `quiet` seconds pass without one, then hands over one batch.

    Events that arrive while a batch is being rebuilt start the next batch, so the state
    after the last event always gets built.
    """

    def __init__(self, quiet: float = 0.05, clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.clock = clock
        self._paths: set[str] = set()
        self._last = 0.0
        self._cond = threading.Condition()
        self._closed = False

    def add(self, paths: Iterable[str]) -> bool:
        """Record changed paths; returns False when all of them are to be ignored."""
        relevant = {p for p in paths if classify(p) is not ChangeKind.OTHER}
        if not relevant:
            return False
        with self._cond:
            self._paths |= relevant
            self._last = self.clock()
            self._cond.notify_all()
        return True

    def pending(self) -> bool:
        """Whether changes wait (the burst may not be over yet)."""
        with self._cond:
            return bool(self._paths)

    def restore(self, batch: Batch) -> None:
        """Put back a batch whose rebuild was given up, to be built with the changes that
        interrupted it; the quiet period still runs from their last event."""
        with self._cond:
            self._paths |= batch.paths
            self._cond.notify_all()

    def ready(self) -> Batch | None:
        """The pending batch if the burst is over (no event for `quiet` seconds), else None."""
        with self._cond:
            if self._paths and self.clock() - self._last >= self.quiet:
                batch = Batch(frozenset(self._paths))
                self._paths = set()
                return batch
            return None

    def wait(self, timeout: float | None = None) -> Batch | None:
        """Block until a batch is ready (or closed / timed out)."""
        deadline = None if timeout is None else self.clock() + timeout
        with self._cond:
            while not self._closed:
                if self._paths:
                    remaining = self.quiet - (self.clock() - self._last)
                    if remaining <= 0:
                        batch = Batch(frozenset(self._paths))
                        self._paths = set()
                        return batch
                    self._cond.wait(remaining)
                else:
                    if deadline is not None and self.clock() >= deadline:
                        return None
                    self._cond.wait(None if deadline is None else max(0.0, deadline - self.clock()))
            return None

    def close(self) -> None:
        """Wake any waiter so the rebuild loop can end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

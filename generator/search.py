"""Index a built site with Pagefind, so that its search page finds briefings, people and quotes."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, error

BUNDLE = "pagefind"
"""The folder of the site that holds the index and Pagefind's scripts."""
TIMEOUT_SECONDS = 600
"""A run longer than this is taken as hung (10,000 briefings index in about a minute)."""
PLACE = "(search index)"
"""What indexer diagnostics name as their place: they concern the whole output, not one input."""
PREVIEW_REINDEX_PAGES = 300
"""The preview re-indexes after a save only for sites of up to this many pages, which index in a
fraction of a second (Pagefind takes about 2 ms a page); larger sites are indexed when it starts."""


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """What one run of the indexer did."""

    files: frozenset[str] = frozenset()
    """The index's files, relative to the site folder (`pagefind/...`)."""
    seconds: float = 0.0
    """Wall time of the run."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Why there is no index, when the run failed (errors)."""


def executable() -> Path | None:
    """The Pagefind binary that the `pagefind-bin` package ships, or None when it is missing."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError):
        return None


def preview_needs_index(site: Path, changed: Iterable[str], pages: int) -> bool:
    """Whether the preview, after writing `changed` in place, should index `site` again."""
    if not (site / BUNDLE / "pagefind.js").is_file():
        return True
    return pages <= PREVIEW_REINDEX_PAGES and any(path.endswith(".html") for path in changed)


def index(site: Path, binary: Path | None = None) -> SearchIndex:
    """Run Pagefind over the HTML in `site` and put the result in `site/pagefind/`.

    The index is written to a folder beside the old one and swapped in, so a failed run leaves
    the previous index (if any) as it was.
    """
    started = time.perf_counter()
    binary = binary or executable()
    if binary is None:
        return _failed(started, "the Pagefind binary is missing; reinstall briefing-pages (pip install pagefind-bin)")
    fresh = site / f".{BUNDLE}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(binary), "--site", ".", "--output-path", fresh.name, "--quiet"]
    try:
        # The site folder is the working directory, so no pagefind.yml of the caller's applies.
        proc = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        shutil.rmtree(fresh, ignore_errors=True)
        return _failed(started, f"Pagefind did not finish within {TIMEOUT_SECONDS} s")
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        return _failed(started, f"could not run Pagefind ({binary}): {exc.strerror or exc}")
    if proc.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        said = " ".join((proc.stderr.strip() or proc.stdout.strip()).splitlines()[-3:])
        return _failed(started, f"Pagefind failed (exit status {proc.returncode}): {said or 'no output'}")
    _swap_in(fresh, site / BUNDLE)
    files = frozenset(
        p.relative_to(site).as_posix() for p in (site / BUNDLE).rglob("*") if p.is_file()
    )
    return SearchIndex(files, time.perf_counter() - started)


def _failed(started: float, message: str) -> SearchIndex:
    return SearchIndex(seconds=time.perf_counter() - started, diagnostics=[error(PLACE, None, message)])


def _swap_in(fresh: Path, target: Path) -> None:
    """Replace `target` by `fresh`, keeping the old folder only until the new one is in place."""
    if not target.exists():
        os.rename(fresh, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(fresh, target)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)

"""Spread parsing and rendering over the machine's cores with forked worker processes.

markdown-it-py, the schema and Jinja are pure Python, so one process uses one core. Workers are
forked after the parent has what they need (the sources, the loaded site, the compiled templates,
the page plan), so they inherit it instead of receiving it pickled; only small results travel
back. Work goes out in chunks of consecutive items so each worker stays busy.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

Task = Callable[[Any, int, int], R]
"""`task(shared, start, stop)`: handle items start..stop-1 of `shared`, return a picklable result."""

MIN_PARALLEL = 64
"""Below this many items, starting processes costs more than it saves."""

_INHERITED: tuple[Callable[..., Any], Any] | None = None
"""Set just before forking: the task and its shared data, read by the children."""


def available() -> int:
    """Cores this process may run on, or the BRIEFING_JOBS override (1 = no workers)."""
    wanted = os.environ.get("BRIEFING_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_chunks(task: Task[R], shared: Any, count: int, jobs: int | None = None, chunk: int = 0) -> Iterator[R]:
    """Run `task` over 0..count-1 in chunks, in worker processes when that pays.

    Results come in chunk order, so what callers build from them does not depend on timing.
    """
    jobs = available() if jobs is None else jobs
    if jobs <= 1 or count < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        if count:
            yield task(shared, 0, count)
        return
    size = chunk or max(8, min(200, count // (jobs * 8) or 1))
    ranges = [(start, min(start + size, count)) for start in range(0, count, size)]
    global _INHERITED
    _INHERITED = (task, shared)
    gc.freeze()  # the children's collector then leaves inherited objects alone, so their pages stay shared
    try:
        # An executor, not multiprocessing.Pool: if a worker dies (killed, out of memory), the
        # build stops with BrokenProcessPool instead of waiting forever for its chunk.
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_run_inherited, ranges)
    finally:
        _INHERITED = None
        gc.unfreeze()


def _run_inherited(span: tuple[int, int]) -> Any:
    assert _INHERITED is not None, "worker started without its task"
    task, shared = _INHERITED
    return task(shared, *span)

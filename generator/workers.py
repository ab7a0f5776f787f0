"""Spread parsing and rendering over the machine's cores with forked worker processes.

markdown-it-py, the schema and Jinja are pure Python, so one process uses one core. Workers are
forked after the parent has what they need (the article list, the loaded site, the compiled
templates, the page plan), so they inherit it instead of receiving it pickled; only results
travel back. The parent works too: with `jobs` cores it forks `jobs - 1` workers and takes
chunks itself, so one fewer process copies the pages it inherited (each worker's reads of
inherited objects touch their reference counts, and the kernel then copies those pages), and
what the parent computes itself is not pickled at all. Work goes out in chunks of consecutive
items, taken in turn from one shared counter, so every process stays busy to the end.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

R = TypeVar("R")

Task = Callable[[Any, int, int], R]
"""`task(shared, start, stop)`: handle items start..stop-1 of `shared`, return a picklable result."""

MIN_PARALLEL = 64
"""Below this many items, starting processes costs more than it saves."""

_INHERITED: tuple[Callable[..., Any], Any, list[tuple[int, int]], Any] | None = None
"""Set just before forking: the task, its shared data, the chunks and the chunk counter."""

_DONE = "done"
"""What a worker sends when no chunk is left."""


def available() -> int:
    """Cores this process may run on, or the BRIEFING_JOBS override (1 = no workers)."""
    wanted = os.environ.get("BRIEFING_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_chunks(
    task: Task[R], shared: Any, count: int, jobs: int | None = None, chunk: int = 0,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[R]:
    """Run `task` over 0..count-1 in chunks, in this process and `jobs - 1` forked workers when
    that pays.

    Results come in chunk order, so what callers build from them does not depend on timing. An
    exception in a worker is raised here; a worker that dies (killed, out of memory) raises
    BrokenProcessPool instead of leaving the build waiting for its chunk. `meanwhile` is work of
    this process's own that does not need the results (the build compiles its templates while
    the articles are parsed): it runs once the workers have started, before this process takes
    its first chunk, and the workers take more chunks meanwhile.
    """
    jobs = available() if jobs is None else jobs
    if jobs <= 1 or count < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        if count:
            yield task(shared, 0, count)
        return
    size = chunk or max(8, min(200, count // (jobs * 8) or 1))
    ranges = [(start, min(start + size, count)) for start in range(0, count, size)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    results: Any = context.Queue()  # a feeder thread: a worker never waits for the busy parent to read
    global _INHERITED
    _INHERITED = (task, shared, ranges, counter)
    frozen_before = gc.get_freeze_count() > 0  # a caller's freeze (see build._read_and_parse) is kept
    gc.freeze()  # the children's collector then leaves inherited objects alone, so their pages stay shared
    children = [context.Process(target=_work, args=(results,), daemon=True) for _ in range(jobs - 1)]
    try:
        for child in children:
            child.start()
        if meanwhile is not None:
            meanwhile()
        done: dict[int, Any] = {}
        emitted, running = 0, len(children)
        while (index := _take(counter, len(ranges))) is not None:
            done[index] = task(shared, *ranges[index])
            running -= _collect(results, done, children, wait=False)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
        while emitted < len(ranges) or running:
            if emitted in done:
                yield done.pop(emitted)
                emitted += 1
            else:
                running -= _collect(results, done, children, wait=True)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        results.close()
        _INHERITED = None
        if not frozen_before:
            gc.unfreeze()


def _take(counter: Any, total: int) -> int | None:
    """The next chunk nobody has taken, or None when all are taken."""
    with counter.get_lock():
        index = int(counter.value)
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _collect(results: Any, done: dict[int, Any], children: list[Any], wait: bool) -> int:
    """Move what the workers have sent into `done`; return how many said they had finished.

    With `wait`, block until something arrives, checking that the workers are still alive.
    """
    finished = 0
    while True:
        try:
            message = results.get(timeout=0.2) if wait else results.get_nowait()
        except queue.Empty:
            if not wait:
                return finished
            codes = [child.exitcode for child in children]
            if any(code not in (None, 0) for code in codes) or None not in codes:
                raise BrokenProcessPool("a worker process stopped before its chunk was done") from None
            continue
        kind, index, value = message
        if kind == "error":
            raise value
        if kind == _DONE:
            finished += 1
        else:
            done[index] = value
        wait = False  # got something: take the rest that is there without waiting


def _work(results: Any) -> None:
    """A worker: take chunks until none is left, sending each result (or the error) back."""
    assert _INHERITED is not None, "worker started without its task"
    task, shared, ranges, counter = _INHERITED
    try:
        while (index := _take(counter, len(ranges))) is not None:
            results.put(("result", index, task(shared, *ranges[index])))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an exception that cannot travel: its message can
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        results.put(("error", -1, exc))
    else:
        results.put((_DONE, -1, None))
    results.close()
    results.join_thread()  # everything is in the pipe before the process ends

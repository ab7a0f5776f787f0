"""Work spread over processes: results in order, the same as in one process, and a worker that
dies stops the build instead of hanging it."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from generator import workers


def _squares(shared: list[int], start: int, stop: int) -> list[int]:
    return [n * n for n in shared[start:stop]]


PARENT = os.getpid()


def _dies(shared: list[int], start: int, stop: int) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)  # as the kernel's out-of-memory killer would end it
    time.sleep(0.05)  # the parent takes chunks too: leave some to the worker
    return shared[start:stop]


def _fails(shared: list[int], start: int, stop: int) -> list[int]:
    if os.getpid() != PARENT:
        raise ValueError(f"no good: {start}")
    time.sleep(0.05)
    return shared[start:stop]


def test_chunks_come_back_in_order_and_match_one_process() -> None:
    numbers = list(range(1000))
    parallel = [n for chunk in workers.run_chunks(_squares, numbers, len(numbers), jobs=2, chunk=37) for n in chunk]
    alone = [n for chunk in workers.run_chunks(_squares, numbers, len(numbers), jobs=1) for n in chunk]
    assert parallel == alone == [n * n for n in numbers]


def test_a_dead_worker_raises_instead_of_hanging() -> None:
    numbers = list(range(500))
    with pytest.raises(BrokenProcessPool):
        for _ in workers.run_chunks(_dies, numbers, len(numbers), jobs=2, chunk=50):
            pass


def test_an_error_in_a_worker_is_raised_in_the_parent() -> None:
    numbers = list(range(500))
    with pytest.raises(ValueError, match="no good"):
        for _ in workers.run_chunks(_fails, numbers, len(numbers), jobs=2, chunk=50):
            pass


def test_three_jobs_share_the_chunks_and_keep_their_order() -> None:
    numbers = list(range(2000))
    chunks = list(workers.run_chunks(_squares, numbers, len(numbers), jobs=3, chunk=25))
    assert len(chunks) == 80
    assert [n for chunk in chunks for n in chunk] == [n * n for n in numbers]


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_in_this_process_while_the_workers_take_the_chunks(jobs: int) -> None:
    numbers = list(range(1000))
    ran: list[int] = []

    def meanwhile() -> None:
        ran.append(os.getpid())
        time.sleep(0.2 if jobs > 1 else 0)  # long enough for the worker to take chunks meanwhile

    chunks = list(workers.run_chunks(_squares, numbers, len(numbers), jobs=jobs, chunk=10, meanwhile=meanwhile))
    assert ran == [PARENT]
    assert [n for chunk in chunks for n in chunk] == [n * n for n in numbers]


def test_an_error_in_meanwhile_stops_the_workers() -> None:
    numbers = list(range(5000))

    def meanwhile() -> None:
        raise OSError("templates unreadable")

    with pytest.raises(OSError, match="templates unreadable"):
        for _ in workers.run_chunks(_slow, numbers, len(numbers), jobs=2, chunk=10, meanwhile=meanwhile):
            pass
    time.sleep(0.1)
    assert not [c for c in multiprocessing.active_children() if c.is_alive()]


def _slow(shared: list[int], start: int, stop: int) -> list[int]:
    time.sleep(0.01)
    return shared[start:stop]

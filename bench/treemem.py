#!/usr/bin/env python3
"""Peak memory of a command and all its processes together (the build forks workers).

usage: treemem.py [-n RUNS] [--before SHELL] -- COMMAND [ARG ...]

Runs COMMAND RUNS times (each after the shell snippet --before, untimed) and samples its whole
process tree every 5 ms from /proc: the sum of RSS over the processes alive at that moment, and
the sum of PSS (proportional set size: a page shared by the parent and its forked workers is
counted once in total, split between them). Prints, per run and as medians, wall seconds, peak
summed RSS and peak summed PSS in MiB. RSS sums overstate memory shared after fork; PSS does
not. The ru_maxrss figure that ../shared/bench/timeit_cmd.py reports is the largest single
process. Standard library only; Linux only.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree(root: int) -> list[int]:
    """root and every descendant alive now."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return found


def rss_pss(pid: int) -> tuple[int, int]:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            rss = pss = 0
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
            return rss, pss
    except OSError:
        return 0, 0


def run(cmd: list[str]) -> tuple[float, float, float, int]:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss = pss = 0
        for pid in tree(proc.pid):
            r, p = rss_pss(pid)
            rss, pss = rss + r, pss + p
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.005)
    return time.monotonic() - start, peak_rss / 2**20, peak_pss / 2**20, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=3)
    parser.add_argument("--before", default="", help="shell snippet run before each run (untimed)")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    rows = []
    for i in range(args.n):
        if args.before:
            subprocess.run(args.before, shell=True, check=True)
        wall, rss, pss, code = run(cmd)
        rows.append((wall, rss, pss))
        print(f"run {i + 1}: wall {wall:.2f} s, peak RSS sum {rss:.0f} MiB, peak PSS sum {pss:.0f} MiB, exit {code}")
        if code != 0:
            return code
    med = [statistics.median(col) for col in zip(*rows)]
    print(f"median: wall {med[0]:.2f} s, peak RSS sum {med[1]:.0f} MiB, peak PSS sum {med[2]:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

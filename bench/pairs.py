#!/usr/bin/env python3
"""Time two commands in turns, for a ratio that the machine's noise moves less.

usage: pairs.py [-n PAIRS] [--warmup W] --a-dir DIR --a-before SHELL --a COMMAND
                --b-dir DIR --b-before SHELL --b COMMAND

run_peers.sh times one tool's runs, then the other's, so a minute of a slower machine lands on
one side only. Here each pair runs A then B, the next B then A (ABBA...), each run a new process
started in its own folder after its `--*-before` shell snippet (untimed: moving the last output
away), and the ratio B/A is taken within each pair. Prints every pair's wall seconds and ratio,
and the median ratio. Standard library only.
"""
from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import time


def timed(folder: str, before: str, command: str) -> float:
    """Wall seconds of one run of `command` in `folder`, after `before` (not timed)."""
    subprocess.run(["sh", "-c", before], cwd=folder, check=True)
    started = time.monotonic()
    subprocess.run(shlex.split(command), cwd=folder, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=5, help="pairs counted (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="pairs run first and not counted")
    for side in ("a", "b"):
        parser.add_argument(f"--{side}-dir", required=True)
        parser.add_argument(f"--{side}-before", default="true")
        parser.add_argument(f"--{side}", required=True, help="the command (split like a shell does)")
    args = parser.parse_args()
    a = (args.a_dir, args.a_before, args.a)
    b = (args.b_dir, args.b_before, args.b)
    ratios = []
    print(f"A: {args.a}  (in {args.a_dir})\nB: {args.b}  (in {args.b_dir})")
    print("pair   A s     B s    B/A")
    for n in range(args.warmup + args.n):
        if n % 2 == 0:
            wall_a, wall_b = timed(*a), timed(*b)
        else:
            wall_b, wall_a = timed(*b), timed(*a)
        if n < args.warmup:
            continue
        ratios.append(wall_b / wall_a)
        print(f"{n - args.warmup + 1:4d} {wall_a:7.2f} {wall_b:7.2f} {ratios[-1]:6.2f}")
    print(f"median B/A over {len(ratios)} pairs: {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Time cold builds of synthetic sites and print a Markdown table.

usage: run.py [--sizes 1000,10000] [--runs 3] [--warmup 0] [--seed 1] [--keep]

For each N: make (or reuse) the corpus, then run `python -m generator build --root DIR
--output DIR/site` as a fresh child process `--runs` times, each after removing every output
and cache the previous build left in DIR.  Wall time is a monotonic clock around start and
reap; CPU and peak RSS come from `os.wait4`, i.e. the kernel's accounting of the finished
child (the same protocol as ../shared/bench/timeit_cmd.py, so figures sit beside RESULTS.md).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
sys.path.insert(0, str(BENCH))
import make_corpus  # a sibling script, not a package

KEEP_IN_ROOT = {"site.yaml", "content", make_corpus.STAMP}
"""What a corpus root holds before a build; everything else is output or cache."""

RSS_METHOD = ("ru_maxrss from os.wait4 on the build process: the largest single process of "
              "its tree (the child or any descendant it reaped), not a sum over processes")


@dataclass(frozen=True, slots=True)
class Run:
    """One timed build."""

    wall: float
    """Seconds from start to reap, monotonic clock."""
    cpu: float
    """User + system CPU seconds of the child and its reaped descendants."""
    peak_mib: float
    """ru_maxrss in MiB (Linux reports KiB)."""
    pages: int
    """index.html files found under the output folder afterwards."""


def machine() -> str:
    """One line saying where the figures came from; timings mean little without it."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f", {kib / 2**20:.1f} GiB RAM"
    except (OSError, IndexError, ValueError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"nproc {usable} (of {os.cpu_count()}), {model}{mem}, "
            f"Python {platform.python_version()} ({sys.executable}), {platform.platform()}")


def corpus(n: int, seed: int, keep: bool, tmp: Path) -> Path:
    """Reuse bench/.work/corpus-N if the same generator version made it, else write one."""
    kept = WORK / f"corpus-{n}"
    stamp = kept / make_corpus.STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == make_corpus.stamp(n, seed):
        print(f"N={n}: reusing {kept}", file=sys.stderr)
        return kept
    root = kept if keep else tmp / f"corpus-{n}"
    if root.exists():
        shutil.rmtree(root)
    t0 = time.monotonic()
    size = make_corpus.write_corpus(n, root, seed)
    print(f"N={n}: wrote {size / 1e6:.1f} MB to {root} in {time.monotonic() - t0:.1f} s",
          file=sys.stderr)
    return root


def clean(root: Path) -> None:
    """Remove everything a previous build left in the root, so each build is cold."""
    for p in root.iterdir():
        if p.name in KEEP_IN_ROOT:
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()


def build_once(root: Path, log: Path) -> Run:
    """Run one cold build in a fresh process and measure it."""
    clean(root)
    out = root / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(out)]
    with log.open("wb") as f:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=f, stderr=f)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"build failed (exit {p.returncode}): {' '.join(cmd)}\n"
                 f"{log.read_text(errors='replace')[-3000:]}")
    pages = sum(1 for _ in out.rglob("index.html")) if out.is_dir() else 0
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated N (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=3, help="counted builds per N (default 3)")
    ap.add_argument("--warmup", type=int, default=0, help="uncounted builds first (default 0)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true",
                    help="write new corpora to bench/.work/corpus-N for later runs")
    a = ap.parse_args(argv)
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]

    probe = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], cwd=REPO,
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        print(f"`python -m generator build --help` failed in {REPO}:\n{probe.stderr[-2000:]}",
              file=sys.stderr)
        return 2

    rows: list[str] = []
    WORK.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=WORK) as t:
        tmp = Path(t)
        for n in sizes:
            root = corpus(n, a.seed, a.keep, tmp)
            log = tmp / f"build-{n}.log"
            for _ in range(a.warmup):
                build_once(root, log)
            runs: list[Run] = []
            for i in range(a.runs):
                runs.append(build_once(root, log))
                r = runs[-1]
                print(f"N={n} run {i + 1}/{a.runs}: {r.wall:.2f} s wall, {r.cpu:.2f} s CPU, "
                      f"{r.peak_mib:.0f} MiB, {r.pages} index.html", file=sys.stderr)
            walls = [r.wall for r in runs]
            wall = statistics.median(walls)
            pages = runs[-1].pages
            rows.append(f"| {n:,} | {pages:,} | {wall:.2f} ({min(walls):.2f}-{max(walls):.2f}) "
                        f"| {statistics.median(r.cpu for r in runs):.2f} "
                        f"| {pages / wall:,.0f} "
                        f"| {statistics.median(r.peak_mib for r in runs):.0f} |")
            if not a.keep and root.parent == tmp:
                shutil.rmtree(root)

    print(f"Machine: {machine()}")
    print(f"Build: `python -m generator build --root DIR --output DIR/site`, cold (DIR cleaned "
          f"of all output and caches before each run), {a.runs} counted run(s) after "
          f"{a.warmup} warm-up; figures are medians. Corpus: make_corpus.py "
          f"v{make_corpus.VERSION}, seed {a.seed}.")
    print(f"Peak RSS: {RSS_METHOD}.")
    print()
    print("| N | pages (index.html) | wall s, median (min-max) | CPU s | pages/s | peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

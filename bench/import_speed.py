"""How fast `briefing import` drafts articles: N raw articles (copies of the dev set) in one process.

    python bench/import_speed.py            # N = 1,000, best of 3 runs
    python bench/import_speed.py --n 200 --runs 1

Standard library only; runs `python -m generator import` with the interpreter that runs it, from
the repo root, on copies of tests/data/import-dev/*.txt, and prints the wall time per run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "import-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported (default 3)")
    args = parser.parse_args()
    sources = sorted(DEV.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for i in range(args.n):
            shutil.copyfile(sources[i % len(sources)], raw / f"article-{i:05d}.txt")
        size = sum(p.stat().st_size for p in raw.iterdir())
        times = []
        for run in range(args.runs):
            out = Path(tmp) / f"out-{run}"
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "generator", "import", *map(str, sorted(raw.iterdir())), "--out", str(out)],
                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            if done.returncode != 0:
                print(done.stderr[-2000:], file=sys.stderr)
                return 1
            times.append(time.perf_counter() - start)
            print(f"run {run + 1}: {args.n} articles ({size / 1e6:.1f} MB) in {times[-1]:.2f} s")
    best = min(times)
    print(f"best: {best:.2f} s for {args.n} articles = {1000 * best / args.n:.1f} ms an article (one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

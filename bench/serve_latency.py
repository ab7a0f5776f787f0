#!/usr/bin/env python3
"""Time `briefing serve` from an article's save to the browser showing the new text.

usage: serve_latency.py [--sizes sample,1000] [--edits 20] [--gap 0.3] [--seed 1]

For each site (the repo's sample site, or an N-briefing corpus from make_corpus.py) it starts
`python -m generator serve --root DIR --port 0`, opens one briefing page in headless Chromium
(Playwright, /usr/bin/chromium), then saves a new marker word into that article's title
`--edits` times and measures, per save, (1) save -> the `reload` SSE message reaching a raw
HTTP client and (2) save -> the page's <h1> containing the marker; and, for the last save, (3)
save -> the server's log of the rebuild of the whole site that includes it (the open page is
rendered and reloaded first; a save during a rebuild stops it). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import yaml  # a dependency of the generator itself

if TYPE_CHECKING:
    from playwright.sync_api import Response

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / ".work"
sys.path.insert(0, str(BENCH))
import make_corpus  # sibling scripts, not a package
from run import machine

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVENTS = "/_briefing/events"
SERVING = re.compile(r"^Serving .* at (http://127\.0\.0\.1:(\d+)/)")
REBUILT = re.compile(r"^Rebuilt \((.*)\): (\d+) parsed, (\d+) rendered, (\d+) written in (\d+) ms$")
H1_HAS = "m => (document.querySelector('h1')?.textContent ?? '').includes(m)"


@dataclass(frozen=True, slots=True)
class Build:
    """One "Rebuilt (...)" line of the serve log."""

    what: str
    """The changed paths, or `everything` for the first build."""
    parsed: int
    """Articles parsed."""
    rendered: int
    """Pages rendered."""
    written: int
    """Files whose bytes changed."""
    ms: int
    """Build time the server reports."""


@dataclass(frozen=True, slots=True)
class Result:
    """Everything measured on one site."""

    label: str
    """`sample` or the corpus size."""
    briefings: int
    """Articles in content/."""
    sse: tuple[float, ...]
    """Seconds from each save to the `reload` message at the raw SSE client."""
    page: tuple[float, ...]
    """Seconds from each save to the marker in the page's <h1>."""
    caught_up: float
    """Seconds from the last save to the end of the rebuild of the whole site that includes it."""
    builds: tuple[Build, ...]
    """Every build the server logged, the first (full) one included."""
    other_log: tuple[str, ...]
    """Server log lines that are neither builds nor the start/stop notes."""
    exit_code: int | None
    """The server's exit status after SIGINT (None if it had to be killed)."""
    wall: float
    """Seconds for the whole site run, server start-up included."""


class SseClient(threading.Thread):
    """Reads /_briefing/events line by line and queues perf_counter() of every `reload`."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True, name="sse-client")
        self.port = port
        self.reloads: queue.Queue[float] = queue.Queue()
        self.connected = threading.Event()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port)
        conn.request("GET", EVENTS, headers={"Accept": "text/event-stream"})
        resp = conn.getresponse()
        self.connected.set()
        while line := resp.readline():
            if line.rstrip(b"\r\n") == b"event: reload":
                self.reloads.put(time.perf_counter())
        conn.close()

    def next_reload(self, after: float, timeout: float) -> float:
        """The first reload seen after `after` (perf_counter), waiting up to `timeout` s."""
        deadline = time.perf_counter() + timeout
        while True:
            t = self.reloads.get(timeout=max(0.0, deadline - time.perf_counter()))
            if t >= after:
                return t


def prepare(size: str, seed: int, tmp: Path) -> Path:
    """A throw-away site root: the sample site, or a copy of (or fresh) corpus-N without site/."""
    root = tmp / f"site-{size}"
    if size == "sample":
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy2(REPO / "site.yaml", root / "site.yaml")
        return root
    n = int(size)
    kept = WORK / f"corpus-{n}"
    stamp = kept / make_corpus.STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == make_corpus.stamp(n, seed):
        shutil.copytree(kept, root, ignore=lambda d, _: ["site"] if Path(d) == kept else [])
    else:
        make_corpus.write_corpus(n, root, seed)
    shutil.rmtree(root / "site", ignore_errors=True)
    return root


def is_event_stream(response: Response) -> bool:
    """True for the response that opens a page's EventSource."""
    return response.url.split("?", 1)[0].endswith(EVENTS)


def save_title(article: Path, title: str, marker: str) -> float:
    """Save the article with `marker` in its title, atomically as editors do; return the time."""
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines) if line.startswith("title:"))
    lines[i] = f"title: {json.dumps(f'{title} {marker}', ensure_ascii=False)}\n"
    tmp = article.with_name(f".{article.name}.tmp")  # hidden: the watcher ignores it
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, article)
    return time.perf_counter()


def start_server(root: Path, log: IO[bytes]) -> tuple[subprocess.Popen[str], str, int]:
    """Start `briefing serve` on a free port; wait for its "Serving ... at URL" line."""
    cmd = [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=log, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if m := SERVING.match(line):
            return proc, m.group(1), int(m.group(2))
    proc.wait()
    raise RuntimeError(f"serve exited ({proc.returncode}) before it was serving")


def stop_server(proc: subprocess.Popen[str]) -> int | None:
    """SIGINT, as Ctrl-C would; kill only if it has not exited 10 s later."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.communicate(timeout=10)
        return proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None


def measure(label: str, root: Path, edits: int, gap: float, timeout: float) -> Result:
    """Serve `root`, open its first briefing, save `edits` times and time each save."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    article = min((root / "content").glob("*.md"))
    lines = article.read_text(encoding="utf-8").splitlines()
    title = str(yaml.safe_load(next(ln for ln in lines if ln.startswith("title:"))[6:]))
    sse: list[float] = []
    page_times: list[float] = []
    caught_up = float("nan")
    rebuilt_before = 0
    log_path = WORK / f"serve-{label}.log"  # kept for a look afterwards
    with log_path.open("wb") as log:
        proc, url, port = start_server(root, log)
        try:
            client = SseClient(port)
            client.start()
            client.connected.wait(10)
            with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
                ctx = pw.chromium.launch_persistent_context(
                    profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = ctx.new_page()
                page.set_default_timeout(timeout * 1000)
                with page.expect_response(is_event_stream):  # the page's EventSource is listening
                    page.goto(f"{url}briefings/{article.stem}/")
                time.sleep(gap)
                for i in range(edits):
                    marker = f"zq{os.getpid() % 1000:03d}m{i:02d}"
                    with page.expect_response(is_event_stream):  # the reloaded page listens again
                        t0 = save_title(article, title, marker)
                        page.wait_for_function(H1_HAS, arg=marker, polling="raf")
                        page_times.append(time.perf_counter() - t0)
                    sse.append(client.next_reload(t0, timeout) - t0)
                    print(f"  {label} edit {i + 1}: sse {sse[-1] * 1000:.0f} ms, "
                          f"page {page_times[-1] * 1000:.0f} ms", file=sys.stderr)
                    if i == edits - 1:
                        caught_up = wait_rebuilt(log_path, rebuilt_before, timeout) - t0
                    else:
                        rebuilt_before = rebuilt_count(log_path)
                        time.sleep(gap)
                ctx.close()
        finally:
            code = stop_server(proc)
    builds: list[Build] = []
    other: list[str] = []
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := REBUILT.match(line):
            builds.append(Build(m[1], int(m[2]), int(m[3]), int(m[4]), int(m[5])))
        elif line.strip():
            other.append(line)
    n = sum(1 for _ in (root / "content").glob("*.md"))
    return Result(label, n, tuple(sse), tuple(page_times), caught_up, tuple(builds), tuple(other), code,
                  time.perf_counter() - started)


def rebuilt_count(log_path: Path) -> int:
    """How many "Rebuilt (...)" lines the server has logged so far."""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return sum(1 for line in text.splitlines() if REBUILT.match(line))


def wait_rebuilt(log_path: Path, before: int, timeout: float, settle: float = 3.0) -> float:
    """perf_counter() when the server logged its last rebuild: the count passed `before` and then
    stayed the same for `settle` seconds (an earlier save's rebuild may end after the last save)."""
    deadline = time.perf_counter() + timeout
    count, last = before, 0.0
    while count <= before or time.perf_counter() - last < settle:
        now = rebuilt_count(log_path)
        if now != count:
            count, last = now, time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError("the server logged no rebuild after the last save")
        time.sleep(0.01)
    return last


def stats(xs: tuple[float, ...]) -> str:
    """`median / p90 / max` in milliseconds."""
    p90 = statistics.quantiles(xs, n=10, method="inclusive")[8] if len(xs) > 1 else xs[0]
    return f"{statistics.median(xs) * 1000:.0f} / {p90 * 1000:.0f} / {max(xs) * 1000:.0f}"


def report(results: list[Result], edits: int, gap: float) -> str:
    """The Markdown report: machine, method, latency table, per-build figures, odd log lines."""
    method = (f"Method: {edits} title edits per site (temp file + os.replace), {gap * 1000:.0f} ms"
              " apart; page = save until the <h1> holds the marker (wait_for_function,"
              " polling=raf); SSE = save until `event: reload` reaches a raw HTTP client."
              " Times in ms.")
    header = ("| site | briefings | save → SSE reload (median / p90 / max) "
              "| save → page shows text (median / p90 / max) | last save → whole site rebuilt "
              "| server rebuild ms (median, min-max) "
              "| rendered / written per rebuild (median) | first full build ms |")
    out = [f"Machine: {machine()}", "", method, "", header,
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        first, saves = r.builds[:1], r.builds[1:]
        ms = [b.ms for b in saves] or [0]
        out.append(
            f"| {r.label} | {r.briefings:,} | {stats(r.sse)} | {stats(r.page)} | {r.caught_up * 1000:.0f} | "
            f"{statistics.median(ms):.0f} ({min(ms)}-{max(ms)}) | "
            f"{statistics.median(b.rendered for b in saves or first):.0f} / "
            f"{statistics.median(b.written for b in saves or first):.0f} | "
            f"{first[0].ms if first else '?'} |")
    out.append("")
    for r in results:
        code = "killed" if r.exit_code is None else r.exit_code
        stopped = sum("stopped: newer changes came" in line for line in r.other_log)
        note = (f"- {r.label}: {len(r.builds) - 1} rebuilds for {len(r.sse)} saves, {stopped} stopped by a newer save; "
                f"server exit {code} after SIGINT; run took {r.wall:.0f} s")
        odd = [line for line in r.other_log if not line.startswith(("Rendered open page", "Rebuild ("))]
        out.append(note + (f"; other log lines: {odd[:5]}" if odd else ""))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="sample,1000", help="comma list of sample and/or N")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--gap", type=float, default=0.3, help="seconds between edits")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one reload")
    a = ap.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    results = []
    for size in a.sizes.split(","):
        with tempfile.TemporaryDirectory(dir=WORK, prefix="serve-") as tmp:
            t0 = time.monotonic()
            root = prepare(size, a.seed, Path(tmp))
            print(f"{size}: site ready in {time.monotonic() - t0:.1f} s", file=sys.stderr)
            try:
                results.append(measure(size, root, a.edits, a.gap, a.timeout))
            except Exception:
                log = WORK / f"serve-{size}.log"
                tail = log.read_text(errors="replace").splitlines()[-20:] if log.is_file() else []
                print(f"{size}: failed; end of the serve log ({log}):", *tail, sep="\n",
                      file=sys.stderr)
                raise
            print(f"{size}: done in {results[-1].wall:.0f} s", file=sys.stderr)
    print(report(results, a.edits, a.gap))
    return 0


if __name__ == "__main__":
    sys.exit(main())

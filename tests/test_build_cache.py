"""The build cache (.briefing-cache/): a rebuild redoes only what changed, and its output is byte
for byte what a clean build makes, through edits, deletions, renames, template and settings changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import build, diskcache
from conftest import article, make_site, run_cli, tree_digest

PEOPLE = ["Ada Obi", "Ben Kaur", "Cleo Marsh", "Dev Rao"]
TAGS = ["ports", "budget", "health", "energy"]


def _briefing(n: int) -> str:
    people = "".join(f"  - name: {PEOPLE[(n + k) % 4]}\n    role: minister\n    org: Harbour Board\n" for k in range(2))
    extra = (
        f"tags: [{TAGS[n % 4]}, {TAGS[(n + 1) % 4]}]\nsection: Business\nsummary: Story {n} in *brief*.\n"
        f"people:\n{people}quotes:\n  - text: Quote {n}.\n    by: {PEOPLE[n % 4]}\n"
        f"timeline:\n  - date: \"20{10 + n}-0{1 + n % 9}\"\n    event: Event {n}.\n"
    )
    return article(f"Story {n}", f"2020-01-{1 + n:02d}", extra, f"Body of story {n}.\n\n## Part\n\nMore *text*.\n")


def _site(tmp_path: Path, search: bool = False) -> Path:
    files: dict[str, str] = {f"content/story-{n}.md": _briefing(n) for n in range(12)}
    kinds = "[]" if search else "[search]"
    files["site.yaml"] = f"title: Desk\nurl: https://example.org/desk/\npage_size: 5\ndisable_kinds: {kinds}\n"
    files["data/people.yaml"] = "ada-obi:\n  name: Ada Obi\n  bio: Harbour minister.\n"
    return make_site(tmp_path, files)


def _age(root: Path) -> None:
    """Date every input back a minute, as if the writer had saved long before the build."""
    past = time.time() - 60
    for folder, _, names in os.walk(root):
        if Path(folder).relative_to(root).parts[:1] in (("site",), (diskcache.FOLDER,)):
            continue
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))
        os.utime(folder, (past, past))


def _cached_equals_clean(root: Path) -> build.BuildResult:
    """Build with the cache into site/, and afresh into another folder; both must be identical."""
    result = build.build(root, build.BuildOptions())
    build.build(root, build.BuildOptions(output=root.parent / "fresh", use_cache=False))
    cached, fresh = tree_digest(root / "site"), tree_digest(root.parent / "fresh")
    assert cached.keys() == fresh.keys(), sorted(cached.keys() ^ fresh.keys())
    assert [p for p in cached if cached[p] != fresh[p]] == []
    return result


def test_cached_builds_are_byte_identical_to_clean_builds_through_every_kind_of_change(tmp_path: Path) -> None:
    root = _site(tmp_path)
    first = _cached_equals_clean(root)
    assert first.counts.rendered == first.pages

    path = root / "content/story-3.md"
    path.write_text(path.read_text().replace("Body of story 3.", "Body of story 3, revised."))
    edited = _cached_equals_clean(root)
    assert 0 < edited.counts.rendered < edited.pages, "a body edit re-renders only the pages made from that article"

    path.write_text(path.read_text().replace("title: Story 3", "title: Story three"))
    _cached_equals_clean(root)  # the new title shows on home, people, tag and related pages

    (root / "content/story-5.md").unlink()
    _cached_equals_clean(root)

    (root / "content/story-7.md").rename(root / "content/story-seven.md")
    _cached_equals_clean(root)

    (root / "templates/partials").mkdir(parents=True)
    (root / "templates/partials/briefing_row.html").write_text(
        (Path(__file__).parent.parent / "templates/partials/briefing_row.html").read_text().replace("<li", "<li data-row")
    )
    changed = _cached_equals_clean(root)
    assert 0 < changed.counts.rendered < changed.pages, "a template change re-renders the pages that use it"
    assert "data-row" in (root / "site/people/ada-obi/index.html").read_text()

    (root / "site.yaml").write_text((root / "site.yaml").read_text().replace("title: Desk", "title: Harbour Desk"))
    retitled = _cached_equals_clean(root)
    assert retitled.counts.rendered == retitled.pages, "a settings change re-renders everything"

    (root / "data/people.yaml").write_text("ada-obi:\n  name: Ada Obi\n  bio: Harbour minister since 2019.\n")
    _cached_equals_clean(root)


def test_nothing_changed_does_nothing_and_a_change_is_seen(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _age(root)
    build.build(root, build.BuildOptions())
    before = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*") if p.is_file()}
    again = build.build(root, build.BuildOptions())
    assert again.up_to_date and again.counts.rendered == 0
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*") if p.is_file()} == before

    # The command line says so (its first run may be another copy of the code, e.g. installed: a
    # cache from other code is not trusted, so it builds; the second run has nothing to do).
    run_cli("build", cwd=root)
    code, out, _ = run_cli("build", cwd=root)
    assert code == 0 and out.startswith("Up to date: 12 briefings"), out

    build.build(root, build.BuildOptions())  # this code's cache again, if the command line ran another copy
    assert build.build(root, build.BuildOptions()).up_to_date
    (root / "site/index.html").write_text("damaged by hand")  # the output no longer is what was built
    repaired = build.build(root, build.BuildOptions())
    assert not repaired.up_to_date and "Story 11" in (root / "site/index.html").read_text()

    _age(root)
    path = root / "content/story-2.md"
    path.write_text(path.read_text().replace("Body of story 2.", "Body of story 2, updated."))
    os.utime(path, (time.time() - 30, time.time() - 30))  # an edit long enough ago to trust its stamp
    edited = build.build(root, build.BuildOptions())
    assert not edited.up_to_date and "updated" in (root / "site/briefings/story-2/index.html").read_text()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other version", "empty"])
def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path, damage: str) -> None:
    root = _site(tmp_path)
    build.build(root, build.BuildOptions())
    [cache_file] = (root / diskcache.FOLDER).glob("build-*.pickle")
    data = cache_file.read_bytes()
    cache_file.write_bytes({
        "garbage": b"\x80\x04not a pickle at all",
        "truncated": data[: len(data) // 2],
        "other version": data.replace(diskcache.code_version().encode(), b"0" * 32, 1),
        "empty": b"",
    }[damage])
    assert diskcache.load(cache_file, diskcache.code_version()) is None
    path = root / "content/story-1.md"
    path.write_text(path.read_text().replace("Body of story 1.", "Body of story 1, fixed."))
    _cached_equals_clean(root)
    assert diskcache.load(cache_file, diskcache.code_version()) is not None, "rewritten whole"


def test_search_index_is_reused_only_while_every_page_is_the_same(tmp_path: Path) -> None:
    root = _site(tmp_path, search=True)
    first = build.build(root, build.BuildOptions())
    assert first.search_seconds > 0
    os.utime(root / "content/story-4.md")  # stamp changes, content does not
    same = _cached_equals_clean(root)
    assert same.search_seconds == 0 and same.counts.rendered == 0, "every page and the index linked from the last build"
    path = root / "content/story-4.md"
    path.write_text(path.read_text().replace("Body of story 4.", "Body of story 4 about turbines."))
    changed = build.build(root, build.BuildOptions())
    assert changed.search_seconds > 0


def test_no_cache_neither_reads_nor_writes_it_and_clean_removes_both(tmp_path: Path) -> None:
    root = _site(tmp_path)
    code, _, err = run_cli("build", "--no-cache", cwd=root)
    assert code == 0, err
    assert not (root / diskcache.FOLDER).exists()
    code, _, _ = run_cli("build", cwd=root)
    assert (root / diskcache.FOLDER).is_dir() and (root / "site").is_dir()
    code, out, _ = run_cli("clean", cwd=root)
    assert code == 0 and "Removed" in out
    assert not (root / diskcache.FOLDER).exists() and not (root / "site").exists()
    assert (root / "content/story-1.md").is_file()

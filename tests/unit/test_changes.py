"""Live reload without a server: which saves matter, one rebuild per burst, the URL path guard, the script tag."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import serve
from generator.changes import Batch, ChangeKind, Debouncer, classify, is_ignored


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# --- classify / is_ignored -----------------------------------------------------------------------

EDITOR_TEMP_FILES = [
    "content/.x.md.swp",  # vim swap
    "content/.x.md.swx",
    "content/x.md~",  # vim / emacs backup
    "content/.#x.md",  # emacs lock
    "content/#x.md#",  # emacs auto-save
    "content/4913",  # vim's "can I write here" probe
    "content/x.md.tmp",
    "content/x.md___jb_tmp___",  # JetBrains safe write
    "content/x.md___jb_old___",
    "templates/.base.html.swp",
    "templates/base.html~",
    "static/css/.site.css.swp",
    "static/css/site.css~",
    ".site.yaml.swp",
    "site.yaml~",
]


@pytest.mark.parametrize("path", EDITOR_TEMP_FILES)
def test_editor_temp_files_are_ignored(path: str) -> None:
    assert is_ignored(path)
    assert classify(path) is ChangeKind.OTHER


def test_seds_suffixless_temp_file_in_content_is_not_content() -> None:
    # `sed -i` writes content/sedAbC123 and renames it over the article.
    assert classify("content/sedAbC123") is ChangeKind.OTHER
    assert classify("content/sub/sedXyZ789") is ChangeKind.OTHER


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("content/x.md", ChangeKind.CONTENT),
        ("content/x.markdown", ChangeKind.CONTENT),
        ("content/x.txt", ChangeKind.CONTENT),
        ("content/x.yaml", ChangeKind.CONTENT),
        ("content/x.yml", ChangeKind.CONTENT),
        ("content/2020/deep/x.md", ChangeKind.CONTENT),
        ("templates/base.html", ChangeKind.TEMPLATE),
        ("templates/partials/quote.html", ChangeKind.TEMPLATE),
        ("static/css/site.css", ChangeKind.STATIC),
        ("static/img/logo.svg", ChangeKind.STATIC),
        ("static/fonts/a.woff2", ChangeKind.STATIC),
        ("site.yaml", ChangeKind.CONFIG),
    ],
)
def test_real_files_are_sorted_by_folder(path: str, kind: ChangeKind) -> None:
    assert not is_ignored(path)
    assert classify(path) is kind


@pytest.mark.parametrize(
    "path",
    [
        "site/index.html",
        "site/briefings/x/index.html",
        "site/css/site.css",
        ".git/index",
        ".git/objects/ab/cdef",
        "README.md",
        "notes.md",
        "bench/run.py",
        "sub/site.yaml",
        "content/.hidden/x.md",
        "content/picture.png",
    ],
)
def test_files_outside_the_inputs_are_other(path: str) -> None:
    assert classify(path) is ChangeKind.OTHER


def test_empty_path_is_ignored() -> None:
    assert is_ignored("")


def test_batch_kinds() -> None:
    batch = Batch(frozenset({"content/a.md", "static/css/site.css", "site.yaml"}))
    assert batch.kinds == {ChangeKind.CONTENT, ChangeKind.STATIC, ChangeKind.CONFIG}


# --- Debouncer -----------------------------------------------------------------------------------


def test_a_burst_of_100_adds_gives_one_batch() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, clock=clock)
    paths = [f"content/a{i:03}.md" for i in range(100)]
    for path in paths:
        assert debouncer.add([path])
        clock.advance(0.005)  # 0.5 s of saves, never 0.1 s apart
        assert debouncer.ready() is None
    clock.advance(0.094)
    assert debouncer.ready() is None  # 0.099 s since the last event
    clock.advance(0.002)
    batch = debouncer.ready()
    assert batch is not None
    assert batch.paths == frozenset(paths)
    assert debouncer.ready() is None
    clock.advance(10)
    assert debouncer.ready() is None


def test_saves_during_a_rebuild_start_a_second_batch() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, clock=clock)
    debouncer.add(["content/a.md", "content/b.md"])
    clock.advance(0.2)
    first = debouncer.ready()
    assert first is not None and first.paths == {"content/a.md", "content/b.md"}
    # The builder is now rebuilding `first`; the writer keeps saving.
    clock.advance(0.05)
    debouncer.add(["content/b.md", "templates/base.html"])
    clock.advance(0.05)
    assert debouncer.ready() is None
    debouncer.add(["static/css/site.css"])
    clock.advance(0.1)
    second = debouncer.ready()
    assert second is not None
    assert second.paths == {"content/b.md", "templates/base.html", "static/css/site.css"}
    assert debouncer.ready() is None


def test_ignored_only_adds_give_no_batch() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, clock=clock)
    assert not debouncer.add(EDITOR_TEMP_FILES)
    assert not debouncer.add(["content/sedAbC123", "site/index.html", ".git/index"])
    assert not debouncer.add([])
    clock.advance(1)
    assert debouncer.ready() is None
    assert debouncer.wait(timeout=0) is None


def test_ignored_paths_are_dropped_from_a_mixed_add() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, clock=clock)
    assert debouncer.add(["content/.x.md.swp", "content/x.md", "content/x.md~", "site/index.html"])
    clock.advance(0.1)
    batch = debouncer.ready()
    assert batch is not None and batch.paths == {"content/x.md"}


def test_wait_returns_a_ready_batch_without_blocking() -> None:
    clock = FakeClock()
    debouncer = Debouncer(quiet=0.1, clock=clock)
    debouncer.add(["content/x.md"])
    clock.advance(0.1)
    batch = debouncer.wait(timeout=0)
    assert batch is not None and batch.paths == {"content/x.md"}


def test_wait_after_close_returns_none() -> None:
    debouncer = Debouncer(quiet=0.1, clock=FakeClock())
    debouncer.add(["content/x.md"])
    debouncer.close()
    assert debouncer.wait() is None


# --- resolve_path --------------------------------------------------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder with a page, a secret beside it and a symlink out of it."""
    folder = tmp_path / "site"
    (folder / "briefings/x").mkdir(parents=True)
    (folder / "index.html").write_text("home", encoding="utf-8")
    (folder / "briefings/x/index.html").write_text("x", encoding="utf-8")
    (tmp_path / "site.yaml").write_text("secret", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "site.yaml", folder / "leak.yaml")
    os.symlink(tmp_path / "outside", folder / "leakdir")
    (folder / "inside.html").symlink_to(folder / "index.html")
    return folder


@pytest.mark.parametrize(
    "url",
    [
        "/../site.yaml",
        "/../x",
        "/%2e%2e/x",
        "/%2E%2E/site.yaml",
        "/a/%2E%2E/%2e%2e/x",
        "/briefings/../../site.yaml",
        "/..%2fsite.yaml",
        "/..%2Fsite.yaml",
        "/..\\x",
        "/..%5csite.yaml",
        "/briefings\\..\\..\\site.yaml",
        "/index.html\0",
        "/index.html%00.txt",
        "/leak.yaml",
        "/leakdir/secret.txt",
        "/leakdir/",
        "..",
        "../site.yaml",
        "site.yaml",
        "http://127.0.0.1/../site.yaml",
    ],
)
def test_paths_that_leave_the_output_are_refused(out: Path, url: str) -> None:
    assert serve.resolve_path(out, url) is None


@pytest.mark.parametrize(
    ("url", "rel"),
    [
        ("/", ""),
        ("/index.html", "index.html"),
        ("/index.html?v=1", "index.html"),
        ("/index.html#top", "index.html"),
        ("/briefings/x/", "briefings/x"),
        ("/briefings/x/index.html", "briefings/x/index.html"),
        ("/briefings/./x/index.html", "briefings/x/index.html"),
        ("//briefings//x", "briefings/x"),
        ("/missing/page.html", "missing/page.html"),
        ("/inside.html", "inside.html"),
        ("/caf%C3%A9.html", "café.html"),
        ("/%252e%252e/x", "%2e%2e/x"),
    ],
)
def test_normal_paths_stay_inside(out: Path, url: str, rel: str) -> None:
    found = serve.resolve_path(out, url)
    assert found is not None
    expected = out.resolve().joinpath(*rel.split("/")) if rel else out.resolve()
    assert found == expected
    assert found.resolve().is_relative_to(out.resolve())


# --- _inject -------------------------------------------------------------------------------------


TAG = b'<script src="/_briefing/livereload.js" data-version="0"></script>'


def test_inject_puts_the_script_before_the_closing_body_tag() -> None:
    html = b"<!DOCTYPE html><html><body><p>hi</p>\n</body>\n</html>\n"
    assert serve._inject(html) == b"<!DOCTYPE html><html><body><p>hi</p>\n" + TAG + b"</body>\n</html>\n"


def test_inject_stamps_the_version_the_page_was_served_at() -> None:
    assert serve._inject(b"<body></body>", 12) == (
        b'<body><script src="/_briefing/livereload.js" data-version="12"></script></body>'
    )


def test_inject_uses_the_last_closing_body_tag() -> None:
    html = b"<body><pre>&lt;/body&gt; and </body> in text</pre></body>"
    injected = serve._inject(html)
    assert injected.endswith(TAG + b"</body>")
    assert injected.count(TAG) == 1


def test_inject_appends_when_there_is_no_body_tag() -> None:
    assert serve._inject(b"<p>fragment</p>") == b"<p>fragment</p>" + TAG

"""Find the articles under content/ and read their text: the only module that reads content files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, error, warning

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
SIDECAR_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One article as read from disk, with its sidecar YAML when it has one."""

    path: str
    """The article's path relative to the site root (POSIX)."""
    text: str
    """The article text, BOM removed and line endings normalised to `\\n`."""
    sidecar_path: str | None = None
    """The `.yaml` file holding the front matter, if the article keeps it beside itself."""
    sidecar_text: str | None = None
    """The sidecar's text, normalised like `text`."""
    stamp: tuple[int, ...] = ()
    """Size, mtime, ctime and inode of the files as read: unchanged means no need to read again."""
    digest: str = ""
    """Hash of the files' bytes, for the parse memo and page fingerprints."""

    @property
    def is_plain_text(self) -> bool:
        """Plain `.txt` articles are shown as paragraphs, not read as Markdown."""
        return self.path.endswith(".txt")

    @property
    def stem(self) -> str:
        """File name without suffix: the default slug."""
        return Path(self.path).stem


def decode(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 (a BOM is fine) with `\\n` line endings, or an error naming the line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(rel, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


Pair = tuple[str, str | None]
"""An article's path and its sidecar's, if it has one (relative POSIX paths)."""


def discover(
    root: Path, previous: Mapping[str, SourceFile] | None = None, content_dir: str = "content"
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every article under content/, paired with its sidecar and read, in path order.

    A file whose size and times are those of `previous` is not read again.
    """
    pairs, diagnostics = find(root, content_dir)
    sources: list[SourceFile] = []
    for pair in pairs:
        source, problems = read(root, pair, previous or {})
        diagnostics.extend(problems)
        if source is not None:
            sources.append(source)
    return sources, diagnostics


def find(root: Path, content_dir: str = "content") -> tuple[list[Pair], list[Diagnostic]]:
    """Every article under content/ with its sidecar, in path order, without reading them: a big
    build reads them in its worker processes."""
    base = root / content_dir
    if not base.is_dir():
        return [], [error(content_dir, None, "content folder not found")]
    files: list[str] = []  # relative POSIX paths: plain strings, since pathlib is slow for 10,000s
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        files += [f"{rel_folder}/{n}" for n in names if not n.startswith((".", "_"))]
    files.sort(key=lambda rel: rel.split("/"))  # folder by folder, as Path ordering does
    by_stem: dict[str, list[str]] = {}
    for rel in files:
        by_stem.setdefault(os.path.splitext(rel)[0], []).append(rel)

    pairs: list[Pair] = []
    diagnostics: list[Diagnostic] = []
    for stem, group in sorted(by_stem.items()):
        articles = [p for p in group if os.path.splitext(p)[1] in ARTICLE_SUFFIXES]
        sidecars = [p for p in group if os.path.splitext(p)[1] in SIDECAR_SUFFIXES]
        if len(articles) > 1 or len(sidecars) > 1:
            diagnostics.append(
                error(group[0], None, f"one article per name: found {', '.join(group)}; rename or remove one")
            )
            continue
        if not articles:
            if sidecars:
                diagnostics.append(
                    warning(group[0], None, "front matter without an article (.md or .txt of the same name); skipped")
                )
            continue
        pairs.append((articles[0], sidecars[0] if sidecars else None))
    return pairs, diagnostics


def _stamp(path: str) -> tuple[int, ...]:
    return _stamp_of(os.stat(path))


def _stamp_of(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def read(
    root: Path, pair: Pair, previous: Mapping[str, SourceFile] | None = None
) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Read an article and its sidecar; report encoding problems instead of raising."""
    rel, side_rel = pair
    article = os.path.join(root, rel)
    sidecar = os.path.join(root, side_rel) if side_rel is not None else None
    known = previous.get(rel) if previous else None
    if known is not None and (sidecar is None) == (known.sidecar_path is None):
        if known.stamp == _stamp(article) + (_stamp(sidecar) if sidecar is not None else ()):
            return known, []
    data, stamp = _read_bytes(article)
    text, problems = decode(data, rel)
    hashed = hashlib.sha256(data)
    side_text = None
    if sidecar is not None and side_rel is not None:
        side_data, side_stamp = _read_bytes(sidecar)
        stamp += side_stamp
        side_text, side_problems = decode(side_data, side_rel)
        problems += side_problems
        hashed.update(f"\0{side_rel}\0".encode() + side_data)
    if problems or text is None:
        return None, problems
    return SourceFile(rel, text, side_rel, side_text, stamp, hashed.hexdigest()[:32]), []


def _read_bytes(path: str) -> tuple[bytes, tuple[int, ...]]:
    """A file's bytes and the stamp of exactly the file read, from one open (its fstat), with
    plain system calls: at 10,000 articles a separate stat and a file object per article were
    a fifth of reading them."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        data = os.read(fd, st.st_size + 1)
        if len(data) != st.st_size:  # it grew or shrank since the fstat (or a short read): read to its end
            parts = [data]
            while parts[-1]:
                parts.append(os.read(fd, 1 << 16))
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data, _stamp_of(st)

"""What `briefing build` remembers between runs, in `.briefing-cache/`, so that a rebuild redoes
only what changed.

One file per output folder holds: a stamp of every input file (path, size, mtime, inode), the
fingerprint each page was rendered from (content hash of its sources, its templates, the
settings and the generator's own code), and the stat of every output file as written. A rebuild
whose inputs all have the recorded stamps and whose output is as written has nothing to do; one
with changes renders only pages whose fingerprint changed and hard-links the rest from the
previous output into the new one.

The file is trusted only when whole and made by this very generator: it starts with a magic line,
the generator's code digest and the sha256 of its payload. Anything else (corrupt, truncated,
another version) is ignored and replaced, never an error. It is written to a temporary file and
renamed, so a killed build cannot leave half a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__, defaults, output
from generator.diagnostics import Diagnostic

FOLDER = ".briefing-cache"
"""Under the site root; `briefing clean` removes it."""

_MAGIC = b"briefing-pages build cache 1\n"

OutputStat = tuple[int, int, int]
"""(size, mtime_ns, inode) of an output file as the build left it."""


@dataclass(slots=True)
class Stored:
    """One output folder's memory of its last successful build."""

    inputs: str = ""
    """Digest of every input file's stamp and of the build options."""
    pages: dict[str, str] = field(default_factory=dict)
    """Output path -> fingerprint it was rendered from."""
    outputs: dict[str, OutputStat] = field(default_factory=dict)
    """Every output file -> its stat right after the build."""
    search: frozenset[str] = frozenset()
    """The search index's files, reusable while no page changed."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings of that build, shown again when nothing changed."""
    briefings: int = 0
    """Briefings published, for the summary line."""
    page_count: int = 0
    """Pages planned, for the summary line."""


def code_version() -> str:
    """The generator's version and a digest of its own code and built-in templates and files,
    so that a cache from any other code is never used."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    folders = [package, defaults.templates(), defaults.static()]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


def location(root: Path, output: Path) -> Path:
    """The cache file for builds of `root` into `output`."""
    key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return root / FOLDER / f"build-{key}.pickle"


def load(path: Path, version: str) -> Stored | None:
    """The stored memory, or None when it is missing, damaged or from other code."""
    try:
        data = path.read_bytes()
        header, payload = data.split(b"\n\n", 1)
        magic_end = len(_MAGIC)
        if data[:magic_end] != _MAGIC:
            return None
        stored_version, checksum = header[magic_end:].decode("ascii").split("\n")
        if stored_version != version or hashlib.sha256(payload).hexdigest() != checksum:
            return None
        stored = pickle.loads(payload)
    except Exception:  # damaged in any way: rebuild rather than trust it
        return None
    return stored if isinstance(stored, Stored) else None


def save(path: Path, version: str, stored: Stored) -> None:
    """Write atomically: a reader sees the old file or the new one, never a part."""
    payload = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
    data = _MAGIC + f"{version}\n{hashlib.sha256(payload).hexdigest()}".encode("ascii") + b"\n\n" + payload
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True)
        # Like .pytest_cache: git ignores the folder by itself, and backup tools may skip it.
        (path.parent / ".gitignore").write_text("# Created by briefing build; safe to delete.\n*\n", encoding="utf-8")
        (path.parent / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# The build cache of briefing-pages.\n", encoding="utf-8"
        )
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temp.write_bytes(data)
    os.replace(temp, path)


RACY_NS = 2_000_000_000
"""A file changed this recently may change again within the file system's timestamp tick and keep
its stamp, so a stamp taken that soon after an edit is not trusted (git calls this racily clean)."""


def input_stamp(folders: list[Path], files: list[Path], settings: str) -> str:
    """Digest of the stamp of every file the build reads, and of the settings; "" (matching
    nothing) when a file changed too recently for its stamp to be trusted.

    Stamps, not contents: reading 10,000 articles to learn that none changed would cost most of
    a build. An edit changes the size or mtime; a file swapped in by rename changes the inode.
    """
    h = hashlib.sha256(settings.encode())
    newest = 0
    for folder in folders:
        h.update(f"\0folder\0{folder}\0".encode())
        if folder.is_dir():
            for line, mtime in _walk(str(folder)):
                h.update(line)
                newest = max(newest, mtime)
    for path in files:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            h.update(f"\0{path}\0missing".encode())
            continue
        h.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}".encode())
        newest = max(newest, st.st_mtime_ns)
    if newest > time.time_ns() - RACY_NS:
        return ""
    return h.hexdigest()


def folder_stamp(folder: Path) -> tuple[bytes, ...]:
    """The stamp of every file and folder under `folder` (what `input_stamp` hashes): the same
    stamps, the same files."""
    return tuple(line for line, _ in _walk(str(folder)))


def _walk(folder: str) -> list[tuple[bytes, int]]:
    """(stamp line, mtime) of every file and folder under `folder`, in a stable order; folders
    count too, since adding or removing a file changes its folder's mtime."""
    found = []
    for path in [folder, *(e.path for e in output.entries(folder))]:
        try:
            st = os.stat(path)  # through symlinks: an article may be one
        except OSError:  # a dangling link: the build reports it; here it only has to differ
            found.append((f"{path}\0missing\n".encode(), 0))
            continue
        found.append((f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode(), st.st_mtime_ns))
    found.sort()
    return found


def output_stat(path: str) -> OutputStat | None:
    """The stat that tells whether an output file is still the one the build wrote."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def intact(output: Path, outputs: dict[str, OutputStat]) -> bool:
    """Whether the output folder holds exactly the files the last build left, untouched."""
    base = str(output)
    return bool(outputs) and all(output_stat(os.path.join(base, rel)) == stat for rel, stat in outputs.items())

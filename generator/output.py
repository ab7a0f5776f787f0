"""Write a build into a staging folder beside the output and swap it in only when it is complete."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Staging:
    """A folder that becomes the output folder in one step on `commit`, or vanishes on `discard`."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.parent / f".{output.name}.staging-{os.getpid()}"
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(output)
        self.path.mkdir()

    def write(self, relpath: str, data: bytes) -> None:
        """Write one output file."""
        write_file(self.path, relpath, data)

    def copy_tree(self, source: Path) -> set[str]:
        """Copy a static folder into the build (later folders override earlier ones)."""
        copied = set()
        for rel, path in static_files(source):
            target = self.path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.add(rel)
        return copied

    def commit(self, expected: set[str]) -> list[str]:
        """Put the staged site in place of the output; the old one is removed afterwards."""
        if not self.output.exists():
            os.rename(self.path, self.output)
        elif _exchange(self.path, self.output):
            shutil.rmtree(self.path)
        else:
            old = self.output.parent / f".{self.output.name}.old-{os.getpid()}"
            os.rename(self.output, old)
            os.rename(self.path, self.output)
            shutil.rmtree(old)
        return sorted(expected)

    def discard(self) -> None:
        """Drop the staged files, leaving the output as it was."""
        shutil.rmtree(self.path, ignore_errors=True)


class InPlace:
    """Updates an output folder file by file, for the preview: nothing is written until commit,
    and then only the files whose bytes changed, each replaced atomically, all while holding
    `lock` (the server reads files under it, so a page never mixes two builds).
    """

    def __init__(self, output: Path, previous: set[str], lock: threading.Lock) -> None:
        self.output = output
        self.previous = previous
        self.lock = lock
        self.pending: dict[str, bytes] = {}

    def write(self, relpath: str, data: bytes) -> None:
        """Queue one output file."""
        self.pending[relpath] = data

    def copy_tree(self, source: Path) -> set[str]:
        """Queue a static folder's files."""
        found = set()
        for rel, path in static_files(source):
            self.pending[rel] = path.read_bytes()
            found.add(rel)
        return found

    def commit(self, expected: set[str]) -> list[str]:
        """Write what changed, remove what is no longer built; return both."""
        with self.lock:
            changed = [rel for rel, data in sorted(self.pending.items()) if replace_file(self.output, rel, data)]
            stale = self.previous - expected if self.previous else set(all_files(self.output)) - expected
            for rel in sorted(stale):
                with contextlib.suppress(FileNotFoundError):
                    (self.output / rel).unlink()
                    changed.append(rel)
                    _remove_empty_parents(self.output, (self.output / rel).parent)
        return changed

    def discard(self) -> None:
        """Forget the queued files; the output stays as it was."""
        self.pending.clear()


def replace_file(folder: Path, relpath: str, data: bytes) -> bool:
    """Put `data` in place of a file atomically (a reader sees the old or the new bytes, never a
    part); False, writing nothing, when the file already holds exactly these bytes."""
    target = folder / relpath
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    temp.write_bytes(data)
    os.replace(temp, target)
    return True


def write_file(folder: Path, relpath: str, data: bytes) -> None:
    """Write one file of a staging folder, making its parent folders; safe from several processes.

    Plain system calls, no file object: a buffered writer around each of 10,000 pages cost
    about a twentieth of rendering them. The folder is made before the file is opened, as most
    pages have a folder of their own: opening first failed, with an exception, for nearly every
    page, a sixth of the time spent writing."""
    target = os.path.join(folder, relpath)
    parent = os.path.dirname(target)
    try:  # a page's own folder (`briefings/x/`), new in a staging folder; its parent is there already
        os.mkdir(parent)
    except FileExistsError:  # the site's top folder, a folder of several files, or made by another process
        pass
    except FileNotFoundError:
        os.makedirs(parent, exist_ok=True)
    fd = os.open(target, _NEW_FILE, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def link_file(old: str, folder: Path, relpath: str) -> bool:
    """Hard-link an unchanged file of the previous output into the staging folder; False when the
    file system cannot, and the page is rendered instead."""
    target = os.path.join(folder, relpath)
    try:
        try:
            os.link(old, target)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(old, target)
    except OSError:
        return False
    return True


def entries(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every file and folder under `folder`, folders before what they hold (os.scandir, no
    pathlib: fast for the 10,000s of files of a large site); nothing when it does not exist."""
    stack = [folder]
    while stack:
        try:
            with os.scandir(stack.pop()) as found:
                listed = list(found)
        except FileNotFoundError:
            continue
        for entry in listed:
            yield entry
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)


def all_files(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted relative POSIX paths."""
    base = len(str(folder)) + 1
    return sorted(e.path[base:].replace(os.sep, "/") for e in entries(str(folder)) if not e.is_dir(follow_symlinks=False))


def static_files(source: Path) -> list[tuple[str, Path]]:
    """The files of a static folder, hidden ones excluded, as (relative path, path)."""
    files = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and not any(p.startswith(".") for p in rel.parts):
            files.append((rel.as_posix(), path))
    return files


def _remove_empty_parents(root: Path, folder: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux renameat2, where it exists."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
        result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        return bool(result == 0)
    return False


def remove_leftovers(output: Path) -> None:
    """Remove staging and old folders that a killed build left beside the output."""
    for pattern in (f".{output.name}.staging-*", f".{output.name}.old-*"):
        for leftover in output.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)

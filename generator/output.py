"""Write a build into a staging folder beside the output and swap it in only when it is complete."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Staging:
    """A folder that becomes the output folder in one step on `commit`, or vanishes on `discard`."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.parent / f".{output.name}.staging-{os.getpid()}"
        self.files = 0
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(output)
        self.path.mkdir()

    def write(self, relpath: str, data: bytes) -> None:
        """Write one output file."""
        target = self.path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files += 1

    def copy_tree(self, source: Path) -> int:
        """Copy a static folder into the build (later folders override earlier ones)."""
        count = 0
        for path in sorted(source.rglob("*")):
            rel = path.relative_to(source)
            if path.is_file() and not any(p.startswith(".") for p in rel.parts):
                target = self.path / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                count += 1
        return count

    def commit(self) -> None:
        """Put the staged site in place of the output; the old one is removed afterwards."""
        if not self.output.exists():
            os.rename(self.path, self.output)
            return
        if _exchange(self.path, self.output):
            shutil.rmtree(self.path)
            return
        old = self.output.parent / f".{self.output.name}.old-{os.getpid()}"
        os.rename(self.output, old)
        os.rename(self.path, self.output)
        shutil.rmtree(old)

    def discard(self) -> None:
        """Drop the staged files, leaving the output as it was."""
        shutil.rmtree(self.path, ignore_errors=True)


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

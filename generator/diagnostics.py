"""Problems found in a site's input, carried as data until the CLI prints them."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: errors stop the build, warnings only under --strict."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place in one input file."""

    path: str
    """POSIX path relative to the site root, e.g. `content/x.md`."""
    line: int | None
    """1-based line number, or None when the problem concerns the whole file."""
    message: str
    """What is wrong, starting with the field path when there is one."""
    severity: Severity = Severity.ERROR
    """Error or warning."""
    hint: str | None = None
    """An optional suggestion, such as a did-you-mean."""

    @property
    def is_error(self) -> bool:
        """True for errors, which make the build fail."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, str]:
        """Order by file, then line, so output reads top to bottom."""
        return (self.path, self.line or 0, self.message)


def error(path: str, line: int | None, message: str, hint: str | None = None) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(path, line, message, Severity.ERROR, hint)


def warning(path: str, line: int | None, message: str, hint: str | None = None) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(path, line, message, Severity.WARNING, hint)


def format_diagnostic(diag: Diagnostic) -> str:
    """Render as `path:line: message` (plus `warning:` for warnings), the form editors can jump to."""
    where = f"{diag.path}:{diag.line}" if diag.line is not None else diag.path
    kind = "warning: " if diag.severity is Severity.WARNING else ""
    text = f"{where}: {kind}{diag.message}"
    if diag.hint:
        text += f" ({diag.hint})"
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Suggest the closest known word, for unknown keys and names."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def strictly(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Raise every warning to an error, for `--strict`."""
    return [
        Diagnostic(d.path, d.line, d.message, Severity.ERROR, d.hint) if not d.is_error else d
        for d in diagnostics
    ]


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort and drop exact duplicates."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


class BuildFailed(Exception):
    """Raised at the build boundary when errors stop the build; carries every diagnostic."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(f"{sum(d.is_error for d in diagnostics)} error(s)")
        self.diagnostics = list(diagnostics)

"""Split an article into its YAML front matter (as data with line numbers) and its body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import yaml_fast, yamlsafe
from generator.diagnostics import Diagnostic, error, warning
from generator.sources import SourceFile
from generator.yamlsafe import KeyPath


@dataclass(frozen=True, slots=True)
class RawDoc:
    """An article's unchecked front matter and its body, before the schema reads it."""

    source: SourceFile
    """Where it came from."""
    data: dict[str, Any]
    """The front matter mapping, plain YAML data."""
    lines: dict[KeyPath, int]
    """Line (in `data_path`) of every key and list item."""
    data_path: str
    """The file that holds the front matter: the article or its sidecar."""
    body: str
    """The article text after the front matter."""
    body_line: int
    """Line of the article file where the body starts."""


def _is_fence(line: str) -> bool:
    return line.rstrip() == "---"


def split(source: SourceFile) -> tuple[RawDoc | None, list[Diagnostic]]:
    """Front matter from the sidecar or the `---` block; every problem as a diagnostic."""
    if source.sidecar_path is not None and source.sidecar_text is not None:
        if _is_fence(source.text.split("\n", 1)[0]) and not source.is_plain_text:
            return None, [
                error(source.path, 1, f"front matter given twice: here and in {source.sidecar_path}; keep one")
            ]
        return _read_yaml(source, source.sidecar_path, source.sidecar_text, 0, source.text, 1)

    text = source.text
    first = text.partition("\n")[0]
    if not _is_fence(first):
        if source.is_plain_text:
            return None, [
                warning(source.path, None, f"plain-text article without front matter or a {source.stem}.yaml beside it; skipped")
            ]
        return None, [error(source.path, 1, "no front matter: the file must start with a '---' line")]
    start = len(first) + 1  # where the second line starts
    newline = text.find("\n---", start - 1)  # the closing fence starts a line with `---`: looked for
    while newline != -1:  # in C, not line by line (front matter is dozens of lines)
        end = text.find("\n", newline + 1)
        end = len(text) if end == -1 else end
        if _is_fence(text[newline + 1 : end]):
            yaml_text = text[start:newline] + "\n"
            body_line = text.count("\n", 0, newline + 1) + 2
            return _read_yaml(source, source.path, yaml_text, 1, text[end + 1 :], body_line)
        newline = text.find("\n---", newline + 1)
    return None, [error(source.path, 1, "front matter is not closed: add a '---' line after it")]


def _read_yaml(
    source: SourceFile, data_path: str, text: str, offset: int, body: str, body_line: int
) -> tuple[RawDoc | None, list[Diagnostic]]:
    """Parse the YAML, its lines shifted by `offset` (the opening `---`): plain front matter by
    yaml_fast, the rest (and every problem) by yamlsafe, with the same data and lines."""
    try:
        doc = yaml_fast.load(text, offset) or yamlsafe.load(text, offset)
    except yamlsafe.YamlProblem as problem:
        return None, [error(data_path, problem.line, problem.message)]
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else _kind(doc.data)
        return None, [
            error(data_path, doc.lines[()], f"front matter must be a mapping of fields (key: value), got {kind}")
        ]
    return RawDoc(source, doc.data, doc.lines, data_path, body, body_line), []


def _kind(value: object) -> str:
    """A writer's word for a YAML value's type."""
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )

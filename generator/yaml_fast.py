"""A quick reader for front matter written in the plainest YAML, where it gives what yamlsafe gives.

Most front matter is a column of `key: value` lines and lists of short items: what `briefing new`
and `briefing import` write, and what writers copy. libyaml reads it fast, but PyYAML then builds a
node object for every key and value and asks a Python resolver about each: 0.15 ms an article,
the largest part of reading one. This reader takes only documents in a narrow subset of YAML, line
by line, and returns None for anything else, which then goes to yamlsafe:

- `key: value` at the start of a line, keys of letters, digits and `_`, each once;
- a value that is double-quoted (its only escapes `\\"` and `\\\\`), or plain: starting with a
  letter or a digit, with no `: ` in it and no `:` at its end; numbers, `true`, `false` and
  `null` are made what yamlsafe's constructors make of them;
- `key: [a, b]` on one line, of plain items without quotes, colons or YAML indicators;
- `key:` then a block list, one item a line (`- value`), or of mappings (`- name: ...` and
  more `key: value` lines under the first key), all at one indentation; `key:` alone is null;
- nothing else: no comments (no `#` at all), tabs, trailing spaces, carriage returns, blank
  lines, characters YAML forbids or treats as line breaks, anchors, tags, nested blocks,
  multi-line values. A test holds this reader to yamlsafe's data and lines on generated
  documents.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.yamlsafe import CoreLoader, KeyPath, YamlDocument

_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\ufeff#]")
"""Characters that send a document to yamlsafe at once: those YAML forbids, reads as line breaks or
a byte-order mark, and `#` (comments)."""

_PLAIN = r"[A-Za-z0-9][^#]*"
_QUOTED = r'[^"\\]*(?:\\["\\][^"\\]*)*'
_VALUE = rf'(?:"(?P<quoted>{_QUOTED})"|(?P<plain>{_PLAIN}))'
_TOP = re.compile(rf"(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?: (?:{_VALUE}|\[(?P<flow>[^\]\[{{}}#:\"'&*!|>%@`\\]*)\]))?")
_ITEM = re.compile(rf' *- (?:(?P<key>[A-Za-z_][A-Za-z0-9_]*): {_VALUE}|(?:"(?P<iquoted>{_QUOTED})"|(?P<iplain>{_PLAIN})))')
_FIELD = re.compile(rf" +(?P<key>[A-Za-z_][A-Za-z0-9_]*): {_VALUE}")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][^,]*")

_RESOLVER = CoreLoader("")
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))
_UNESCAPE = re.compile(r'\\(["\\])')
_RESOLVED_FIRST = frozenset(k for k in CoreLoader.yaml_implicit_resolvers if k is not None)
"""First characters for which the loader tries an implicit type (bool, null, numbers...)."""
_FIRST_DECIDES = None not in CoreLoader.yaml_implicit_resolvers
"""Whether a value whose first character is not in _RESOLVED_FIRST is text for sure: not if the
loader ever gains a resolver that looks at every value."""


class _Decline(Exception):
    """The document is outside the subset: yamlsafe reads it."""


def load(text: str, offset: int = 0) -> YamlDocument | None:
    """yamlsafe.load's result for a document in the subset above, else None."""
    if not text.endswith("\n") or " \n" in text or "\n\n" in text or _FORBIDDEN.search(text):
        return None
    try:
        return _read(text.split("\n")[:-1], offset)
    except _Decline:
        return None


def _read(rows: list[str], offset: int) -> YamlDocument:
    """The top-level mapping, row by row; _Decline at the first row outside the subset."""
    data: dict[str, Any] = {}
    lines: dict[KeyPath, int] = {(): 1 + offset}
    at, count = 0, len(rows)
    while at < count:
        top = _TOP.fullmatch(rows[at])
        if top is None:
            raise _Decline
        key = _key(top["key"])
        if key in data:
            raise _Decline  # a duplicate: yamlsafe says where the first one is
        line = at + 1 + offset
        lines[(key,)] = line
        at += 1
        if top["flow"] is not None:
            data[key] = _flow(top["flow"], (key,), line, lines)
        elif top["quoted"] is not None or top["plain"] is not None:
            data[key] = _scalar(top["quoted"], top["plain"])
        else:
            data[key], at = _block(rows, at, (key,), offset, lines)
    if not data:
        raise _Decline
    return YamlDocument(data, lines)


def _block(rows: list[str], at: int, path: KeyPath, offset: int, lines: dict[KeyPath, int]) -> tuple[Any, int]:
    """The block list under `path`'s key (rows from `at`), and the row after it."""
    items: list[Any] = []
    indent: str | None = None
    field_indent = ""
    while at < len(rows):
        row = rows[at]
        item = _ITEM.fullmatch(row)
        if item is not None:
            here = row[: row.index("-")]
            if indent is None:
                indent = here
            elif here != indent:
                raise _Decline
            index = len(items)
            lines[path + (index,)] = at + 1 + offset
            if item["key"] is not None:
                key = _key(item["key"])
                lines[path + (index, key)] = at + 1 + offset
                items.append({key: _scalar(item["quoted"], item["plain"])})
                field_indent = indent + "  "
            else:
                items.append(_scalar(item["iquoted"], item["iplain"]))
                field_indent = ""
            at += 1
            continue
        field = _FIELD.fullmatch(row) if field_indent and row.startswith(field_indent) else None
        if field is not None and items and isinstance(items[-1], dict):
            if row[len(field_indent)] == " ":
                raise _Decline
            key = _key(field["key"])
            if key in items[-1]:
                raise _Decline
            lines[path + (len(items) - 1, key)] = at + 1 + offset
            items[-1][key] = _scalar(field["quoted"], field["plain"])
            at += 1
            continue
        if row[:1] in (" ", "-"):
            raise _Decline  # something indented that is not an item or a field of one
        break
    if not items:
        return None, at  # `key:` with nothing under it: null
    return items, at


def _flow(text: str, path: KeyPath, line: int, lines: dict[KeyPath, int]) -> list[Any]:
    """`[a, b, c]`: plain items, each on the key's line."""
    if not text:
        return []
    parts = text.split(", ")
    items = []
    for index, part in enumerate(parts):
        if not _FLOW_ITEM.fullmatch(part) or part.endswith(" ") or ": " in part:
            raise _Decline
        lines[path + (index,)] = line
        items.append(_scalar(None, part))
    return items


def _key(text: str) -> str:
    """A key that YAML reads as text (and short enough for a simple key)."""
    if text in _KEYS:
        return text
    if len(text) > 1000 or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR:
        raise _Decline
    if len(_KEYS) < 1000:
        _KEYS.add(text)
    return text


_KEYS: set[str] = set()
"""Keys already known to be text: a document has a few dozen, mostly the same ones."""


def _scalar(quoted: str | None, plain: str | None) -> Any:
    """The value of a quoted or plain scalar, as yamlsafe's loader resolves and constructs it."""
    if quoted is not None:
        return _UNESCAPE.sub(r"\1", quoted) if "\\" in quoted else quoted
    assert plain is not None
    if plain.endswith((" ", ":")) or ": " in plain:  # a key, or the end of the value: YAML's to say
        raise _Decline
    if _FIRST_DECIDES and plain[0] not in _RESOLVED_FIRST:  # no implicit type starts so: text
        return plain
    tag = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))
    if tag == _STR:
        return plain
    if tag not in _SCALAR_TAGS:
        raise _Decline
    return CoreLoader.yaml_constructors[tag](_RESOLVER, yaml.ScalarNode(tag, plain))  # as yamlsafe does

"""A YAML reader that is safe for untrusted input and follows YAML 1.2's core schema.

PyYAML implements YAML 1.1, where `no`, `on` and `yes` are booleans, `1:20` is the number 80
and bare dates become Python dates. Writers do not expect that, so this loader resolves only
`true`/`false` as booleans, leaves dates as strings (the schema parses them with precision),
refuses aliases (no alias bombs) and duplicate keys, and records the line of every key and
list item so that problems can be reported where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure loader gives the same results and marks.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

KeyPath = tuple[str | int, ...]
"""Where a value sits in a document: `("timeline", 1, "date")`."""

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]


class CoreLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema scalars (see module docstring)."""


class _PureCoreLoader(yaml.SafeLoader):
    """The same in pure Python, whose recursion on deep nesting is caught (see `_LIBYAML_MAX_CHARS`)."""


_LIBYAML_MAX_CHARS = 10_000
"""libyaml's composer recurses in C, and a few tens of thousands of nested `[` crash the process.
Nesting cannot be deeper than the text is long, so longer texts go to the pure-Python loader."""


def _construct_int(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> int:
    """Integers as YAML 1.2 reads them: `010` is ten, `0o10` is eight, `0x10` sixteen."""
    value = str(loader.construct_scalar(node))
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value, 10)


for _loader in (CoreLoader, _PureCoreLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }
    for _tag, _rx, _first in _CORE_RESOLVERS:
        _loader.add_implicit_resolver(_tag, _rx, list(_first))
    _loader.add_constructor(_INT, _construct_int)
    # Only plain data: no bytes, sets, ordered pairs or dates (they reach the schema as odd types).
    _loader.yaml_constructors = {
        tag: fn for tag, fn in _loader.yaml_constructors.items()
        if tag is None or tag.rsplit(":", 1)[-1] in ("null", "bool", "int", "float", "str", "seq", "map")
    }


class YamlProblem(Exception):
    """A document that cannot be read; `line` is 1-based, shifted like every line by `load`'s offset."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """Plain data read from YAML, and the line where each key or item starts."""

    data: Any
    """dicts, lists, str, int, float, bool and None only."""
    lines: dict[KeyPath, int]
    """1-based line (shifted by `load`'s offset) of each key and list item; `()` is the document."""


def load(text: str, offset: int = 0) -> YamlDocument:
    """Read one YAML document; raise YamlProblem with a line for anything wrong.

    `offset` is the number of lines before the text in its file (1 after an opening `---`);
    every line reported, in `lines`, in YamlProblem and in messages, is a line of the file.
    """
    loader = _loader_for(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {(): 1 + offset})
        lines: dict[KeyPath, int] = {(): node.start_mark.line + 1 + offset}
        try:
            data = _plain(loader, node, (), lines, set(), offset)
        except _Unusual:  # tags, merge keys: PyYAML's constructor, and its messages
            lines = {(): node.start_mark.line + 1 + offset}
            _walk(node, (), lines, set(), offset)
            data = loader.construct_document(node)
    except _AliasFound as found:
        line = _first_alias_line(text)
        raise YamlProblem(
            line + offset if line is not None else None,
            f"{_dotted(found.path)}: YAML aliases (*name) are not supported",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "another document" in problem:
            problem = "expected one document, but found a second '---' block"
        if "could not determine a constructor" in problem:
            problem = f"the tag {node_tag(exc)} is not allowed (only plain YAML data is read)"
        raise YamlProblem(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines)


def _loader_for(text: str) -> Any:
    """libyaml when the text is short enough for it to be safe, else pure Python."""
    return (CoreLoader if len(text) <= _LIBYAML_MAX_CHARS else _PureCoreLoader)(text)


class _AliasFound(Exception):
    """An alias was met at `path`; its own line is known only to the event stream."""

    def __init__(self, path: KeyPath) -> None:
        super().__init__(path)
        self.path = path


def _first_alias_line(text: str) -> int | None:
    """1-based line of the first `*name` (a composed alias carries its anchor's position)."""
    loader = _loader_for(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return int(event.start_mark.line) + 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


def node_tag(exc: yaml.MarkedYAMLError) -> str:
    """Pull the offending tag out of PyYAML's constructor message."""
    match = re.search(r"tag '([^']*)'", exc.problem or "")
    return f"'{match.group(1)}'" if match else "used here"


class _Unusual(Exception):
    """The document needs more than `_plain` does: an explicit tag or a `<<` merge key."""


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_SCALARS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float"))


def _plain(loader: Any, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen: set[int], offset: int) -> Any:
    """The data of a node, and the lines of its keys and items, in one pass: what `_walk` and
    PyYAML's constructor do in two, for plain mappings, lists and scalars (the constructor's
    machinery for aliases and deep objects is a third of the cost of reading front matter)."""
    if id(node) in seen:
        raise _AliasFound(path)
    seen.add(id(node))
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:  # most values: the constructor would return the text as it is
            return node.value
        if node.tag not in _SCALARS:
            raise _Unusual
        return loader.yaml_constructors[node.tag](loader, node)
    if kind is yaml.MappingNode and node.tag == _MAP:
        data: dict[Any, Any] = {}
        keys_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, path, keys_seen, lines, offset)
            if key_node.tag not in _SCALARS:
                raise _Unusual
            value = _plain(loader, value_node, path + (key,), lines, seen, offset)
            data[key if key_node.tag == _STR else loader.yaml_constructors[key_node.tag](loader, key_node)] = value
        return data
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            items.append(_plain(loader, item, path + (index,), lines, seen, offset))
        return items
    raise _Unusual


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen: set[int], offset: int) -> None:
    """Record lines; refuse aliases (a node reached twice) and duplicate keys."""
    if id(node) in seen:
        raise _AliasFound(path)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, path, keys_seen, lines, offset)
            _walk(value_node, path + (key,), lines, seen, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (index,), lines, seen, offset)


def _key(key_node: yaml.Node, path: KeyPath, keys_seen: dict[str, int], lines: dict[KeyPath, int], offset: int) -> str:
    """A mapping key's text, its line recorded: plain text only, and once per mapping (`<<`, a
    merge key, may repeat)."""
    line = key_node.start_mark.line + 1 + offset
    if not isinstance(key_node, yaml.ScalarNode):
        raise YamlProblem(line, "invalid YAML: keys must be plain text")
    key = str(key_node.value)
    if key in keys_seen and key != "<<":
        raise YamlProblem(line, f"{_dotted(path + (key,))}: duplicate key (first given on line {keys_seen[key]})")
    keys_seen[key] = line
    lines[path + (key,)] = line
    return key


def _dotted(path: KeyPath) -> str:
    """`("timeline", 1, "date")` -> `timeline[1].date`, the form messages use."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted

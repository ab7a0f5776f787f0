"""Optional data files about people and organisations (data/people.yaml, data/organizations.yaml):
canonical names, aliases, a short bio and an image, keyed by id.

```yaml
daniel-zhang:
  name: Daniel Zhang
  aliases: [Zhang]
  bio: Chief executive of Alibaba Group.
  image: images/people/daniel-zhang.jpg
xi-jinping:
  name: Xi Jinping
  sort_as: Xi Jinping   # the A-Z lists put people under their surname: here it comes first
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import urls, yamlsafe
from generator.diagnostics import Diagnostic, did_you_mean, error, warning
from generator.sources import decode

PEOPLE_FILE = "data/people.yaml"
ORGANIZATIONS_FILE = "data/organizations.yaml"
FIELDS = ("name", "aliases", "bio", "image", "sort_as")


@dataclass(frozen=True, slots=True)
class Entity:
    """What a data file says about one person or organisation."""

    id: str
    """The key pages are made under."""
    name: str
    """The canonical name, shown on every page."""
    aliases: tuple[str, ...] = ()
    """Other forms of the name used in briefings (`Zhang` for `Daniel Zhang`)."""
    bio: str | None = None
    """A short description (inline Markdown)."""
    image: str | None = None
    """A path under static/ or an https URL."""
    sort_as: str | None = None
    """How the A-Z lists sort it, when the rule (a person's surname, an organisation's name) is wrong."""


@dataclass(frozen=True, slots=True)
class Directory:
    """Known entities and the names that lead to them."""

    entities: dict[str, Entity]
    """By id."""
    names: dict[str, str]
    """Normalised name or alias (as a slug) -> id."""

    def resolve(self, given_id: str, name: str) -> str:
        """The canonical id for a mention: its id if known, else the entity one of its names belongs to."""
        if given_id in self.entities:
            return given_id
        return self.names.get(given_id) or self.names.get(urls.slugify(name)) or given_id


EMPTY = Directory({}, {})


def load_directory(root: Path, rel: str) -> tuple[Directory, list[Diagnostic]]:
    """Read one data file if it exists; every problem is a diagnostic with its line."""
    path = root / rel
    if not path.is_file():
        return EMPTY, []
    text, problems = decode(path.read_bytes(), rel)
    if text is None:
        return EMPTY, problems
    try:
        doc = yamlsafe.load(text)
    except yamlsafe.YamlProblem as problem:
        return EMPTY, [error(rel, problem.line, problem.message)]
    if doc.data is None:
        return EMPTY, []
    if not isinstance(doc.data, dict):
        return EMPTY, [error(rel, 1, "must be a mapping of id: {name, aliases, bio, image}")]
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}
    for key, value in doc.data.items():
        line = doc.lines.get((key,))
        entity = _entity(rel, str(key), value, line, doc.lines, problems)
        if entity is None:
            continue
        entities[entity.id] = entity
        for form in (entity.name, *entity.aliases):
            slug = urls.slugify(form)
            other = names.get(slug)
            if other is not None and other != entity.id:
                problems.append(warning(rel, line, f"{key}: the name '{form}' also belongs to '{other}'; it stays with '{other}'"))
                continue
            names[slug] = entity.id
    return Directory(entities, names), problems


def _entity(
    rel: str, key: str, value: Any, line: int | None, lines: dict[yamlsafe.KeyPath, int], problems: list[Diagnostic]
) -> Entity | None:
    if not urls.is_safe_slug(key):
        problems.append(error(rel, line, f"{key}: an id must be letters, digits, '-', '_' or '.'"))
        return None
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        problems.append(error(rel, line, f"{key}: expected a mapping with name, aliases, bio, image"))
        return None
    for field in value:
        if field not in FIELDS:
            problems.append(warning(rel, lines.get((key, field), line), f"{key}.{field}: unknown field", did_you_mean(str(field), FIELDS)))
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(error(rel, line, f"{key}.name: required text"))
        return None
    aliases = value.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(error(rel, lines.get((key, "aliases"), line), f"{key}.aliases: expected a list of names"))
        aliases = []
    texts = {}
    for field in ("bio", "image", "sort_as"):
        item = value.get(field)
        if item is not None and not isinstance(item, str):
            problems.append(error(rel, lines.get((key, field), line), f"{key}.{field}: expected text"))
            item = None
        texts[field] = item.strip() if isinstance(item, str) and item.strip() else None
    image = texts["image"]
    if image is not None and (".." in image.split("/") or (":" in image.split("/")[0] and not image.startswith("https://"))):
        problems.append(error(rel, lines.get((key, "image"), line), f"{key}.image: a path under static/ or an https address"))
        image = None
    return Entity(key, name.strip(), tuple(a.strip() for a in aliases if a.strip()), texts["bio"], image, texts["sort_as"])

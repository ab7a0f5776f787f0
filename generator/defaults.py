"""Where the built-in templates, static files and Pages workflow are: in the wheel, or in a checkout.

The repository keeps one copy of each at its top level; the wheel carries them under
`generator/defaults/` (see pyproject.toml), so `briefing init` works from an installed package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "defaults"
_CHECKOUT = Path(__file__).parent.parent


def _find(packaged: str, checkout: str) -> Path:
    path = _PACKAGED / packaged
    return path if path.exists() else _CHECKOUT / checkout


def templates() -> Path:
    """The built-in Jinja templates."""
    return _find("templates", "templates")


def static() -> Path:
    """The built-in stylesheet and scripts."""
    return _find("static", "static")


def pages_workflow() -> Path:
    """The GitHub Actions workflow that builds and publishes a site on GitHub Pages."""
    return _find("pages.yml", ".github/workflows/pages.yml")

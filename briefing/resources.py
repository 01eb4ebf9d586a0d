"""Where the shipped templates and jingles are.

In a wheel they sit inside the package (``briefing/templates``,
``briefing/audio``); in a source checkout or an editable install they are the
repo's top-level ``templates/`` and ``audio/`` beside the package. Either way
they are found from the package's own location, never from the current
directory.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``templates`` or ``audio`` shipped with briefing."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"briefing is installed without its {name}/ folder")


def templates_dir(language: str = "fr") -> Path:
    return resource_dir("templates") / language


def jingle(name: str) -> Path:
    """The path of a shipped jingle, e.g. ``jingle("intro")``."""
    return resource_dir("audio") / f"{name}.wav"


def default_cover() -> Path:
    """The built-in podcast cover (1400 × 1400 PNG)."""
    return resource_dir("audio") / "cover.png"

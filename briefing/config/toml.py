"""``briefing.toml`` read into ``Settings``, with the command line's flags on top.

Every key is optional; an unknown table or key, or a value of the wrong type
or out of range, is a ``ConfigError`` naming the file and the key. Relative
paths in the file, defaults included, are taken from the file's folder, so a
run started from anywhere publishes to the same feed; paths given as flags
are the working directory's, as a shell user expects.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefing.config.settings import ALL, BY_NAME, Settings
from briefing.errors import BriefingError, InputError
from briefing.files import read_regular
from briefing.option import Option, toml_type

DEFAULT_FILE = Path("briefing.toml")


class ConfigError(BriefingError):
    """A configuration file that cannot be used; the message names the key."""


def _keys() -> dict[str, Option]:
    keys: dict[str, Option] = {}
    for option in ALL:
        for key in (option.key, *option.aliases) if option.key else ():
            keys[key] = option
    return keys


KEYS = _keys()
# the tables of briefing.toml, in the table's order: "show", "voice", "voice.gtts"…
TABLES = tuple(dict.fromkeys(option.table for option in ALL if option.key))


def load(path: Path | None, flags: dict[str, Any] | None = None, **overrides: Any) -> Settings:
    """Settings from ``path`` (``None``: ``./briefing.toml`` if it exists, else
    the defaults), then ``flags`` (the command line's, by field name; ``None``
    values are flags not given), then ``overrides`` (e.g. the clock ``now``)."""
    explicit = path is not None
    path = Path(path) if explicit else DEFAULT_FILE
    values: dict[str, Any] = {}
    if path.exists() or explicit:
        if not path.exists():
            raise ConfigError(f"{path}: no such file (briefing init writes an example)")
        try:
            data = tomllib.loads(read_regular(path).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except InputError as exc:
            raise ConfigError(str(exc)) from None
        values = parse(data, path)
    for name, value in (flags or {}).items():
        if value is not None:
            values[name] = given(BY_NAME[name], value)
    return replace(Settings(**overrides), **{**values, **overrides})


def given(option: Option, value: Any) -> Any:
    """A flag's value as the setting holds it; a ``BriefingError`` naming the flag."""
    try:
        return option.convert(value)
    except InputError:
        raise  # a file the flag names, at fault: the message names it
    except (TypeError, ValueError) as exc:
        raise BriefingError(f"{option.flag}: {exc or 'must be ' + option.expected}") from None


def parse(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The Settings fields a parsed briefing.toml sets."""
    base = path.parent
    values: dict[str, Any] = {}
    _read(data, "", path, values)
    # Relative paths are the file's folder's, defaults included.
    for option in ALL:
        if option.path and option.kind is Path and option.name not in values and isinstance(option.default, Path):
            values[option.name] = base / option.default
    return values


def _read(table: dict[str, Any], where: str, path: Path, values: dict[str, Any]) -> None:
    base = path.parent
    for key, value in table.items():
        dotted = f"{where}.{key}" if where else key
        if isinstance(value, dict) and dotted in TABLES:
            _read(value, dotted, path, values)
            continue
        option = KEYS.get(dotted)
        if option is None:
            raise ConfigError(f"{path}: {_unknown(where, key, value)}")
        shown = f"[{where}] {key}"
        try:
            values[option.name] = option.convert(value, base)
        except TypeError:
            raise ConfigError(f"{path}: {shown} must be {option.expected}, not {toml_type(value)}") from None
        except (ValueError, InputError) as exc:
            raise ConfigError(f"{path}: {shown} {exc}") from None


def _unknown(where: str, key: str, value: Any) -> str:
    tables = ", ".join(f"[{t}]" for t in TABLES)
    if not where:
        if isinstance(value, dict):
            return f"unknown table [{key}] (known: {tables})"
        homes = [k.rsplit(".", 1)[0] for k in KEYS if k.rsplit(".", 1)[1] == key]
        goes = f"under [{homes[0]}]" if homes else f"in one of the tables {tables}"
        return f"key {key!r} is outside any table; it goes {goes}"
    if isinstance(value, dict):
        return f"unknown table [{where}.{key}] (known: {tables})"
    known = ", ".join(k.rsplit(".", 1)[1] for k in KEYS if k.rsplit(".", 1)[0] == where)
    return f"unknown key {key!r} in [{where}] (known: {known})"

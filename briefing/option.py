"""What a setting is: one declaration from which everything else is made.

An :class:`Option` names the ``Settings`` field, its type, default and range,
its one-line help, its key in ``briefing.toml`` and its command-line flag,
the commands that take the flag and the stages that read it. The Typer
options, the validation of ``briefing.toml``, the example ``briefing init``
writes and the README's tables are all made from these declarations
(``briefing.config`` for the core, each voice engine's own file in
``briefing.tts.engines`` for its options). A leaf module: it imports nothing
of briefing, so any stage may declare options.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The stages a setting may be read by (each gets only its part of the settings).
PARTS = ("sources", "facts", "script", "voice", "mix", "publish", "daily")


@dataclass(frozen=True)
class Option:
    name: str  # the Settings field
    kind: type  # str, int, float, bool, Path or tuple (a list of texts)
    default: Any  # the value, or a callable that makes it (read from the environment, say)
    help: str  # one sentence: the flag's help, the README's and the example's comment
    key: str | None = None  # "voice.rate": [voice] rate in briefing.toml; None: not in the file
    flag: str | None = None  # "--rate"; a bool's flag sets it true, or false when it reads "--no-…"
    short: str | None = None  # "-e"
    low: float | None = None  # the range of a number
    high: float | None = None
    check: Callable[[Any], Any] | None = None  # normalises a value, or raises ValueError saying why
    optional: bool = False  # None is a value: "not set"
    path: bool = False  # a path in briefing.toml is the file's folder's
    commands: tuple[str, ...] = ()  # the commands that take the flag
    parts: tuple[str, ...] = ()  # the stages that read it
    shown: str | None = None  # the default as people read it, when not the value itself
    aliases: tuple[str, ...] = ()  # older keys of briefing.toml, still read
    flag_help: str | None = None  # the flag's help when it says more or other than ``help`` (a --no-… flag)
    metavar: str | None = None  # the value's name in --help and the README: DIR, N, NAME
    sample: Any = None  # a value the example briefing.toml shows, commented out, when the default is none
    starter: Any = None  # a value the example sets, the default being no use to start with (sources)
    example: bool = True  # in the example briefing.toml (False: a setting for the few, in the README only)

    def __post_init__(self) -> None:
        unknown = set(self.parts) - set(PARTS)
        if unknown:
            raise ValueError(f"{self.name}: unknown parts {sorted(unknown)}")

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def shown_default(self) -> str:
        """The default, as the README, the example and ``--help`` say it."""
        if self.shown is not None:
            return self.shown
        value = self.default_value()
        if value is None or value == () or value == "":
            return "none"
        if self.kind is bool:
            return "true" if value else "false"
        return f"{value:g}" if isinstance(value, float) else str(value)

    @property
    def value_name(self) -> str:
        """What the flag's value is called: ``--rate R``."""
        return self.metavar or {int: "N", float: "N", Path: "PATH"}.get(self.kind, "TEXT")

    @property
    def table(self) -> str | None:
        return self.key.rsplit(".", 1)[0] if self.key else None

    @property
    def key_name(self) -> str | None:
        return self.key.rsplit(".", 1)[1] if self.key else None

    @property
    def sets_false(self) -> bool:
        """A flag like ``--no-cache``: given, it sets the setting false."""
        return self.kind is bool and bool(self.flag) and self.flag.startswith("--no-")

    def convert(self, value: Any, base: Path | None = None) -> Any:
        """``value`` (from briefing.toml or a flag) as the setting holds it; a
        ``TypeError`` for the wrong type, a ``ValueError`` saying what is wrong."""
        if value is None and self.optional:
            return None
        if self.kind is bool:
            if type(value) is not bool:
                raise TypeError
        elif self.kind in (int, float):
            if type(value) not in ((int,) if self.kind is int else (int, float)):
                raise TypeError
            if self.low is not None and not self.low <= value <= self.high:
                raise ValueError(f"must be between {self.low} and {self.high}, not {value}")
            value = self.kind(value)
        elif self.kind is tuple:
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
                raise TypeError
            value = tuple(_relative(v.strip(), base) if self.path else v.strip() for v in value)
        else:  # str or Path
            if isinstance(value, Path):
                value = str(value)
            if not isinstance(value, str):
                raise TypeError
            value = value.strip()
            if not value and self.optional:
                return None
            if self.kind is Path:
                if not value:
                    raise ValueError("must not be empty")
                value = Path(_relative(value, base))
        return self.check(value) if self.check else value

    @property
    def expected(self) -> str:
        """What the value must be, as an error message says it."""
        return {bool: "true or false", int: "an integer", float: "a number", tuple: "a list of texts"}.get(self.kind, "a text")


def _relative(value: str, base: Path | None) -> str:
    """A path taken from ``base`` (the config file's folder) when relative; a URL as it is."""
    if value.lower().startswith(("http://", "https://")):
        return value
    path = Path(value).expanduser()
    return str(base / path if base is not None else path)


def toml_type(value: Any) -> str:
    names = {bool: "true/false", int: "an integer", float: "a number", str: "a text", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


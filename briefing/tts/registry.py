"""The voice engines, by name: each declares itself and what it can do.

An engine is one file in ``briefing/tts/engines/``, named as the engine, that
calls :func:`register` with a :class:`Voice`: how to make it from the run's
settings, its own settings (its ``[voice.<name>]`` table in briefing.toml and
its flags), its speaking rate (for ``--minutes``), the part of a speed it
leaves to ffmpeg's ``atempo``, whether it speaks from a server (then it is
asked once before a run whether it answers), its place in ``auto``'s order,
and its row in ``briefing engines``. Every module of that folder is imported
here, so a new engine is one new file; no engine's name is written anywhere
else. Engine files are imported by ``briefing --help``: they import their
heavy libraries when an engine is made, not at the top.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.errors import EngineError

if TYPE_CHECKING:
    from briefing.config import Settings
    from briefing.option import Option
    from briefing.tts.engine import Engine

AUTO = "auto"  # not an engine: the first of ``auto_order``, or the first offline one when that one does not answer
NONE = "none"  # as a fallback: no fallback


def _all_of_it(rate: float) -> float:
    return rate


def own_speed(rate: float) -> float:
    """``leaves`` of an engine that speaks at any speed itself: nothing is left for atempo."""
    return 1.0


def _nothing() -> str | None:
    return None


def _no_options(settings: Settings) -> str:
    return ""


@dataclass(frozen=True)
class Voice:
    """What an engine is and can do."""

    name: str  # its file's name in briefing/tts/engines/; --engine NAME
    about: str  # a few words: what it is (``--engine``'s help, ``briefing engines``)
    make: Callable[[Settings], Engine]  # the engine, from the run's settings
    options: tuple[Option, ...] = ()  # its own settings: keys of [voice.<name>] in briefing.toml, and their flags
    chars_per_second: float = 15.0  # characters of speakable French a second at normal speed, until runs measure it
    leaves: Callable[[float], float] = _all_of_it  # of a speed, the factor it cannot reach itself (ffmpeg's atempo does)
    online: bool = False  # speaks from a server: its engine has ``url`` and ``host``, asked once before a run
    label: str = ""  # how a message names it (« Google's voice »); its name if empty
    auto: int | None = None  # its place in auto's order (see AUTO); None: only when asked for
    missing: Callable[[], str | None] = _nothing  # why it cannot speak on this machine (not installed…), or None
    shown_options: Callable[[Settings], str] = _no_options  # its options and their values, as ``briefing engines`` lists them
    notes: str = ""  # what ``briefing engines`` says of it besides ``about``

    @property
    def called(self) -> str:
        return self.label or self.name

    def setting(self, settings: Settings, name: str) -> Any:
        """The value of its option ``name`` in ``settings``, or the option's default
        when the settings were made before this engine was registered."""
        (option,) = [o for o in self.options if o.name == name]
        return getattr(settings, name, option.default_value())


VOICES: dict[str, Voice] = {}


def register(voice: Voice) -> Voice:
    """Add an engine (its file calls this when imported; a test may too)."""
    if voice.name in (AUTO, NONE) or not voice.name.isidentifier():
        raise ValueError(f"{voice.name!r} cannot name a voice engine")
    for option in voice.options:
        if option.key is not None and option.table != f"voice.{voice.name}":
            raise ValueError(f"{voice.name}: option {option.name} must be a key of [voice.{voice.name}], not {option.key}")
        if "voice" not in option.parts:
            raise ValueError(f"{voice.name}: option {option.name} is read by the voice stage (parts must hold 'voice')")
    taken = {option.name for other in VOICES.values() if other.name != voice.name for option in other.options}
    clash = taken & {option.name for option in voice.options}
    if clash:
        raise ValueError(f"{voice.name}: options {sorted(clash)} belong to another engine")
    VOICES[voice.name] = voice
    return voice


def voice(name: str) -> Voice:
    try:
        return VOICES[name]
    except KeyError:
        raise EngineError(f"unknown voice engine {name!r} (known: {', '.join(choices())})") from None


def known(name: str) -> Voice | None:
    return VOICES.get(name)


def names() -> tuple[str, ...]:
    """Every engine: ``auto``'s, in its order, then the others by name."""
    return tuple(v.name for v in sorted(VOICES.values(), key=lambda v: (v.auto is None, v.auto or 0, v.name)))


def choices() -> tuple[str, ...]:
    """What ``--engine`` takes."""
    return (AUTO, *names())


def auto_order() -> list[Voice]:
    """The engines ``auto`` may take, in the order it tries them."""
    return sorted((v for v in VOICES.values() if v.auto is not None), key=lambda v: v.auto)


def offline_default() -> Voice:
    """The first engine of ``auto``'s order that needs no server: what auto falls back on."""
    for found in auto_order():
        if not found.online:
            return found
    raise EngineError("no offline voice engine is installed")


def engine_options() -> tuple[Option, ...]:
    """Every engine's own options, engine by engine."""
    return tuple(option for name in names() for option in VOICES[name].options)


def option_values(settings: Settings) -> tuple[Any, ...]:
    """What ``settings`` holds for every engine's options: runs that share it share their voices."""
    return tuple(VOICES[name].setting(settings, option.name) for name in names() for option in VOICES[name].options)


def describe_auto() -> str:
    """What ``auto`` does, in words (``--engine``'s help, ``briefing engines``)."""
    first, offline = auto_order()[0], offline_default()
    if not first.online:
        return first.name
    return f"{first.name} when {first.called} answers, else {offline.name}"


def _discover() -> None:
    from briefing.tts import engines

    for module in pkgutil.iter_modules(engines.__path__):
        importlib.import_module(f"{engines.__name__}.{module.name}")


_discover()

"""``Settings``: one run's settings, a frozen dataclass made from the table.

Its fields are the options of ``briefing.config.table`` (the core's, the
voices', and the run's constants), each with its declared default, plus the
run's clock ``now``, passed in so tests control « today ». Text a user writes
(the show's name, its description…) reaches the feed, the tags and the page:
it is cleaned of control and bidi characters here, where it enters, like an
article's text.

A stage reads only its part: ``settings.part("mix")`` holds just the fields
the table gives to the mix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from briefing.config.table import INTERNAL, OPTIONS
from briefing.tts import registry
from briefing.option import PARTS, Option
from briefing.sources.controls import clean

# the core's settings, then each voice engine's own (declared in its file), then the run's constants
ALL: tuple[Option, ...] = (*OPTIONS, *registry.engine_options(), *INTERNAL)
BY_NAME: dict[str, Option] = {option.name: option for option in ALL}
_CLEANED = ("show", "description", "author", "email", "base_url")


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _field(option: Option) -> tuple[str, Any, dataclasses.Field]:
    kind: Any = {tuple: tuple[str, ...]}.get(option.kind, option.kind)
    if option.optional:
        kind = kind | None
    if callable(option.default):
        return option.name, kind, dataclasses.field(default_factory=option.default)
    return option.name, kind, dataclasses.field(default=option.default)


def _post_init(self) -> None:
    for name in _CLEANED:
        value = getattr(self, name)
        if value is not None:
            object.__setattr__(self, name, clean(value))


def _today(self) -> dt.date:
    return self.now.date()


def _part(self, name: str) -> Any:
    """The fields of ``name``'s part (a stage: one of ``briefing.option.PARTS``)."""
    return _PARTS[name](**{f: getattr(self, f) for f in _PARTS[name].__dataclass_fields__})


def _show_author(self) -> str:
    return self.author or self.show


Settings = dataclasses.make_dataclass(
    "Settings",
    [*(_field(option) for option in ALL), ("now", dt.datetime, dataclasses.field(default_factory=_now))],
    frozen=True,
    namespace={
        "__post_init__": _post_init,
        "__doc__": "Settings for one run. Every field has a default that works with no file.",
        "today": property(_today),
        "part": _part,
        "podcast_author": property(_show_author),
    },
)
Settings.__module__ = __name__

_PARTS = {
    part: dataclasses.make_dataclass(
        f"{part.capitalize()}Settings",
        [_field(o) for o in ALL if part in o.parts] + [("now", dt.datetime, dataclasses.field(default_factory=_now))],
        frozen=True,
        namespace={"today": property(_today), "__module__": __name__,
                   **({"podcast_author": property(_show_author)} if part == "publish" else {})},
    )
    for part in PARTS
}
globals().update({cls.__name__: cls for cls in _PARTS.values()})  # picklable, as Settings is


def on_date(now: dt.datetime, day: str) -> dt.datetime:
    """``now``'s time of day on ``day`` (« 2026-11-28 »); a ``BriefingError`` for a date that is not one."""
    from briefing.errors import BriefingError

    try:
        return dt.datetime.combine(dt.date.fromisoformat(day.strip()), now.timetz())
    except ValueError:
        raise BriefingError(f"--date: {day!r} is not a date (YYYY-MM-DD, e.g. 2026-11-28)") from None


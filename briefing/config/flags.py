"""The command line's flags, made from the settings table.

``@flags_of("make")`` adds to a Typer command every option of the table that
names ``make`` among its commands: its flag and short name, its type, range,
metavar and help. Each flag defaults to « not given » (``None``), so that
``briefing.toml`` applies unless the flag is given; the command receives what
was given as ``flags``, by setting name, ready for ``briefing.config.load``.
A ``--no-…`` flag sets its setting false.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from briefing.config.settings import ALL
from briefing.option import Option


def flags_of(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    options = [option for option in ALL if option.flag and command in option.commands]

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        hints = typing.get_type_hints(function, include_extras=True)
        own = [
            parameter.replace(annotation=hints[parameter.name])
            for parameter in inspect.signature(function).parameters.values()
            if parameter.name != "flags"
        ]
        added = {_parameter_name(option): option for option in options}
        parameters = own + [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_annotation(option))
            for name, option in added.items()
        ]

        def run(**values: Any) -> Any:
            given = {}
            for name, option in added.items():
                value = values.pop(name)
                if value is not None:
                    given[option.name] = (not value) if option.sets_false else value
            return function(**values, flags=given)

        run.__name__, run.__qualname__, run.__doc__ = function.__name__, function.__qualname__, function.__doc__
        run.__module__ = function.__module__
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return wrap


def _parameter_name(option: Option) -> str:
    return option.flag.removeprefix("--").replace("-", "_")


def _annotation(option: Option) -> Any:
    kind = {tuple: list[str]}.get(option.kind, option.kind)
    names = [option.flag, *([option.short] if option.short else [])]
    extra: dict[str, Any] = {}
    if option.low is not None:
        extra.update(min=option.low, max=option.high)
    if option.kind is not bool:
        extra.update(metavar=option.value_name)
    shown = "" if option.kind is bool else f" [default: {option.shown_default()}]"
    text = (option.flag_help or option.help) + shown
    # Typer reads help as Rich markup: « briefing[kokoro] » and « [default: …] » are text
    return Annotated[Optional[kind], typer.Option(*names, help=text.replace("[", "\\["), show_default=False, **extra)]

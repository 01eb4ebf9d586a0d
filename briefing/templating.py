"""Jinja2 environments over the user's templates, then the built-in ones,
and template errors turned into one clear line (file, line, what is wrong)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from briefing.config import Settings
from briefing.errors import TemplateError
from briefing.french_dates import long_date
from briefing.resources import templates_dir


def environment(settings: Settings, *, html: bool = False) -> jinja2.Environment:
    """Templates are looked up in the user's folder (``settings.templates``) first,
    then in the built-in set for ``settings.language``.

    ``html`` turns autoescaping on: article text is data, and is escaped.
    Compiled templates are kept in the cache folder (unless the cache is off),
    keyed by their source, so a run does not compile them again (15 ms); an
    edited template is compiled anew.
    """
    search = [str(settings.templates)] if settings.templates else []
    search.append(str(templates_dir(settings.language)))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        bytecode_cache=_bytecode_cache(settings.cache_dir / "templates") if settings.cache else None,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=html,
    )
    env.filters["long_date"] = long_date
    env.filters["join_fr"] = join_fr
    env.filters["duration_fr"] = duration_fr
    env.filters["clock"] = clock
    return env


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a cache folder that cannot be written: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


def duration_fr(ms: int) -> str:
    """« 1 h 02 min », « 12 min 05 s », « 45 s »."""
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def clock(ms: int) -> str:
    """A player's clock: « 2:05 », « 1:02:05 »."""
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def join_fr(items: Any) -> str:
    """« a, b et c »."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; any template error becomes a ``TemplateError``."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        path = env.loader.get_source(env, name)[1] or name
        raise TemplateError(f"{path}, line {_template_line(exc, path)}: {exc.message}") from None


def _template_line(exc: BaseException, path: str) -> int | str:
    """The template line an error was raised from (Jinja maps its frames to it)."""
    line: int | str = "?"
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def available(user_dir: Path | None, language: str) -> dict[str, Path]:
    """Every template name and the file that will be used for it (the user's first)."""
    found: dict[str, Path] = {}
    for folder in (templates_dir(language), user_dir):
        if folder and folder.is_dir():
            found.update({p.name: p for p in sorted(folder.glob("*.j2"))})
    return dict(sorted(found.items()))

"""Jinja2 environments over the user's templates, then the built-in ones,
rendering in the immutable sandbox, and template errors turned into one clear
line (file, line, what is wrong)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefing.config import Settings
from briefing.errors import InputError, TemplateError
from briefing.files import read_regular
from briefing.french.dates import long_date
from briefing.resources import templates_dir


def environment(settings: Settings, *, html: bool = False) -> jinja2.Environment:
    """Templates are looked up in the user's folder (``settings.templates``) first,
    then in the built-in set for ``settings.language``.

    Templates render in Jinja2's immutable sandbox: they read the variables
    they are given, and reach nothing else (no Python internals, no file
    outside their folders, no change to what they are given).
    ``html`` turns autoescaping on: article text is data, and is escaped.
    Compiled templates are kept in the cache folder (unless the cache is off),
    keyed by their source, so a run does not compile them again (15 ms); and
    in the process's environment for the same folders, so a process that
    renders again (the script, then the page; many editions; a worker) does
    not even read them. An edited template, or one a user's folder adds in
    front of a built-in one, is compiled anew.
    """
    folders = [settings.templates] if settings.templates else []
    folders.append(templates_dir(settings.language))
    return _environment(tuple(folders), html, settings.cache_dir / "templates" if settings.cache else None)


@functools.lru_cache(maxsize=16)
def _environment(folders: tuple[Path, ...], html: bool, compiled: Path | None) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        loader=Folders(list(folders)),
        bytecode_cache=_bytecode_cache(compiled) if compiled else None,
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


class Folders(jinja2.BaseLoader):
    """Templates from folders, the first that holds a name wins.

    A name is a path inside a folder: never absolute, never through « .. »; a
    link that leads out of the folder is refused, and only regular files are
    read. ``files`` are the paths given out, so errors can be traced to them.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [Path(folder) for folder in folders]
        self.files: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = template.split("/")
        if "\\" in template or any(piece in ("", ".", "..") for piece in pieces):
            raise jinja2.TemplateNotFound(template)
        for number, folder in enumerate(self.folders):
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            before = [earlier.joinpath(*pieces) for earlier in self.folders[:number]]  # where one would come first
            target = path.resolve()
            if not target.is_relative_to(folder.resolve()):
                raise TemplateError(f"{path}: leads out of the templates folder (to {target})")
            try:
                data = read_regular(path)
                source = data.decode("utf-8")
            except InputError as exc:
                raise TemplateError(str(exc)) from None
            except UnicodeDecodeError:
                raise TemplateError(f"{path}: is not UTF-8 text") from None
            self.files.add(str(path))
            # still the same: the same bytes (reading them costs far less than compiling), none come first
            return source, str(path), lambda: _content(path) == data and not any(map(os.path.lexists, before))
        raise jinja2.TemplateNotFound(template)


def _content(path: Path) -> bytes | None:
    try:
        return read_regular(path)
    except (InputError, OSError):
        return None


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a cache folder that cannot be written: compile every time
    # sandboxed code is not the same as unsandboxed code: never mix them up
    return _CompiledTemplates(str(folder), pattern="__jinja2_sandboxed_%s.cache")


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates in a folder that may go while the process
    lives (the cache cleared): made again then; one that cannot be kept is
    only compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


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
    """Render template ``name``; any error in a template becomes a one-line ``TemplateError`` naming its file and line."""
    try:
        return env.get_template(name).render(context)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except Exception as exc:
        where = _template_line(exc, env.loader.files if isinstance(env.loader, Folders) else set())
        if isinstance(exc, jinja2.TemplatesNotFound):
            problem = f"template not found: {', '.join(map(str, exc.templates))}"
        elif isinstance(exc, jinja2.TemplateNotFound):
            problem = f"template not found: {exc.name}"
        elif where is None:
            raise  # not the template's doing
        else:
            problem = str(exc.message if isinstance(exc, jinja2.TemplateError) else exc)
        raise TemplateError(f"{where}: {problem}" if where else problem) from None


def _template_line(exc: BaseException, files: set[str]) -> str | None:
    """« file, line N »: the innermost template line an error was raised from (Jinja maps its frames to it)."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            where = f"{tb.tb_frame.f_code.co_filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


def available(user_dir: Path | None, language: str) -> dict[str, Path]:
    """Every template name and the file that will be used for it (the user's first)."""
    found: dict[str, Path] = {}
    for folder in (templates_dir(language), user_dir):
        if folder and folder.is_dir():
            found.update({p.name: p for p in sorted(folder.glob("*.j2"))})
    return dict(sorted(found.items()))

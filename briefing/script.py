"""The briefing script: facts slotted into the French Jinja2 templates.

Templates are looked up in the user's folder first, then in the built-in
``templates/fr``. Article text reaches templates only as variables, so an
article containing ``{{ 7*7 }}`` is spoken literally, never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from briefing.config import Settings
from briefing.errors import TemplateError
from briefing.french_dates import greeting, long_date
from briefing.models import Facts, Script, Segment
from briefing.resources import templates_dir
from briefing.speakable import speakable


def render(facts_list: Sequence[Facts], settings: Settings) -> Script:
    """One intro segment, one segment per story, one outro segment."""
    env = _environment(settings.templates, settings.language)
    common = {
        "show": settings.show,
        "date": settings.today,
        "greeting": greeting(settings.now),
        "stories": list(facts_list),
    }
    segments = [_segment(env, "intro", "Introduction", common)]
    for number, facts in enumerate(facts_list, start=1):
        context = {**common, "story": facts, "number": number, "total": len(facts_list)}
        segments.append(_segment(env, "story", facts.headline, context))
    segments.append(_segment(env, "outro", "Conclusion", common))
    return Script(date=settings.today, show=settings.show, segments=tuple(segments))


def _environment(user_dir: Path | None, language: str) -> jinja2.Environment:
    search = [str(user_dir)] if user_dir else []
    search.append(str(templates_dir(language)))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain spoken text; the HTML page escapes on its own
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["long_date"] = long_date
    env.filters["join_fr"] = join_fr
    return env


def join_fr(items: Sequence[str]) -> str:
    """« a, b et c »."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _segment(env: jinja2.Environment, kind: str, title: str, context: dict) -> Segment:
    name = f"{kind}.j2"
    try:
        raw = env.get_template(name).render(context)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        path = _template_file(env, name)
        raise TemplateError(f"{path}, line {_template_line(exc, path)}: {exc.message}") from None
    text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
    return Segment(kind=kind, title=title, text=text, spoken=speakable(text))


def _template_file(env: jinja2.Environment, name: str) -> str:
    return env.loader.get_source(env, name)[1] or name


def _template_line(exc: BaseException, path: str) -> int | str:
    """The template line an error was raised from (Jinja maps its frames to it)."""
    line: int | str = "?"
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line

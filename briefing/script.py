"""The briefing script: facts slotted into the French Jinja2 templates.

Templates are looked up in the user's folder first, then in the built-in
``templates/fr``. Article text reaches templates only as variables, so an
article containing ``{{ 7*7 }}`` is spoken literally, never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from briefing import sentences
from briefing.config import Settings
from briefing.french_dates import greeting
from briefing.models import Facts, Line, Script, Segment
from briefing.speakable import speakable
from briefing.templating import environment, render as render_template


def render(facts_list: Sequence[Facts], settings: Settings) -> Script:
    """One intro segment, one segment per story, one outro segment."""
    env = environment(settings.templates, settings.language)
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


def _segment(env: jinja2.Environment, kind: str, title: str, context: dict) -> Segment:
    raw = render_template(env, f"{kind}.j2", context)
    text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
    lines = tuple(Line(text=sentence, spoken=speakable(sentence)) for sentence in sentences.split(text))
    return Segment(kind=kind, title=title, lines=lines)

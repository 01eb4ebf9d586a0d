"""The briefing script: facts slotted into the French Jinja2 templates.

Templates are looked up in the user's folder first, then in the built-in
``templates/fr``. Article text reaches templates only as variables, so an
article containing ``{{ 7*7 }}`` is spoken literally, never evaluated.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path

import jinja2

from briefing import reading, sentences
from briefing.config import Settings
from briefing.french_dates import greeting, long_date
from briefing.models import Facts, Line, Script, Segment
from briefing.speakable import speakable
from briefing.templating import environment, render as render_template


def render(facts_list: Sequence[Facts], settings: Settings) -> Script:
    """One intro segment, one segment per story, one outro segment."""
    env = environment(settings)
    common = {
        "show": settings.show,
        "date": settings.today,
        "greeting": greeting(settings.now),
        "stories": list(facts_list),
    }
    segments = [_segment(env, "intro", "Introduction", common)]
    for number, facts in enumerate(facts_list, start=1):
        context = {
            **common, "story": facts, "number": number, "total": len(facts_list),
            "variant": variant(facts.headline), "extra": key_facts(facts),
        }
        transition = render_template(env, "transition.j2", context)
        segments.append(_segment(env, "story", facts.headline, context, prefix=transition))
    segments.append(_segment(env, "outro", "Conclusion", common))
    return Script(
        date=settings.today,
        show=settings.show,
        title=f"{settings.show} du {long_date(settings.today)}",
        stem=f"briefing-{settings.today.isoformat()}",
        segments=tuple(segments),
    )


def render_reading(facts_list: Sequence[Facts], settings: Settings) -> Script:
    """Whole articles read aloud: for each, its headline, source and date, then
    every paragraph, one segment per sub-heading or group of paragraphs."""
    env = environment(settings)
    segments = []
    for number, facts in enumerate(facts_list, start=1):
        article = facts.article
        context = {"story": facts, "article": article, "number": number, "total": len(facts_list),
                   "show": settings.show, "date": settings.today}
        segments.append(_segment(env, "intro", facts.headline, {**context, **_reading_intro(article)}, "read_intro.j2"))
        for part in reading.parts(article.text):
            segments.append(_segment(env, "story", part.title, {**context, "part": part}, "read_part.j2"))
    segments.append(_segment(env, "outro", "Fin de la lecture", {"show": settings.show, "total": len(facts_list)}, "read_outro.j2"))
    if len(facts_list) == 1:
        title = f"Lecture : {facts_list[0].headline}"
        stem = f"lecture-{settings.today.isoformat()}-{reading.slug(facts_list[0].headline)}"
    else:
        title = f"Lecture du {long_date(settings.today)} : {len(facts_list)} articles"
        stem = f"lecture-{settings.today.isoformat()}"
    return Script(date=settings.today, show=settings.show, title=title, stem=stem, segments=tuple(segments))


def _reading_intro(article) -> dict:
    return {"source": article.site or _source_name(article.source), "published": article.published}


def _source_name(source: str) -> str:
    """A file's name without folder or extension; a URL's host."""
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0].removeprefix("www.")
    return Path(source).stem.replace("-", " ").replace("_", " ")


QUOTE_MAX_CHARS = 220  # a longer quote is better left to the summary
# Figures that mean little out of their sentence: durations and speeds.
_CONTEXT_BOUND = re.compile(r"^(secondes?|minutes?|heures?|jours?|semaines?|mois|ans?|années?|km/h|h)$", re.IGNORECASE)


def key_facts(facts: Facts) -> dict[str, object]:
    """The facts worth a sentence of their own in a story because its summary
    does not already say them: one figure, one quote with its speaker, and the
    source the article credits. A fact that is missing is ``None``."""
    said = " ".join((facts.headline, *facts.summary)).casefold()
    people = {p.name for p in facts.people}

    def unsaid(text: str) -> bool:
        return " ".join(text.split()).casefold()[:40] not in said

    figure = next((f for f in facts.figures if f.counts and not _CONTEXT_BOUND.match(f.counts) and unsaid(f.text)), None)
    # a whole sentence someone said, not a few words lifted from one
    quote = next(
        (q for q in facts.quotes if q.speaker and q.text[:1].isupper() and len(q.text) <= QUOTE_MAX_CHARS and unsaid(q.text)),
        None,
    )
    source = next(
        (a.source for a in facts.attribution if a.source not in people and a.source.casefold() not in said),
        None,
    )
    return {
        "figure": figure.text if figure else None,
        "quote": quote.text.strip(" .") if quote else None,
        "speaker": quote.speaker if quote else None,
        "source": source,
    }


def variant(key: str) -> int:
    """A number that depends only on ``key``: the same story always gets the
    same transition, whatever the run or the machine."""
    return zlib.crc32(key.encode("utf-8"))


def _segment(
    env: jinja2.Environment, kind: str, title: str, context: dict, template: str | None = None, prefix: str = ""
) -> Segment:
    raw = prefix + "\n" + render_template(env, template or f"{kind}.j2", context)
    text = "\n".join(" ".join(line.split()) for line in raw.splitlines() if line.strip())
    lines = tuple(Line(text=sentence, spoken=speakable(sentence)) for sentence in sentences.split(text))
    return Segment(kind=kind, title=title, lines=lines)

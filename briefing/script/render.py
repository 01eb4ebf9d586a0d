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

from briefing.facts import figures

from briefing.script import reading

from briefing.script import repetition

from briefing.french import sentences
from briefing.config import Settings
from briefing.french.dates import greeting, long_date
from briefing.models import Facts, Line, Script, Segment
from briefing.french.speakable import speakable
from briefing.script.templating import environment, render as render_template


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
        body = told(facts)
        context = {
            **common, "story": facts, "number": number, "total": len(facts_list),
            "variant": variant(facts.headline), "summary": body, "extra": key_facts(facts, body),
            # With one story, the intro has just said its headline.
            "say_headline": len(facts_list) > 1,
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


def told(facts: Facts) -> list[str]:
    """The summary sentences a story says: those that say again 60 % or more of
    the headline or of an earlier one (``repetition``) are left out. A story
    left with none says the article's first sentence that stands alone and
    does not repeat the headline."""
    body: list[str] = []
    for sentence in facts.summary:
        if not _says_again(sentence, [facts.headline, *body]):
            body.append(sentence)
    if not body:
        spare = (s for s in facts.sentences if figures.standalone(s) and not repetition.repeats(s, [facts.headline]))
        body = [s for s in [next(spare, None)] if s]
    return body


def key_facts(facts: Facts, said: Sequence[str] | None = None) -> dict[str, object]:
    """The facts worth a sentence of their own in a story because what it says
    (its headline and ``said``, the summary sentences it tells) does not say
    them already: one figure in the sentence that says what it counts, one
    quote with who said it, and the source the article credits; none of them
    saying again what came before (``repetition``). A fact that is missing is
    ``None``; a quote nobody is named for is not given."""
    said = list(facts.summary if said is None else said)
    earlier = [facts.headline, *said]
    text = " ".join(earlier).casefold()
    people = {p.name for p in facts.people}

    def unsaid(words: str) -> bool:
        return " ".join(words.split()).casefold()[:40] not in text

    figure = next(
        (f.sentence for f in facts.figures if f.sentence and unsaid(f.sentence) and not _says_again(f.sentence, earlier)),
        None,
    )
    if figure:
        earlier.append(figure)
    # a whole sentence someone said, not a few words lifted from one; a named speaker first
    quotes = [
        q for q in facts.quotes
        if q.speaker and q.text[:1].isupper() and len(q.text) <= QUOTE_MAX_CHARS and unsaid(q.text)
        and not _says_again(_quote_line(q.text, q.speaker), earlier)
    ]
    quote = min(quotes, key=lambda q: (_vague(q.speaker), facts.quotes.index(q)), default=None)
    if quote:
        earlier.append(_quote_line(quote.text, quote.speaker))
    source = next(
        (a.source for a in facts.attribution if a.source not in people and a.source.casefold() not in text
         and not _says_again(f"C'est ce que rapporte {a.source}.", earlier)),
        None,
    )
    return {
        "figure": figure,
        "quote": quote.text.strip(" .") if quote else None,
        "speaker": quote.speaker if quote else None,
        "plural": _plural(quote.speaker) if quote else False,
        "source": source,
    }


def _quote_line(quote: str, speaker: str) -> str:
    return f"« {quote.strip(' .')} », {'ont déclaré' if _plural(speaker) else 'a déclaré'} {speaker}."


def _says_again(line: str, earlier: list[str]) -> bool:
    """Whether a sentence of ``line``, as the script splits it, repeats one said before it."""
    before = list(earlier)
    for sentence in sentences.split(line):
        if repetition.repeats(sentence, before):
            return True
        before.append(sentence)
    return False


def _vague(speaker: str) -> bool:
    """« l'élu », « le ministre »: a description that says little out of its article."""
    words = speaker.split()
    return speaker[:1].islower() and len(words) <= 2 and words[0].lower() in ("le", "la", "les") or speaker.startswith("l'") and len(words) == 1


def _plural(speaker: str) -> bool:
    """« Viviane et Pierre Lambert », « les forces aériennes »: several speak."""
    words = speaker.lower().split()
    return " et " in f" {speaker.lower()} " or bool(words) and words[0] in ("les", "des", "ces", "deux", "trois", "plusieurs", "ses", "leurs")


def variant(key: str) -> int:
    """A number that depends only on ``key``: the same story always gets the
    same transition, whatever the run or the machine."""
    return zlib.crc32(key.encode("utf-8"))


# Punctuation marks in a row (« 234 km/h.. », « ?. », « , . »): one is said, the strongest.
_MARKS_IN_A_ROW = re.compile(r"[.,;:!?…](?:\s*[.,;:!?…])+")
_STRENGTH = "?!….;:,"


def tidy_punctuation(text: str) -> str:
    """One punctuation mark where a line has several in a row; « ... » is « … »."""
    text = text.replace("...", "…")
    return _MARKS_IN_A_ROW.sub(lambda m: min((c for c in m.group() if not c.isspace()), key=_STRENGTH.index), text)


def _segment(
    env: jinja2.Environment, kind: str, title: str, context: dict, template: str | None = None, prefix: str = ""
) -> Segment:
    raw = prefix + "\n" + render_template(env, template or f"{kind}.j2", context)
    text = "\n".join(tidy_punctuation(" ".join(line.split())) for line in raw.splitlines() if line.strip())
    lines = tuple(Line(text=sentence, spoken=tidy_punctuation(speakable(sentence))) for sentence in sentences.split(text))
    return Segment(kind=kind, title=title, lines=lines)

"""Key facts of an article: headline, lead, summary, and who/what/where/when.

``extract`` is the stage's one public function. It reads the article's clean text
with spaCy's French pipeline (loaded on first use) and the modules beside it:
``entities`` and ``people`` for names, roles and references, ``dates``,
``figures``, ``quotes``, ``attribution``, ``summary`` and ``headline``.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing.facts import attribution

from briefing.facts import dates

from briefing.facts import entities

from briefing.facts import figures

from briefing.facts import headline

from briefing.french import language

from briefing.facts import nlp

from briefing.facts import people

from briefing.facts import quotes

from briefing.french import sentences

from briefing.facts import speakers

from briefing.facts import summary
from briefing.errors import InputError
from briefing.models import Article, Facts
from briefing.sources.articles import clean_text

HEADLINE_MAX_WORDS = 12
MIN_SENTENCE_WORDS = 5
# A news article is a few thousand characters, a long read some tens of
# thousands. Past this, parsing takes seconds and hundreds of MB (7 s and
# 0.9 GB at the limit), and spaCy refuses five times more.
MAX_CHARS = 200_000

# Words a shortened headline must not end on.
_DANGLING = summary.STOPWORDS | {"l'", "d'", "qu'", "n'", "s'", "c'", "j'", "ont", "a", "est", "sont", "va", "vont"}
# A trailing attribution: « …, a rapporté l'agence TASS », « …, selon TASS ».
_ATTRIBUTION_TAIL = re.compile(r",\s+(a|ont)\s+(rapporté|déclaré|indiqué|annoncé|affirmé|précisé)\b.*$|,\s+selon\b.*$")


def extract(article: Article, *, today: dt.date, summary_sentences: int = 3) -> Facts:
    """The key facts of ``article``; relative dates resolve against its publication
    date, or ``today`` (the run's date) when it has none.

    Raises ``InputError`` when the article holds no real sentence, or is too
    long to be one (``MAX_CHARS``).
    """
    text = _text_of(article)
    spans = sentences.spans(text)
    real = _real_spans(text, spans, article.source)
    real_text = [text[a:b] for a, b in real]
    warnings = tuple(w for w in [language.warning(text, article.source)] if w)
    published = article.published or today

    doc = nlp.parse(text, [a for a, _ in spans])
    named = entities.find(doc)
    persons = people.describe(doc, named)
    resolver = people.Resolver(doc, named, persons)
    found_dates = dates.find(text, published)
    date_spans = [(m.start(), m.end()) for d in found_dates for m in re.finditer(re.escape(d.text), text, re.IGNORECASE)]

    return Facts(
        article=article,
        headline=" ".join((article.title or "").split()) or _headline(doc, real, real_text, named.mentions, date_spans),
        lead=real_text[0],
        summary=summary.summarise(real_text, summary_sentences, article.title),
        sentences=tuple(real_text),
        people=persons,
        places=named.places,
        organisations=named.organisations,
        dates=found_dates,
        figures=figures.find(doc, named, date_spans),
        quotes=quotes.find(doc, speakers.Speakers(doc, named, persons)),
        attribution=attribution.find(doc, resolver),
        reference_date=published,
        dated_by_run=article.published is None,
        warnings=warnings,
    )


def sentences_of(article: Article) -> list[str]:
    """The sentences ``extract`` reads in ``article`` (``Facts.sentences``), without parsing it."""
    text = _text_of(article)
    return [text[a:b] for a, b in _real_spans(text, sentences.spans(text), article.source)]


def _text_of(article: Article) -> str:
    text = sentences.unglue(clean_text(article.text))
    if len(text) > MAX_CHARS:
        raise InputError(
            article.source, f"is too long for one article ({len(text):,} characters of text; the limit is {MAX_CHARS:,})"
        )
    return text


def _real_spans(text: str, spans: list[tuple[int, int]], source: str) -> list[tuple[int, int]]:
    real = [(a, b) for a, b in spans if _is_real_sentence(text[a:b])]
    if not real:
        raise InputError(source, "has no sentences to read")
    return real


def _is_real_sentence(sentence: str) -> bool:
    """Five words or more, ending as a sentence ends: not a heading, a caption or a credit."""
    return len(summary.WORD.findall(sentence)) >= MIN_SENTENCE_WORDS and sentences.ends_sentence(sentence)


def _headline(doc, real: list[tuple[int, int]], real_text: list[str], mentions, date_spans) -> str:
    """From the lead; or, when the lead leans on a sentence the page lost (« Cette
    déclaration… »), from the best-ranked sentence that stands alone."""
    chosen = summary.best_standalone(real_text)
    start, end = real[real_text.index(chosen)]
    span = doc.char_span(start, end, alignment_mode="expand")
    made = headline.make(span, mentions, date_spans) if span is not None else None
    if made and len(made.split()) <= HEADLINE_MAX_WORDS:
        return made
    return _clipped_headline(chosen)


def _clipped_headline(sentence: str) -> str:
    """A headline cut from a sentence without a usable parse: its main clause, at most 12 words."""
    text = _ATTRIBUTION_TAIL.sub("", sentence.rstrip(" .!?…"))
    for sep in (" – ", " — ", ", "):
        head = text.split(sep)[0]
        if 4 <= len(head.split()) <= HEADLINE_MAX_WORDS:
            text = head
            break
    words = text.split()[:HEADLINE_MAX_WORDS]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    made = " ".join(words).rstrip(",;:")
    return made[0].upper() + made[1:]

"""Quotations and who said them.

A quotation is words between « » (or “ ” or straight quotes), four words or
more, that the article reports as said: a verb of speech attaches it (« …»,
a déclaré M. Poutine; M. Poutine a déclaré que « … »; « …, indique X, … »), or it
follows straight on from such a quotation. Quoted terms, slogans and subheadings
are not quotations. Who said it is read from the attribution (``speakers``): a
person, an organisation or a described speaker, or nobody when unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.french import sentences
from briefing.models import Quote
from briefing.facts.speakers import Speakers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MIN_WORDS = 4
_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NOT_A_START = frozenset(".,;:)")
FOLLOW_GAP = 20  # tokens between a quotation and one that goes on from it, at most


@dataclass
class _Found:
    start: int  # character offsets of the quoted words, marks excluded
    end: int
    text: str
    span: Span  # the quotation's tokens, marks included


def find(doc: Doc, speakers: Speakers) -> tuple[Quote, ...]:
    stretches = _quoted(doc)
    speakers.mark_quoted(q.span for q in stretches)
    quotes: list[tuple[_Found, Quote]] = []
    previous: tuple[_Found, Quote] | None = None
    for q in stretches:
        said = speakers.attribute(q.span)
        if len(_WORD.findall(q.text)) < MIN_WORDS:
            if said is not None and said.speaker:  # « "Terrible tragédie", a déploré X »: X was speaking
                speakers.remember(said.position, said.speaker)
            continue
        position = q.span.start
        if said is not None:
            quote = Quote(text=q.text, speaker=said.speaker, cue=said.cue or None)
            position = said.position
        elif previous is not None and _follows(doc, previous[0], q):
            quote = Quote(text=q.text, speaker=previous[1].speaker, cue=previous[1].cue)
        else:
            continue  # a quoted term, a slogan, a subheading
        if quote.speaker:
            speakers.remember(position, quote.speaker)
        quotes.append((q, quote))
        previous = (q, quote)
    return _without_repeats([quote for _, quote in quotes])


def _quoted(doc: Doc) -> list[_Found]:
    """Every quoted stretch, one paragraph at a time; an unclosed one runs to the paragraph's end."""
    out = []
    offset = 0
    for line in doc.text.split("\n"):
        i = 0
        while i < len(line):
            pair = next(((o, c) for o, c in _PAIRS if line[i] == o), None)
            if pair is None:
                i += 1
                continue
            close = line.find(pair[1], i + 1)
            end = close if close != -1 else len(line)
            inner = line[i + 1 : end]
            start_char = offset + i + 1 + (len(inner) - len(inner.lstrip()))
            end_char = offset + i + 1 + len(inner.rstrip())
            span = doc.char_span(offset + i, offset + min(end + 1, len(line)), alignment_mode="expand")
            mispaired = inner.strip()[:1] in _NOT_A_START  # « …", a répondu X. "… »: between two quotations
            if inner.strip() and span is not None and not mispaired:
                out.append(_Found(start_char, end_char, inner.strip(), span))
            i = end + 1
        offset += len(line) + 1
    return out


def _follows(doc: Doc, previous: _Found, q: _Found) -> bool:
    """Whether a quotation makes the whole sentence right after the one a quotation ended in
    (one followed by words of its own, « », s'agace X », has its own attribution)."""
    prev_sentence = doc[previous.span.end - 1].sent
    this_sentence = q.span[0].sent
    starts_sentence = q.span.start <= this_sentence.start + 1
    gap = doc[prev_sentence.end : this_sentence.start]
    last = doc[q.span.end - 1].sent  # a subheading (« "Une cible facile" ») ends no sentence
    rest = doc[q.span.end : last.end]
    return (
        q.span.start - previous.span.end <= FOLLOW_GAP
        and starts_sentence
        and all(t.is_punct or t.is_space for t in rest)
        and all(t.is_space for t in gap)
        and this_sentence.start >= prev_sentence.start
        and sentences.ends_sentence(last.text)
    )


def _clean_cue(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,")


def _without_repeats(quotes: list[Quote]) -> tuple[Quote, ...]:
    """A quotation repeated inside a longer one (a subheading) is dropped."""
    keys = [" ".join(_WORD.findall(q.text.lower())) for q in quotes]
    return tuple(q for q, key in zip(quotes, keys) if not any(key != other and key in other for other in keys))

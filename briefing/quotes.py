"""Quotations and who said them.

A quotation is words between « » (or “ ” or straight quotes), four words or
more, that the article reports as said: a verb of speech attaches it (« …»,
a déclaré M. Poutine; M. Poutine a déclaré que « … »; « …, indique X, … »), or it
follows straight on from such a quotation. Quoted terms, slogans and subheadings
are not quotations. The speaker is the name in the attribution, or the person a
pronoun or a description there refers to (see ``people.Resolver``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing import lexicon, nlp, sentences
from briefing.models import Quote
from briefing.people import Resolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MIN_WORDS = 4
CUE_WINDOW = 12  # tokens after a quotation where its attribution may be
_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass
class _Found:
    start: int  # character offsets of the quoted words, marks excluded
    end: int
    text: str
    span: Span  # the quotation's tokens, marks included


def find(doc: Doc, resolver: Resolver) -> tuple[Quote, ...]:
    found = [q for q in _quoted(doc) if len(_WORD.findall(q.text)) >= MIN_WORDS]
    quotes: list[tuple[_Found, Quote]] = []
    previous: tuple[_Found, Quote] | None = None
    for q in found:
        cue = _cue_after(doc, q) or _cue_before(doc, q) or _incise(doc, q)
        if cue is not None:
            speaker = resolver.who(cue.start, cue.end)
            quote = Quote(text=q.text, speaker=speaker, cue=_clean_cue(cue.text))
        elif previous is not None and _follows(doc, previous[0], q):
            quote = Quote(text=q.text, speaker=previous[1].speaker, cue=previous[1].cue)
        else:
            continue  # a quoted term, a slogan, a subheading
        if quote.speaker:
            resolver.add_speaker(q.span.start, quote.speaker)
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
            if inner.strip() and span is not None:
                out.append(_Found(start_char, end_char, inner.strip(), span))
            i = end + 1
        offset += len(line) + 1
    return out


def _is_speech(token) -> bool:
    """A verb of speech, whatever the tagger made of it (« révèle » is often tagged a noun)."""
    if token.lemma_.lower() in lexicon.SPEECH_VERBS:
        return True
    return token.is_alpha and token.text.islower() and bool(nlp.verb_lemmas(token.text) & lexicon.SPEECH_VERBS)


def _cue_after(doc: Doc, q: _Found) -> Span | None:
    """« », a déclaré M. Poutine lors de… »: a verb of speech just after the closing mark."""
    i = q.span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif not (i < len(doc) and doc[i].pos_ in ("VERB", "AUX", "PRON")):
        return None
    stop = i
    while stop < len(doc) and stop - i < CUE_WINDOW and doc[stop].text not in {".", "«", '"', "\n", "?", "!"} and not doc[stop].is_space:
        stop += 1
    window = doc[i:stop]
    verbs = [t for t in window[:4] if _is_speech(t)]
    if not verbs:
        return None
    return _to_clause_end(doc, i, stop)


def _cue_before(doc: Doc, q: _Found) -> Span | None:
    """« M. Poutine a déclaré que le traité « … » », « Et de préciser : « … » »."""
    sentence = q.span[0].sent
    start = sentence.start
    for token in doc[sentence.start : q.span.start]:  # the clause just before the quotation
        if token.text in {"«", '"', "»"}:
            start = token.i + 1
    before = doc[start : q.span.start]
    if not any(_is_speech(t) for t in before):
        return None
    # Drop a leading « Selon X, »: that is a source, not the speaker.
    tokens = list(before)
    if tokens and tokens[0].lower_ in lexicon.SOURCE_PREPOSITIONS:
        comma = next((t.i for t in tokens if t.text == ","), None)
        if comma is not None:
            return doc[comma + 1 : q.span.start]
    return before


def _incise(doc: Doc, q: _Found) -> Span | None:
    """« "…, indique Camille Dorioz, qui… » »: an attribution set inside the quotation."""
    tokens = q.span
    for k in range(1, len(tokens) - 2):
        if tokens[k - 1].text == "," and _is_speech(tokens[k]):
            end = k + 1
            while end < len(tokens) and tokens[end].text not in {",", ".", '"', "»"} and end - k < 6:
                end += 1
            return tokens[k:end]
    return None


def _to_clause_end(doc: Doc, start: int, stop: int) -> Span:
    """The attribution up to the speaker's name: cut at « lors », « en », a second comma…"""
    end = start
    commas = 0
    while end < stop:
        if doc[end].text == ",":
            commas += 1
            if commas >= 1 and end > start:
                break
        end += 1
    return doc[start:end]


def _follows(doc: Doc, previous: _Found, q: _Found) -> bool:
    """Whether a quotation starts the sentence right after the one a quotation ended in."""
    prev_sentence = doc[previous.span.end - 1].sent
    this_sentence = q.span[0].sent
    starts_sentence = q.span.start <= this_sentence.start + 1
    gap = doc[prev_sentence.end : this_sentence.start]
    last = doc[q.span.end - 1].sent  # a subheading (« "Une cible facile" ») ends no sentence
    return (
        starts_sentence
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

"""The sources an article credits: « selon TASS », « a rapporté l'agence de presse TASS ».

Anyone named after « selon » or « d'après » is a source (a pronoun or a role
there is resolved: « Selon elle », « Selon l'avocat familial »). A news medium is
a source when a verb of reporting is next to it (« Le Parisien rapporte »,
« relate France Bleu Hérault », « a-t-il expliqué au Parisien ») or when it is
credited by « par », « auprès de », « au micro de ».
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.french import lexicon

from briefing.facts import nlp
from briefing.facts.entities import ORG, PER, Mention
from briefing.models import Attribution
from briefing.facts.people import Resolver

if TYPE_CHECKING:
    from spacy.tokens import Doc

SELON_WINDOW = 7  # tokens after « selon » where the source's name may be
VERB_WINDOW = 7  # tokens between a medium and its verb of reporting
_CREDIT = frozenset({"par", "auprès", "micro", "antenne"})
_BOUNDARY = frozenset({".", ";", "?", "!", "«", "»", '"', ":"})


def find(doc: Doc, resolver: Resolver) -> tuple[Attribution, ...]:
    out: dict[tuple[str, str], Attribution] = {}
    for item in [*_selon(doc, resolver), *_media(doc, resolver)]:
        out.setdefault((item.source, item.text.lower()), item)
    text = doc.text
    return tuple(sorted(out.values(), key=lambda a: text.find(a.text)))


def _selon(doc: Doc, resolver: Resolver) -> list[Attribution]:
    out = []
    for token in doc:
        if token.lower_ not in lexicon.SOURCE_PREPOSITIONS:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= SELON_WINDOW and doc[end].text not in _BOUNDARY | {","} and not doc[end].is_space:
            end += 1
        mentions = [m for m in resolver.named.at(token.i + 1, end) if m.kind in (PER, ORG)]
        if mentions:
            first = mentions[0]
            out.append(_attribution(doc, first.name, token.i, first.end))
            continue
        source = resolver.who(token.i + 1, min(end, token.i + 4), nominal_fallback=False)
        if source:
            out.append(_attribution(doc, source, token.i, min(end, token.i + 4)))
    return out


def _media(doc: Doc, resolver: Resolver) -> list[Attribution]:
    out = []
    credited: list[Mention] = []
    for m in resolver.named.mentions:
        if m.kind != ORG or m.name not in resolver.named.media:
            continue
        span = _reporting_verb(doc, m) or _credit(doc, m)
        if span is None and credited and _coordinated(doc, credited[-1], m):
            span = (credited[-1].start, m.end)  # « relaté par France Bleu Hérault et Midi Libre »
        if span is not None:
            credited.append(m)
            out.append(_attribution(doc, m.name, *span))
    return out


def _reporting_verb(doc: Doc, m: Mention) -> tuple[int, int] | None:
    """A verb of reporting within a few tokens of the medium, in the same clause."""
    for i in range(m.start - 1, max(m.start - 1 - VERB_WINDOW, -1), -1):
        if doc[i].text in _BOUNDARY or doc[i].text == "," or doc[i].is_space:
            break
        if _reports(doc[i]):
            start = i - 1 if i and doc[i - 1].pos_ == "AUX" else i
            return start, m.end
    for i in range(m.end, min(m.end + 3, len(doc))):
        if doc[i].text in _BOUNDARY or doc[i].text == "," or doc[i].is_space:
            break
        if _reports(doc[i]):
            return m.start, i + 1
    return None


def _credit(doc: Doc, m: Mention) -> tuple[int, int] | None:
    """« reprise par Le Parisien », « auprès de BFMTV », « au micro de France Bleu »."""
    for i in range(m.start - 1, max(m.start - 4, -1), -1):
        if doc[i].lower_ in _CREDIT:
            return i, m.end
        if doc[i].text in _BOUNDARY or doc[i].text == ",":
            break
    return None


def _reports(token) -> bool:
    if token.lemma_.lower() in lexicon.SOURCING_VERBS:
        return True
    return token.is_alpha and token.text.islower() and bool(nlp.verb_lemmas(token.text) & lexicon.SOURCING_VERBS)


def _coordinated(doc: Doc, first: Mention, second: Mention) -> bool:
    return [t.lower_ for t in doc[first.end : second.start]] in (["et"], [","])


def _attribution(doc: Doc, source: str, start: int, end: int) -> Attribution:
    text = " ".join(doc[start:end].text.split())
    return Attribution(source=source, text=text)

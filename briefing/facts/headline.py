"""A short headline made from a sentence: its subject, main verb and object.

« Le président russe Vladimir Poutine et son homologue biélorusse Alexandre
Loukachenko ont signé un accord de sécurité conjoint à Minsk le 6 décembre, a
rapporté l'agence TASS » → « Vladimir Poutine et Alexandre Loukachenko ont signé
un accord de sécurité conjoint ». The sentence is first compressed with what the
other stages know (titles before names, dates, the attribution, a leading « Selon
X, »), then parsed again: the small model parses a short plain sentence far
better than a long one. From the parse come the subject, the main verb and its
object, without relative clauses, appositions or adverbials, trimmed to twelve
words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.french import lexicon

from briefing.facts import nlp
from briefing.facts.entities import PER, Mention, head_noun_before

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_WORDS = 12
_SUBJECTS = ("nsubj", "nsubj:pass")
_OBJECTS = ("obj", "xcomp", "ccomp", "obl:arg", "iobj")
_KEEP_WITH_VERB = ("aux", "aux:tense", "aux:pass", "cop", "advmod:neg", "expl:comp", "expl:pv", "expl:pass")
# Parts of a phrase a headline can do without.
_DROP = ("acl", "acl:relcl", "appos", "advcl", "parataxis", "punct", "obl:mod", "advmod", "dep", "conj:appos")
_NEGATION = frozenset({"ne", "n'", "pas", "plus", "jamais", "rien"})
_QUOTES = frozenset({"«", "»", '"', "“", "”"})


_TAIL = re.compile(r",\s+(?:a|ont|avait|aurait)\s+\w+(?:-t-\w+)?\b.*$|,\s+(?:selon|d'après)\b.*$|,\s+\w+-t-(?:il|elle)\b.*$")


def make(sentence: Span, mentions: Sequence[Mention], dates: Sequence[tuple[int, int]]) -> str | None:
    """The headline of ``sentence``, or None when no subject and verb can be found.

    ``mentions``: the names in the text; ``dates``: character spans of its dates.
    """
    text = compress(sentence, mentions, dates)
    parsed = nlp.parse_sentence(text)
    return from_sentence(next(parsed.sents))


def compress(sentence: Span, mentions: Sequence[Mention], dates: Sequence[tuple[int, int]]) -> str:
    """The sentence without what a headline can do without."""
    doc = sentence.doc
    drop: set[int] = set()
    for m in mentions:
        if m.kind == PER and sentence.start <= m.start < sentence.end:
            if m.honorific:
                drop.add(m.start - 1)
            noun = head_noun_before(doc, m.start - (1 if m.honorific else 0))
            if noun is not None and noun.lower_ in lexicon.PERSON_NOUNS:
                start = noun.i - 1 if noun.i > sentence.start and doc[noun.i - 1].pos_ == "DET" else noun.i
                drop.update(range(start, m.start))  # « le président russe » Vladimir Poutine
    for token in sentence:
        if any(a <= token.idx < b for a, b in dates):
            drop.add(token.i)
    first = sentence[0]
    if first.lower_ in lexicon.SOURCE_PREPOSITIONS:  # « Selon M. Loukachenko, … »
        comma = next((t.i for t in sentence if t.text == ","), None)
        if comma is not None:
            drop.update(range(first.i, comma + 1))
    kept = [t for t in sentence if t.i not in drop]
    text = "".join(t.text + (" " if t.whitespace_ or t.i + 1 in drop else "") for t in kept)
    text = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,")
    text = _TAIL.sub("", text.rstrip(" .")).strip(" ,")
    return text[:1].upper() + text[1:] + "."


def from_sentence(sentence: Span) -> str | None:
    """The headline of ``sentence``, or None when its parse has no subject and verb."""
    root = _main_verb(sentence)
    if root is None:
        return None
    subjects = [t for t in root.children if t.dep_ in _SUBJECTS]
    keep = set(_phrase(subjects[0]))
    keep.add(root)
    keep.update(t for t in root.children if t.dep_ in _KEEP_WITH_VERB or t.lower_ in _NEGATION)
    objects = [t for t in root.children if t.dep_ in _OBJECTS and t.i > root.i]
    if objects:
        keep.update(_phrase(objects[0]))
    tokens = [t for t in sorted(keep, key=lambda t: t.i) if not (t.is_punct and t.text in _QUOTES)]
    tokens = _trim(tokens, objects[0] if objects else None)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    words = _join(tokens).split()
    if len(words) < 3:
        return None
    text = " ".join(words).strip(" ,;:")
    return text[0].upper() + text[1:]


def _main_verb(sentence: Span) -> Token | None:
    """The root if it has a subject; else the first verb that has one (the small
    model sometimes roots « Selon M. X, … » on « M. »)."""
    candidates = [sentence.root, *(t for t in sentence if t.pos_ in ("VERB", "AUX") and t is not sentence.root)]
    for token in candidates:
        if (
            token.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
            and token.text.islower()
            and any(c.dep_ in _SUBJECTS for c in token.children)
        ):
            return token
    return None


def _join(tokens: list[Token]) -> str:
    """Tokens as written, with a space where a left-out token stood."""
    out = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        out.append(token.text)
        if token.whitespace_ or following is not None and following.i != token.i + 1:
            out.append(" ")
    return "".join(out)


def _phrase(head: Token) -> list[Token]:
    """A phrase without its relative clauses, appositions and adverbials."""
    out = [head]
    for child in head.children:
        if (
            child.dep_ not in _DROP
            or child.dep_ == "dep" and child.pos_ == "PROPN"
            or child.dep_ == "advmod" and head.pos_ in ("ADJ", "ADV")  # « très attendu »
        ):
            out.extend(_phrase(child))
    return out


def _trim(tokens: list[Token], obj: Token | None) -> list[Token]:
    """Drop complements (« à Minsk », « de sécurité »), the rightmost first, until it fits."""
    while len([t for t in tokens if not t.is_punct]) > MAX_WORDS:
        modifiers = [
            t for t in tokens if t.head in tokens and t.dep_.startswith(("nmod", "obl")) and t is not obj and t.head is not t
        ]
        if not modifiers:
            return tokens[:MAX_WORDS]
        cut = set(_subtree(max(modifiers, key=lambda t: t.i)))
        tokens = [t for t in tokens if t not in cut]
    return tokens


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)

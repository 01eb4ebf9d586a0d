"""A short headline made from a sentence: its subject, main verb and object.

« Le président russe Vladimir Poutine et son homologue biélorusse Alexandre
Loukachenko ont signé un accord de sécurité conjoint à Minsk le 6 décembre, a
rapporté l'agence TASS » → « Vladimir Poutine et Alexandre Loukachenko ont signé
un accord de sécurité conjoint ». Relative clauses, appositions and adverbials
are left out; complements are trimmed until it fits in twelve words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_WORDS = 12
_SUBJECTS = ("nsubj", "nsubj:pass")
_OBJECTS = ("obj", "xcomp", "ccomp", "obl:arg", "iobj")
_KEEP_WITH_VERB = ("aux", "aux:tense", "aux:pass", "cop", "advmod:neg", "expl:comp", "expl:pv", "expl:pass")
# Parts of a phrase a headline can do without.
_DROP = ("acl", "acl:relcl", "appos", "advcl", "parataxis", "punct", "obl:mod", "advmod", "dep", "cc", "conj:appos")
_NEGATION = frozenset({"ne", "n'", "pas", "plus", "jamais", "rien"})
_QUOTES = frozenset({"«", "»", '"', "“", "”"})


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
        if token.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and any(c.dep_ in _SUBJECTS for c in token.children):
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
        if child.dep_ not in _DROP or child.dep_ == "dep" and child.pos_ == "PROPN":
            out.extend(_phrase(child))
    return out


def _trim(tokens: list[Token], obj: Token | None) -> list[Token]:
    """Drop the object's complements, last first, until the headline fits."""
    while len([t for t in tokens if not t.is_punct]) > MAX_WORDS:
        modifiers = [t for t in tokens if t.head in tokens and t.dep_.startswith("nmod") and t is not obj]
        if not modifiers:
            return tokens[: MAX_WORDS]
        cut = set(_subtree(modifiers[-1]))
        tokens = [t for t in tokens if t not in cut]
    return tokens


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)

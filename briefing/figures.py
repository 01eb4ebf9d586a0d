"""Figures: numbers written in digits, with what they count (« 800 kilomètres carrés »).

Dates, years, ordinals (« 25e ») and numbers inside names (« Europe 1 ») are not
figures. What a number counts is the noun after it and the adjectives that
follow the noun; « 30 et 45 ans » shares « ans ».
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.entities import Named
from briefing.models import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_GROUP = re.compile(r"^\d{3}$")
_UNITS = frozenset({"%", "km", "km/h", "m", "cm", "mm", "kg", "g", "t", "€", "$", "°c", "°", "h", "ha", "l", "m2", "m²", "km²"})


def find(doc: Doc, named: Named, taken: list[tuple[int, int]]) -> tuple[Figure, ...]:
    """``taken``: character spans already read as dates."""
    inside_names = {i for m in named.mentions for i in range(m.start, m.end)}
    out: list[Figure] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _NUMBER.match(token.text) or i in inside_names or _within(token, taken) or _glued(doc, i):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and _GROUP.match(doc[end].text) and not doc[end - 1].whitespace_ == "":
            end += 1  # « 72 900 »
        digits = "".join(t.text for t in doc[i:end]).replace(",", ".")
        counts = _counts(doc, end)
        figure = Figure(text=f"{doc[i:end].text} {counts}", value=float(digits), counts=counts)
        if counts and figure not in out:  # a number that counts nothing said is no figure
            out.append(figure)
        i = end
    return tuple(out)


def _within(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in spans)


def _glued(doc: Doc, i: int) -> bool:
    """« Covid-19 », « E120 », « 25e »: a number that is part of a word."""
    token = doc[i]
    before = doc[i - 1] if i else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    if before is not None and not before.whitespace_ and (before.is_alpha or before.text == "-"):
        return True
    if before is not None and before.is_upper and before.is_alpha and len(before) > 1:
        return True  # « SOS 92 »: a number that ends a name
    return after is not None and not token.whitespace_ and after.is_alpha and after.lower_ not in _UNITS


def _counts(doc: Doc, i: int) -> str:
    """The noun after a number, with its adjectives; or the next number's (« 30 et 45 ans »)."""
    if i < len(doc) and doc[i].lower_ in ("et", "à", "ou") and i + 1 < len(doc) and _NUMBER.match(doc[i + 1].text):
        return _counts(doc, i + 2)
    words: list[Token] = []
    j = i
    while j < len(doc) and doc[j].text.lower() in {"000", "millions", "milliards", "mille"}:
        j += 1
    if j < len(doc) and (doc[j].lower_ in _UNITS or doc[j].pos_ == "NOUN" and doc[j].text.islower()):
        words.append(doc[j])
        j += 1
        while j + 1 < len(doc) and doc[j].text in {"/", "°"} and not doc[j - 1].whitespace_:
            words[-1:] = [doc[words[-1].i : j + 2]]  # « km/h », « °C »
            j += 2
        while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].text.islower() and len(words) < 3:
            words.append(doc[j])
            j += 1
    return " ".join(t.text for t in words)

"""Figures: numbers written in digits, with what they count (« 800 kilomètres carrés »).

Dates, years, ordinals (« 25e ») and numbers inside names (« Europe 1 ») are not
figures. What a number counts is the noun after it and the adjectives that
follow the noun; « 30 et 45 ans » shares « ans ».

A figure alone (« 800 kilomètres carrés ») tells a listener nothing: it is said
in the article's sentence that says it, when that sentence stands alone —
naming someone or something, neither opening on a word that leans on the
sentence before (« Il », « Cette hausse », « Mais »), nor pointing back (« ici »,
« ces restrictions », « le pic » without of what), nor mostly quoted, nor too long
to say; and the figure is no aside in brackets (« Stéphane Ravier (17%) »). A
figure whose sentence does not stand alone has no sentence, and is left out of
a story.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.french import sentences as french_sentences
from briefing.french import words
from briefing.facts import summary

from briefing.facts.entities import Named
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
        text = f"{doc[i:end].text} {counts}"
        sentence = token.sent
        names_something = any(m.start >= sentence.start and m.end <= sentence.end for m in named.mentions)
        bracketed = i > 0 and doc[i - 1].text == "(" and end + 1 < len(doc) and ")" in (doc[end].text, doc[end + 1].text)
        said_in = standalone(sentence.text) if names_something and not _of_the_known(doc, i) and not bracketed else ""
        figure = Figure(text=text, value=float(digits), counts=counts, sentence=said_in)
        if counts and counts.split()[0].lower() not in _MONTHS and not _clock(doc, i, end) \
                and all(f.text != text for f in out):
            # a number that counts nothing said is no figure, nor a day of a month, nor a time of day
            out.append(figure)
        i = end
    return tuple(out)


MAX_SENTENCE_CHARS = 240
MAX_QUOTED_SHARE = 0.3
MIN_SENTENCE_WORDS = 6
# A sentence opening on these leans on the one before: a pronoun, a demonstrative,
# a link (« Mais », « Par ailleurs »). An opening adverbial (« En 2019, ») is passed over,
# and so is a cleft of time or place (« C'est après 48 heures de garde à vue que … »).
_LEANS = re.compile(
    r"^(?:(?:[^,]{1,45}),\s+)?(?:il|elle|ils|elles|on|ce|cet|cette|ces|celui|celle|ceux|celles|ce dernier|cette dernière"
    r"|lui|leur|son|sa|ses|leurs|y|en|là|mais|et|or|donc|pourtant|cependant|toutefois|ainsi|aussi|enfin|puis"
    r"|par ailleurs|en revanche|en outre|de plus|de même|quant à|soit|dont|selon (?:lui|elle|eux|elles)|outre"
    r"|de son côté|pour sa part)\b|^(?:(?:[^,]{1,45}),\s+)?(?:c'(?!est (?:après|avant|depuis|pendant|en|dans) [^,]{1,60} que?\b)|qu'|l'on\b)",
    re.IGNORECASE,
)
# Words that point back to what an earlier sentence said: « ici », « ce délai », « ces
# restrictions » (a demonstrative, unless of time: « cette semaine »), « il s'agit »,
# a pronoun subject after an opening clause (« Selon l'étude, il … », but « il faut »),
# « le même principe », « un autre itinéraire ».
_POINTS_BACK = re.compile(
    r"\b(?:ici|là-bas|celui-ci|celle-ci|ceux-ci|celles-ci|cette année-là|il s'agit)\b"
    r"|\b(?:ce|cet|cette|ces)\s+(?!(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir|midi|nuit|semaine|"
    r"mois|année|an|week-end|jour|printemps|été|automne|hiver|fin de semaine)\b)[a-zà-ÿ]"
    r"|,\s+(?:il|elle|ils|elles)\s(?!(?:faut|fallait|faudra|y a|y avait|semble|reste)\b)"
    r"|\b(?:le|la|les|du|des|au|aux)\s+mêmes?\b|\b(?:un|une|l'|d'|les|des)\s*autres?\b"
    # « sont aussi visés », « l'entreprise en question », « de son côté »: as well as, or
    # the one, the article spoke of before; « y sont mortes »: where it said (but « il y a »)
    r"|\baussi\b(?!\s+(?:bien|longtemps|\w+\s+que)\b)|\ben question\b|\bde (?:son|leur) côté\b|\bpour (?:sa|leur) part\b"
    r"|\bensuite\b|\bd'entre (?:eux|elles|nous|vous)\b"
    r"|(?<!\bil )(?<!\bn')\by\s+(?:sont|est|ont|a|étaient|était|avaient|avait|seront|sera|auront|aura)\b",
    re.IGNORECASE,
)
# A definite noun that needs to say of what (« le pic », « le trajet direct de 290 km »,
# « le précédent bilan ») and does not: it leans on what was said before.
_RELATIONAL = re.compile(
    r"\b(?:le|la|les|l'|du|au|aux)\s*(?:(?!(?:de|du|des)\b)[a-zàâçéèêëîïôûù-]+\s+)?(?:pic|niveau|hausse|baisse|bilan|trajet"
    r"|prix|montant|total|record|taux|chiffre|nombre|seuil|coût|durée|délai|score|résultat|moyenne|somme|budget|tarif"
    r"|salaire|effectif|solde)(?:\s+(?!(?:de|du|des|d)\b)[a-zàâçéèêëîïôûù]+)?\b(?!\s+(?:de|d'|du|des)\s*(?!\d))",
    re.IGNORECASE,
)
# « La quatrième ville de France », « le plus grand groupe »: a rank or a superlative for
# something the article named before.
_RANKED = re.compile(
    r"^(?:(?:[^,]{1,45}),\s+)?(?:la|le|les|l')\s*(?:[a-zà-ÿ]+ièmes?|(?:plus|moins)\s+[a-zà-ÿ]+)\s+[a-zà-ÿ]+",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")


def standalone(sentence: str) -> str:
    """``sentence``, tidied, if a listener can understand it alone; else ""."""
    text = " ".join(sentence.split())
    if not (MIN_SENTENCE_WORDS <= len(_WORDS.findall(text)) and len(text) <= MAX_SENTENCE_CHARS):
        return ""
    if not (text[:1].isupper() or text[:1].isdigit()) or not french_sentences.ends_sentence(text) or text.endswith((":", "?")):
        return ""
    if _LEANS.match(text) or _RANKED.match(text) or _POINTS_BACK.search(text) or _RELATIONAL.search(text) \
            or not summary.speakable(text) \
            or summary.quoted_share(text) > MAX_QUOTED_SHARE:
        return ""
    return text


_MONTHS = frozenset(words.MONTHS)
_DEFINITE = frozenset({"le", "la", "les", "l'"})


def _of_the_known(doc: Doc, i: int) -> bool:
    """« la jeune femme de 19 ans », « le trajet direct de 290 km »: the figure describes
    someone or something the article has already spoken of."""
    j = i - 1
    if j < 0 or doc[j].lower_ not in ("de", "d'"):
        return False
    j -= 1
    while j >= 0 and (doc[j].pos_ == "ADJ" or doc[j].pos_ == "NOUN" and doc[j].text.islower()):
        j -= 1
    return j >= 0 and j < i - 2 and doc[j].lower_ in _DEFINITE


_HOURS = frozenset({"h", "heure", "heures"})
_AT = frozenset({"à", "vers", "dès", "avant", "après", "jusqu'à", "entre", "et", "aux", "alentours"})


def _clock(doc: Doc, start: int, end: int) -> bool:
    """« à 20 heures », « vers 20 h 30 », « 04H00 »: a time of day, not a count of hours."""
    if end >= len(doc) or doc[end].lower_ not in _HOURS:
        return False
    if not (doc[start:end].text.isdigit() and int(doc[start:end].text) <= 24):
        return False  # « après 48 heures »: no hour of the day
    if end + 1 < len(doc) and doc[end + 1].lower_ in ("de", "d'"):
        return False  # « après 10 heures de garde à vue »: a count of hours
    after = doc[end + 1] if end + 1 < len(doc) else None
    before = doc[start - 2 : start].text.lower() if start > 1 else ""
    at = start > 0 and (doc[start - 1].lower_ in _AT or before in ("alentours de", "environ de"))
    return at or (after is not None and after.text.isdigit())


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

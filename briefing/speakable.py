"""French text made ready for a voice.

Like gTTS's pre-processors: each rule is one small named function from text to
text, and ``RULES`` is the ordered list that composes them. Tables of words
are data at the top, so a rule is extended by adding a row, not code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import num2words

Rule = Callable[[str], str]

# Abbreviations written with or without their full stop, read in full.
ABBREVIATIONS: dict[str, str] = {
    "MM.": "Messieurs",
    "M.": "Monsieur",
    "Mmes": "Mesdames",
    "Mme": "Madame",
    "Mlles": "Mesdemoiselles",
    "Mlle": "Mademoiselle",
    "Dr": "Docteur",
    "Pr": "Professeur",
    "Me": "Maître",
    "Mgr": "Monseigneur",
    "n°": "numéro",
}
SYMBOLS: dict[str, str] = {
    "%": " pour cent",
    "€": " euros",
    "&": " et ",
    "+": " plus ",
}

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"


def typography(text: str) -> str:
    """Curly apostrophes, non-breaking spaces and dashes a voice can read."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+[–—]\s+", ", ", text)
    return text


def quotation_marks(text: str) -> str:
    """Guillemets are not read aloud; the quoted words are."""
    text = re.sub(r"«\s*", "", text)
    return re.sub(r"\s*»", "", text)


def abbreviations(text: str) -> str:
    """« M. Poutine » → « Monsieur Poutine »; « n° 5 » → « numéro 5 »."""
    for short, full in ABBREVIATIONS.items():
        pattern = re.escape(short) if short.endswith(".") or not short[-1].isalnum() else re.escape(short) + r"\.?"
        text = re.sub(rf"(?<![\w.]){pattern}(?=\s)", full, text)
    return text


def ordinals(text: str) -> str:
    """« 1er » → « premier », « 1re » → « première », « 25e » → « vingt-cinquième »."""

    def say(match: re.Match[str]) -> str:
        number, suffix = int(match.group(1)), match.group(2)
        if number == 1:
            return "première" if suffix in ("re", "ère") else "premier"
        return num2words(number, lang="fr", to="ordinal")

    return re.sub(r"\b(\d+)(er|re|ère|e|ème)\b", say, text)


def symbols(text: str) -> str:
    """« 5 % » → « 5 pour cent »; « & » → « et »."""
    for symbol, word in SYMBOLS.items():
        text = re.sub(rf"\s*{re.escape(symbol)}", word, text)
    return text


def decimals(text: str) -> str:
    """« 2,5 » → « deux virgule cinq » (the French decimal comma)."""

    def say(match: re.Match[str]) -> str:
        whole = num2words(int(_digits(match.group(1))), lang="fr")
        fraction = match.group(2)
        zeros = len(fraction) - len(fraction.lstrip("0"))
        rest = num2words(int(fraction), lang="fr") if fraction.strip("0") else ""
        return " ".join([whole, "virgule", *(["zéro"] * zeros), rest]).strip()

    return re.sub(rf"(?<![\d,])({_NUMBER}),(\d+)\b", say, text)


def cardinals(text: str) -> str:
    """« 800 » → « huit cents », « 1 000 » → « mille », « 2024 » → « deux mille vingt-quatre »."""
    return re.sub(rf"(?<!\w)(-)?({_NUMBER})\b", _say_cardinal, text)


def _say_cardinal(match: re.Match[str]) -> str:
    words = num2words(int(_digits(match.group(2))), lang="fr")
    return f"moins {words}" if match.group(1) else words


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def whitespace(text: str) -> str:
    text = re.sub(r"\s+([,.])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


RULES: tuple[Rule, ...] = (
    typography,
    quotation_marks,
    abbreviations,
    ordinals,
    symbols,
    decimals,
    cardinals,
    whitespace,
)


def speakable(text: str, rules: tuple[Rule, ...] = RULES) -> str:
    """Apply each rule in turn."""
    for rule in rules:
        text = rule(text)
    return text

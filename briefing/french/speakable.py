"""French text made ready for a voice.

Like gTTS's pre-processors: each rule is one small named function from text to
text, and ``RULES`` is the ordered list that composes them. Words are data in
the tables at the top, so a rule is extended by adding a row, not code.
Numbers are written out last (``cardinals``), so earlier rules only move
digits into place (« 14h30 » → « 14 heures 30 »).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from num2words import num2words

from briefing.french import words
from briefing.french.dates import MONTHS

Rule = Callable[[str], str]

# Titles and abbreviations, read in full. A key ending in "." needs its stop;
# the others take an optional one (« Dr » and « Dr. »).
ABBREVIATIONS: dict[str, str] = {
    **{f"{short}." if short in words.STOP_REQUIRED else short: said for short, (said, _) in words.TITLES.items()},
    "Cie": "compagnie",
    "n°": "numéro",
    "N°": "numéro",
    "av. J.-C.": "avant Jésus-Christ",
    "apr. J.-C.": "après Jésus-Christ",
    "etc.": "et cetera",
    "env.": "environ",
    "cf.": "voir",
}
MONTH_ABBREVIATIONS = words.MONTH_ABBREVIATIONS
# Units after a number: (singular, plural).
UNITS: dict[str, tuple[str, str]] = {
    "km²": ("kilomètre carré", "kilomètres carrés"),
    "km2": ("kilomètre carré", "kilomètres carrés"),
    "m²": ("mètre carré", "mètres carrés"),
    "m2": ("mètre carré", "mètres carrés"),
    "m³": ("mètre cube", "mètres cubes"),
    "km/h": ("kilomètre à l'heure", "kilomètres à l'heure"),
    "km": ("kilomètre", "kilomètres"),
    "cm": ("centimètre", "centimètres"),
    "mm": ("millimètre", "millimètres"),
    "m": ("mètre", "mètres"),
    "kg": ("kilo", "kilos"),
    "g": ("gramme", "grammes"),
    "t": ("tonne", "tonnes"),
    "l": ("litre", "litres"),
    "L": ("litre", "litres"),
    "ha": ("hectare", "hectares"),
    "°C": ("degré Celsius", "degrés Celsius"),
    "°": ("degré", "degrés"),
    "kWh": ("kilowattheure", "kilowattheures"),
    "MW": ("mégawatt", "mégawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "Mo": ("mégaoctet", "mégaoctets"),
    "Go": ("gigaoctet", "gigaoctets"),
    "M€": ("million d'euros", "millions d'euros"),
    "Md€": ("milliard d'euros", "milliards d'euros"),
    "Mds€": ("milliard d'euros", "milliards d'euros"),
    "€": ("euro", "euros"),
    "$": ("dollar", "dollars"),
    "£": ("livre", "livres"),
    "%": ("pour cent", "pour cent"),
}
CURRENCY_PREFIXES = {"$": "$", "€": "€", "£": "£", "US$": "$"}
SYMBOLS: dict[str, str] = {
    "et/ou": "et ou",
    "&": "et",
    "+": "plus",
    "=": "égale",
    "@": "arobase",
}
# Domain endings read with their dot: « exemple.fr » → « exemple point fr ».
DOMAINS = ("fr", "com", "org", "net", "eu", "be", "ch", "ca", "gouv")
# Acronyms said as a word, and how to write them so a voice says them right.
ACRONYM_WORDS: dict[str, str] = {
    "OTAN": "Otan", "ONU": "Onu", "UNESCO": "Unesco", "UNICEF": "Unicef", "NASA": "Nasa",
    "OPEP": "Opep", "INSEE": "Inssé", "SMIC": "Smic", "COVID": "Covid", "SIDA": "Sida",
    "TASS": "Tass", "UEFA": "Uéfa", "FIFA": "Fifa", "ENA": "Éna", "CNIL": "Cnil",
    "MEDEF": "Médef", "GIEC": "Giec", "SAMU": "Samu", "OK": "okay", "IFOP": "Ifop",
    "CAC": "Cac", "ZAD": "Zad", "OVNI": "Ovni", "RIB": "Rib", "UNEF": "Unef",
    "CAF": "Caf", "PACS": "Pacs", "ANSSI": "Anssi",
}
# Acronyms spelt letter by letter although they look like a word.
ACRONYM_LETTERS = frozenset({"OCDE", "AP", "HP", "UDI", "UE", "ONG", "OMS", "IA", "USA"})
# Feminine nouns: « 1 personne » is « une personne », « 21 victimes » « vingt et une ».
FEMININE = frozenset(
    """personne personnes fois heure heures minute minutes seconde secondes semaine semaines
    année années journée journées tonne tonnes victime victimes femme femmes voiture voitures
    maison maisons ville villes région régions page pages élection élections entreprise entreprises
    famille familles mesure mesures place places tranche tranches""".split()
)
# Names after which a Roman numeral is a regnal number: « Louis XIV ».
REGNAL = frozenset(
    """Louis Henri Charles François Napoléon Philippe Jean Jean-Paul Benoît Pie Léon Paul
    Grégoire Innocent Élisabeth Elizabeth Guillaume Édouard Edouard George Georges Frédéric
    Richard Jacques Nicolas Alexandre Pierre Catherine Victor-Emmanuel Juan Carlos Felipe""".split()
)

# What a one-letter Roman ordinal counts: « Ve République », « Ier arrondissement ».
ROMAN_COUNTED = ("siècle", "millénaire", "arrondissement", "République", "Empire", "Reich", "législature", "dynastie", "régiment")

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"
_DECIMAL = rf"(?:{_NUMBER})(?:,\d+)?"
_ROMAN = "MDCLXVI"
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _say(number: int, feminine: bool = False) -> str:
    words = num2words(number, lang="fr")
    if feminine and words.endswith("un") and number % 100 != 11:
        words += "e"
    return words


def _value(number: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", number).replace(",", "."))


def typography(text: str) -> str:
    """Curly apostrophes, non-breaking spaces, dashes and ellipses a voice can read."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("...", "…")
    text = re.sub(r"\s+[–—]\s+", ", ", text)
    return text


def quotation_marks(text: str) -> str:
    """Guillemets and straight quotes are not read aloud; the quoted words are."""
    text = re.sub(r"[«“]\s*", "", text)
    text = re.sub(r"\s*[»”]", "", text)
    return re.sub(r"\"", "", text)


def parentheses(text: str) -> str:
    """« la capitale (Minsk) est » → « la capitale, Minsk, est »."""
    text = re.sub(r"\s*\(\s*([^()]*?)\s*\)\s*(?=[.,;:!?]|$)", r", \1", text)
    return re.sub(r"\s*\(\s*([^()]*?)\s*\)\s*", r", \1, ", text)


def abbreviations(text: str) -> str:
    """« M. Poutine » → « Monsieur Poutine »; « n° 5 » → « numéro 5 »."""
    for short, full in ABBREVIATIONS.items():
        pattern = re.escape(short) if short.endswith(".") or not short[-1].isalnum() else re.escape(short) + r"\.?"
        text = re.sub(rf"(?<![\w.]){pattern}(?=\s|$|[,;:-])", full, text)
    return text


def numeric_dates(text: str) -> str:
    """« 06/12/2024 » → « 6 décembre 2024 »; « 6 déc. » → « 6 décembre »."""

    def full(match: re.Match[str]) -> str:
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"

    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", full, text)
    names = "|".join(MONTH_ABBREVIATIONS)
    return re.sub(
        rf"\b(\d{{1,2}}(?:er)?) ({names})\.?(?=\s|$|[,;:])",
        lambda m: f"{m.group(1)} {MONTH_ABBREVIATIONS[m.group(2)]}",
        text,
    )


def times(text: str) -> str:
    """« 14h30 » → « quatorze heures trente »; « 1 h » → « une heure »."""

    def say(match: re.Match[str]) -> str:
        hours, minutes = int(match.group(1)), match.group(2)
        if hours > 24 or (minutes and int(minutes) > 59):
            return match.group(0)
        spoken = f"{_say(hours, feminine=True)} {'heure' if hours < 2 else 'heures'}"
        if minutes and int(minutes):
            spoken += f" {_say(int(minutes), feminine=True)}"
        return spoken

    return re.sub(r"\b(\d{1,2}) ?h ?(\d{2})?\b(?!\w)", say, text)


def _roman(numeral: str) -> int | None:
    if not numeral or any(c not in _ROMAN for c in numeral):
        return None
    total = 0
    for i, c in enumerate(numeral):
        value = _ROMAN_VALUES[c]
        nxt = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < nxt else value
    return total


def roman_numerals(text: str) -> str:
    """« XXIe siècle » → « vingt et unième siècle »; « Louis XIV » → « Louis quatorze »."""

    def ordinal(match: re.Match[str]) -> str:
        value = _roman(match.group(1))
        if value is None:
            return match.group(0)
        if value == 1:
            return "première" if match.group(2) in ("re", "ère") else "premier"
        return num2words(value, lang="fr", to="ordinal")

    def regnal(match: re.Match[str]) -> str:
        value = _roman(match.group(2))
        if value is None:
            return match.group(0)
        return f"{match.group(1)} {'premier' if value == 1 else _say(value)}"

    # One letter (« Le », « De ») is a numeral only before a noun it counts.
    nouns = "|".join(ROMAN_COUNTED)
    text = re.sub(rf"\b([{_ROMAN}]{{2,}})(er|re|ère|e|ème)\b", ordinal, text)
    text = re.sub(rf"\b([{_ROMAN}])(er|re|ère|e|ème)\b(?= (?:{nouns})\b)", ordinal, text)
    names = "|".join(re.escape(n) for n in REGNAL)
    return re.sub(rf"\b({names}) ([{_ROMAN}]+)(?:er)?\b", regnal, text)


def ordinals(text: str) -> str:
    """« 1er » → « premier », « 1re » → « première », « 25e » → « vingt-cinquième »."""

    def say(match: re.Match[str]) -> str:
        number, suffix = int(match.group(1)), match.group(2)
        if number == 1:
            return "première" if suffix in ("re", "ère") else "premier"
        if number == 2 and suffix.startswith(("d", "nd")):
            return "seconde" if suffix.endswith("e") else "second"
        return num2words(number, lang="fr", to="ordinal")

    return re.sub(r"\b(\d+)(er|re|ère|e|ème|è|de|d|nde|nd)\b", say, text)


def ranges(text: str) -> str:
    """« 2019-2020 » → « 2019 à 2020 »; « 10-12 » → « 10 à 12 »."""
    return re.sub(r"\b(\d+) ?[-–] ?(\d+)\b", r"\1 à \2", text)


def units_and_currencies(text: str) -> str:
    """« 800 km² » → « 800 kilomètres carrés »; « 10 € », « $10 » → « 10 euros », « 10 dollars »."""
    prefixes = "|".join(re.escape(p) for p in CURRENCY_PREFIXES)
    text = re.sub(rf"(?<!\w)({prefixes}) ?({_DECIMAL})", lambda m: f"{m.group(2)} {CURRENCY_PREFIXES[m.group(1)]}", text)
    units = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

    def say(match: re.Match[str]) -> str:
        number, unit = match.group(1), match.group(2)
        singular, plural = UNITS[unit]
        # « millions d'euros » after « 3,5 millions » is already in words
        return f"{number} {singular if _value(number) < 2 else plural}"

    return re.sub(rf"({_DECIMAL}) ?({units})(?![\w²³])", say, text)


def symbols(text: str) -> str:
    """« Pierre & Marie » → « Pierre et Marie »; « 24/7 » → « 24 sur 7 »; « a.fr » → « a point fr »."""
    for symbol, word in SYMBOLS.items():
        text = re.sub(rf"\s*{re.escape(symbol)}\s*", f" {word} ", text)
    text = re.sub(r"(?<=\d)/(?=\d)", " sur ", text)
    text = re.sub(r"(?<=\w)/(?=\w)", " ", text)
    return re.sub(rf"(?<=\w)\.({'|'.join(DOMAINS)})\b", r" point \1", text)


def decimals(text: str) -> str:
    """« 2,5 » → « deux virgule cinq » (the French decimal comma)."""

    def say(match: re.Match[str]) -> str:
        whole = _say(int(re.sub(r"\D", "", match.group(1))))
        fraction = match.group(2)
        zeros = len(fraction) - len(fraction.lstrip("0"))
        rest = [_say(int(fraction))] if fraction.strip("0") else []
        return " ".join([whole, "virgule", *(["zéro"] * zeros), *rest])

    return re.sub(rf"(?<![\d,])({_NUMBER}),(\d+)\b", say, text)


def cardinals(text: str) -> str:
    """« 800 » → « huit cents », « 1 000 » → « mille », « 21 victimes » → « vingt et une victimes »."""

    def say(match: re.Match[str]) -> str:
        following = (match.group(3) or "").lower()
        words = _say(int(re.sub(r"\D", "", match.group(2))), feminine=following in FEMININE)
        if re.search(r"(million|milliard)s?$", words) and following and following not in ("de", "d", "et", "à"):
            # « 1 000 000 habitants » → « un million d'habitants »
            words += " d'" if following[0] in "aeéèêiîoôuyh" else " de"
        return ("moins " if match.group(1) else "") + words

    text = re.sub(rf"(?<![\w-])(-)?({_NUMBER})\b(?=(?:\s+(\w+))?)", say, text)
    return text.replace("d' ", "d'")


def acronyms(text: str) -> str:
    """« OTAN » → « Otan » (a word); « SNCF » → « S N C F » (letters)."""

    def say_one(word: str) -> str:
        if word in ACRONYM_WORDS:
            return ACRONYM_WORDS[word]
        letters, digits = re.fullmatch(r"([A-Z]+)(\d*)", word).groups()
        if digits or word in ACRONYM_LETTERS or not _pronounceable(letters):
            return " ".join([*letters, digits]).strip()
        return word.capitalize()

    return re.sub(
        r"(?<![\w-])(?:[A-Z]{2,}\d*|[A-Z]\d+)(?:-[A-Z]{2,})*(?![\w-])",
        lambda m: " ".join(say_one(part) for part in m.group(0).split("-")),
        text,
    )


def _pronounceable(letters: str) -> bool:
    """Said as a word: four letters or more, with a vowel, not opening or closing on two consonants."""
    consonants = "BCDFGHJKLMNPQRSTVWXZ"
    return (
        len(letters) >= 4
        and bool(re.search("[AEIOUY]", letters))
        and not (letters[0] in consonants and letters[1] in consonants)
        and not (letters[-1] in consonants and letters[-2] in consonants)
    )


def whitespace(text: str) -> str:
    """One space between words, none before a comma or full stop, no doubled commas."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    return text.strip()


RULES: tuple[Rule, ...] = (
    typography,
    quotation_marks,
    parentheses,
    abbreviations,
    numeric_dates,
    times,
    roman_numerals,
    ordinals,
    units_and_currencies,
    ranges,
    symbols,
    acronyms,
    decimals,
    cardinals,
    whitespace,
)


def speakable(text: str, rules: tuple[Rule, ...] = RULES) -> str:
    """Apply each rule in turn."""
    for rule in rules:
        text = rule(text)
    return text

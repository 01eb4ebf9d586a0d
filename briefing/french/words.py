"""The one table of French words every stage reads: days, months and their
abbreviations, titles.

Sentences (a title's full stop ends no sentence), the facts (a title before
a name says a person), the voice (« M. » is said « Monsieur ») and dates all
take them from here.
"""

from __future__ import annotations

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
# « 6 déc. » : written without its stop
MONTH_ABBREVIATIONS: dict[str, str] = {
    "janv": "janvier", "jan": "janvier", "févr": "février", "fév": "février", "avr": "avril",
    "juil": "juillet", "sept": "septembre", "oct": "octobre", "nov": "novembre", "déc": "décembre",
}

# Titles, written without their stop → said in full, and whether they are a
# person's (« M. Poutine ») rather than a saint's or a place's (« St-Malo »).
TITLES: dict[str, tuple[str, bool]] = {
    "M": ("Monsieur", True),
    "MM": ("Messieurs", True),
    "Mme": ("Madame", True),
    "Mmes": ("Mesdames", True),
    "Mlle": ("Mademoiselle", True),
    "Mlles": ("Mesdemoiselles", True),
    "Dr": ("Docteur", True),
    "Drs": ("Docteurs", True),
    "Pr": ("Professeur", True),
    "Me": ("Maître", True),
    "Mgr": ("Monseigneur", True),
    "St": ("Saint", False),
    "Ste": ("Sainte", False),
}
# Titles that are words without their stop (« M » is a letter): written only with it.
STOP_REQUIRED = frozenset({"M", "MM"})

"""French dates in a text, each resolved against the article's publication date.

« le 6 décembre » → 2024-12-06, « en septembre 2025 » → 2025-09, « le mois dernier »
→ 2024-11, « la nuit de jeudi à vendredi » → 2020-02-20/2020-02-21. The result is
ISO 8601 at the precision the text gives: a day, a month, a year, an ISO week, or
an interval. A date given without its year takes the year that puts it nearest
to publication; a weekday alone is the last such day up to publication.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefing.french.dates import DAYS, MONTHS
from briefing.models import DateMention

_MONTH_NAMES = {name: i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NAMES.update({"fevrier": 2, "aout": 8, "decembre": 12})
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")"
_WEEKDAY_NAMES = {name: i for i, name in enumerate(DAYS)}
_WEEKDAY = r"(?:" + "|".join(DAYS) + r")"
_DAY = r"(?P<day>1er|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
}
_NUMBER = r"(?P<n>\d+|" + "|".join(_NUMBERS) + r")"
# Meteorological seasons: (first month, last month).
_SEASONS = {"printemps": (3, 5), "été": (6, 8), "automne": (9, 11), "hiver": (12, 2)}
_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"  # a word ends here


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date], str | None]
    bare_day: bool = False  # « le 28 »: resolved from the dates around it


def find(text: str, published: dt.date) -> tuple[DateMention, ...]:
    """Every date in ``text`` (once per distinct wording and value), in text order."""
    found: list[tuple[int, int, str | None, bool]] = []
    taken: list[tuple[int, int]] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span("text")
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            iso = None if rule.bare_day else rule.resolve(match, published)
            day = _day(match) if rule.bare_day else 0
            found.append((start, end, iso, day))
    found.sort(key=lambda item: item[0])
    resolved = _resolve_bare_days(text, found, published)
    out: dict[tuple[str, str], DateMention] = {}
    for (start, end, iso, _), value in zip(found, resolved):
        if value:
            mention = DateMention(text=text[start:end], iso=value)
            out.setdefault((mention.text.lower(), value), mention)
    return tuple(out.values())


# --- Resolution helpers -------------------------------------------------------------


def _day(match: re.Match[str]) -> int:
    return 1 if match["day"] == "1er" else int(match["day"])


def _month(match: re.Match[str]) -> int:
    return _MONTH_NAMES[match["month"].lower()]


def _nearest(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day nearest to publication."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - published).days), default=None)


def _month_shift(published: dt.date, months: int) -> tuple[int, int]:
    index = published.year * 12 + published.month - 1 + months
    return index // 12, index % 12 + 1


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _last_weekday(published: dt.date, weekday: int, after: bool = False) -> dt.date:
    if after:
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _number(match: re.Match[str]) -> int:
    n = match["n"].lower()
    return int(n) if n.isdigit() else _NUMBERS[n]


# --- The rules, longest wordings first ------------------------------------------------


def _full_date(match: re.Match[str], published: dt.date) -> str | None:
    day, month = _day(match), _month(match)
    if match["year"]:
        try:
            return dt.date(int(match["year"]), month, day).isoformat()
        except ValueError:
            return None
    date = _nearest(published, month, day)
    return date.isoformat() if date else None


def _night(match: re.Match[str], published: dt.date) -> str:
    first = _last_weekday(published, _WEEKDAY_NAMES[match["first"].lower()])
    return f"{first.isoformat()}/{(first + dt.timedelta(days=1)).isoformat()}"


def _month_year(match: re.Match[str], published: dt.date) -> str:
    return _iso_month(int(match["year"]), _month(match))


def _month_relative(match: re.Match[str], published: dt.date) -> str:
    month = _month(match)
    if match["which"].lower() == "dernier":
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month > published.month else published.year + 1
    return _iso_month(year, month)


def _month_alone(match: re.Match[str], published: dt.date) -> str:
    month = _month(match)
    date = _nearest(published, month, 15)
    return _iso_month(date.year, month) if date else _iso_month(published.year, month)


def _decade(match: re.Match[str], published: dt.date) -> str:
    digits = match["decade"]
    if len(digits) == 2:
        start = 2000 + int(digits) if 2000 + int(digits) <= published.year else 1900 + int(digits)
    else:
        start = int(digits)
    return f"{start}/{start + 9}"


def _year(match: re.Match[str], published: dt.date) -> str:
    return match["year"]


def _relative_month(match: re.Match[str], published: dt.date) -> str:
    shift = {"dernier": -1, "passé": -1, "prochain": 1}[match["which"].lower()]
    return _iso_month(*_month_shift(published, shift))


def _relative_year(match: re.Match[str], published: dt.date) -> str:
    which = match["which"].lower()
    shift = -1 if which.startswith(("dernier", "passé")) else 1
    return str(published.year + shift)


def _relative_week(match: re.Match[str], published: dt.date) -> str:
    shift = -7 if match["which"].lower().startswith(("dernière", "passée")) else 7
    year, week, _ = (published + dt.timedelta(days=shift)).isocalendar()
    return f"{year}-W{week:02d}"


def _relative_day(match: re.Match[str], published: dt.date) -> str:
    shift = {"avant-hier": -2, "hier": -1, "demain": 1, "après-demain": 2}[match["word"].lower()]
    return (published + dt.timedelta(days=shift)).isoformat()


def _ago(match: re.Match[str], published: dt.date) -> str:
    n, unit = _number(match), match["unit"].lower()
    if unit.startswith("jour"):
        return (published - dt.timedelta(days=n)).isoformat()
    if unit.startswith("semaine"):
        return (published - dt.timedelta(weeks=n)).isoformat()
    if unit == "mois":
        return _iso_month(*_month_shift(published, -n))
    return str(published.year - n)


def _season(match: re.Match[str], published: dt.date) -> str:
    first, last = _SEASONS[match["season"].lower()]

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        end_year = year + 1 if first > last else year  # a winter runs into the next year
        after_end = dt.date(end_year + (last == 12), last % 12 + 1, 1)
        return dt.date(year, first, 1), after_end - dt.timedelta(days=1)

    seasons = [bounds(year) for year in range(published.year - 2, published.year + 2)]
    which = (match["which"] or "").lower()
    if which == "dernier":
        start, end = [s for s in seasons if s[1] < published][-1]
    elif which == "prochain":
        start, end = [s for s in seasons if s[0] > published][0]
    else:
        start, end = min(seasons, key=lambda s: 0 if s[0] <= published <= s[1] else abs((s[0] - published).days))
    return f"{_iso_month(start.year, start.month)}/{_iso_month(end.year, end.month)}"


def _weekday(match: re.Match[str], published: dt.date) -> str:
    weekday = _WEEKDAY_NAMES[match["weekday"].lower()]
    after = (match["which"] or "").lower() == "prochain"
    return _last_weekday(published, weekday, after).isoformat()


# (wording, how it resolves), longest wordings first. ``text`` is the date as it
# is written; what a wording needs besides (« depuis 2012 ») stays outside it.
_WORDINGS = (
    (rf"(?P<text>(?:(?:le|ce)\s+)?(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?)", _full_date),
    (rf"(?P<text>la\s+nuit\s+(?:de|du)\s+(?P<first>{_WEEKDAY})\s+(?:à|au)\s+{_WEEKDAY})", _night),
    (rf"(?P<text>(?:en\s+)?{_MONTH}\s+{_YEAR})", _month_year),
    (rf"(?P<text>(?:en\s+)?{_MONTH}\s+(?P<which>dernier|prochain))", _month_relative),
    (r"(?P<text>(?:le\s+)?mois\s+(?P<which>dernier|passé|prochain))", _relative_month),
    (r"(?P<text>l'(?:an|année)\s+(?P<which>dernier|dernière|passé|passée|prochain|prochaine))", _relative_year),
    (r"(?P<text>la\s+semaine\s+(?P<which>dernière|passée|prochaine))", _relative_week),
    (
        rf"(?P<text>il\s+y\s+a\s+(?:un\s+peu\s+plus\s+d'|plus\s+d'|près\s+d'|environ\s+)?{_NUMBER}\s+"
        r"(?P<unit>jours?|semaines?|mois|ans|années?))",
        _ago,
    ),
    (r"(?P<text>(?:l'|cet\s+|ce\s+)(?P<season>été|hiver|automne|printemps)(?:\s+(?P<which>dernier|prochain))?)", _season),
    (r"(?P<text>(?:les\s+)?années\s+(?P<decade>[12]\d\d0|\d0))", _decade),
    (rf"(?:depuis|dès|avant|après|jusqu'en|d'ici|fin|début|courant|de|à)\s+(?P<text>{_YEAR})", _year),
    (rf"(?P<text>en\s+{_YEAR})", _year),
    (rf"(?P<text>en\s+{_MONTH})", _month_alone),
    (rf"(?:depuis|dès|jusqu'en|fin|début|mi-)\s*(?P<text>{_MONTH})", _month_alone),
    (r"(?P<text>(?P<word>avant-hier|après-demain|hier|demain))", _relative_day),
    (rf"(?P<text>(?:(?:ce|le)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<which>dernier|prochain))?)", _weekday),
)
_RULES = (
    *(_Rule(re.compile(f"{_B}{wording}{_E}", re.IGNORECASE), resolve) for wording, resolve in _WORDINGS),
    # « le 28 » alone: its month comes from the dates around it (see _resolve_bare_days).
    _Rule(re.compile(rf"{_B}(?P<text>le\s+{_DAY})(?=\s*(?:[,.;:)]|et{_E}|au{_E}|ou{_E}|$))", re.IGNORECASE), _full_date, bare_day=True),
)


def _resolve_bare_days(text: str, found: list[tuple[int, int, str | None, int]], published: dt.date) -> list[str | None]:
    """« entre le 23 et le 28 janvier »: a day alone takes the month of the next date it
    is joined to, else of the last date before it, else of publication."""
    values: list[str | None] = []
    for i, (start, end, iso, day) in enumerate(found):
        if not day:
            values.append(iso)
            continue
        month_of = None
        if i + 1 < len(found):
            next_start, _, next_iso, _ = found[i + 1]
            if text[end:next_start].strip().lower() in ("et", "au", "à") and next_iso and _has_month(next_iso):
                month_of = next_iso[:7]
        if month_of is None:
            before = [v for v in values if v and _has_month(v)]
            month_of = before[-1][:7] if before else _iso_month(published.year, published.month)
        try:
            values.append(dt.date(int(month_of[:4]), int(month_of[5:7]), day).isoformat())
        except ValueError:
            values.append(None)
    return values


def _has_month(iso: str) -> bool:
    return len(iso) >= 7 and iso[4] == "-" and iso[5:7].isdigit()

"""French names of days and months, and dates written the French way."""

from __future__ import annotations

import datetime as dt

from briefing.french.words import DAYS, MONTHS

__all__ = ["DAYS", "MONTHS", "greeting", "long_date"]


def long_date(day: dt.date) -> str:
    """« mardi 24 novembre 2026 »; the first of the month is « 1er »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def greeting(moment: dt.datetime) -> str:
    """« Bonjour » by day, « Bonsoir » from six in the evening."""
    return "Bonsoir" if moment.hour >= 18 else "Bonjour"

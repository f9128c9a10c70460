"""Dates written the Dutch way for reports and letters ("12 maart 2026")."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def long_date(day: date | datetime | None, *, weekday: bool = False) -> str:
    """'12 maart 2026' (or 'donderdag 12 maart 2026'); an empty string for no date."""
    if day is None:
        return ""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_date(day: date | datetime | None) -> str:
    """'12-03-2026', for tables where a long date does not fit."""
    return "" if day is None else f"{day.day:02d}-{day.month:02d}-{day.year}"

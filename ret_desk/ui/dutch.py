"""Numbers and counts as a Dutch reader expects them: decimal commas, thousands dots, and
the right singular or plural ("1 casus", "2 casussen")."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from ret_desk.ui.i18n import DUTCH


def number(value: float | int, decimals: int = 0) -> str:
    """`value` with a decimal comma and a thousands dot: 1234.5 → "1.234,5" (decimals=1)."""
    if isinstance(value, int) and decimals == 0:
        return QLocale(DUTCH).toString(value)
    return QLocale(DUTCH).toString(float(value), "f", decimals)


def short_number(value: float, max_decimals: int = 1) -> str:
    """Like number(), without trailing zeros: 12.0 → "12", 12.5 → "12,5"."""
    text = number(round(value, max_decimals), max_decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def percent(share: float | None, decimals: int = 0) -> str:
    """A share between 0 and 1 as a Dutch percentage ("45%"); "—" when unknown."""
    return "—" if share is None else f"{number(share * 100, decimals)}%"


def count(n: int, singular: str, plural: str) -> str:
    """ "1 casus", "0 casussen", "1.200 casussen"."""
    return f"{number(n)} {singular if n == 1 else plural}"

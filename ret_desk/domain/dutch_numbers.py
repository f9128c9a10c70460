"""Numbers in Dutch text outside the window (signal messages, PDFs, CLI): a decimal
comma, and a noun in the singular or plural with its count. The window itself formats
through QLocale (ui/dutch.py)."""

from __future__ import annotations


def decimal(value: float, max_decimals: int = 1) -> str:
    """12.0 → "12", 45.26 → "45,3" (max_decimals=1), 0.5 → "0,5"."""
    text = f"{round(value, max_decimals):.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def count_noun(count: int, singular: str, plural: str) -> str:
    """A count with its noun in the right number: 1 → "1 rij", 3 → "3 rijen", 0 → "0 rijen"."""
    return f"{count} {singular if count == 1 else plural}"

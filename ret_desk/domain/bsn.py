"""The Dutch citizen service number (BSN) and its elfproef (DOMAIN rule 13)."""

from __future__ import annotations

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """True when `value` is 9 digits that pass the elfproef."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, _WEIGHTS, strict=True))
    return total % 11 == 0 and value != "000000000"


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes people type; pad an 8-digit BSN with a leading zero."""
    cleaned = "".join(ch for ch in value if ch not in " .-")
    if len(cleaned) == 8 and cleaned.isdigit():
        cleaned = "0" + cleaned
    return cleaned


def bsn_error(value: str) -> str | None:
    """A Dutch message when `value` is not a valid BSN, else None."""
    cleaned = normalise_bsn(value)
    if not cleaned.isdigit() or len(cleaned) != 9:
        return "Een BSN bestaat uit 9 cijfers."
    if not is_valid_bsn(cleaned):
        return "Dit BSN klopt niet (elfproef)."
    return None

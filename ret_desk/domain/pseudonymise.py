"""Pseudonymisation for the Experttafel (DOMAIN rule 14): no name, BSN, address or exact
birth date, in structured fields nor in free text the coordinator typed.

Structured fields are simply left out by the summary builder; this module scrubs the
free texts (help question, advice, notes), where a name or date is easily typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ret_desk.domain.dutch_dates import MONTHS

NAME_MARK = "[naam]"
BSN_MARK = "[BSN]"
DATE_MARK = "[geboortedatum]"
ADDRESS_MARK = "[adres]"

#: Name particles (tussenvoegsels) are never scrubbed on their own: "van" is also a word.
_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "la", "le", "du", "di", "da"}
_ABBREVIATED = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True, slots=True)
class Identity:
    """What identifies the youth and the people around them."""

    given_name: str
    family_name: str
    birth_date: date
    bsn: str | None = None
    address: str = ""
    postcode: str = ""
    other_names: tuple[str, ...] = field(default_factory=tuple)


def _word(text: str) -> str:
    return rf"(?<!\w){re.escape(text)}(?!\w)"


def _name_patterns(identity: Identity) -> list[str]:
    names = [identity.given_name, identity.family_name, *identity.other_names]
    full = [n.strip() for n in names if n and n.strip()]
    full.append(f"{identity.given_name} {identity.family_name}".strip())
    tokens = {t for n in full for t in re.split(r"[\s\-]+", n) if len(t) >= 2 and t.lower() not in _PARTICLES}
    # Longest first, so "Noor van Dijk" goes as a whole before "Noor" alone.
    return [_word(t) for t in sorted(set(full) | tokens, key=len, reverse=True)]


def _digits_pattern(digits: str) -> str:
    """The digits with any spaces, dots or dashes between them (999 912 345, 9999.12.345)."""
    return r"(?<!\d)" + r"[\s.\-]?".join(digits) + r"(?!\d)"


def _date_patterns(day: date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    dd, mm, yy = f"0?{d}", f"0?{m}", f"(?:{y}|{y % 100:02d})"
    sep = r"\s*[-/.]\s*"
    month_names = f"(?:{MONTHS[m - 1]}|{_ABBREVIATED[m - 1]}\\.?)"
    return [
        rf"(?<!\d){dd}{sep}{mm}{sep}{yy}(?!\d)",
        rf"(?<!\d){y}{sep}{mm}{sep}{dd}(?!\d)",
        rf"(?<!\d){d:02d}{m:02d}{y}(?!\d)",
        rf"(?<!\d){y}{m:02d}{d:02d}(?!\d)",
        rf"(?<!\d){dd}(?:e)?\s*{month_names}\s*,?\s*{yy}(?!\d)",
        rf"(?<!\w){month_names}\s+{dd},?\s+{yy}(?!\d)",
    ]


class Pseudonymiser:
    """Scrubs one youth's identifying details out of free text."""

    def __init__(self, identity: Identity) -> None:
        rules: list[tuple[str, str]] = []
        if identity.bsn:
            rules.append((_digits_pattern(identity.bsn), BSN_MARK))
        rules += [(p, DATE_MARK) for p in _date_patterns(identity.birth_date)]
        if identity.postcode.strip():
            compact = re.sub(r"\s+", "", identity.postcode)
            rules.append((r"(?<!\w)" + r"\s*".join(re.escape(c) for c in compact) + r"(?!\w)", ADDRESS_MARK))
        if identity.address.strip():
            rules.append((_word(identity.address.strip()), ADDRESS_MARK))
        rules += [(p, NAME_MARK) for p in _name_patterns(identity)]
        self._rules = [(re.compile(p, re.IGNORECASE), mark) for p, mark in rules]

    def scrub(self, text: str) -> str:
        for pattern, mark in self._rules:
            text = pattern.sub(mark, text)
        return text

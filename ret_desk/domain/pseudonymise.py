"""Pseudonymisation for the Experttafel (DOMAIN rule 14, issue 12 §1): no name, BSN,
address, birth date, phone, e-mail or school, in structured fields nor in free text.

Structured fields are simply left out by the summary builder; this module scrubs the free
texts (help question, advice, notes, route records) against a `ScrubContext`: every person
the store knows in the document's context (the youth, family, household, network, referrer,
case manager, and every other youth on the same agenda or in the same pack), their birth
dates, addresses, postcodes and schools. Generic rules (elfproef numbers, phones, e-mail,
@handles, postcodes, street names) apply whoever the detail belongs to. The rules live in
pseudonymise_names, _dates and _contacts; markers are neutral: [naam], [BSN], ...

Kept on purpose: municipality names, other dates, ordinary words (name particles alone,
lower-case words that are also names: see pseudonymise_names.WORD_NAMES)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ret_desk.domain.pseudonymise_contacts import (
    ADDRESS_MARK,
    BSN_MARK,
    EMAIL_MARK,
    HANDLE_MARK,
    PHONE_MARK,
    SCHOOL_MARK,
    ContactRules,
)
from ret_desk.domain.pseudonymise_dates import DATE_MARK, date_patterns
from ret_desk.domain.pseudonymise_names import NAME_MARK, PARTICLES, NameRules
from ret_desk.domain.pseudonymise_text import Span, apply, find, fold, resolve

__all__ = [
    "ADDRESS_MARK",
    "BSN_MARK",
    "DATE_MARK",
    "EMAIL_MARK",
    "HANDLE_MARK",
    "NAME_MARK",
    "PHONE_MARK",
    "SCHOOL_MARK",
    "Identity",
    "Pseudonymiser",
    "ScrubContext",
]

#: Finds names the store does not know (e.g. `deduce`): text -> (start, end) spans.
UnknownNames = Callable[[str], Iterable[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class ScrubContext:
    """Everything identifying that the store knows in one document's context."""

    names: tuple[str, ...] = ()
    birth_dates: tuple[date, ...] = ()
    bsns: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    """Words kept on purpose (the region's municipalities): an unknown-name finder's hit on
    one of these ("ziekenhuis van Assen") is not a name."""

    def __add__(self, other: ScrubContext) -> ScrubContext:
        return ScrubContext(
            *(tuple(dict.fromkeys(getattr(self, f) + getattr(other, f))) for f in self.__slots__)  # type: ignore[attr-defined]
        )


@dataclass(frozen=True, slots=True)
class Identity:
    """What identifies one youth and the people around them."""

    given_name: str
    family_name: str
    birth_date: date
    bsn: str | None = None
    address: str = ""
    postcode: str = ""
    other_names: tuple[str, ...] = field(default_factory=tuple)
    school: str = ""

    def context(self) -> ScrubContext:
        names = [f"{self.given_name} {self.family_name}".strip(), *self.other_names]
        return ScrubContext(
            names=tuple(n for n in names if n.strip()),
            birth_dates=(self.birth_date,),
            bsns=(self.bsn,) if self.bsn else (),
            addresses=(self.address,) if self.address.strip() else (),
            postcodes=(self.postcode,) if self.postcode.strip() else (),
            schools=(self.school,) if self.school.strip() else (),
        )


class Pseudonymiser:
    """Scrubs everything `context` knows, and the generic identifiers, out of free text."""

    def __init__(
        self, context: ScrubContext | Identity, *, unknown_names: UnknownNames | None = None
    ) -> None:
        if isinstance(context, Identity):
            context = context.context()
        self._names = NameRules(list(context.names))
        self._contacts = ContactRules(list(context.addresses), list(context.postcodes), list(context.schools))
        patterns = [p for day in dict.fromkeys(context.birth_dates) for p in date_patterns(day)]
        self._dates = re.compile("|".join(patterns)) if patterns else None
        bsns = [r"(?<!\d)" + r"(?:[\s.\-]|\.\s)?".join(b) + r"(?!\d)" for b in context.bsns if b.isdigit()]
        self._bsns = re.compile("|".join(bsns)) if bsns else None
        self._unknown = unknown_names
        self._keep = {fold(k).folded for k in context.keep}

    def spans(self, text: str) -> list[Span]:
        folded = fold(text)
        spans = self._contacts.spans(folded) + self._names.spans(folded)
        if self._dates is not None:
            spans += find(folded, self._dates, DATE_MARK)
        if self._bsns is not None:  # the known BSN even where a typo broke its elfproef
            spans += find(folded, self._bsns, BSN_MARK)
        if self._unknown is not None:
            spans += [
                Span(start, end, NAME_MARK)
                for start, end in self._unknown(folded.text)
                if not self._kept(folded.text[start:end])
            ]
        return spans

    def _kept(self, found: str) -> bool:
        words = [w for w in fold(found).folded.split() if w not in PARTICLES]
        return bool(words) and " ".join(words) in self._keep

    def found(self, text: str) -> list[Span]:
        """What `scrub` replaces, as spans in the NFC form of `text` (for measuring)."""
        return resolve(self.spans(text)) if text else []

    def scrub(self, text: str) -> str:
        if not text:
            return text
        return apply(fold(text).text, self.spans(text))

"""Is this the same youth? Pure rules: which person fields differ, and name matching.

A youth's person fields are compared field by field. An empty value (no school typed,
gender unknown, no parents) is never a difference: it carries no news, so it neither
overwrites nor conflicts. A value that fills an empty field is a *gap*, taken without a
choice; two different filled values are a *difference* that someone must choose.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ret_desk.domain.enums import Gender, LegalFramework

#: Field key (also the import column and the CLI name) → Dutch label, in form order.
FIELD_LABELS: dict[str, str] = {
    "achternaam": "Achternaam",
    "voornaam": "Voornaam",
    "geboortedatum": "Geboortedatum",
    "geslacht": "Geslacht",
    "gemeente": "Gemeente",
    "adres": "Adres",
    "postcode": "Postcode",
    "woonplaats": "Woonplaats",
    "school": "School",
    "wettelijk_kader": "Wettelijk kader",
    "gezin": "Ouders/verzorgers",
}
FIELDS = tuple(FIELD_LABELS)
#: A referral with a known BSN never changes the birth date: a different one is refused.
REFERRAL_FIELDS = tuple(f for f in FIELDS if f != "geboortedatum")
#: The person fields a case import carries (its other columns belong to the case).
IMPORT_FIELDS = ("achternaam", "voornaam", "geslacht", "gemeente")
NO_SCHOOL = "geen school"


@dataclass(frozen=True, slots=True)
class FamilyFact:
    name: str
    relation: str
    has_authority: bool


@dataclass(frozen=True, slots=True)
class YouthFacts:
    """A youth's person fields as plain values, from the store or from a referral."""

    family_name: str
    given_name: str
    birth_date: date | None
    gender: str  # Gender code
    municipality_code: str
    address: str = ""
    postcode: str = ""
    residence: str = ""
    school: str = ""  # a school name, NO_SCHOOL, or "" (not known)
    legal_framework: str = ""  # LegalFramework code, "" when not known
    family: tuple[FamilyFact, ...] = ()
    bsn: str | None = None


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One differing field, with Dutch display texts of both sides."""

    field: str
    label: str
    stored: str
    new: str


def _value(facts: YouthFacts, field: str) -> object:
    return {
        "achternaam": _squash(facts.family_name),
        "voornaam": _squash(facts.given_name),
        "geboortedatum": facts.birth_date,
        "geslacht": "" if facts.gender == Gender.UNKNOWN.value else facts.gender,
        "gemeente": facts.municipality_code,
        "adres": _squash(facts.address),
        "postcode": "".join(facts.postcode.split()).upper(),
        "woonplaats": _squash(facts.residence),
        "school": _squash(facts.school),
        "wettelijk_kader": facts.legal_framework,
        "gezin": tuple(
            FamilyFact(_squash(m.name), _squash(m.relation), m.has_authority) for m in facts.family
        ),
    }[field]


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _empty(value: object) -> bool:
    return value in (None, "", ())


def differences(stored: YouthFacts, new: YouthFacts, fields: Iterable[str] = FIELDS) -> list[str]:
    """Fields where both sides have a value and the values differ, in form order."""
    found = []
    for field in fields:
        old, value = _value(stored, field), _value(new, field)
        if not _empty(old) and not _empty(value) and old != value:
            found.append(field)
    return found


def gaps(stored: YouthFacts, new: YouthFacts, fields: Iterable[str] = FIELDS) -> list[str]:
    """Fields that are empty in `stored` and filled in `new`: taken without a choice."""
    return [f for f in fields if _empty(_value(stored, f)) and not _empty(_value(new, f))]


def display(facts: YouthFacts, field: str, municipality_names: Mapping[str, str]) -> str:
    """The Dutch text a coordinator sees for one field."""
    value = _value(facts, field)
    if _empty(value):
        return "(leeg)"
    if field == "geboortedatum":
        return facts.birth_date.strftime("%d-%m-%Y")
    if field == "geslacht":
        return Gender(facts.gender).label
    if field == "gemeente":
        return municipality_names.get(facts.municipality_code, facts.municipality_code)
    if field == "wettelijk_kader":
        return LegalFramework(facts.legal_framework).label
    if field == "gezin":
        return "; ".join(
            f"{m.name} ({m.relation}{', gezag' if m.has_authority else ''})" for m in facts.family
        )
    return str(value)


def describe(
    stored: YouthFacts, new: YouthFacts, fields: Iterable[str], municipality_names: Mapping[str, str]
) -> list[FieldDifference]:
    return [
        FieldDifference(
            f, FIELD_LABELS[f], display(stored, f, municipality_names), display(new, f, municipality_names)
        )
        for f in fields
    ]


def unknown_fields(names: Iterable[str]) -> list[str]:
    return [n for n in names if n not in FIELD_LABELS]


def normalise_name(text: str) -> str:
    """Case, accents and spaces do not count: 'Ötzi  de Vries' ~ 'otzi devries'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(plain.casefold().split())


def same_name(a_family: str, a_given: str, b_family: str, b_given: str) -> bool:
    return normalise_name(a_family) == normalise_name(b_family) and normalise_name(a_given) == normalise_name(
        b_given
    )


def bsn_conflict(a: str | None, b: str | None) -> bool:
    """Two filled, different BSNs: two different children, never one youth."""
    return bool(a) and bool(b) and a != b

"""The Reizend Specialistisch Team (RST): specialists go to the child, so that the child does
not have to move. The rules of one deployment (inzet) and the figures per case.

A deployment says which discipline went where, on which day, for how many hours, with what
purpose and outcome, and whether a move or placement was prevented (ja/nee/onbekend).
Hours are kept as whole minutes; 1,5 and 1.5 are both one and a half hours.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.errors import FieldError, InvalidInput

#: One deployment lasts at most a day.
MAX_HOURS = 24
MAX_TEXT = 4_000


class Discipline(StrEnum):
    GGZ = "ggz"
    LVB = "lvb"
    YOUTH_CARE = "jeugd_opvoedhulp"
    EDUCATION = "onderwijs"
    MEDICAL = "medisch"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return _DISCIPLINE_LABELS[self]


_DISCIPLINE_LABELS = {
    Discipline.GGZ: "GGZ",
    Discipline.LVB: "LVB",
    Discipline.YOUTH_CARE: "Jeugd- en opvoedhulp",
    Discipline.EDUCATION: "Onderwijs",
    Discipline.MEDICAL: "Medisch",
    Discipline.OTHER: "Anders",
}


class Place(StrEnum):
    HOME = "thuis"
    SCHOOL = "school"
    PROVIDER = "aanbieder"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return _PLACE_LABELS[self]


_PLACE_LABELS = {
    Place.HOME: "Thuis",
    Place.SCHOOL: "Op school",
    Place.PROVIDER: "Bij de aanbieder",
    Place.OTHER: "Elders",
}


class Prevented(StrEnum):
    """Was a move or placement prevented (verhuizing/plaatsing voorkomen)?"""

    YES = "ja"
    NO = "nee"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class Deployment:
    """One validated deployment of the team."""

    discipline: Discipline
    where: Place
    on: date
    minutes: int
    purpose: str = ""
    outcome: str = ""
    placement_prevented: Prevented = Prevented.UNKNOWN

    @property
    def hours(self) -> float:
        return hours_of(self.minutes)


def hours_of(minutes: int) -> float:
    """Minutes as hours for JSON and figures: 90 → 1.5, 80 → 1.33."""
    return round(minutes / 60, 2)


def parse_hours(value: object) -> int:
    """Hours as typed ("1,5", "1.5", "2", 1.5) → whole minutes; FieldError("hours") otherwise."""
    text = str(value).strip().replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", text):
        raise FieldError("hours", f"Geen aantal uren: '{value}'. Schrijf bijvoorbeeld 2 of 1,5.")
    try:
        hours = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern lets only numbers through
        raise FieldError("hours", f"Geen aantal uren: '{value}'.") from None
    minutes = int((hours * 60).to_integral_value())
    if minutes <= 0:
        raise FieldError("hours", "Het aantal uren moet groter zijn dan 0.")
    if hours > MAX_HOURS:
        raise FieldError(
            "hours", f"Eén inzet duurt hoogstens {MAX_HOURS} uur; leg langere inzet per dag vast."
        )
    return minutes


def parse_day(value: object) -> date:
    """A date as typed (2026-11-20 or 20-11-2026) or given; FieldError("date") otherwise."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise FieldError("date", "De datum van de inzet is verplicht.")
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError("date", f"Geen datum: '{text}' (gebruik JJJJ-MM-DD of DD-MM-JJJJ).") from None


def _choice(enum: type[StrEnum], value: object, field: str, what: str) -> StrEnum:
    text = str(value or "").strip().lower()
    if not text:
        raise FieldError(field, f"Kies {what}: {', '.join(e.value for e in enum)}.")
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise FieldError(field, f"Onbekende waarde '{value}' voor {what}; kies uit: {allowed}.") from None


def _text(value: str | None, field: str, what: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise FieldError(field, f"{what} heeft hoogstens {MAX_TEXT} tekens.")
    return text


def make_deployment(
    *,
    discipline: object,
    where: object,
    on: object,
    hours: object,
    purpose: str | None = "",
    outcome: str | None = "",
    placement_prevented: object = Prevented.UNKNOWN,
    today: date,
) -> Deployment:
    """Check every field at once; InvalidInput names each one that is wrong."""
    errors: list[FieldError] = []
    values: dict[str, object] = {}
    checks = {
        "discipline": lambda: _choice(Discipline, discipline, "discipline", "de discipline"),
        "where": lambda: _choice(Place, where, "where", "waar de inzet was"),
        "on": lambda: parse_day(on),
        "minutes": lambda: parse_hours(hours),
        "purpose": lambda: _text(purpose, "purpose", "Het doel"),
        "outcome": lambda: _text(outcome, "outcome", "De uitkomst"),
        "placement_prevented": lambda: _choice(
            Prevented, placement_prevented or Prevented.UNKNOWN, "placement_prevented", "plaatsing voorkomen"
        ),
    }
    for name, check in checks.items():
        try:
            values[name] = check()
        except FieldError as error:
            errors.append(error)
    if "on" in values and values["on"] > today:
        errors.append(FieldError("date", "De datum van de inzet ligt niet in de toekomst."))
    if errors:
        raise InvalidInput(errors)
    return Deployment(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Figures:
    """The figures of one case's RST record."""

    deployments: int
    total_minutes: int
    per_discipline: dict[Discipline, int]
    """Deployments per discipline, in the order of `Discipline`; only disciplines deployed."""
    prevented: int
    """Deployments after which a move or placement was prevented (ja)."""

    @property
    def total_hours(self) -> float:
        return hours_of(self.total_minutes)


def figures(deployments: list[Deployment]) -> Figures:
    counts = Counter(d.discipline for d in deployments)
    return Figures(
        deployments=len(deployments),
        total_minutes=sum(d.minutes for d in deployments),
        per_discipline={d: counts[d] for d in Discipline if counts[d]},
        prevented=sum(d.placement_prevented is Prevented.YES for d in deployments),
    )


def from_json(section: dict | None) -> list[Deployment]:
    """The deployments of an `rst` section of `case show --json` (as the case detail holds it)."""
    return [
        Deployment(
            discipline=Discipline(d["discipline"]),
            where=Place(d["where"]),
            on=date.fromisoformat(d["date"]) if isinstance(d["date"], str) else d["date"],
            minutes=round(d["hours"] * 60),
            purpose=d["purpose"],
            outcome=d["outcome"],
            placement_prevented=Prevented(d["placement_prevented"]),
        )
        for d in (section or {}).get("deployments", [])
    ]


def figures_line(fig: Figures) -> str:
    """'3 inzetten, 4,25 uur (GGZ 2×, Onderwijs 1×); plaatsing voorkomen bij 1'."""
    counted = "1 inzet" if fig.deployments == 1 else f"{fig.deployments} inzetten"
    per = ", ".join(f"{d.label} {n}×" for d, n in fig.per_discipline.items())
    return f"{counted}, {decimal(fig.total_hours, 2)} uur ({per}); plaatsing voorkomen bij {fig.prevented}"

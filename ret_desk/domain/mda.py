"""MDA++: system-wide safety in families with domestic violence (one family, one plan, one
director), following the national quality framework.

The rules of the record, without a store: who is in the household system and in which
role (victim or perpetrator where known, never both), the three phases (the current phase
is the latest), the risk levels, and the two signals:

- `SAFETY_ASSESSMENT_DUE`: the last risk assessment is older than the region's term, or
  there is none yet while the case has been on MDA++ longer than that term;
- `HIGH_RISK_NO_PLAN`: the latest risk assessment says `hoog` and there is no safety plan.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from ret_desk.domain.errors import FieldError, InvalidInput

#: The region setting that holds the term for a new risk assessment, and its default.
ASSESSMENT_TERM_KEY = "mda_assessment_days"
DEFAULT_ASSESSMENT_DAYS = 90

SAFETY_ASSESSMENT_DUE = "SAFETY_ASSESSMENT_DUE"
HIGH_RISK_NO_PLAN = "HIGH_RISK_NO_PLAN"


class MemberRole(StrEnum):
    """A member's place in the household system."""

    JEUGDIGE = "jeugdige"
    OUDER = "ouder"
    PARTNER = "partner"
    EX_PARTNER = "ex-partner"
    BROER_ZUS = "broer_zus"
    ANDERS = "anders"

    @property
    def label(self) -> str:
        return {
            "jeugdige": "jeugdige",
            "ouder": "ouder",
            "partner": "partner",
            "ex-partner": "ex-partner",
            "broer_zus": "broer of zus",
            "anders": "ander lid van het huishouden",
        }[self.value]


class Phase(StrEnum):
    """The three phases of MDA++."""

    VEILIGHEID = "veiligheid"
    STABILISATIE = "stabilisatie"
    HERSTEL = "herstel"

    @property
    def number(self) -> int:
        return list(Phase).index(self) + 1

    @property
    def label(self) -> str:
        return {
            "veiligheid": "1 directe veiligheid",
            "stabilisatie": "2 stabilisatie",
            "herstel": "3 herstel en duurzame veiligheid",
        }[self.value]


class RiskLevel(StrEnum):
    """The outcome of a risk assessment."""

    LAAG = "laag"
    VERHOOGD = "verhoogd"
    HOOG = "hoog"

    @property
    def label(self) -> str:
        return self.value


def violence_position(*, victim: bool, perpetrator: bool) -> tuple[bool, bool]:
    """Victim and/or perpetrator where known; a member cannot be both."""
    if victim and perpetrator:
        raise InvalidInput(
            [FieldError("victim", "Een lid van het huishouden is slachtoffer of pleger, niet allebei.")]
        )
    return victim, perpetrator


def position_label(victim: bool, perpetrator: bool) -> str:
    return "slachtoffer" if victim else "pleger" if perpetrator else "onbekend"


def _required(value: str, field: str, message: str) -> list[FieldError]:
    return [] if value.strip() else [FieldError(field, message)]


def _not_future(day: date, today: date, field: str) -> list[FieldError]:
    if day > today:
        return [FieldError(field, f"De datum {day:%d-%m-%Y} ligt in de toekomst.")]
    return []


def check_member(name: str) -> None:
    errors = _required(name, "name", "Vul de naam van het lid van het huishouden in.")
    if len(name.strip()) > 100:
        errors.append(FieldError("name", "De naam is te lang (hoogstens 100 tekens)."))
    if errors:
        raise InvalidInput(errors)


def check_dated(day: date, today: date) -> None:
    if errors := _not_future(day, today, "date"):
        raise InvalidInput(errors)


def check_assessment(instrument: str, day: date, today: date) -> None:
    errors = _required(instrument, "instrument", "Vul het instrument van de risicotaxatie in.")
    if len(instrument.strip()) > 100:
        errors.append(
            FieldError("instrument", "De naam van het instrument is te lang (hoogstens 100 tekens).")
        )
    errors += _not_future(day, today, "date")
    if errors:
        raise InvalidInput(errors)


def check_plan(text: str, current: str | None) -> None:
    if not text.strip():
        raise InvalidInput([FieldError("text", "Vul de tekst van het veiligheidsplan in.")])
    if current is not None and text.strip() == current.strip():
        raise InvalidInput(
            [FieldError("text", "Het veiligheidsplan is niet gewijzigd; er is geen nieuwe versie gemaakt.")]
        )


def check_conference(day: date, participants: str, outcome: str, today: date) -> None:
    errors = _not_future(day, today, "date")
    errors += _required(participants, "participants", "Vul in wie er aan het systeemgesprek deelnamen.")
    errors += _required(outcome, "outcome", "Vul de uitkomst van het systeemgesprek in.")
    if errors:
        raise InvalidInput(errors)


D = TypeVar("D")


def latest(items: list[D]) -> D | None:
    """The latest by date (`.on`), and of those on one date the last added (`.seq`)."""
    return max(items, key=lambda item: (item.on, item.seq), default=None)  # type: ignore[attr-defined]


def signals(
    *,
    today: date,
    term_days: int,
    on_route_since: date | None,
    last_assessment_on: date | None,
    last_level: RiskLevel | None,
    has_plan: bool,
) -> list[tuple[str, str]]:
    """The record's signals as (code, Dutch message), for a case on an MDA++ route."""
    found: list[tuple[str, str]] = []
    if last_assessment_on is not None:
        age = (today - last_assessment_on).days
        if age > term_days:
            found.append(
                (
                    SAFETY_ASSESSMENT_DUE,
                    f"De laatste risicotaxatie is van {last_assessment_on:%d-%m-%Y}, {age} dagen geleden "
                    f"(termijn {term_days} dagen): taxeer het risico opnieuw.",
                )
            )
    elif on_route_since is not None and (today - on_route_since).days > term_days:
        found.append(
            (
                SAFETY_ASSESSMENT_DUE,
                f"Er is nog geen risicotaxatie, terwijl de casus sinds {on_route_since:%d-%m-%Y} "
                f"op MDA++ staat (termijn {term_days} dagen).",
            )
        )
    if last_level is RiskLevel.HOOG and not has_plan:
        found.append(
            (HIGH_RISK_NO_PLAN, "Het risico is hoog en er is nog geen veiligheidsplan: stel er een op.")
        )
    return found

"""Signals a coordinator watches: each has a stable code and a Dutch message (issue 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ret_desk.domain.dates import add_months
from ret_desk.domain.deadlines import DeadlineTerms, cutoffs, route_key
from ret_desk.domain.enums import CaseStatus, GvaTrigger

#: From 16½ a youth is in the 16.5/18+ transition and needs a future plan (target group 6).
TRANSITION_AGE_MONTHS = 16 * 12 + 6


class SignalCode(StrEnum):
    GVA_MISSING = "GVA_MISSING"
    REFERRAL_OVERDUE = "REFERRAL_OVERDUE"
    NO_PROGRESS_3M = "NO_PROGRESS_3M"
    TRANSITION_18 = "TRANSITION_18"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def blocking(self) -> bool:
        return self is SignalCode.GVA_MISSING


_LABELS = {
    SignalCode.GVA_MISSING: "GVA ontbreekt",
    SignalCode.REFERRAL_OVERDUE: "Termijn verstreken",
    SignalCode.NO_PROGRESS_3M: "Geen voortgang",
    SignalCode.TRANSITION_18: "Overgang 18+",
}


@dataclass(frozen=True, slots=True)
class Signal:
    code: SignalCode
    message: str


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the signal rules need to know of a case."""

    status: CaseStatus
    route: str | None  # route key; None: not routed yet
    referral_date: date
    care_started_on: date | None
    gva_triggers: frozenset[GvaTrigger]
    gva_present: bool
    last_progress_on: date
    birth_date: date
    future_plan: bool


def transition_birth_cutoff(today: date) -> date:
    """Youths born on or before this date are 16½ or older on `today`."""
    return add_months(today, -TRANSITION_AGE_MONTHS)


def evaluate(facts: CaseFacts, terms: dict[str, DeadlineTerms], today: date) -> list[Signal]:
    """All signals that apply to the case on `today`, in a stable order."""
    if facts.status is CaseStatus.CLOSED:
        return []
    found: list[Signal] = []
    if facts.gva_triggers and not facts.gva_present:
        found.append(
            Signal(
                SignalCode.GVA_MISSING,
                "Er is een GVA-aanleiding, maar geen gedeelde verklarende analyse. "
                "Vraag de verwijzer de GVA op te stellen.",
            )
        )
    key = route_key(facts.route)
    limits = cutoffs(terms, today)
    started = facts.care_started_on is not None
    if key in terms and not started and facts.referral_date < limits.start_before[key]:
        days = (today - facts.referral_date).days
        found.append(
            Signal(
                SignalCode.REFERRAL_OVERDUE,
                f"De termijn van aanmelding tot start ({terms[key].start_days} dagen) is "
                f"verstreken: de aanmelding is {days} dagen oud.",
            )
        )
    if key in terms and facts.last_progress_on < limits.progress_before[key]:
        found.append(
            Signal(
                SignalCode.NO_PROGRESS_3M,
                f"Al {terms[key].no_progress_months} maanden of langer geen voortgang "
                f"(laatste voortgang {facts.last_progress_on:%d-%m-%Y}).",
            )
        )
    if facts.birth_date <= transition_birth_cutoff(today) and not facts.future_plan:
        found.append(
            Signal(
                SignalCode.TRANSITION_18,
                "De jongere is 16½ of ouder en heeft nog geen toekomstplan voor na 18 jaar.",
            )
        )
    return found

"""RO3 (Regie op 3): the rules of the plan for a case that stalls between parties.

Parties (GI, wijkteam, aanbieder, ...) make agreements: who does what by when. An agreement
is open until it is marked done or not kept; a not-kept agreement names its consequence.
Reviews (evaluatiemomenten) come back regularly: the region sets the term in days.

Signals: `AGREEMENT_OVERDUE` (an open agreement past its due date) and `RO3_NO_REVIEW`
(no review within the term since the case entered RO3 or since the last review).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ret_desk.domain.errors import FieldError, InvalidInput, RuleViolation

#: The region setting (region_setting.key) with the review term in days, and its default.
REVIEW_DAYS_KEY = "ro3_review_days"
DEFAULT_REVIEW_DAYS = 42

#: Where a contact person's name stood, in a pseudonymised summary.
CONTACT_MARK = "[contactpersoon]"

AGREEMENT_OVERDUE = "AGREEMENT_OVERDUE"
RO3_NO_REVIEW = "RO3_NO_REVIEW"


class AgreementStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_KEPT = "not_kept"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    AgreementStatus.OPEN: "open",
    AgreementStatus.DONE: "afgerond",
    AgreementStatus.NOT_KEPT: "niet nagekomen",
}

#: Usual roles of a party; a free role is allowed too (the region's own words).
PARTY_ROLES = ("GI", "wijkteam", "aanbieder", "onderwijs", "huisarts", "gemeente", "ouders", "anders")


def _required(value: str, field: str, message: str) -> list[FieldError]:
    return [] if value.strip() else [FieldError(field, message)]


def check_party(organisation: str, role: str, existing: Iterable[str] = ()) -> None:
    """A party needs an organisation and a role; an organisation takes part only once."""
    errors = _required(organisation, "organisation", "Vul de organisatie van de partij in.")
    errors += _required(role, "role", "Vul de rol van de partij in (bijvoorbeeld GI, wijkteam, aanbieder).")
    if organisation.strip() and same_name(organisation) in {same_name(e) for e in existing}:
        errors.append(FieldError("organisation", f"{organisation.strip()} is al een partij in deze casus."))
    if errors:
        raise InvalidInput(errors)


def check_agreement(what: str, due: date | None) -> None:
    """An agreement says what is to be done, and by when (the due date is required)."""
    errors = _required(what, "what", "Vul in wat er is afgesproken.")
    if due is None:
        errors.append(FieldError("due", "Vul in wanneer de afspraak uiterlijk is nagekomen."))
    if errors:
        raise InvalidInput(errors)


def check_review(held_on: date | None, today: date) -> None:
    if held_on is None:
        raise InvalidInput([FieldError("held_on", "Vul de datum van de evaluatie in.")])
    if held_on > today:
        raise InvalidInput([FieldError("held_on", "Een evaluatie ligt niet in de toekomst.")])


def check_mark(status: AgreementStatus, target: AgreementStatus, consequence: str = "") -> None:
    """Only an open agreement is marked; a not-kept one needs its consequence."""
    if status is not AgreementStatus.OPEN:
        raise RuleViolation(
            f"Deze afspraak is al {status.label}; alleen een open afspraak kan worden afgemeld."
        )
    if target is AgreementStatus.NOT_KEPT and not consequence.strip():
        raise InvalidInput(
            [FieldError("consequence", "Vul het gevolg in: wat gebeurt er nu de afspraak niet is nagekomen?")]
        )


def same_name(name: str) -> str:
    """How two spellings of one organisation compare ("GI  Noord" and "gi noord")."""
    return " ".join(name.split()).casefold()


def is_overdue(status: AgreementStatus, due: date, today: date) -> bool:
    return status is AgreementStatus.OPEN and due < today


def review_due_on(entered_on: date, reviews: Iterable[date], term_days: int) -> date:
    """The day by which the next review is due: the term after the later of entering RO3
    and the last review."""
    last = max([entered_on, *reviews])
    return last + timedelta(days=term_days)


@dataclass(frozen=True, slots=True)
class AgreementFacts:
    what: str
    party: str
    due: date
    status: AgreementStatus


def signals(
    agreements: Iterable[AgreementFacts],
    entered_on: date | None,
    reviews: Iterable[date],
    term_days: int,
    today: date,
) -> list[tuple[str, str]]:
    """The RO3 signals as (code, Dutch message). `entered_on` is None when the case is no
    longer on RO3: the record is history, and only an active record raises signals."""
    if entered_on is None:
        return []
    found = [
        (
            AGREEMENT_OVERDUE,
            f"Afspraak van {a.party} over de termijn (uiterlijk {a.due:%d-%m-%Y}): {a.what}",
        )
        for a in sorted(agreements, key=lambda a: a.due)
        if is_overdue(a.status, a.due, today)
    ]
    due_on = review_due_on(entered_on, reviews, term_days)
    if due_on < today:
        found.append(
            (
                RO3_NO_REVIEW,
                f"Geen evaluatie binnen {term_days} dagen (RO3): "
                f"de volgende was uiterlijk {due_on:%d-%m-%Y}.",
            )
        )
    return found


_PARTICLES = {"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "mevr", "dhr"}


def hide_names(text: str, names: Iterable[str], mark: str = CONTACT_MARK) -> str:
    """Replace the names (whole, and each part but particles such as "de") in free text,
    longest first, so "Marieke de Jong" goes as a whole before "Jong" alone."""
    full = {" ".join(n.split()) for n in names if len(n.strip()) >= 2}
    parts = {p for n in full for p in re.split(r"[\s\-.]+", n) if len(p) >= 3 and p.lower() not in _PARTICLES}
    for name in sorted(full | parts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", mark, text, flags=re.IGNORECASE)
    return text

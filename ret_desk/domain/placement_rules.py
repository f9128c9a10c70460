"""Rules of regie op plaatsing that the services and the app both apply:

- the **ladder rule** of a placement request: a type above rung 1 needs the reason why
  lower rungs do not fit; closed youth care needs the juvenile court's authorisation;
  a maximum distance lies between 0 and 500 km;
- the **match rationale rule**: a match decision needs a written rationale unless the
  chosen place is rank 1 on the requested rung of the ladder;
- the **waiting terms**: an open placement request waits past its term when it has
  waited longer than the region's term for its urgency (signal REQUEST_WAITING).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError

#: The largest maximum distance (km) a request may ask for.
MAX_DISTANCE_KM = 500


def request_ladder_problems(
    *,
    type_label: str,
    rung: int | None,
    closed: bool,
    higher_rung_reason: str,
    authorisation: bool,
    max_distance_km: float | None,
) -> list[FieldError]:
    """Every way a request for a placement type (`rung` on the ladder, `closed` youth
    care or not) breaks the ladder rule, by field."""
    errors = []
    if rung is not None and rung > 1 and not higher_rung_reason.strip():
        errors.append(
            FieldError(
                "higher_rung_reason",
                f"{type_label} is trede {rung} van de ladder: leg vast waarom lagere treden niet passen.",
            )
        )
    if closed and not authorisation:
        errors.append(
            FieldError("type_code", "Gesloten jeugdhulp vraagt een machtiging van de kinderrechter.")
        )
    if max_distance_km is not None and not 0 < max_distance_km <= MAX_DISTANCE_KM:
        errors.append(
            FieldError("max_distance_km", f"De maximale afstand ligt tussen 0 en {MAX_DISTANCE_KM} km.")
        )
    return errors


#: The waiting term (days) when the store's settings name none for an urgency.
DEFAULT_WAITING_DAYS = 28


def rationale_needed_because(rank: int, offer_rung: int, requested_rung: int) -> str | None:
    """Why a written rationale is needed ("rang 3", "trede 2 i.p.v. 1"), or None when the
    choice is rank 1 on the requested rung and speaks for itself."""
    if rank != 1:
        return f"rang {rank}"
    if offer_rung != requested_rung:
        return f"trede {offer_rung} i.p.v. {requested_rung}"
    return None


def needs_rationale(rank: int, offer_rung: int, requested_rung: int) -> bool:
    return rationale_needed_because(rank, offer_rung, requested_rung) is not None


def waiting_setting(urgency: Urgency) -> str:
    """The settings key of the waiting term for `urgency`."""
    return f"request_waiting_days_{urgency.value}"


def waiting_term(terms: Mapping[str, float], urgency: Urgency) -> float:
    """The days a request of `urgency` may wait, from the store's settings."""
    return terms.get(waiting_setting(urgency), DEFAULT_WAITING_DAYS)


def days_waiting(waiting_since: date, today: date) -> int:
    return (today - waiting_since).days


def waiting_too_long(waiting_since: date, today: date, term: float) -> bool:
    """True when a request has waited past its term (REQUEST_WAITING)."""
    return days_waiting(waiting_since, today) > term


def waiting_message(days: int, term: float) -> str:
    """The Dutch text of REQUEST_WAITING."""
    return f"Het plaatsingsverzoek wacht {days} dagen; de termijn bij deze urgentie is {decimal(term)}."

"""Regie op plaatsing's signals on one case: a request waiting past its term
(REQUEST_WAITING), a running stop-gap (STOPGAP_PLACEMENT), a placement beyond the distance
limit (DISTANCE_EXCEEDED). CAPACITY_STALE belongs to the board, not to a case."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ret_desk.db.models import Case
from ret_desk.domain.enums import Urgency
from ret_desk.domain.placement import RequestStatus
from ret_desk.domain.placement_rules import days_waiting, waiting_message, waiting_term, waiting_too_long
from ret_desk.services.placement.placement_requests import open_request
from ret_desk.services.placement.placements import youth_history
from ret_desk.services.placement.rop_reference import settings


def rop_case_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    request = open_request(session, case)
    if request is not None and request.status == RequestStatus.OPEN.value:
        term = waiting_term(settings(session), Urgency(request.urgency))
        if waiting_too_long(request.waiting_since, today, term):
            days = days_waiting(request.waiting_since, today)
            found.append(("REQUEST_WAITING", waiting_message(days, term)))
    found += youth_history(session, case, today).signals
    return found

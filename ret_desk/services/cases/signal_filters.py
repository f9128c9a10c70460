"""The signal rules of domain/signals.py as SQL conditions, so a list filters in the store.

Both sides compare the same cut-off dates (domain.deadlines.cutoffs); a test checks that
the SQL filter and the domain rule agree case by case.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, false, or_

from ret_desk.db.models import Case, Youth
from ret_desk.domain.deadlines import UNROUTED, DeadlineTerms, cutoffs
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.signals import SignalCode, transition_birth_cutoff


def _route_is(key: str) -> ColumnElement[bool]:
    return Case.current_route.is_(None) if key == UNROUTED else Case.current_route == key


def signal_condition(code: SignalCode, terms: dict[str, DeadlineTerms], today: date) -> ColumnElement[bool]:
    """A WHERE condition on Case (joined with Youth) that holds when `code` applies."""
    is_open = Case.status != CaseStatus.CLOSED.value
    limits = cutoffs(terms, today)
    if code is SignalCode.GVA_MISSING:
        return and_(is_open, Case.gva_trigger_mask != 0, Case.gva_present.is_(false()))
    if code is SignalCode.REFERRAL_OVERDUE:
        per_route = [
            and_(_route_is(key), Case.referral_date < cutoff) for key, cutoff in limits.start_before.items()
        ]
        return and_(is_open, Case.care_started_on.is_(None), or_(false(), *per_route))
    if code is SignalCode.NO_PROGRESS_3M:
        per_route = [
            and_(_route_is(key), Case.last_progress_on < cutoff)
            for key, cutoff in limits.progress_before.items()
        ]
        return and_(is_open, or_(false(), *per_route))
    if code is SignalCode.TRANSITION_18:
        return and_(
            is_open,
            Youth.birth_date <= transition_birth_cutoff(today),
            Case.future_plan.is_(false()),
        )
    raise ValueError(code)

"""Routing a case between the routes, and moving it through its statuses. The rules are
in domain.routing (route changes) and domain.statuses (the lifecycle)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, RouteAssignment, StatusChange
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import CaseOutcome, CaseStatus, Route
from ret_desk.domain.gva_block import BlockedStep
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.routing import check_route_change
from ret_desk.domain.statuses import check_transition
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.gva_gate import check_case_step


def route_case(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    route: Route,
    reason: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Assign the case to `route`, recording from/to, when, by whom and why.
    Returns the case's new version."""
    require(actor.role, Action.ROUTE_CASE)
    with uow:
        case = case_by_number(uow.session, number, expected_version)
        assign_route(uow.session, actor, case, route, reason, today or date.today())
        uow.flush()
        uow.commit()
        return case.version


def assign_route(session: Session, actor: Actor, case: Case, route: Route, reason: str, today: date) -> None:
    """Route `case` inside the caller's transaction (also used when a case goes on the
    Experttafel agenda in the same step). The caller checks Action.ROUTE_CASE."""
    check_route_change(
        number=case.number,
        status=CaseStatus(case.status),
        current_route=case.current_route,
        target_key=route.value,
        target_label=route.label,
        reason=reason,
    )
    check_case_step(case, BlockedStep.ROUTE, route)
    session.add(
        RouteAssignment(
            case=case,
            from_route=case.current_route,
            to_route=route.value,
            by_account_id=actor.account_id,
            by_name=actor.username,
            reason=reason.strip(),
        )
    )
    before = case.current_route or "geen"
    case.current_route = route.value
    case.last_progress_on = today
    session.flush()
    record_case(session, actor, "case_route", case, detail=f"{before} -> {route.value}")


def change_status(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    status: CaseStatus,
    outcome: CaseOutcome | None = None,
    reason: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Move the case to `status` if the lifecycle allows it. Returns the new version."""
    require(actor.role, Action.CHANGE_STATUS)
    today = today or date.today()
    with uow:
        case = case_by_number(uow.session, number, expected_version)
        current = CaseStatus(case.status)
        check_transition(current, status, outcome)
        if status is CaseStatus.RUNNING:
            check_case_step(case, BlockedStep.RUNNING)
        uow.session.add(
            StatusChange(
                case=case,
                from_status=current.value,
                to_status=status.value,
                outcome=outcome.value if outcome else None,
                by_account_id=actor.account_id,
                by_name=actor.username,
                reason=reason.strip(),
            )
        )
        case.status = status.value
        case.outcome = outcome.value if outcome else None
        case.last_progress_on = today
        if status is CaseStatus.RUNNING and case.care_started_on is None:
            case.care_started_on = today
        uow.flush()
        detail = f"{current.value} -> {status.value}" + (f" ({outcome.value})" if outcome else "")
        record_case(uow.session, actor, "case_status", case, detail=detail)
        uow.commit()
        return case.version

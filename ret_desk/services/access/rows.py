"""The need-to-know rule as a query (domain/need_to_know.py says it in words).

`visible_clause` is a WHERE clause on `Case` for lists (correlated EXISTS on indexed
columns; None for a coordinator, whose lists stay as they were). `check_case` refuses one
case outside the actor's rows with a Dutch reason (a PermissionDenied: the front ends'
`Workspace.call` logs every refusal as a `refused` event).

The actor comes with the unit of work (`UnitOfWork(actor=...)`, set by `Workspace.call`):
every call from the app or the command line runs with the caller's rows, also the many
services that open a case by its number (`case_lookup.case_by_number`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, exists, false, or_, select
from sqlalchemy.orm import Session, aliased

from ret_desk.db.models import (
    AgendaItem,
    Case,
    EmergencyAccess,
    Placement,
    PlacementRequest,
    RegionSetting,
    Route,
    SessionMember,
    TableSession,
)
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PermissionDenied
from ret_desk.domain.need_to_know import CHAIR_ACCESS_DAYS_DEFAULT, CHAIR_ACCESS_DAYS_KEY, refusal
from ret_desk.domain.route_kinds import RouteKind


def actor_of(session: Session) -> Actor | None:
    """The actor whose rows this session reads (None: a service called without one)."""
    return session.info.get("actor")


def chair_access_days(session: Session) -> int:
    row = session.get(RegionSetting, CHAIR_ACCESS_DAYS_KEY)
    return CHAIR_ACCESS_DAYS_DEFAULT if row is None else max(0, round(row.value))


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def visible_clause(session: Session, actor: Actor, now: datetime | None = None) -> ColumnElement[bool] | None:
    """Which cases `actor` may read, as a condition on `Case`; None: every case."""
    role = Role(actor.role)
    if role is Role.COORDINATOR:
        return None
    at = _utc(now)
    emergency = exists().where(
        EmergencyAccess.case_id == Case.id,
        EmergencyAccess.account_id == actor.account_id,
        EmergencyAccess.expires_at > at,
    )
    if role is Role.CHAIR:
        # Aliases: the outer query may list agenda items and sittings itself (follow-ups).
        item, sitting, member = aliased(AgendaItem), aliased(TableSession), aliased(SessionMember)
        attends = exists().where(member.session_id == sitting.id, member.account_id == actor.account_id)
        since = at - timedelta(days=chair_access_days(session))
        agenda = exists().where(
            item.case_id == Case.id,
            item.session_id == sitting.id,
            or_(sitting.chair_account_id == actor.account_id, attends),
            or_(item.advice_recorded_at.is_(None), item.advice_recorded_at >= since),
        )
        return or_(agenda, emergency)
    if role is Role.PLACEMENT_OFFICER:
        placing = select(Route.key).where(Route.kind == RouteKind.PLACEMENT.value)
        return or_(
            Case.current_route.in_(placing),
            exists().where(PlacementRequest.case_id == Case.id),
            exists().where(Placement.case_id == Case.id),
            emergency,
        )
    return false()


def restrict(session: Session, stmt):  # noqa: ANN001, ANN201 - a Select that has Case in it
    """`stmt` limited to the session's actor's rows (unchanged without an actor)."""
    actor = actor_of(session)
    clause = None if actor is None else visible_clause(session, actor)
    return stmt if clause is None else stmt.where(clause)


def may_read(session: Session, actor: Actor, case_id: int, now: datetime | None = None) -> bool:
    clause = visible_clause(session, actor, now)
    if clause is None:
        return True
    return session.scalar(select(exists().where(Case.id == case_id, clause))) or False


def check_case(session: Session, case: Case) -> None:
    """Refuse `case` when it is outside the session's actor's rows."""
    actor = actor_of(session)
    if actor is None or may_read(session, actor, case.id):
        return
    raise PermissionDenied(refusal(case.number, Role(actor.role), chair_access_days(session)))

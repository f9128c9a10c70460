"""Emergency access (noodtoegang, NEN 7513; issue 12 §2): a coordinator, chair or placement
officer may open a case outside their rows after stating a reason. The case opens to that
person alone for EMERGENCY_ACCESS_HOURS; the `emergency_access` event holds the reason and
is listed for the auditor apart from the rest of the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, EmergencyAccess, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound
from ret_desk.domain.need_to_know import EMERGENCY_ACCESS_HOURS, reason_problem
from ret_desk.domain.permissions import Action, require


def open_emergency_access(
    *, uow: UnitOfWork, actor: Actor, number: str, reason: str, now: datetime | None = None
) -> datetime:
    """Open case `number` to `actor` for a while; returns until when (UTC)."""
    require(actor.role, Action.EMERGENCY_ACCESS)
    if (problem := reason_problem(reason)) is not None:
        raise InvalidInput([FieldError("reason", problem)])
    now = now or datetime.now(UTC)
    until = now + timedelta(hours=EMERGENCY_ACCESS_HOURS)
    with uow:
        session = uow.session
        # Not case_by_number: that one refuses the very case this opens.
        case = session.scalar(
            select(Case).join(Youth).where(Case.number == number.strip(), Youth.destroyed_at.is_(None))
        )
        if case is None:
            raise NotFound(f"Casus {number} bestaat niet.")
        session.add(
            EmergencyAccess(
                account_id=actor.account_id,
                case_id=case.id,
                reason=reason.strip(),
                granted_at=now,
                expires_at=until,
            )
        )
        record_case(session, actor, "emergency_access", case, detail=f"noodtoegang: {reason.strip()}")
        uow.commit()
    return until

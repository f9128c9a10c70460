"""Reading the audit log (for the auditor, and `audit show`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Case
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import NotFound
from ret_desk.domain.permissions import Action, require


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    on_behalf_of: str
    workstation: str
    action: str
    youth_id: int | None
    case_id: int | None
    case_number: str | None
    detail: str

    def to_json(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "on_behalf_of": self.on_behalf_of,
            "workstation": self.workstation,
            "action": self.action,
            "youth_id": self.youth_id,
            "case_id": self.case_id,
            "case_number": self.case_number,
            "detail": self.detail,
        }


def list_events(
    *, uow: UnitOfWork, actor: Actor, case_number: str | None = None, limit: int = 500
) -> list[AuditEntry]:
    """Newest first. Filtering on a case finds every event of that case by id."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
        if case_number:
            case_id = uow.session.scalar(select(Case.id).where(Case.number == case_number))
            if case_id is None:
                raise NotFound(f"Casus {case_number} bestaat niet.")
            stmt = stmt.where(AuditEvent.case_id == case_id)
        return [
            AuditEntry(
                e.at,
                e.actor_name,
                e.on_behalf_of,
                e.workstation,
                e.action,
                e.youth_id,
                e.case_id,
                e.case_number,
                e.detail,
            )
            for e in uow.session.scalars(stmt)
        ]

"""Who accessed one youth's dossier (issue 12 §3, inspection): the audit events of that
youth, of its cases and of the youths merged into it, as when, who, on whose behalf, from
which workstation, what and which case. Never an event's free detail, which may name a
search or another person.

On SQLite the app reads the log itself. On PostgreSQL a coordinator may not read the log,
so `ret_dossier_access_log` (migration 0012, SECURITY DEFINER) returns these columns for
one youth only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from ret_desk.db.models import AuditEvent, Case


@dataclass(frozen=True, slots=True)
class Access:
    at: datetime  # UTC
    actor_name: str
    on_behalf_of: str
    workstation: str
    action: str
    case_number: str | None


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def former_youth_ids(session: Session, youth_id: int) -> set[int]:
    """`youth_id` and every youth merged into it (also merges of merges; the `youth_merge`
    events name them), so that an audit search for one child finds the events of its
    removed duplicates (services/cases/youth_merge.py)."""
    found, todo = {youth_id}, [youth_id]
    while todo:
        current = todo.pop()
        details = session.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.youth_id == current, AuditEvent.action == "youth_merge"
            )
        )
        for detail in details:
            token = detail.split("#", 1)[1].split(" ", 1)[0] if "#" in detail else ""
            if token.isdigit() and int(token) not in found:
                found.add(int(token))
                todo.append(int(token))
    return found


def access_log(session: Session, youth_id: int) -> list[Access]:
    """The events about the youth, oldest first."""
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text(
                "SELECT at, actor_name, on_behalf_of, workstation, action, case_number "
                "FROM ret_dossier_access_log(CAST(:youth AS bigint))"
            ),
            {"youth": youth_id},
        ).all()
    else:
        youths = former_youth_ids(session, youth_id)
        cases = select(Case.id).where(Case.youth_id == youth_id)
        rows = session.execute(
            select(
                AuditEvent.at,
                AuditEvent.actor_name,
                AuditEvent.on_behalf_of,
                AuditEvent.workstation,
                AuditEvent.action,
                AuditEvent.case_number,
            )
            .where(or_(AuditEvent.youth_id.in_(youths), AuditEvent.case_id.in_(cases)))
            .order_by(AuditEvent.at, AuditEvent.id)
        ).all()
    return [Access(_utc(r[0]), r[1], r[2] or "", r[3], r[4], r[5]) for r in rows]

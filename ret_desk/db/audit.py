"""The audit writer (NEN 7513): one event per read or write of a youth's data.

A write's event is added to the write's own session, so both commit or neither does.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ret_desk.db.base import utcnow
from ret_desk.db.models_account import AuditEvent
from ret_desk.db.models_case import Case
from ret_desk.domain.actor import Actor


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    youth_id: int | None = None,
    case_id: int | None = None,
    case_number: str | None = None,
    detail: str = "",
) -> AuditEvent:
    """Add an audit event to `session`; the caller commits it with the work it logs."""
    event = AuditEvent(
        actor_account_id=actor.account_id,
        actor_name=actor.username,
        on_behalf_of=actor.on_behalf_of,
        workstation=actor.workstation,
        youth_id=youth_id,
        case_id=case_id,
        case_number=case_number,
        action=action,
        detail=detail,
    )
    session.add(event)
    return event


def record_case(session: Session, actor: Actor, action: str, case: Case, detail: str = "") -> AuditEvent:
    """An event about one case and its youth."""
    return record(
        session,
        actor,
        action,
        youth_id=case.youth_id,
        case_id=case.id,
        case_number=case.number,
        detail=detail,
    )


def record_attempt(
    session: Session,
    *,
    username: str,
    workstation: str,
    action: str,
    detail: str,
    account_id: int | None = None,
    on_behalf_of: str = "",
) -> AuditEvent:
    """An event for someone not (yet) logged in: a failed login names the user name typed."""
    event = AuditEvent(
        actor_account_id=account_id,
        actor_name=username[:64],
        on_behalf_of=on_behalf_of[:100],
        workstation=workstation[:255],
        action=action,
        detail=detail,
    )
    session.add(event)
    return event


def record_listed(session: Session, actor: Actor, cases: Iterable[tuple[int, int, str]], detail: str) -> int:
    """One `case_in_list` event per case a list page or an export showed, as
    (youth id, case id, case number): the log then answers "who saw this youth in a
    list", through the same youth filter as every other event. Inserted in batches."""
    base = {
        "at": utcnow(),
        "actor_account_id": actor.account_id,
        "actor_name": actor.username,
        "on_behalf_of": actor.on_behalf_of,
        "workstation": actor.workstation,
        "action": "case_in_list",
        "detail": detail,
    }
    rows = [dict(base, youth_id=y, case_id=c, case_number=n) for y, c, n in cases]
    for start in range(0, len(rows), 1000):
        session.execute(insert(AuditEvent), rows[start : start + 1000])
    return len(rows)

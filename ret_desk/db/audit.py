"""The audit writer (NEN 7513): one event per read or write of a youth's data.

A write's event is added to the write's own session, so both commit or neither does.
On PostgreSQL the event's context (action, workstation, on behalf of, account) is also
handed to the server's own audit of writes (`audit_write`, migration 0007) as settings
of the same transaction: the server's triggers, which run at commit, record it with the
rows they see written.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, text
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
    _tell_server(session, actor, action)
    return event


# The actions accumulate (comma-separated, each once) over the transaction: its rows were
# written for all of them; workstation and the rest are the actor's, the same throughout.
_SET_CONTEXT = text(
    "SELECT set_config('ret_desk.action', CASE"
    " WHEN coalesce(current_setting('ret_desk.action', true), '') = '' THEN :action"
    " WHEN :action = ANY(string_to_array(current_setting('ret_desk.action', true), ','))"
    " THEN current_setting('ret_desk.action', true)"
    " ELSE current_setting('ret_desk.action', true) || ',' || :action END, true),"
    " set_config('ret_desk.workstation', :workstation, true),"
    " set_config('ret_desk.on_behalf_of', :on_behalf_of, true),"
    " set_config('ret_desk.account', :account, true)"
)


def tell_server(session: Session, actor: Actor, action: str) -> None:
    """On PostgreSQL, for an event the server writes itself (the account functions of
    migration 0007 record their own): the actor's workstation and "on behalf of" for it."""
    _tell_server(session, actor, action)


def _tell_server(session: Session, actor: Actor, action: str) -> None:
    """The app's context for the server's audit of writes (PostgreSQL only). Straight on the
    connection, so that no autoflush moves the session's pending writes."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.connection().execute(
        _SET_CONTEXT,
        {
            "action": action,
            "workstation": actor.workstation,
            "on_behalf_of": actor.on_behalf_of,
            "account": actor.username,
        },
    )


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

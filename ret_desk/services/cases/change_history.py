"""The change history of a case: written in the edit's own transaction, read for the detail."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ret_desk.db.models import Case, CaseChange
from ret_desk.domain.actor import Actor
from ret_desk.domain.case_fields import LABELS, YOUTH_FIELDS


def add_change(
    session: Session, actor: Actor, case: Case, field: str, old: str, new: str, reason: str = ""
) -> None:
    """One line of history; the caller commits it with the change itself."""
    session.add(
        CaseChange(
            case_id=case.id,
            youth_id=case.youth_id if field in YOUTH_FIELDS else None,
            by_account_id=actor.account_id,
            by_name=actor.username,
            field=field,
            old_value=old,
            new_value=new,
            reason=reason,
        )
    )


def history_of(session: Session, case: Case) -> list[dict]:
    """Every change of this case, and of its youth made from any of the youth's cases, oldest first."""
    rows = session.scalars(
        select(CaseChange)
        .where(or_(CaseChange.case_id == case.id, CaseChange.youth_id == case.youth_id))
        .order_by(CaseChange.at, CaseChange.id)
    )
    return [
        {
            "at": c.at,
            "by": c.by_name,
            "field": c.field,
            "label": LABELS.get(c.field, c.field),
            "old": c.old_value,
            "new": c.new_value,
            "reason": c.reason,
        }
        for c in rows
    ]

"""What the auditor watches apart from the rest of the log (issue 12 §2):
- every emergency access (noodtoegang), with its reason: `iter_all` with action
  `emergency_access` (the Logboek's action filter "noodtoegang", `ret-desk audit noodtoegang`);
- accounts an administrator created or gave another role (`account_create`, `account_role`):
  an administrator sees no child's data, also not by making an account with access, so each
  such account is flagged here with whether it has read a child's data since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ret_desk.db.audit import record
from ret_desk.db.models import AuditEvent
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.permissions import Action, require

_ACCOUNT = re.compile(r"^account (\S+?)(?::| \()")


@dataclass(frozen=True, slots=True)
class FlaggedAccount:
    username: str
    what: str  # "aangemaakt (coordinator)" / "rol: chair -> coordinator"
    by: str
    at: datetime
    child_reads_since: int  # events of that account about a youth since

    def to_json(self) -> dict:
        return {
            "account": self.username,
            "wat": self.what,
            "door": self.by,
            "op": self.at.isoformat(),
            "kindgegevens_gelezen_sindsdien": self.child_reads_since,
        }


def admin_made_accounts(*, uow: UnitOfWork, actor: Actor) -> list[FlaggedAccount]:
    """Accounts created or given a role by an administrator, newest first; logged once."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        session = uow.session
        # Only an administrator (manage_accounts) writes these events; the auditor may not
        # read `account` on a team store, so the events themselves say who did it.
        events = session.execute(
            select(AuditEvent.detail, AuditEvent.actor_name, AuditEvent.at, AuditEvent.action)
            .where(AuditEvent.action.in_(("account_create", "account_role")))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ).all()
        found = []
        for detail, by, at, action in events:
            match = _ACCOUNT.match(detail or "")
            if match is None:
                continue
            name = match.group(1)
            if name == by:  # the first administrator, made on a new store
                continue
            reads = session.scalar(
                select(func.count(AuditEvent.id)).where(
                    AuditEvent.actor_name == name, AuditEvent.youth_id.is_not(None), AuditEvent.at >= at
                )
            )
            rest = detail[len(f"account {name}") :].strip(" :")
            what = f"aangemaakt {rest}" if action == "account_create" else f"rol: {rest}"
            found.append(FlaggedAccount(name, what, by, at, reads or 0))
        record(session, actor, "audit_view", detail="accounts door beheer")
        uow.commit()
        return found

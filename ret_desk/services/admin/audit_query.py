"""The audit log for its readers (NEN 7513): filter by youth, user, period and action, page
through it newest first (keyset on the id, so millions of events page as fast as ten), and
export it as CSV. Opening or exporting the log is logged itself: which filters, never the
search text (a name or a BSN)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, literal, or_, select
from sqlalchemy.orm import Session

from ret_desk.db import audit_lookup
from ret_desk.db.audit import record
from ret_desk.db.models import AuditEvent, Case, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import bsn_error, is_valid_bsn, normalise_bsn
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound
from ret_desk.domain.permissions import Action, require

PAGE = 200


@dataclass(frozen=True, slots=True)
class AuditFilter:
    youth: str = ""
    """BSN, name or case number: every event about that youth, across all their cases."""
    bsn: str = ""
    """Exactly this BSN (all cases of that youth); unknown is an error."""
    case_number: str = ""
    """Only this case's events; unknown is an error."""
    username: str = ""
    date_from: date | None = None
    date_to: date | None = None
    """Both inclusive, as days in the workstation's local time."""
    action: str = ""

    def describe(self) -> str:
        """What the log records about this filter: which filters, not the youth searched for."""
        parts = []
        if self.youth.strip() or self.bsn.strip():
            parts.append("jeugdige")
        if self.case_number.strip():
            parts.append(f"casus={self.case_number.strip()}")
        if self.username.strip():
            parts.append(f"gebruiker={self.username.strip()}")
        if self.date_from:
            parts.append(f"van={self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"tot={self.date_to.isoformat()}")
        if self.action:
            parts.append(f"actie={self.action}")
        return ", ".join(parts) or "geen filter"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    on_behalf_of: str
    workstation: str
    action: str
    youth_id: int | None
    youth_name: str
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
            "youth": self.youth_name or None,
            "case_number": self.case_number,
            "detail": self.detail,
        }


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _youth_ids(session: Session, flt: AuditFilter) -> Select | list[int] | None:
    """A subquery (or on PostgreSQL a list) of the youth ids the youth filter means, or
    None without one."""
    if audit_lookup.on_postgresql(session):
        return audit_lookup.youth_ids(session, bsn=flt.bsn, youth=flt.youth)
    if flt.bsn.strip():
        digits = normalise_bsn(flt.bsn.strip())
        if (problem := bsn_error(digits)) is not None:
            raise InvalidInput([FieldError("bsn", problem)])
        if session.scalar(select(Youth.id).where(Youth.bsn == digits)) is None:
            raise NotFound("Er is geen jeugdige met dit BSN.")
        return select(Youth.id).where(Youth.bsn == digits)
    text = flt.youth.strip()
    if not text:
        return None
    digits = normalise_bsn(text)
    if is_valid_bsn(digits):
        return select(Youth.id).where(Youth.bsn == digits)
    by_case = select(Case.youth_id).where(func.lower(Case.number) == text.lower())
    if session.scalar(by_case) is not None:
        return by_case
    pattern = _like(text)
    full_name = func.lower(Youth.given_name + " " + Youth.family_name)
    return select(Youth.id).where(
        or_(full_name.like(pattern, escape="\\"), func.lower(Youth.family_name).like(pattern, escape="\\"))
    )


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise InvalidInput([FieldError("date_to", "De einddatum ligt vóór de begindatum.")])
    where: list[ColumnElement[bool]] = []
    youth_ids = _youth_ids(session, flt)
    if youth_ids is not None:
        # By youth and by case: a case moved to another youth (a merge) keeps its events.
        case_ids = (
            audit_lookup.case_ids(session, youth_ids)
            if isinstance(youth_ids, list)
            else select(Case.id).where(Case.youth_id.in_(youth_ids))
        )
        where.append(or_(AuditEvent.youth_id.in_(youth_ids), AuditEvent.case_id.in_(case_ids)))
    if flt.case_number.strip():
        case_id = (
            audit_lookup.case_id(session, flt.case_number.strip())
            if audit_lookup.on_postgresql(session)
            else session.scalar(select(Case.id).where(Case.number == flt.case_number.strip()))
        )
        if case_id is None:
            raise NotFound(f"Casus {flt.case_number.strip()} bestaat niet.")
        where.append(AuditEvent.case_id == case_id)
    if flt.username.strip():
        where.append(AuditEvent.actor_name == flt.username.strip())
    if flt.date_from:
        where.append(AuditEvent.at >= _local_midnight_utc(flt.date_from))
    if flt.date_to:
        where.append(AuditEvent.at < _local_midnight_utc(flt.date_to + timedelta(days=1)))
    if flt.action:
        where.append(AuditEvent.action == flt.action)
    return where


def _entries(session: Session, where: list[ColumnElement[bool]], before_id: int | None, limit: int | None):
    names = audit_lookup.YouthNames(session)  # on PostgreSQL: the log's readers read no youth
    if names.active:
        stmt = select(AuditEvent, literal(None), literal(None))
    else:
        stmt = select(AuditEvent, Youth.given_name, Youth.family_name).outerjoin(
            Youth, Youth.id == AuditEvent.youth_id
        )
    stmt = stmt.where(*where).order_by(AuditEvent.id.desc())
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    stmt = stmt.limit(limit) if limit is not None else stmt.execution_options(yield_per=1000)
    for e, given, family in session.execute(stmt):
        name = names.name(e.youth_id, given, family)
        yield AuditEntry(
            e.id, e.at, e.actor_name, e.on_behalf_of, e.workstation, e.action,
            e.youth_id, name, e.case_number, e.detail,
        )  # fmt: skip


def known_users(*, uow: UnitOfWork, actor: Actor) -> list[str]:
    """Every user name in the log (also of removed accounts), for the user filter's completer."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        return list(
            uow.session.scalars(select(AuditEvent.actor_name).distinct().order_by(AuditEvent.actor_name))
        )


def open_log(
    *, uow: UnitOfWork, actor: Actor, flt: AuditFilter, limit: int = PAGE
) -> tuple[int, list[AuditEntry]]:
    """The number of matching events and the newest page; logged as a reading of the log."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        where = _conditions(uow.session, flt)
        total = uow.session.scalar(select(func.count(AuditEvent.id)).where(*where)) or 0
        rows = list(_entries(uow.session, where, None, limit))
        record(uow.session, actor, "audit_view", detail=flt.describe())
        uow.commit()
        return total, rows


def next_page(
    *, uow: UnitOfWork, actor: Actor, flt: AuditFilter, before_id: int, limit: int = PAGE
) -> list[AuditEntry]:
    """The page after `before_id` (older events); part of the reading open_log logged."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        rows = list(_entries(uow.session, _conditions(uow.session, flt), before_id, limit))
        uow.commit()  # on PostgreSQL the lookups of the names shown are events too
        return rows


def iter_all(*, uow: UnitOfWork, actor: Actor, flt: AuditFilter) -> Iterator[AuditEntry]:
    """Every matching event, newest first, streamed (for `audit show`); logged once."""
    require(actor.role, Action.VIEW_AUDIT)
    with uow:
        where = _conditions(uow.session, flt)
        record(uow.session, actor, "audit_view", detail=flt.describe())
        uow.commit()
        yield from _entries(uow.session, where, None, None)
        uow.commit()  # on PostgreSQL the lookups of the names shown are events too

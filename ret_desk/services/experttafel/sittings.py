"""Sittings of the Experttafel (`TableSession`): plan, edit, hold or cancel, list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.models import AgendaItem, SessionMember, TableSession
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, StaleEdit
from ret_desk.domain.experttafel import Discipline, SessionStatus, check_session_transition
from ret_desk.domain.permissions import Action, require

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class MemberInput:
    name: str
    discipline: Discipline
    absent: bool = False


@dataclass(frozen=True, slots=True)
class SessionInput:
    held_on: date
    start_time: str
    chair: str
    place: str = ""
    video_link: str = ""
    minute_taker: str = ""
    members: tuple[MemberInput, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    version: int
    held_on: date
    start_time: str
    place: str
    chair: str
    status: SessionStatus
    items: int
    advised: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "date": self.held_on.isoformat(),
            "time": self.start_time,
            "place": self.place,
            "chair": self.chair,
            "status": self.status.value,
            "items": self.items,
            "advised": self.advised,
        }


def normal_time(value: str) -> str | None:
    """'9:30' -> '09:30'; None when it is no time of day."""
    match = _TIME.match(value.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def session_problems(data: SessionInput) -> list[FieldError]:
    errors = []
    if normal_time(data.start_time) is None:
        errors.append(FieldError("start_time", "Vul een aanvangstijd in als uu:mm, bijvoorbeeld 09:30."))
    if not data.chair.strip():
        errors.append(FieldError("chair", "Vul de voorzitter in."))
    for label, value, limit in (
        ("chair", data.chair, 100),
        ("minute_taker", data.minute_taker, 100),
        ("place", data.place, 200),
        ("video_link", data.video_link, 500),
    ):
        if len(value.strip()) > limit:
            errors.append(FieldError(label, f"Maximaal {limit} tekens."))
    if any(not m.name.strip() or len(m.name.strip()) > 100 for m in data.members):
        errors.append(FieldError("members", "Elk lid heeft een naam van hoogstens 100 tekens."))
    return errors


def session_by_id(session: Session, session_id: int, expected_version: int | None = None) -> TableSession:
    found = session.get(TableSession, session_id)
    if found is None:
        raise NotFound(f"Zitting {session_id} bestaat niet.")
    if expected_version is not None and found.version != expected_version:
        raise StaleEdit(
            f"Iemand anders heeft zitting {session_id} intussen gewijzigd. Uw wijziging is niet "
            "opgeslagen; laad de zitting opnieuw."
        )
    return found


def _apply(target: TableSession, data: SessionInput) -> None:
    target.held_on = data.held_on
    target.start_time = normal_time(data.start_time) or ""
    target.chair = data.chair.strip()
    target.place = data.place.strip()
    target.video_link = data.video_link.strip()
    target.minute_taker = data.minute_taker.strip()
    target.members = [
        SessionMember(name=m.name.strip(), discipline=m.discipline.value, absent=m.absent)
        for m in data.members
    ]


def plan_session(*, uow: UnitOfWork, actor: Actor, data: SessionInput) -> int:
    """A new sitting with status gepland; returns its id."""
    require(actor.role, Action.PLAN_SESSIONS)
    if errors := session_problems(data):
        raise InvalidInput(errors)
    with uow:
        sitting = TableSession(status=SessionStatus.PLANNED.value)
        _apply(sitting, data)
        # The chair who plans it chairs it (need-to-know, issue 12 §2): the cases put on its
        # agenda are theirs to read. Chair and members are linked to accounts (migration 0009).
        sitting.chair_account_id = actor.account_id
        uow.session.add(sitting)
        uow.flush()
        record(uow.session, actor, "session_plan", detail=f"zitting {sitting.id} op {data.held_on}")
        uow.commit()
        return sitting.id


def update_session(
    *, uow: UnitOfWork, actor: Actor, session_id: int, data: SessionInput, expected_version: int | None
) -> int:
    """Change date, time, place, people; returns the new version."""
    require(actor.role, Action.PLAN_SESSIONS)
    if errors := session_problems(data):
        raise InvalidInput(errors)
    with uow:
        sitting = session_by_id(uow.session, session_id, expected_version)
        _apply(sitting, data)
        uow.flush()
        record(uow.session, actor, "session_edit", detail=f"zitting {session_id}")
        uow.commit()
        return sitting.version


def set_session_status(
    *,
    uow: UnitOfWork,
    actor: Actor,
    session_id: int,
    status: SessionStatus,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Hold, cancel, plan again, or reopen a held sitting that has no advice yet (the chair
    corrects a mistake; audited as session_reopen)."""
    require(actor.role, Action.PLAN_SESSIONS)
    with uow:
        sitting = session_by_id(uow.session, session_id, expected_version)
        current = SessionStatus(sitting.status)
        advised = uow.session.scalar(
            select(func.count(AgendaItem.id)).where(
                AgendaItem.session_id == session_id, AgendaItem.advice_type.is_not(None)
            )
        )
        check_session_transition(
            current, status, held_on=sitting.held_on, today=today or date.today(), advised=advised or 0
        )
        sitting.status = status.value
        uow.flush()
        action = "session_reopen" if current is SessionStatus.HELD else "session_status"
        record(uow.session, actor, action, detail=f"zitting {session_id}: {current} -> {status}")
        uow.commit()
        return sitting.version


def list_sessions(
    *, uow: UnitOfWork, actor: Actor, since: date | None = None, status: SessionStatus | None = None
) -> list[SessionRow]:
    """Sittings, newest first. A region holds about one a week, so this list stays short."""
    require(actor.role, Action.VIEW_SESSIONS)
    items = (
        select(
            AgendaItem.session_id,
            func.count().label("n"),
            func.count(AgendaItem.advice_type).label("advised"),
        )
        .group_by(AgendaItem.session_id)
        .subquery()
    )
    query = (
        select(TableSession, func.coalesce(items.c.n, 0), func.coalesce(items.c.advised, 0))
        .outerjoin(items, items.c.session_id == TableSession.id)
        .order_by(TableSession.held_on.desc(), TableSession.start_time.desc(), TableSession.id.desc())
    )
    if since is not None:
        query = query.where(TableSession.held_on >= since)
    if status is not None:
        query = query.where(TableSession.status == status.value)
    with uow:
        return [
            SessionRow(
                id=s.id,
                version=s.version,
                held_on=s.held_on,
                start_time=s.start_time,
                place=s.place or ("video" if s.video_link else ""),
                chair=s.chair,
                status=SessionStatus(s.status),
                items=n,
                advised=advised,
            )
            for s, n, advised in uow.session.execute(query)
        ]

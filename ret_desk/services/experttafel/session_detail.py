"""One sitting in full for the Experttafel workspace: details, members, and the agenda
with advice and signals. Reading it shows the youths' names, so each case read is logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ret_desk.db.audit import record_case
from ret_desk.db.models import AgendaItem, Case, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.experttafel import Discipline, SessionStatus
from ret_desk.domain.permissions import Action, require
from ret_desk.services.access.rows import restrict
from ret_desk.services.experttafel.advice_views import ItemView, item_view
from ret_desk.services.experttafel.sittings import MemberInput, SessionInput, session_by_id


@dataclass(frozen=True, slots=True)
class SessionDetail:
    id: int
    version: int
    status: SessionStatus
    data: SessionInput
    items: tuple[ItemView, ...]
    youths: dict[str, str]  # case number -> "Noor van der Zwaag, 15 jaar, Assen"


def get_session(
    *, uow: UnitOfWork, actor: Actor, session_id: int, today: date | None = None
) -> SessionDetail:
    require(actor.role, Action.VIEW_SESSIONS)
    today = today or date.today()
    with uow:
        session = uow.session
        sitting = session_by_id(session, session_id)
        # The agenda with its cases, youths and actions in a few queries, not one per item.
        # need-to-know (issue 12 §2): a sitting shows the cases the reader may see
        items = session.scalars(
            restrict(
                session,
                select(AgendaItem)
                .join(Case, AgendaItem.case_id == Case.id)
                .where(AgendaItem.session_id == session_id),
            )
            .options(
                selectinload(AgendaItem.actions),
                selectinload(AgendaItem.case).selectinload(Case.youth).selectinload(Youth.municipality),
            )
            .order_by(AgendaItem.position)
        ).all()
        youths = {}
        for item in items:
            youth = item.case.youth
            municipality = youth.municipality.name if youth.municipality else ""
            age = age_in_years(youth.birth_date, today)
            youths[item.case.number] = f"{youth.given_name} {youth.family_name}, {age} jaar, {municipality}"
            record_case(session, actor, "case_view", item.case, detail=f"agenda zitting {session_id}")
        detail = SessionDetail(
            id=sitting.id,
            version=sitting.version,
            status=SessionStatus(sitting.status),
            data=SessionInput(
                held_on=sitting.held_on,
                start_time=sitting.start_time,
                chair=sitting.chair,
                place=sitting.place,
                video_link=sitting.video_link,
                minute_taker=sitting.minute_taker,
                members=tuple(
                    MemberInput(m.name, Discipline(m.discipline), m.absent) for m in sitting.members
                ),
            ),
            items=tuple(item_view(i, today) for i in items),
            youths=youths,
        )
        uow.commit()
        return detail

"""Test premises under need-to-know (issue 12 §2): make a case one a chair or placement
officer may read, the way it happens in the work (on the chair's agenda, on a placement
route), for tests whose subject is something else."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ret_desk.db.models import AgendaItem, Case, Route, TableSession
from ret_desk.domain.actor import Actor


def on_agenda_of(store, chair: Actor, *numbers: str) -> int:  # noqa: ANN001
    """Put the cases on the agenda of a new sitting that `chair` chairs; the sitting's id."""
    with store.uow() as uow:
        s = uow.session
        sitting = TableSession(held_on=date.today(), start_time="09:00", chair=chair.username,
                               status="gepland", chair_account_id=chair.account_id)  # fmt: skip
        s.add(sitting)
        s.flush()
        for position, number in enumerate(numbers, start=1):
            case_id = s.scalar(select(Case.id).where(Case.number == number))
            s.add(AgendaItem(session_id=sitting.id, case_id=case_id, position=position, question="Vraag"))
        uow.commit()
        return sitting.id


def on_placement_route(store, *numbers: str) -> None:  # noqa: ANN001
    """Route the cases (directly, as a premise) onto the region's placement route."""
    with store.uow() as uow:
        s = uow.session
        key = s.scalar(select(Route.key).where(Route.kind == "placement").order_by(Route.position))
        for case in s.scalars(select(Case).where(func.lower(Case.number).in_([n.lower() for n in numbers]))):
            case.current_route = key
        uow.commit()

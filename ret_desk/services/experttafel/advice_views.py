"""Read side of the Experttafel's advice: agenda items as plain views with their
follow-up signals, per sitting and per case, and the list of open follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from ret_desk.db.models import ActionItem, AgendaItem, Case, TableSession
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.experttafel import AdviceType, SessionStatus
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.table_signals import ActionFacts, AdviceFacts, TableSignal, evaluate_advice
from ret_desk.services.access.rows import restrict


@dataclass(frozen=True, slots=True)
class ActionView:
    id: int
    description: str
    owner: str
    due_on: date | None
    done: bool
    overdue: bool


@dataclass(frozen=True, slots=True)
class ItemView:
    """One agenda item with its advice; the youth is described by the caller."""

    id: int
    version: int
    session_id: int
    session_date: date
    session_status: SessionStatus
    position: int
    case_number: str
    case_version: int
    slot_start: str
    slot_minutes: int
    question: str
    presenter: str
    youth_attends: bool
    parents_attend: bool
    considerations: str
    advice_type: AdviceType | None
    advice_text: str
    follow_up_on: date | None
    referrer_accepted: bool | None
    follow_up_outcome: str
    actions: tuple[ActionView, ...]
    signals: tuple[TableSignal, ...]

    @property
    def attendance(self) -> str:
        who = [w for w, yes in (("jeugdige", self.youth_attends), ("ouders", self.parents_attend)) if yes]
        return "aanwezig: " + " en ".join(who) if who else ""


def item_view(item: AgendaItem, today: date) -> ItemView:
    facts = AdviceFacts(
        session_date=item.session.held_on,
        follow_up_on=item.follow_up_on,
        follow_up_outcome=item.follow_up_outcome,
        actions=tuple(ActionFacts(a.description, a.owner, a.due_on, a.done) for a in item.actions),
    )
    signals = tuple(evaluate_advice(facts, today)) if item.advice_type else ()
    return ItemView(
        id=item.id,
        version=item.version,
        session_id=item.session_id,
        session_date=item.session.held_on,
        session_status=SessionStatus(item.session.status),
        position=item.position,
        case_number=item.case.number,
        case_version=item.case.version,
        slot_start=item.slot_start,
        slot_minutes=item.slot_minutes,
        question=item.question,
        presenter=item.presenter,
        youth_attends=item.youth_attends,
        parents_attend=item.parents_attend,
        considerations=item.considerations,
        advice_type=AdviceType(item.advice_type) if item.advice_type else None,
        advice_text=item.advice_text,
        follow_up_on=item.follow_up_on,
        referrer_accepted=item.referrer_accepted,
        follow_up_outcome=item.follow_up_outcome,
        actions=tuple(
            ActionView(
                a.id,
                a.description,
                a.owner,
                a.due_on,
                a.done,
                not a.done and bool(a.due_on and a.due_on < today),
            )
            for a in item.actions
        ),
        signals=signals,
    )


def case_items(session: Session, case_id: int, today: date) -> list[ItemView]:
    """Every agenda item of one case, oldest sitting first (the case's advice history)."""
    items = session.scalars(
        select(AgendaItem)
        .join(TableSession)
        .where(AgendaItem.case_id == case_id)
        .options(selectinload(AgendaItem.actions))
        .order_by(TableSession.held_on, AgendaItem.id)
    )
    return [item_view(i, today) for i in items]


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    case_number: str
    session_id: int
    session_date: date
    item_id: int
    signal: TableSignal


def follow_ups(*, uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[FollowUpRow]:
    """All overdue action points and due follow-ups, oldest sitting first. Only the case
    number is shown, so this list reads no child's data."""
    require(actor.role, Action.VIEW_SESSIONS)
    today = today or date.today()
    overdue_action = exists().where(
        ActionItem.agenda_item_id == AgendaItem.id,
        ActionItem.done.is_(False),
        ActionItem.due_on < today,
    )
    follow_up_due = and_(AgendaItem.follow_up_on <= today, AgendaItem.follow_up_outcome == "")
    query = (
        select(AgendaItem)
        .join(TableSession)
        .join(Case)
        .where(AgendaItem.advice_type.is_not(None), or_(overdue_action, follow_up_due))
        .options(selectinload(AgendaItem.actions))
        .order_by(TableSession.held_on, AgendaItem.position)
    )
    with uow:
        rows = []
        for item in uow.session.scalars(restrict(uow.session, query)):  # need-to-know
            view = item_view(item, today)
            rows += [
                FollowUpRow(view.case_number, view.session_id, view.session_date, view.id, s)
                for s in view.signals
            ]
        return rows

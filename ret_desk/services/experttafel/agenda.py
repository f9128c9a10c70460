"""The agenda of a sitting: put a case on it (routing it to the Experttafel in the same
step if a coordinator says so), edit, reorder and take it off again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import AgendaItem, TableSession
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation, StaleEdit
from ret_desk.domain.experttafel import SessionStatus, check_agenda_route, check_editable
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.access.rows import check_case
from ret_desk.services.admin.reference import route_kind_of, route_label_in, routes_of_kind
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.routing import assign_route
from ret_desk.services.experttafel.sittings import normal_time, session_by_id

MAX_QUESTION = 4000


@dataclass(frozen=True, slots=True)
class AgendaInput:
    question: str
    presenter: str = ""
    slot_start: str = ""  # empty: right after the previous item
    slot_minutes: int = 30
    youth_attends: bool = False
    parents_attend: bool = False


def agenda_problems(data: AgendaInput) -> list[FieldError]:
    errors = []
    if not data.question.strip():
        errors.append(FieldError("question", "Vul de vraagstelling aan de tafel in."))
    elif len(data.question) > MAX_QUESTION:
        errors.append(
            FieldError("question", f"De vraagstelling is te lang (maximaal {MAX_QUESTION} tekens).")
        )
    if data.slot_start.strip() and normal_time(data.slot_start) is None:
        errors.append(FieldError("slot_start", "Vul de begintijd in als uu:mm, bijvoorbeeld 10:15."))
    if not 5 <= data.slot_minutes <= 240:
        errors.append(FieldError("slot_minutes", "Een agendapunt duurt 5 tot 240 minuten."))
    if len(data.presenter.strip()) > 100:
        errors.append(FieldError("presenter", "Maximaal 100 tekens."))
    return errors


def item_by_id(session: Session, item_id: int, expected_version: int | None = None) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"Agendapunt {item_id} bestaat niet.")
    if expected_version is not None and item.version != expected_version:
        raise StaleEdit(
            "Iemand anders heeft dit agendapunt intussen gewijzigd. Uw wijziging is niet "
            "opgeslagen; laad de zitting opnieuw."
        )
    return item


def item_for_case(session: Session, session_id: int, number: str) -> AgendaItem:
    case = case_by_number(session, number)
    item = session.scalar(
        select(AgendaItem).where(AgendaItem.session_id == session_id, AgendaItem.case_id == case.id)
    )
    if item is None:
        raise NotFound(f"Casus {case.number} staat niet op de agenda van zitting {session_id}.")
    return item


def lock_sitting(session: Session, session_id: int) -> None:
    """Hold the sitting until this transaction ends, so that two chairs adding to one
    sitting at once take turns: the second sees the first's item and takes the next
    position and time (issue 10). PostgreSQL locks the row (FOR UPDATE); SQLite takes its
    write lock with a write that changes nothing. The store's unique rules back this up."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(TableSession.id).where(TableSession.id == session_id).with_for_update())
    else:
        session.execute(
            update(TableSession)
            .where(TableSession.id == session_id)
            .values(id=TableSession.id)
            .execution_options(synchronize_session=False)
        )


def _next_slot(sitting: TableSession) -> str:
    """Right after the item that ends last, or at the start of the sitting: never a start
    time an item of the sitting already has, even after items were moved (issue 10)."""

    def at(hhmm: str) -> datetime:
        return datetime.combine(date.min, datetime.strptime(hhmm, "%H:%M").time())

    ends = [at(i.slot_start) + timedelta(minutes=i.slot_minutes) for i in sitting.items if i.slot_start]
    return max(ends, default=at(sitting.start_time)).strftime("%H:%M")


def add_to_agenda(
    *,
    uow: UnitOfWork,
    actor: Actor,
    session_id: int,
    number: str,
    data: AgendaInput,
    route_reason: str | None = None,
    today: date | None = None,
) -> int:
    """Put case `number` on the agenda; returns the item id. With `route_reason`, a case
    not yet on the Experttafel route is routed there in the same transaction."""
    require(actor.role, Action.PROPOSE_AGENDA)
    if errors := agenda_problems(data):
        raise InvalidInput(errors)
    with uow:
        session = uow.session
        lock_sitting(session, session_id)
        sitting = session_by_id(session, session_id)
        check_editable(SessionStatus(sitting.status))
        if sitting.status == SessionStatus.HELD.value:
            raise RuleViolation("Deze zitting is al gehouden; zet de casus op een volgende zitting.")
        case = case_by_number(session, number, rows=False)
        kind = route_kind_of(session, case.current_route)
        tables = routes_of_kind(session, RouteKind.ADVICE_TABLE)
        if not tables:
            raise RuleViolation("De regio van deze opslag heeft geen route van de soort adviestafel.")
        route_now = kind is not RouteKind.ADVICE_TABLE and bool(route_reason and route_reason.strip())
        check_agenda_route(kind, route_now, route_label_in(session, case.current_route, ""), tables[0].label)
        if kind is not RouteKind.ADVICE_TABLE:  # a case on the advice table's route is a
            check_case(session, case)  # candidate for any agenda; others follow the rows
        if any(i.case_id == case.id for i in sitting.items):
            raise RuleViolation(f"Casus {case.number} staat al op de agenda van deze zitting.")
        if route_now:
            require(actor.role, Action.ROUTE_CASE)
            assign_route(session, actor, case, tables[0].key, route_reason or "", today or date.today())
        position = (
            session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.session_id == session_id))
            or 0
        ) + 1
        item = AgendaItem(
            session=sitting,
            case=case,
            position=position,
            slot_start=normal_time(data.slot_start) or _next_slot(sitting),
            slot_minutes=data.slot_minutes,
            question=data.question.strip(),
            presenter=data.presenter.strip(),
            youth_attends=data.youth_attends,
            parents_attend=data.parents_attend,
        )
        session.add(item)
        uow.flush()
        record_case(session, actor, "agenda_add", case, detail=f"zitting {session_id}, punt {position}")
        uow.commit()
        return item.id


def update_agenda_item(
    *, uow: UnitOfWork, actor: Actor, item_id: int, data: AgendaInput, expected_version: int | None = None
) -> int:
    require(actor.role, Action.PROPOSE_AGENDA)
    if errors := agenda_problems(data):
        raise InvalidInput(errors)
    with uow:
        item = item_by_id(uow.session, item_id, expected_version)
        lock_sitting(uow.session, item.session_id)
        check_editable(SessionStatus(item.session.status))
        item.question = data.question.strip()
        item.presenter = data.presenter.strip()
        item.slot_start = normal_time(data.slot_start) or item.slot_start
        item.slot_minutes = data.slot_minutes
        item.youth_attends = data.youth_attends
        item.parents_attend = data.parents_attend
        uow.flush()
        record_case(uow.session, actor, "agenda_edit", item.case, detail=f"zitting {item.session_id}")
        uow.commit()
        return item.version


def remove_from_agenda(*, uow: UnitOfWork, actor: Actor, item_id: int) -> None:
    """Take a case off the agenda; not once the table has advised on it."""
    require(actor.role, Action.PLAN_SESSIONS)
    with uow:
        item = item_by_id(uow.session, item_id)
        if item.advice_type is not None:
            raise RuleViolation("Over deze casus is al geadviseerd; het agendapunt blijft staan.")
        case, session_id = item.case, item.session_id
        uow.session.delete(item)
        uow.flush()
        record_case(uow.session, actor, "agenda_remove", case, detail=f"zitting {session_id}")
        uow.commit()


def move_agenda_item(*, uow: UnitOfWork, actor: Actor, item_id: int, steps: int) -> None:
    """Move an item up (negative) or down the agenda; positions stay 1..n."""
    require(actor.role, Action.PLAN_SESSIONS)
    with uow:
        item = item_by_id(uow.session, item_id)
        lock_sitting(uow.session, item.session_id)
        uow.session.refresh(item.session)
        items = sorted(item.session.items, key=lambda i: i.position)
        index = items.index(item)
        target = max(0, min(len(items) - 1, index + steps))
        items.insert(target, items.pop(index))
        # Two steps, as each position is unique on the sitting (issue 10): first out of
        # the way (below zero), then to 1..n.
        for position, each in enumerate(items, start=1):
            each.position = -position
        uow.flush()
        for position, each in enumerate(items, start=1):
            each.position = position
        uow.flush()
        record_case(uow.session, actor, "agenda_move", item.case, detail=f"zitting {item.session_id}")
        uow.commit()

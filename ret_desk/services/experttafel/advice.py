"""After the sitting: the table's advice on an agenda item, its action points, and the
follow-up (did the referrer accept, what came of it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ret_desk.db.audit import record_case
from ret_desk.db.base import utcnow
from ret_desk.db.models import ActionItem
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation
from ret_desk.domain.experttafel import AdviceType, SessionStatus, check_editable
from ret_desk.domain.permissions import Action, require
from ret_desk.services.experttafel.agenda import item_by_id, item_for_case

MAX_TEXT = 20000


@dataclass(frozen=True, slots=True)
class AdviceInput:
    advice_type: AdviceType
    advice_text: str
    considerations: str = ""
    follow_up_on: date | None = None
    referrer_accepted: bool | None = None
    follow_up_outcome: str = ""


def advice_problems(data: AdviceInput, session_date: date) -> list[FieldError]:
    errors = []
    if not data.advice_text.strip():
        errors.append(FieldError("advice_text", "Vul het advies van de tafel in."))
    for name, value in (("advice_text", data.advice_text), ("considerations", data.considerations)):
        if len(value) > MAX_TEXT:
            errors.append(FieldError(name, f"Maximaal {MAX_TEXT} tekens."))
    if data.follow_up_on is not None and data.follow_up_on < session_date:
        errors.append(FieldError("follow_up_on", "De follow-updatum ligt vóór de zitting."))
    return errors


def _advisable(item, today: date) -> None:  # noqa: ANN001
    status = SessionStatus(item.session.status)
    check_editable(status)
    if item.session.held_on > today:
        raise RuleViolation("De zitting is nog niet geweest; leg het advies na de zitting vast.")


def record_advice(
    *,
    uow: UnitOfWork,
    actor: Actor,
    item_id: int,
    data: AdviceInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Record or correct the advice on agenda item `item_id`; returns its new version."""
    require(actor.role, Action.RECORD_ADVICE)
    today = today or date.today()
    with uow:
        item = item_by_id(uow.session, item_id, expected_version)
        _advisable(item, today)
        if errors := advice_problems(data, item.session.held_on):
            raise InvalidInput(errors)
        first = item.advice_type is None
        item.advice_type = data.advice_type.value
        item.advice_text = data.advice_text.strip()
        item.considerations = data.considerations.strip()
        item.follow_up_on = data.follow_up_on
        item.referrer_accepted = data.referrer_accepted
        item.follow_up_outcome = data.follow_up_outcome.strip()
        if first:
            item.advice_recorded_at = utcnow()
            item.case.last_progress_on = today  # an advice moves the case on
        uow.flush()
        record_case(uow.session, actor, "advice_record", item.case, detail=f"zitting {item.session_id}")
        uow.commit()
        return item.version


def advice_item_id(*, uow: UnitOfWork, actor: Actor, session_id: int, number: str) -> int:
    """The agenda item of case `number` on sitting `session_id` (for the command line)."""
    require(actor.role, Action.VIEW_SESSIONS)
    with uow:
        return item_for_case(uow.session, session_id, number).id


def add_action(
    *,
    uow: UnitOfWork,
    actor: Actor,
    item_id: int,
    description: str,
    owner: str,
    due_on: date | None,
    today: date | None = None,
) -> int:
    require(actor.role, Action.RECORD_ADVICE)
    errors = []
    if not description.strip():
        errors.append(FieldError("description", "Omschrijf het actiepunt."))
    if len(owner.strip()) > 100:
        errors.append(FieldError("owner", "Maximaal 100 tekens."))
    if errors:
        raise InvalidInput(errors)
    with uow:
        item = item_by_id(uow.session, item_id)
        _advisable(item, today or date.today())
        action = ActionItem(item=item, description=description.strip(), owner=owner.strip(), due_on=due_on)
        uow.session.add(action)
        uow.flush()
        record_case(uow.session, actor, "action_add", item.case, detail=f"zitting {item.session_id}")
        uow.commit()
        return action.id


def set_action_done(
    *, uow: UnitOfWork, actor: Actor, action_id: int, done: bool, today: date | None = None
) -> None:
    require(actor.role, Action.RECORD_ADVICE)
    with uow:
        action = uow.session.get(ActionItem, action_id)
        if action is None:
            raise NotFound(f"Actiepunt {action_id} bestaat niet.")
        action.done = done
        action.done_on = (today or date.today()) if done else None
        uow.flush()
        state = "afgerond" if done else "heropend"
        record_case(uow.session, actor, "action_done", action.item.case, detail=f"actiepunt {state}")
        uow.commit()

"""Dated working notes on a case."""

from __future__ import annotations

from datetime import date

from ret_desk.db.audit import record_case
from ret_desk.db.models import Note
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.permissions import Action, require
from ret_desk.services.cases.case_lookup import case_by_number

MAX_NOTE = 10_000


def add_note(*, uow: UnitOfWork, actor: Actor, number: str, text: str, noted_on: date | None = None) -> int:
    """Add a working note; returns its id. A note is not progress: it leaves the
    no-progress signal alone."""
    require(actor.role, Action.ADD_NOTE)
    text = text.strip()
    if not text:
        raise InvalidInput([FieldError("text", "Een aantekening mag niet leeg zijn.")])
    if len(text) > MAX_NOTE:
        raise InvalidInput([FieldError("text", f"Een aantekening heeft hoogstens {MAX_NOTE} tekens.")])
    noted_on = noted_on or date.today()
    if noted_on > date.today():
        raise InvalidInput([FieldError("noted_on", "De datum van een aantekening ligt niet in de toekomst.")])
    with uow:
        case = case_by_number(uow.session, number)
        note = Note(
            case=case,
            noted_on=noted_on,
            author_account_id=actor.account_id,
            author_name=actor.username,
            text=text,
        )
        uow.session.add(note)
        uow.flush()
        record_case(uow.session, actor, "note_add", case)
        uow.commit()
        return note.id

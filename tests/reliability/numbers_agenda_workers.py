"""What each spawned process of tests/reliability/test_numbers_agenda_concurrency.py does:
call the real service on the test's store, as one user at one workstation would.

Kept apart from the test module so that a spawned process imports only RET Desk, not
pytest's fixtures, nor Alembic (the store is there already: no Store.open). A refusal
comes back as the first line of the harness's report, "RuleViolation: <Dutch message>"."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import sessionmaker

from ret_desk.db.engine import make_engine
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import YouthChoice
from ret_desk.services.experttafel import agenda
from tests.support.drafts import draft


class _Store:
    """The store's engine and units of work, as db/store.py makes them."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    def close(self) -> None:
        self.engine.dispose()


def register(url: str, actor: Actor, family_name: str) -> str:
    """One intake of a new youth; returns the case number it was given."""
    store = _Store(url)
    try:
        ref = intake.register_referral(
            uow=store.uow(),
            actor=actor,
            draft=draft(bsn=None, family_name=family_name),
            youth=YouthChoice(),
            today=date.today(),
        )
        return ref.number
    finally:
        store.close()


def add_to_agenda(url: str, actor: Actor, session_id: int, number: str) -> int:
    """A chair puts a case on a sitting, at the next position and time; returns the item id."""
    store = _Store(url)
    try:
        return agenda.add_to_agenda(
            uow=store.uow(),
            actor=actor,
            session_id=session_id,
            number=number,
            data=agenda.AgendaInput(question="Wat past bij deze jeugdige?"),
        )
    finally:
        store.close()

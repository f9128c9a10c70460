"""Case numbers that cannot collide and an agenda the store keeps in order (issue 10 §1),
on SQLite and PostgreSQL: what the user sees when a rule is broken, and that nothing was
written. The races themselves are in tests/reliability/test_numbers_agenda_concurrency.py."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from ret_desk.cli import main
from ret_desk.db.models import AgendaItem, Case, CaseNumberCounter, Youth
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import RuleViolation
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import YouthChoice
from ret_desk.services.demo import demo_data
from ret_desk.services.experttafel import agenda
from tests.conftest import PASSWORD
from tests.db.test_experttafel import sitting
from tests.support.drafts import draft

YEAR = 2026
REFERRAL = date(YEAR, 11, 10)  # numbers count per referral year: a fixed one, whatever today is


def count(store, model) -> int:
    with store.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def register(store, actor, **changes) -> str:
    return intake.register_referral(
        uow=store.uow(),
        actor=actor,
        draft=draft(bsn=None, **({"referral_date": REFERRAL} | changes)),
        youth=YouthChoice(),
    ).number


def test_a_number_of_its_own_is_passed_by_the_next_drawn_number(store, coordinator):
    assert register(store, coordinator) == f"RET-{YEAR}-00001"
    # An imported or typed case brings its own number, far ahead of the counter
    assert register(store, coordinator, case_number=f"RET-{YEAR}-00042") == f"RET-{YEAR}-00042"
    assert register(store, coordinator) == f"RET-{YEAR}-00043"
    with store.uow() as uow:
        assert uow.session.get(CaseNumberCounter, f"RET-{YEAR}").last_number == 43


def test_an_import_with_numbers_of_its_own_and_one_without(store, coordinator, tmp_path):
    from ret_desk.services.cases import importer
    from tests.db.test_import_export import GOOD, second, write_csv

    # An import brings RET-2026-00042 (2026: the rows' referral year), and a row without a number
    path = write_csv(tmp_path / "in.csv", [dict(GOOD, casusnummer="RET-2026-00042"), second(casusnummer="")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert (report.written, report.errors) == (2, [])
    with store.uow() as uow:
        numbers = sorted(uow.session.scalars(select(Case.number)))
    assert numbers == ["RET-2026-00042", "RET-2026-00043"]
    # And a later intake in 2026 passes both
    assert register(store, coordinator) == "RET-2026-00044"


def test_a_drawn_number_skips_one_that_is_already_taken(store, coordinator):
    register(store, coordinator)
    register(store, coordinator)
    with store.uow() as uow:  # a counter set back by hand
        uow.session.execute(text("UPDATE case_number_counter SET last_number = 0"))
        uow.commit()
    assert register(store, coordinator) == f"RET-{YEAR}-00003"


def test_a_taken_number_the_checks_missed_is_refused_by_the_store_in_dutch(store, coordinator, monkeypatch):
    number = register(store, coordinator)
    cases, youths = count(store, Case), count(store, Youth)
    # As when a second intake with the same number passed the check before the first committed
    monkeypatch.setattr(intake, "draft_problems", lambda *a, **k: [])
    with pytest.raises(RuleViolation, match="Dit casusnummer bestaat al: elk casusnummer is uniek"):
        register(store, coordinator, case_number=number)
    assert (count(store, Case), count(store, Youth)) == (cases, youths)


def test_demo_numbers_come_from_their_own_counter(store, actors):
    admin = actors[Role.ADMIN]
    demo_data.generate(uow=store.uow(), actor=admin, youths=3, seed=1)
    demo_data.generate(uow=store.uow(), actor=admin, youths=3, seed=2)
    with store.uow() as uow:
        numbers = list(uow.session.scalars(select(Case.number)))
        assert uow.session.get(CaseNumberCounter, "DEMO").last_number == 6
    assert sorted(int(n[-6:]) for n in numbers) == [1, 2, 3, 4, 5, 6]


@pytest.fixture
def planned(store, actors):
    """A sitting with two Experttafel cases on it."""
    from ret_desk.services.experttafel import sittings

    chair, coordinator = actors[Role.CHAIR], actors[Role.COORDINATOR]
    sid = sittings.plan_session(
        uow=store.uow(), actor=chair, data=sitting(held_on=date.today() + timedelta(days=30))
    )
    numbers = [register(store, coordinator) for _ in range(3)]
    for number in numbers[:2]:
        agenda.add_to_agenda(
            uow=store.uow(), actor=chair, session_id=sid, number=number, data=agenda.AgendaInput("Wat past?")
        )
    return sid, numbers


def items(store, sid) -> list[tuple[int, str]]:
    with store.uow() as uow:
        return list(
            uow.session.execute(
                select(AgendaItem.position, AgendaItem.slot_start)
                .where(AgendaItem.session_id == sid)
                .order_by(AgendaItem.position)
            )
        )


def test_items_get_the_next_position_and_time_and_still_move(store, actors, planned):
    sid, numbers = planned
    assert items(store, sid) == [(1, "09:30"), (2, "10:00")]
    with store.uow() as uow:
        first = uow.session.scalar(select(AgendaItem.id).where(AgendaItem.position == 1))
    agenda.move_agenda_item(uow=store.uow(), actor=actors[Role.CHAIR], item_id=first, steps=1)
    assert items(store, sid) == [(1, "10:00"), (2, "09:30")]
    # The next item starts after the one that ends last, not after the last by position
    agenda.add_to_agenda(
        uow=store.uow(), actor=actors[Role.CHAIR], session_id=sid, number=numbers[2],
        data=agenda.AgendaInput("Wat past?"),
    )  # fmt: skip
    assert items(store, sid)[-1] == (3, "10:30")


def test_a_taken_start_time_is_refused_in_dutch_and_nothing_is_written(store, actors, planned):
    sid, numbers = planned
    with pytest.raises(RuleViolation, match="begint al een agendapunt op dit tijdstip"):
        agenda.add_to_agenda(
            uow=store.uow(), actor=actors[Role.CHAIR], session_id=sid, number=numbers[2],
            data=agenda.AgendaInput("Wat past?", slot_start="10:00"),
        )  # fmt: skip
    assert items(store, sid) == [(1, "09:30"), (2, "10:00")]


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ("position", "Deze plaats op de agenda is al bezet"),
        ("case_id", "staat al op de agenda van deze zitting"),
    ],
)
def test_the_store_itself_refuses_a_shared_position_or_case(store, planned, column, message):
    sid, _ = planned
    with pytest.raises(RuleViolation, match=message), store.uow() as uow:
        first, second = uow.session.scalars(select(AgendaItem).order_by(AgendaItem.position))
        setattr(second, column, getattr(first, column))
        uow.commit()
    assert items(store, sid) == [(1, "09:30"), (2, "10:00")]


def test_the_command_line_names_the_rule_of_a_taken_start_time(
    store_url, store, actors, planned, monkeypatch, capsys
):
    sid, numbers = planned
    monkeypatch.setenv("RET_DESK_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    args = ["--db", store_url, "--user", "chair", "session", "agenda", str(sid), "add", numbers[2]]
    code = main([*args, "--question", "Wat past?", "--start", "9:30"])
    err = capsys.readouterr().err
    assert code == 1 and "Op deze zitting begint al een agendapunt op dit tijdstip" in err
    assert "Traceback" not in err and "IntegrityError" not in err
    assert items(store, sid) == [(1, "09:30"), (2, "10:00")]
    assert main([*args, "--question", "Wat past?", "--start", "11:00"]) == 0
    assert items(store, sid)[-1] == (3, "11:00")

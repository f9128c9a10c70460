"""Eight processes at once (issue 10 §1): intakes never share a case number, and chairs
adding to one sitting at once never share a position or a time, nor put one case on it
twice. On a real PostgreSQL in three rounds, and once on a SQLite file (where the write
lock serialises); every round checks the invariant in the store itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from ret_desk.db.models import AgendaItem, Case
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import YouthChoice
from ret_desk.services.experttafel import sittings
from tests.conftest import _pg_url, make_actors
from tests.reliability import numbers_agenda_workers as workers
from tests.reliability.harness import PROCESSES, run_at_once
from tests.support.drafts import draft

ROUNDS = {"postgresql": 3, "sqlite": 1}


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.pg), "sqlite"])
def team_store(request, tmp_path):
    """(url, store, actors, rounds) on the store of the param."""
    url = _pg_url(request) if request.param == "postgresql" else f"sqlite:///{tmp_path / 'ret.sqlite'}"
    store = Store.open(url)
    actors = make_actors(store)
    yield url, store, actors, ROUNDS[request.param]
    store.close()


def first_line(report: object) -> str:
    """What a process got back: its result, or the first line of its refusal."""
    return str(report).splitlines()[0]


def test_intakes_at_once_all_succeed_with_distinct_numbers(team_store):
    url, store, actors, rounds = team_store
    coordinator = actors[Role.COORDINATOR]
    given: list[str] = []
    for rnd in range(rounds):
        args = [(url, coordinator, f"Gelijktijdig{rnd}x{i}") for i in range(PROCESSES)]
        results = run_at_once(workers.register, args)
        # Every intake succeeded ...
        assert [status for status, _ in results] == ["ok"] * PROCESSES, [first_line(v) for _, v in results]
        numbers = [value for _, value in results]
        given += numbers
        # ... with its own number, counting on from the last round without a gap
        with store.uow() as uow:
            stored = list(uow.session.scalars(select(Case.number).order_by(Case.number)))
        assert sorted(numbers) == stored[-PROCESSES:]
        assert len(set(stored)) == len(stored) == len(given)
        serials = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
        assert serials == list(range(1, len(given) + 1))


def test_chairs_at_once_get_distinct_positions_and_times_and_one_item_per_case(team_store):
    url, store, actors, rounds = team_store
    chair, coordinator = actors[Role.CHAIR], actors[Role.COORDINATOR]
    distinct = PROCESSES - 2  # the last two processes try a case already tried by another
    for rnd in range(rounds):
        sid = sittings.plan_session(
            uow=store.uow(),
            actor=chair,
            data=sittings.SessionInput(
                held_on=date.today() + timedelta(days=7 + rnd), start_time="9:00", chair="Ineke Bos"
            ),
        )
        numbers = [
            intake.register_referral(
                uow=store.uow(), actor=coordinator, draft=draft(bsn=None, family_name=f"Tafel{rnd}x{i}"),
                youth=YouthChoice(),
            ).number
            for i in range(distinct)
        ]  # fmt: skip
        tried = numbers + numbers[:2]
        results = run_at_once(workers.add_to_agenda, [(url, chair, sid, n) for n in tried])

        # Each case went on once: one of its two tries succeeded, every other try too
        ok = [tried[i] for i, (status, _) in enumerate(results) if status == "ok"]
        assert sorted(ok) == sorted(numbers), [first_line(v) for _, v in results]
        refused = [first_line(v) for status, v in results if status == "error"]
        assert len(refused) == 2
        for line in refused:
            assert line.startswith("RuleViolation: ") and "staat al op de agenda van deze zitting" in line, (
                line
            )
        # In the store: one item per case, positions 1..n and start times all distinct
        with store.uow() as uow:
            rows = list(
                uow.session.execute(
                    select(AgendaItem.case_id, AgendaItem.position, AgendaItem.slot_start).where(
                        AgendaItem.session_id == sid
                    )
                )
            )
            total = uow.session.scalar(select(func.count()).select_from(AgendaItem))
        assert len(rows) == distinct and total == distinct * (rnd + 1)
        assert len({r.case_id for r in rows}) == distinct
        assert sorted(r.position for r in rows) == list(range(1, distinct + 1))
        slots = sorted(r.slot_start for r in rows)
        assert len(set(slots)) == distinct
        assert slots == [f"{9 + (30 * i) // 60:02d}:{(30 * i) % 60:02d}" for i in range(distinct)]

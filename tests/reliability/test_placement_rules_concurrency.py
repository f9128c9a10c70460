"""The placement rules hold under concurrency on a real PostgreSQL (issue 10 §1).

Eight processes are released at once (tests/reliability/harness.py) and call the real
services, several rounds per rule. After each round the store holds the rule, and every
refused process got a Dutch message naming the rule, never a raw IntegrityError.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ret_desk.db.store import Store
from ret_desk.domain.bsn import is_valid_bsn
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.placement import location_import
from tests.conftest import _pg_url, make_actors
from tests.reliability import placement_workers as workers
from tests.reliability.harness import PROCESSES, mp, run_at_once
from tests.support.drafts import draft
from tests.support.rop import LOCATIONS, write_locations

pytestmark = pytest.mark.pg

ROUNDS = 3
#: one foster-family location per process (rule 1), and one shared location (rule 3)
SPREAD = [f"2100{i:04d}" for i in range(1, PROCESSES + 1)]
SHARED = "21009999"
#: what a refused process may answer: the store's message or the friendly Python check,
#: each naming its rule
RUNNING_RULE = "één lopende plaatsing per jeugdige"
REQUEST_RULE = "al een open plaatsingsverzoek"
PLACES_RULES = ("vrije plekken nooit onder nul", "nooit meer plaatsingen dan plekken")
#: only the store's messages (db/constraint_messages.py) say this
FROM_THE_STORE = "Er is niets opgeslagen; laad de gegevens opnieuw."


def _bsns():
    n = 999900000
    while True:
        n += 1
        if is_valid_bsn(str(n)):
            yield str(n)


@pytest.fixture
def team(request, tmp_path: Path):
    """A PostgreSQL store with 8 + 1 locations, and its placement officer and coordinator."""
    url = _pg_url(request)
    store = Store.open(url)
    actors = make_actors(store)
    staff, coordinator = actors[Role.PLACEMENT_OFFICER], actors[Role.COORDINATOR]
    template = LOCATIONS[0]  # pleeggezin in Assen
    rows = [[*template[:2], f"Pleeggezinnen {agb}", agb, *template[4:9], "30", "30", *template[11:]]
            for agb in [*SPREAD, SHARED]]  # fmt: skip
    report = location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv", rows)
    )
    assert report.written == len(rows) and not report.errors
    bsns = _bsns()

    def new_case() -> str:
        bsn = next(bsns)
        case = draft(route="rop", gva_present=True, bsn=bsn, family_name=f"Test{bsn[-4:]}")
        return intake.register_referral(uow=store.uow(), actor=coordinator, draft=case).number

    yield store, url, staff, new_case
    store.close()


def _run(url: str, staff, rule: str, jobs: list[dict], agbs: list[str]) -> tuple[list, list]:  # noqa: ANN001
    """Every round of `rule` in 8 processes spawned once: each round's outcomes (one per
    process) and the invariant read from the store after each round."""
    barrier = mp.get_context("spawn").Barrier(PROCESSES)
    results = run_at_once(
        workers.rounds, [(url, staff, i, barrier, rule, jobs, agbs) for i in range(PROCESSES)]
    )
    assert all(status == "ok" for status, _ in results), results  # no process died
    per_process = [value["outcomes"] for _, value in results]
    outcomes = [[p[r] for p in per_process] for r in range(len(jobs))]
    return outcomes, results[0][1]["invariants"]


def _refusals(outcomes: list[tuple[str, str]], *rules: str) -> list[str]:
    """The refused attempts' messages; each must be a Dutch domain error naming its rule."""
    refused = [value for status, value in outcomes if status == "error"]
    for line in refused:
        kind = line.split(":", 1)[0]
        assert kind in ("RuleViolation", "InvalidInput"), line  # never a raw IntegrityError
        assert any(rule in line for rule in rules), line
    return refused


def test_one_running_placement_per_youth_under_8_processes(team):
    # Given a youth without a placement per round, and 8 staff placing them at 8 places at
    # once (in the last round without the Python check: the store alone holds the rule)
    store, url, staff, new_case = team
    jobs = [{"number": new_case(), "store_only": r == ROUNDS - 1} for r in range(ROUNDS)]
    outcomes, invariants = _run(url, staff, workers.RUNNING, jobs, SPREAD)
    for job, round_, seen in zip(jobs, outcomes, invariants, strict=True):
        # Then in every round exactly one placement runs, and the 7 others heard the rule
        assert seen == {"running": 1}
        assert sum(status == "ok" for status, _ in round_) == 1, round_
        refused = _refusals(round_, RUNNING_RULE)
        assert len(refused) == PROCESSES - 1
        assert not job["store_only"] or all(FROM_THE_STORE in line for line in refused)


def test_one_open_request_per_case_under_8_processes(team):
    # Given a case without a request per round, and 8 staff filing one at once (in the last
    # round without the Python check: the store alone holds the rule)
    store, url, staff, new_case = team
    jobs = [{"number": new_case(), "store_only": r == ROUNDS - 1} for r in range(ROUNDS)]
    outcomes, invariants = _run(url, staff, workers.REQUEST, jobs, [])
    for job, round_, seen in zip(jobs, outcomes, invariants, strict=True):
        assert seen == {"open": 1}
        assert sum(status == "ok" for status, _ in round_) == 1, round_
        refused = _refusals(round_, REQUEST_RULE)
        assert len(refused) == PROCESSES - 1
        assert not job["store_only"] or all(FROM_THE_STORE in line for line in refused)


#: per round: free places the provider reports, room left under the total, placements expected
PLACES_ROUNDS = [
    (1, 30, 1),  # one free place: one placement
    (3, 30, 3),  # three free places: three
    (30, 2, 2),  # more free places reported than the total leaves room for: the total wins
]


def test_never_more_placements_than_places_under_8_processes(team):
    # Given per round 8 youths, and the shared place with `free` free places and room for
    # `room` more placements under its total
    store, url, staff, new_case = team
    jobs = [
        {"numbers": [new_case() for _ in range(PROCESSES)], "free": free, "room": room}
        for free, room, _ in PLACES_ROUNDS
    ]
    # When 8 staff place the 8 youths there at once
    outcomes, invariants = _run(url, staff, workers.PLACES, jobs, [SHARED])
    for (free, room, placed), round_, seen in zip(PLACES_ROUNDS, outcomes, invariants, strict=True):
        # Then only as many as there was room for are placed, and the rest heard the rule
        assert sum(status == "ok" for status, _ in round_) == placed, round_
        assert len(_refusals(round_, *PLACES_RULES)) == PROCESSES - placed
        total = seen["taken"] - placed + room
        assert seen["total"] == total and seen["free"] == min(free, total) - placed >= 0
        assert seen["taken"] == seen["running"] <= seen["total"]

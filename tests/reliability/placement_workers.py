"""What each spawned process of test_placement_rules_concurrency does: several rounds of one
real service call on the test's real PostgreSQL, all processes released together per round.

Spawning a process costs about a second of imports (SQLAlchemy, Alembic, SciPy), so each
process is spawned once per rule (tests/reliability/harness.py `run_at_once`) and runs every
round, meeting the others at a barrier before and after each attempt. After each round,
process 0 reads the rule's invariant from the store while the others wait for the next
round, and returns what it read for the test to assert. A module of its own, so that a
spawned process imports only RET Desk, not the test module with its fixtures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from ret_desk.db.models import Case, Location, LocationOffer, Placement, PlacementRequest
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Urgency
from ret_desk.domain.placement import RequestStatus
from ret_desk.services.placement import capacity, placement_requests, placements

WAIT_S = 120
RUNNING, REQUEST, PLACES = "running", "request", "places"


def rounds(url: str, actor: Actor, index: int, barrier: Any, rule: str, jobs: list, agbs: list) -> dict:
    """Run every round of `rule` as process `index`; returns this process's outcome per round
    (("ok", id) or ("error", "<Type>: <message>")), and for process 0 the invariant read
    from the store after each round."""
    store = Store.open(url, upgrade=False)
    outcomes, invariants = [], []
    try:
        for job in jobs:
            if index == 0 and rule == PLACES:
                _set_places(store, actor, agbs[0], free=job["free"], room=job["room"])
            barrier.wait(WAIT_S)  # released together
            outcomes.append(_attempt(store, actor, index, rule, job, agbs))
            barrier.wait(WAIT_S)  # everyone is done: the round is over
            if index == 0:
                invariants.append(_invariant(store, rule, job, agbs))
    finally:
        store.close()
    return {"outcomes": outcomes, "invariants": invariants}


def _attempt(store: Store, actor: Actor, index: int, rule: str, job: dict, agbs: list) -> tuple[str, Any]:
    if job.get("store_only"):  # without the friendly Python checks: the store alone holds the rule
        placements.running_placement = lambda session, youth_id: None
        placement_requests.open_request = lambda session, case: None
    try:
        if rule == REQUEST:
            data = placement_requests.RequestInput(date.today(), Urgency.NORMAL, "pleeggezin", "Geen netwerk")
            return "ok", placement_requests.create_request(
                uow=store.uow(), actor=actor, number=job["number"], data=data
            )
        number, agb = (job["number"], agbs[index]) if rule == RUNNING else (job["numbers"][index], agbs[0])
        return "ok", placements.start_placement(
            uow=store.uow(), actor=actor, number=number, location_agb=agb, type_code="pleeggezin",
            started_on=date.today(),
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - the test decides whether it was a proper refusal
        return "error", f"{type(exc).__name__}: {exc}"


def _set_places(store: Store, actor: Actor, agb: str, *, free: int, room: int) -> None:
    """`free` free places reported, and room for `room` more placements under the total."""
    with store.uow() as uow:
        offer = uow.session.scalar(select(LocationOffer).join(Location).where(Location.agb == agb))
        offer_id, total = offer.id, offer.places_taken + room
    capacity.update_capacity(
        uow=store.uow(), actor=actor, offer_id=offer_id, places_free=min(free, total), places_total=total
    )


def _invariant(store: Store, rule: str, job: dict, agbs: list) -> dict:
    with store.uow() as uow:
        session = uow.session
        if rule == RUNNING:
            youth = session.scalar(select(Case.youth_id).where(Case.number == job["number"]))
            running = select(func.count()).where(Placement.youth_id == youth, Placement.ended_on.is_(None))
            return {"running": session.scalar(running)}
        if rule == REQUEST:
            case = session.scalar(select(Case.id).where(Case.number == job["number"]))
            open_ = select(func.count()).where(
                PlacementRequest.case_id == case,
                PlacementRequest.status.in_([RequestStatus.OPEN.value, RequestStatus.MATCHED.value]),
            )
            return {"open": session.scalar(open_)}
        offer = session.scalar(select(LocationOffer).join(Location).where(Location.agb == agbs[0]))
        running = select(func.count()).where(
            Placement.location_id == offer.location_id, Placement.ended_on.is_(None)
        )
        return {
            "free": offer.places_free, "taken": offer.places_taken, "total": offer.places_total,
            "running": session.scalar(running),
        }  # fmt: skip

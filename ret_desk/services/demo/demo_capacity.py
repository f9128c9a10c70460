"""Fictitious providers, locations and capacity for demo mode, plus a few open placement
requests, so the Regie-op-plaatsing workspace has something to show."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from ret_desk.db.audit import record
from ret_desk.db.base import utcnow
from ret_desk.db.models import Case, Location, LocationOffer, Municipality, PlacementType, Provider
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import CaseStatus, Urgency
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin.reference import routes_of_kind
from ret_desk.services.placement.placement_requests import RequestInput, create_request

TYPES = [
    "pleeggezin", "netwerkpleeggezin", "pleeggezin_plus", "gezinshuis", "gezinshuis_plus", "residentieel",
    "behandelgroep", "crisis",
]  # fmt: skip
SPECIALISMS = ["trauma", "lvb", "autisme", "hechting", "verslaving", "psychiatrie"]
KINDS = ["Pleeggezinnen", "Gezinshuis", "Leefgroep", "Behandelgroep", "Crisisopvang"]


def _region_types(session, preferred: list[str]) -> list[str]:  # noqa: ANN001
    """The preferred placement types the region has; else the region's open types (a region
    brings its own ladder, issue 9)."""
    have = dict(session.execute(select(PlacementType.code, PlacementType.closed)).all())
    return [c for c in preferred if c in have] or sorted(c for c, closed in have.items() if not closed)


def generate_capacity(*, uow: UnitOfWork, actor: Actor, locations: int = 60, seed: int = 1) -> int:
    """Add `locations` fictitious locations (AGB 99xxxxxx) in the region's municipalities."""
    require(actor.role, Action.LOAD_DEMO_DATA)
    rng = random.Random(seed)
    with uow:
        session = uow.session
        places = list(
            session.execute(select(Municipality.name, Municipality.latitude, Municipality.longitude))
        )
        now = utcnow()
        types = _region_types(session, TYPES)
        for p in range(max(1, locations // 6)):
            provider = Provider(name=f"Demo-aanbieder {p + 1}", agb=f"98{p:06d}", contact="demo@example.org")
            session.add(provider)
            for i in range(6):
                n = p * 6 + i
                town, lat, lon = rng.choice(places)
                location = Location(
                    provider=provider, name=f"{rng.choice(KINDS)} {town} {n + 1}", agb=f"99{n:06d}",
                    municipality=town, postcode="", latitude=lat + rng.uniform(-0.03, 0.03),
                    longitude=lon + rng.uniform(-0.03, 0.03), siblings_together=rng.random() < 0.5,
                )  # fmt: skip
                session.add(location)
                for code in rng.sample(types, min(len(types), rng.randint(1, 2))):
                    total = rng.randint(1, 8)
                    session.add(
                        LocationOffer(
                            location=location,
                            type_code=code,
                            places_total=total,
                            places_free=rng.randint(0, total),
                            waiting_days=rng.randint(0, 90),
                            age_min=rng.choice([0, 4, 12]),
                            age_max=rng.choice([17, 18]),
                            gender="alle",
                            specialisms=", ".join(rng.sample(SPECIALISMS, rng.randint(0, 2))),
                            security="open",
                            updated_at=now - timedelta(days=rng.randint(0, 30)),
                            updated_by="demo",
                        )  # fmt: skip
                    )
        record(session, actor, "demo_data", detail=f"{locations} fictieve locaties")
        uow.commit()
        return locations


def open_demo_requests(*, store_uow, staff: Actor, count: int = 6, today: date | None = None) -> int:  # noqa: ANN001
    """Open placement requests for the first open cases on a placement route (ROP)."""
    uow: UnitOfWork = store_uow()
    with uow:
        numbers = list(
            uow.session.scalars(
                select(Case.number)
                .where(
                    Case.current_route.in_([r.key for r in routes_of_kind(uow.session, RouteKind.PLACEMENT)]),
                    Case.status != CaseStatus.CLOSED.value,
                )
                .order_by(Case.id)
                .limit(count)
            )
        )
        wanted = _region_types(uow.session, ["pleeggezin", "gezinshuis", "residentieel"])
    today = today or date.today()
    for i, number in enumerate(numbers):
        create_request(
            uow=store_uow(), actor=staff, number=number, today=today - timedelta(days=3 * i),
            data=RequestInput(
                today + timedelta(days=7), [Urgency.NORMAL, Urgency.HIGH, Urgency.CRISIS][i % 3],
                wanted[i % len(wanted)], "Lagere treden passen niet (demo).",
                frozenset({SPECIALISMS[i % len(SPECIALISMS)]}),
            ),
        )  # fmt: skip
    return len(numbers)

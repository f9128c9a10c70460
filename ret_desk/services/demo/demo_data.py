"""Fictitious demo data: youths with cases across routes and statuses.

Every BSN starts with 9999 and passes the elfproef; that prefix has room for about 9,000
numbers, so beyond that youths get no BSN (a BSN is optional anyway). Rows go in with
bulk inserts in batches, so that 100,000 cases take seconds, not minutes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import insert, select

from ret_desk.db.audit import record
from ret_desk.db.base import utcnow
from ret_desk.db.models import Case, Municipality, RouteAssignment, StatusChange, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import is_valid_bsn
from ret_desk.domain.enums import (
    CaseOutcome,
    CaseStatus,
    FamilyParticipation,
    GvaTrigger,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
    to_mask,
)
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin.reference import routes_in
from ret_desk.services.cases.case_numbers import DEMO_SERIES, reserve
from ret_desk.services.demo.demo_mda import add_demo_mda_records
from ret_desk.services.demo.demo_ro3 import add_demo_ro3
from ret_desk.services.demo.demo_rst import add_demo_deployments

BATCH = 2000
GIVEN = [
    "Daan",
    "Sem",
    "Lucas",
    "Milan",
    "Levi",
    "Noah",
    "Emma",
    "Julia",
    "Mila",
    "Tess",
    "Sophie",
    "Zoë",
    "Sara",
    "Nina",
    "Finn",
    "Luuk",
    "Jesse",
    "Anna",
    "Lotte",
    "Evi",
]
FAMILY = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kuipers",
    "Veenstra",
    "Hoekstra",
    "Wieringa",
    "Boerma",
    "Zwiers",
    "Oosting",
    "Lubbers",
]
SCHOOLS = [
    "OBS De Tweemaster",
    "CBS Het Octaaf",
    "Dr. Nassau College",
    "Drenthe College",
    "Vincent van Gogh",
    "Esdal College",
    "Roelof van Echten College",
    "Terra",
]
HELP = [
    "Thuissituatie onhoudbaar, zoekt passende plek dichtbij school.",
    "Hulp loopt vast tussen partijen; regie ontbreekt.",
    "Dreigende thuiszitter, ambulante hulp sloeg niet aan.",
    "Huiselijk geweld; systeemgerichte aanpak nodig.",
    "Complexe psychiatrische problematiek, specialistische kennis gewenst.",
]
STATUS_WEIGHTS = [
    (CaseStatus.REGISTERED, 10),
    (CaseStatus.TRIAGE, 10),
    (CaseStatus.ASSIGNED, 15),
    (CaseStatus.RUNNING, 25),
    (CaseStatus.CLOSED, 40),
]


def demo_bsns() -> Iterator[str]:
    """All valid BSNs with prefix 9999, in order."""
    for middle in range(10_000):
        stem = f"9999{middle:04d}"
        for last in range(10):
            candidate = f"{stem}{last}"
            if is_valid_bsn(candidate):
                yield candidate
                break


def generate(*, uow: UnitOfWork, actor: Actor, youths: int, seed: int = 1, today: date | None = None) -> int:
    """Add `youths` youths, each with one case. Returns the number of cases added."""
    require(actor.role, Action.LOAD_DEMO_DATA)
    today = today or date.today()
    rng = random.Random(seed)
    with uow:
        session = uow.session
        municipalities = list(session.scalars(select(Municipality.id)))
        kinds = {r.key: r.kind for r in routes_in(session)}
        serial = reserve(session, DEMO_SERIES, youths) if youths else 1  # cannot collide (issue 10)
        used = set(session.scalars(select(Youth.bsn).where(Youth.bsn.is_not(None))))
        bsns = (b for b in demo_bsns() if b not in used)
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        batch: list[tuple[dict, dict]] = []
        now = utcnow()
        for i in range(youths):
            birth = today - timedelta(days=rng.randint(365, 22 * 365))
            referral = today - timedelta(days=rng.randint(0, 5 * 365))
            referral = max(referral, birth + timedelta(days=30))
            status = rng.choices(statuses, weights)[0]
            route = rng.choice(list(kinds)) if status is not CaseStatus.REGISTERED else None
            triggers = {t for t in GvaTrigger if rng.random() < 0.12}
            no_school = rng.random() < 0.1
            youth = dict(
                family_name=rng.choice(FAMILY),
                given_name=rng.choice(GIVEN),
                birth_date=birth,
                bsn=next(bsns, None),
                gender=rng.choice("vmmvxo"),
                municipality_id=rng.choice(municipalities),
                school=None if no_school else rng.choice(SCHOOLS),
                no_school=no_school,
                legal_framework=rng.choice(list(LegalFramework)).value,
                version=1,
            )
            started = status in (CaseStatus.RUNNING, CaseStatus.CLOSED)
            case = dict(
                number=f"DEMO-{referral.year}-{serial + i:06d}",
                referral_date=referral,
                referrer_type=rng.choice([r for r in ReferrerType if r is not ReferrerType.GP]).value,
                referrer_organisation="Gemeentelijke toegang (demo)",
                referrer_contact="",
                help_question=rng.choice(HELP),
                gva_trigger_mask=to_mask(triggers),
                # Demo cases that are running or routed beyond the Experttafel have their GVA:
                # the GVA block (issue 8) would not have let them get there without one.
                gva_present=bool(triggers)
                and (rng.random() < 0.7 or not _may_wait_for_gva(status, kinds.get(route))),
                gva_date=None,
                target_group_mask=to_mask({rng.choice(list(TargetGroup))}),
                intervention_level=rng.randint(5, 8),
                family_participation=rng.choice(list(FamilyParticipation)).value,
                case_manager="",
                status=status.value,
                outcome=rng.choice(list(CaseOutcome)).value if status is CaseStatus.CLOSED else None,
                current_route=route,
                urgency=rng.choices(list(Urgency), [80, 15, 5])[0].value,
                care_started_on=min(today, referral + timedelta(days=rng.randint(5, 60)))
                if started
                else None,
                last_progress_on=min(today, referral + timedelta(days=rng.randint(0, 200))),
                future_plan=rng.random() < 0.5,
                created_at=now,
                updated_at=now,
                version=1,
            )
            batch.append((youth, case))
            if len(batch) >= BATCH:
                _flush(session, actor, batch, now)
        _flush(session, actor, batch, now)
        add_demo_mda_records(session, seed, today)
        add_demo_ro3(session, today, seed)
        add_demo_deployments(session, actor, today, seed)
        record(session, actor, "demo_data", detail=f"{youths} fictieve jeugdigen (seed {seed})")
        uow.commit()
        return youths


def _may_wait_for_gva(status: CaseStatus, kind: RouteKind | None) -> bool:
    return status is not CaseStatus.RUNNING and kind in (None, RouteKind.ADVICE_TABLE)


def _insert(session, model, rows: list[dict]) -> list[int]:  # noqa: ANN001
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def _flush(session, actor: Actor, batch: list[tuple[dict, dict]], now) -> None:  # noqa: ANN001
    """Insert a batch; ids come back from the store, so sequences stay right on PostgreSQL."""
    if not batch:
        return
    youth_ids = _insert(session, Youth, [youth for youth, _ in batch])
    for (_, case), youth_id in zip(batch, youth_ids, strict=True):
        case["youth_id"] = youth_id
    case_ids = _insert(session, Case, [case for _, case in batch])
    who = dict(at=now, by_account_id=actor.account_id, by_name=actor.username, reason="Demogegevens")
    session.execute(
        insert(StatusChange),
        [
            dict(case_id=cid, from_status=None, to_status=c["status"], **who)
            for (_, c), cid in zip(batch, case_ids, strict=True)
        ],
    )
    routes = [
        dict(case_id=cid, from_route=None, to_route=c["current_route"], **who)
        for (_, c), cid in zip(batch, case_ids, strict=True)
        if c["current_route"]
    ]
    if routes:
        session.execute(insert(RouteAssignment), routes)
    batch.clear()

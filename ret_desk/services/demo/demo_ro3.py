"""Fictitious RO3 records (Regie op 3) for the demo: a few open cases on an RO3 route get
parties around them, a plan with agreements (one overdue, one done, one not kept with its
consequence) and a review. Every name is made up."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import Case, Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.ro3 import AgreementStatus
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin.reference import routes_of_kind

BY = "demo"

#: (organisation, role, contact) per story; the first party's agreement runs late.
STORIES = (
    (
        ("Wijkteam De Brink (demo)", "wijkteam", "Femke Hoekstra"),
        ("Samenwerkingsverband VO Noord (demo)", "onderwijs", "Jeroen Bakker"),
        ("Zorgaanbieder De Vaart (demo)", "aanbieder", "Ilse Kuipers"),
    ),
    (
        ("Gecertificeerde instelling Noord (demo)", "GI", "Ruben Mulder"),
        ("Gezinshuis De Linde (demo)", "aanbieder", "Anouk Smit"),
        ("Huisartsenpraktijk Het Loo (demo)", "huisarts", ""),
    ),
    (
        ("Wijkteam Oost (demo)", "wijkteam", "Sanne Visser"),
        ("GGZ-aanbieder Het Anker (demo)", "aanbieder", "Bram de Wit"),
        ("Basisschool De Regenboog (demo)", "onderwijs", "Lotte Jansen"),
    ),
)
AGREEMENTS = (
    "Gezinscoach inzetten, twee dagdelen per week",
    "Aangepast lesrooster opstellen en met ouders bespreken",
    "Intake voor ambulante behandeling plannen",
)
REVIEWS = (
    "Eerste evaluatie: school en wijkteam sluiten aan; de intake loopt nog.",
    "Partijen zijn het eens over één plan; de aanbieder start volgende week.",
)
CONSEQUENCE = "Opgeschaald naar de gemeente; de regisseur zoekt een andere aanbieder."


def add_demo_ro3(session: Session, today: date, seed: int = 1) -> int:
    """Give up to three open RO3 cases without a record a plan. Returns how many."""
    rng = random.Random(seed)
    ro3_routes = [r.key for r in routes_of_kind(session, RouteKind.CASUSREGIE)]
    have = select(Ro3Party.case_id)
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.current_route.in_(ro3_routes), Case.status != CaseStatus.CLOSED.value)
            .where(Case.id.not_in(have))
            .order_by(Case.id)
            .limit(len(STORIES))
        )
    )
    for story, case in zip(STORIES, cases, strict=False):
        parties = [
            Ro3Party(case_id=case.id, organisation=o, role=r, contact=c, created_by=BY) for o, r, c in story
        ]
        session.add_all(parties)
        session.flush()
        late, done, not_kept = parties
        day = lambda n: today + timedelta(days=n)  # noqa: E731
        session.add_all(
            [
                _agreement(case, late, AGREEMENTS[0], day(-rng.randint(3, 12))),
                _agreement(case, done, AGREEMENTS[1], day(-20), AgreementStatus.DONE, day(-22)),
                _agreement(case, not_kept, AGREEMENTS[2], day(-8), AgreementStatus.NOT_KEPT, day(-6)),
                _agreement(case, late, "Terugkoppeling aan de regisseur na het huisbezoek", day(14)),
                Ro3Review(case_id=case.id, held_on=day(-21), report=rng.choice(REVIEWS), created_by=BY),
            ]
        )
    return len(cases)


def _agreement(
    case: Case,
    party: Ro3Party,
    what: str,
    due: date,
    status: AgreementStatus = AgreementStatus.OPEN,
    marked_on: date | None = None,
) -> Ro3Agreement:
    not_kept = status is AgreementStatus.NOT_KEPT
    return Ro3Agreement(
        case_id=case.id,
        party_id=party.id,
        what=what,
        due_on=due,
        status=status.value,
        consequence="Opgeschaald naar de gemeente; de regisseur zoekt een andere aanbieder."
        if not_kept
        else "",
        done_on=marked_on if status is AgreementStatus.DONE else None,
        not_kept_on=marked_on if not_kept else None,
        created_by=BY,
    )

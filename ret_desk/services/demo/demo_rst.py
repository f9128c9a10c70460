"""Fictitious RST deployments for the demo: the travelling specialists' visits on the demo
cases that are on the Reizend Specialistisch Team route.

Each such case (up to `LIMIT`) gets one to four deployments between its referral and today,
with a discipline, place, purpose and outcome that go together, so the RST tab, `case show`
and the case summary have something realistic to show.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ret_desk.db.base import utcnow
from ret_desk.db.models import Case, RstDeployment
from ret_desk.domain.actor import Actor
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.domain.rst import Discipline, Place, Prevented
from ret_desk.services.admin.reference import routes_of_kind

LIMIT = 12

#: discipline -> (place, purpose, outcome) that belong together
VISITS: dict[Discipline, list[tuple[Place, str, str]]] = {
    Discipline.GGZ: [
        (Place.HOME, "Diagnostiek van angst- en stemmingsklachten in de thuissituatie",
         "Behandelplan thuis gestart; ouders weten hoe ze paniekaanvallen opvangen"),
        (Place.SCHOOL, "Consultatie van de mentor over terugtrekgedrag in de klas",
         "Afspraken over een rustplek en een vast aanspreekpunt op school"),
    ],
    Discipline.LVB: [
        (Place.HOME, "Gedragsanalyse en visuele dagstructuur met het gezin",
         "Dagritmekaart in gebruik; minder escalaties rond het naar bed gaan"),
        (Place.PROVIDER, "Meekijken bij de dagbesteding: wat overvraagt de jeugdige?",
         "Begeleiders passen taken aan het ontwikkelingsniveau aan"),
    ],
    Discipline.YOUTH_CARE: [
        (Place.HOME, "Video-hometraining: interactie tussen ouder en kind",
         "Ouders herkennen eerder signalen van spanning"),
        (Place.HOME, "Crisisinterventie na escalatie thuis",
         "Veiligheidsafspraken gemaakt; uithuisplaatsing vooralsnog niet nodig"),
    ],
    Discipline.EDUCATION: [
        (Place.SCHOOL, "Observatie in de klas en overleg met de intern begeleider",
         "Aangepast rooster; de jeugdige gaat weer vier ochtenden naar school"),
        (Place.SCHOOL, "Overleg over een passend onderwijsarrangement",
         "Ondersteuning vanuit het samenwerkingsverband aangevraagd"),
    ],
    Discipline.MEDICAL: [
        (Place.HOME, "Medicatie-evaluatie met de kinderarts aan huis",
         "Medicatie bijgesteld; slaapt beter"),
    ],
    Discipline.OTHER: [
        (Place.OTHER, "Gesprek met de voetbaltrainer over een vaste rol in het team",
         "Jeugdige traint weer twee keer per week"),
    ],
}  # fmt: skip
HOURS = [60, 90, 90, 120, 120, 150, 180, 240]


def add_demo_deployments(session: Session, actor: Actor, today: date, seed: int) -> int:
    """Add deployments to the demo cases on the RST route (inside the caller's transaction,
    which checks Action.LOAD_DEMO_DATA and logs the load). Returns how many were added."""
    rng = random.Random(seed * 31 + 7)  # its own stream: the other demo data stays as it was
    cases = session.execute(
        select(Case.id, Case.referral_date)
        .where(Case.current_route.in_([r.key for r in routes_of_kind(session, RouteKind.TRAVELLING_TEAM)]))
        .order_by(Case.id)
        .limit(LIMIT)
    ).all()
    done = set(session.scalars(select(RstDeployment.case_id).distinct()))
    now = utcnow()
    rows = []
    for case_id, referral in cases:
        if case_id in done:
            continue
        span = max(0, (today - referral).days)
        days = sorted(rng.randint(0, span) for _ in range(rng.randint(1, 4)))
        for offset in days:
            discipline = rng.choice(list(VISITS))
            place, purpose, outcome = rng.choice(VISITS[discipline])
            rows.append(
                dict(
                    case_id=case_id,
                    discipline=discipline.value,
                    place=place.value,
                    deployed_on=min(today, referral + timedelta(days=offset)),
                    minutes=rng.choice(HOURS),
                    purpose=purpose,
                    outcome=outcome,
                    placement_prevented=rng.choices(list(Prevented), [5, 2, 3])[0].value,
                    recorded_at=now,
                    recorded_by_account_id=actor.account_id,
                    recorded_by=actor.username,
                    version=1,
                )
            )
    if rows:
        session.execute(insert(RstDeployment), rows)
    # A deployment moves the case on (as `record_deployment` does): no false no-progress signal.
    latest: dict[int, date] = {}
    for row in rows:
        latest[row["case_id"]] = max(latest.get(row["case_id"], row["deployed_on"]), row["deployed_on"])
    for case_id, day in latest.items():
        session.execute(
            update(Case)
            .where(Case.id == case_id, Case.last_progress_on < day)
            .values(last_progress_on=day)
            .execution_options(synchronize_session=False)
        )
    return len(rows)

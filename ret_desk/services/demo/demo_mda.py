"""Fictitious MDA++ records for the demo cases on MDA++: a household with a victim and a
perpetrator, the phases, risk assessments, the safety plan's versions and system
conferences, from four realistic (made-up) family situations. Part of loading demo data, so
it runs as the one who loads it (the administrator) and writes the rows directly."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import (
    Case,
    MdaConference,
    MdaMember,
    MdaPhase,
    MdaRiskAssessment,
    MdaSafetyPlan,
)
from ret_desk.domain.enums import CaseStatus, Route

AUTHOR = "demo"
# (given name, role, victim, perpetrator); the family name is the youth's.
SCENARIOS: tuple[dict, ...] = (
    {
        "members": (
            ("Marieke", "ouder", True, False),
            ("Johan", "partner", False, True),
            ("Lotte", "broer_zus", False, False),
        ),
        "phases": (("veiligheid", 21),),
        "risks": (("LIRIK", "hoog", 18),),
        "plans": (
            (
                17,
                "Johan verblijft tijdelijk bij zijn broer en komt niet aan huis. "
                "Marieke belt bij dreiging 112. De school weet wie de kinderen mag ophalen.",
            ),
        ),
        "conferences": (
            (
                10,
                "moeder, jeugdige, wijkteam, Veilig Thuis",
                "Tijdelijk huisverbod blijft; Johan start met daderhulp. Over vier weken opnieuw samen.",
            ),
        ),
    },
    {
        "members": (("Samira", "ouder", True, False), ("Kevin", "ex-partner", False, True)),
        "phases": (("veiligheid", 95), ("stabilisatie", 40)),
        "risks": (("ARIJ", "hoog", 92), ("ARIJ", "verhoogd", 45), ("ARIJ", "laag", 12)),
        "plans": (
            (90, "Geen contact tussen Kevin en Samira. Omgang met de kinderen alleen begeleid."),
            (38, "Omgang eens per twee weken, begeleid door het omgangshuis. Overdracht via oma."),
        ),
        "conferences": (
            (
                88,
                "moeder, vader (apart), jeugdige, GI, wijkteam",
                "Afspraken over omgang en veiligheid vastgelegd.",
            ),
            (30, "moeder, vader, jeugdige, GI", "Begeleide omgang loopt goed; afspraken blijven staan."),
        ),
    },
    {
        "members": (
            ("Anouk", "ouder", False, False),
            ("Erik", "ouder", False, False),
            ("Tim", "broer_zus", False, False),
        ),
        "phases": (("veiligheid", 300), ("stabilisatie", 210), ("herstel", 120)),
        "risks": (("LIRIK", "verhoogd", 290), ("LIRIK", "laag", 125)),
        "plans": (
            (
                280,
                "Ruzies worden niet waar de kinderen bij zijn uitgepraat; time-out bij oplopende spanning.",
            ),
            (200, "Ouders volgen samen een training; time-outafspraak blijft."),
            (
                118,
                "Ouders herkennen hun signalen en stoppen op tijd; wekelijks even contact met het wijkteam.",
            ),
        ),
        "conferences": (
            (115, "ouders, jeugdige, broer, wijkteam", "Herstelgesprek gevoerd; nazorg via het wijkteam."),
        ),
    },
    {
        "members": (("Ingrid", "ouder", True, False), ("Dennis", "ouder", False, True)),
        "phases": (("veiligheid", 3),),
        "risks": (),
        "plans": (),
        "conferences": (),
    },
)


def add_demo_mda_records(session: Session, seed: int, today: date | None = None) -> int:
    """Give up to four open demo cases on MDA++ a record (those without one); returns how many."""
    today = today or date.today()
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.current_route == Route.MDA.value, Case.status != CaseStatus.CLOSED.value)
            .order_by(Case.id)
        )
    )
    have = set(session.scalars(select(MdaMember.case_id)))
    cases = [c for c in cases if c.id not in have]
    rng = random.Random(seed)  # its own, so the other demo data stays the same for a seed
    chosen = rng.sample(cases, min(len(cases), len(SCENARIOS)))
    for case, scenario in zip(sorted(chosen, key=lambda c: c.id), SCENARIOS, strict=False):
        _fill(session, case, scenario, today)
    return len(chosen)


def _fill(session: Session, case: Case, scenario: dict, today: date) -> None:
    family = case.youth.family_name
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    rows: list = [MdaMember(case_id=case.id, name=f"{case.youth.given_name} {family}", role="jeugdige",
                            victim=False, perpetrator=False)]  # fmt: skip
    rows += [
        MdaMember(
            case_id=case.id, name=f"{given} {family}", role=role, victim=victim, perpetrator=perpetrator
        )
        for given, role, victim, perpetrator in scenario["members"]
    ]
    rows += [
        MdaPhase(case_id=case.id, phase=p, started_on=ago(d), by_name=AUTHOR) for p, d in scenario["phases"]
    ]
    rows += [
        MdaRiskAssessment(
            case_id=case.id, instrument=i, level=level, assessed_on=ago(d), assessor="Veilig Thuis (demo)"
        )
        for i, level, d in scenario["risks"]
    ]
    rows += [
        MdaSafetyPlan(case_id=case.id, version=n, text=text, written_on=ago(d), author=AUTHOR)
        for n, (d, text) in enumerate(scenario["plans"], start=1)
    ]
    rows += [
        MdaConference(case_id=case.id, held_on=ago(d), participants=who, outcome=outcome, by_name=AUTHOR)
        for d, who, outcome in scenario["conferences"]
    ]
    session.add_all(rows)
    # The record's work is progress on the case (as it is when written through the services).
    latest = [ago(d) for key in ("phases", "risks") for *_, d in scenario[key]]
    latest += [ago(row[0]) for key in ("plans", "conferences") for row in scenario[key]]
    case.last_progress_on = max([case.last_progress_on, *latest])

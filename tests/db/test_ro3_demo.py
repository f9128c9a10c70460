"""The demo data holds realistic, fictitious RO3 cases: parties, a plan with an overdue,
a done and a not-kept agreement, and a review, all readable through `case show --json`."""

from __future__ import annotations

from sqlalchemy import select

from ret_desk.db.models import Case, Ro3Party
from ret_desk.domain.enums import Role
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.demo import demo_data


def test_demo_data_has_ro3_cases_with_a_plan(store, actors):
    demo_data.generate(uow=store.uow(), actor=actors[Role.ADMIN], youths=120, seed=2026)
    with store.uow() as uow:
        query = (
            select(Case.number).join(Ro3Party, Ro3Party.case_id == Case.id).distinct().order_by(Case.number)
        )
        numbers = list(uow.session.scalars(query))
    assert len(numbers) == 3
    for number in numbers:
        detail = get_case(uow=store.uow(), actor=actors[Role.COORDINATOR], number=number)
        record = detail.to_json()["ro3"]
        assert len(record["parties"]) == 3 and len(record["reviews"]) == 1
        assert {a["status"] for a in record["agreements"]} == {"open", "done", "not_kept"}
        assert "AGREEMENT_OVERDUE" in {s["code"] for s in detail.signals}
        assert all("(demo)" in p["organisation"] for p in record["parties"])

"""The demo data has realistic RST cases: deployments on cases on the RST route, valid by
the domain's rules, shown in `case show --json` and the summary (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from ret_desk.db.models import Case, RstDeployment
from ret_desk.domain.enums import Role
from ret_desk.domain.rst import MAX_HOURS, Discipline, Place, Prevented
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.demo import demo_data
from ret_desk.services.demo.demo_rst import LIMIT


def test_demo_data_gives_rst_cases_with_valid_deployments(store, actors):
    today = date.today()
    demo_data.generate(uow=store.uow(), actor=actors[Role.ADMIN], youths=120, seed=2026, today=today)
    with store.uow() as uow:
        rows = uow.session.execute(select(RstDeployment, Case).join(Case)).all()
        assert rows, "no RST deployments in the demo data"
        cases = {case.number for _, case in rows}
        assert 3 <= len(cases) <= LIMIT
        for deployment, case in rows:
            assert case.current_route == "rst"
            assert case.referral_date <= deployment.deployed_on <= today
            assert 0 < deployment.minutes <= MAX_HOURS * 60
            (
                Discipline(deployment.discipline),
                Place(deployment.place),
                Prevented(deployment.placement_prevented),
            )
            assert deployment.purpose and deployment.outcome
            assert case.last_progress_on >= deployment.deployed_on  # a visit is progress
        number = sorted(cases)[0]
    shown = get_case(uow=store.uow(), actor=actors[Role.COORDINATOR], number=number).to_json()
    assert shown["rst"]["total_hours"] > 0 and shown["rst"]["deployments"]


def test_loading_demo_data_twice_adds_nothing_to_a_case_that_has_its_record(store, actors):
    admin = actors[Role.ADMIN]
    demo_data.generate(uow=store.uow(), actor=admin, youths=60, seed=7)
    with store.uow() as uow:
        before = Counter(uow.session.scalars(select(RstDeployment.case_id)))
    demo_data.generate(uow=store.uow(), actor=admin, youths=60, seed=8)
    with store.uow() as uow:
        after = Counter(uow.session.scalars(select(RstDeployment.case_id)))
    assert before and all(after[case_id] == count for case_id, count in before.items())

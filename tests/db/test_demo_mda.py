"""Demo data holds realistic MDA++ records: open demo cases on MDA++ get a household (with a
victim and a perpetrator), phases, risk assessments, plan versions and conferences."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ret_desk.db.models import Case, MdaMember
from ret_desk.domain.enums import Role
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.demo import demo_data


def test_demo_data_has_mda_records(store, actors):
    demo_data.generate(
        uow=store.uow(), actor=actors[Role.ADMIN], youths=400, seed=2026, today=date(2026, 11, 23)
    )
    with store.uow() as uow:
        ids = sorted(set(uow.session.scalars(select(MdaMember.case_id))))
        numbers = [uow.session.get(Case, i).number for i in ids]
    assert len(numbers) == 4
    records = [
        get_case(uow=store.uow(), actor=actors[Role.COORDINATOR], number=n, today=date(2026, 11, 23))
        for n in numbers
    ]
    for detail in records:
        mda = detail.to_json()["mda"]
        assert detail.route == "mda++" and detail.status != "afgesloten"
        assert mda["members"][0]["role"] == "jeugdige"
        assert mda["members"][0]["name"].endswith(detail.youth["family_name"])
    phases = sorted(d.to_json()["mda"]["phase"] for d in records)
    assert phases == ["herstel", "stabilisatie", "veiligheid", "veiligheid"]
    plans = sorted((d.to_json()["mda"]["safety_plan"] or {}).get("version", 0) for d in records)
    assert plans == [0, 1, 2, 3]
    assert any(m["perpetrator"] for d in records for m in d.to_json()["mda"]["members"])
    codes = [s["code"] for d in records for s in d.signals]
    assert codes.count("SAFETY_ASSESSMENT_DUE") == 1 and "HIGH_RISK_NO_PLAN" not in codes

"""The RST record on SQLite and PostgreSQL: deployments are stored with who recorded them,
audited, shown in `case show --json`, and read-only once the case left the RST route."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Case, RstDeployment
from ret_desk.domain.enums import CaseOutcome, CaseStatus, Role
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from ret_desk.domain.rst import Discipline
from ret_desk.services.cases import intake, routing
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.routes import rst
from tests.support.drafts import draft

YESTERDAY = date.today() - timedelta(days=1)


@pytest.fixture
def number(store, coordinator) -> str:
    """A case on the RST route (GVA present: the GVA block is not the subject here)."""
    return intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(gva_present=True, route="rst")
    ).number


def deploy(store, actor, number, **changes):  # noqa: ANN001, ANN201
    values = {
        "discipline": "ggz",
        "where": "school",
        "on": YESTERDAY,
        "hours": "1,5",
        "purpose": "Observatie in de klas",
        "outcome": "Handelingsadvies voor de mentor",
        "placement_prevented": "ja",
    }
    return rst.record_deployment(uow=store.uow(), actor=actor, number=number, **(values | changes))


def events(store, number: str) -> list[tuple[str, str, str]]:
    """(action, actor, detail) of the case's audit events, oldest first."""
    with store.uow() as uow:
        rows = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.case_number == number).order_by(AuditEvent.id)
        )
        return [(e.action, e.actor_name, e.detail) for e in rows]


def test_a_deployment_is_stored_with_who_recorded_it_and_audited(store, coordinator, number):
    view = deploy(store, coordinator, number)
    with store.uow() as uow:
        row = uow.session.scalars(select(RstDeployment)).one()
        assert (row.discipline, row.place, row.deployed_on, row.minutes) == ("ggz", "school", YESTERDAY, 90)
        assert (row.placement_prevented, row.recorded_by, row.version) == ("ja", "coordinator", 1)
        assert row.case.number == number and row.id == view.id
        assert row.case.last_progress_on == max(YESTERDAY, row.case.referral_date)
    assert events(store, number)[-1] == ("rst_deploy", "coordinator", f"inzet {view.id}")


def test_reading_the_record_gives_figures_and_is_audited(store, coordinator, number):
    deploy(store, coordinator, number, discipline="ggz", hours="2")
    deploy(store, coordinator, number, discipline="lvb", hours="1.5", placement_prevented="nee")
    deploy(store, coordinator, number, discipline="ggz", hours="0,25", where="thuis")
    record = rst.rst_record(uow=store.uow(), actor=coordinator, number=number)
    assert record.editable and len(record.deployments) == 3
    assert record.figures.total_minutes == 225 and record.figures.total_hours == 3.75
    assert record.figures.per_discipline == {Discipline.GGZ: 2, Discipline.LVB: 1}
    assert record.figures.prevented == 2
    assert events(store, number)[-1][:2] == ("rst_view", "coordinator")


def test_case_show_json_has_the_rst_section_only_with_deployments(store, coordinator, number):
    assert "rst" not in get_case(uow=store.uow(), actor=coordinator, number=number).to_json()
    deploy(store, coordinator, number)
    deploy(store, coordinator, number, discipline="onderwijs", hours="2", purpose="", outcome="")
    shown = get_case(uow=store.uow(), actor=coordinator, number=number).to_json()
    assert shown["rst"]["total_hours"] == 3.5
    assert shown["rst"]["deployments"][0] == {
        "discipline": "ggz",
        "where": "school",
        "date": YESTERDAY.isoformat(),
        "hours": 1.5,
        "purpose": "Observatie in de klas",
        "outcome": "Handelingsadvies voor de mentor",
        "placement_prevented": "ja",
    }
    assert shown["rst"]["deployments"][1]["placement_prevented"] == "ja"
    assert shown["rst"]["deployments"][1]["hours"] == 2


def test_after_rerouting_the_record_stays_and_is_read_only(store, coordinator, number):
    deploy(store, coordinator, number)
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason="Plek nodig")
    with pytest.raises(
        RuleViolation, match="niet meer op de route Reizend Specialistisch Team.*alleen in te zien"
    ):
        deploy(store, coordinator, number)
    record = rst.rst_record(uow=store.uow(), actor=coordinator, number=number)
    assert not record.editable and len(record.deployments) == 1
    assert get_case(uow=store.uow(), actor=coordinator, number=number).to_json()["rst"]["total_hours"] == 1.5
    with store.uow() as uow:
        assert uow.session.scalar(select(RstDeployment).where(RstDeployment.id > 0)) is not None
        assert len(uow.session.scalars(select(RstDeployment)).all()) == 1


def test_a_case_never_on_rst_is_refused(store, coordinator):
    other = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(gva_present=True)).number
    with pytest.raises(
        RuleViolation, match="staat niet op de route Reizend Specialistisch Team. Routeer de casus eerst"
    ):
        deploy(store, coordinator, other)
    assert "rst" not in get_case(uow=store.uow(), actor=coordinator, number=other).to_json()


def test_a_closed_case_takes_no_deployment(store, coordinator, number):
    for status in (CaseStatus.TRIAGE, CaseStatus.ASSIGNED, CaseStatus.RUNNING):
        routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=status)
    routing.change_status(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        status=CaseStatus.CLOSED,
        outcome=CaseOutcome.COMPLETED,
        reason="Afgerond",
    )
    with pytest.raises(RuleViolation, match="afgesloten"):
        deploy(store, coordinator, number)


def test_invalid_input_names_every_field_and_writes_nothing(store, coordinator, number):
    with pytest.raises(InvalidInput) as caught:
        deploy(store, coordinator, number, discipline="tandarts", where="", hours="0", on="morgen")
    assert {e.field for e in caught.value.errors} == {"discipline", "where", "hours", "date"}
    with pytest.raises(InvalidInput, match="toekomst"):
        deploy(store, coordinator, number, on=date.today() + timedelta(days=1))
    with store.uow() as uow:
        assert uow.session.scalars(select(RstDeployment)).all() == []
    assert "rst_deploy" not in [action for action, _, _ in events(store, number)]


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PLACEMENT_OFFICER, Role.AUDITOR, Role.ADMIN])
def test_only_the_coordinator_records(store, actors, number, role):
    with pytest.raises(PermissionDenied, match="Reizend Specialistisch Team"):
        deploy(store, actors[role], number)


def test_the_chair_may_read_the_record_not_the_auditor(store, actors, number):
    deploy(store, actors[Role.COORDINATOR], number)
    assert len(rst.rst_record(uow=store.uow(), actor=actors[Role.CHAIR], number=number).deployments) == 1
    with pytest.raises(PermissionDenied):
        rst.rst_record(uow=store.uow(), actor=actors[Role.AUDITOR], number=number)


def test_two_cases_keep_their_own_records(store, coordinator, number):
    other = intake.register_referral(
        uow=store.uow(),
        actor=coordinator,
        draft=draft(gva_present=True, route="rst", bsn="999990020", given_name="Lotte"),
    ).number
    deploy(store, coordinator, number, hours="3")
    deploy(store, coordinator, other, hours="1")
    with store.uow() as uow:
        case = uow.session.scalar(select(Case).where(Case.number == other))
        assert rst.json_section(uow.session, case)["total_hours"] == 1

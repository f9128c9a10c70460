"""RO3 (Regie op 3) on both stores: parties, agreements and reviews; the rules, both signals,
the JSON section, the audit of every read and write, and the refusal after re-routing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Ro3Agreement
from ret_desk.domain.enums import CaseOutcome, CaseStatus, Role
from ret_desk.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.services.admin import settings
from ret_desk.services.cases import intake, routing
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.routes import ro3, ro3_plan
from tests.support.drafts import draft

TODAY = date.today()


def new_case(store, coordinator, route: str | None = "ro3") -> str:  # noqa: ANN001
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(gva_present=True)
    ).number
    if route is not None:
        routing.route_case(
            uow=store.uow(), actor=coordinator, number=number, route=route, reason="Loopt vast"
        )
    return number


@pytest.fixture
def number(store, coordinator) -> str:
    return new_case(store, coordinator)


def _call(store, actor, fn, **kw):  # noqa: ANN001, ANN202
    return fn(uow=store.uow(), actor=actor, **kw)


def _plan(store, coordinator, number: str, due: date = TODAY + timedelta(days=14)) -> int:  # noqa: ANN001
    _call(store, coordinator, ro3_plan.add_party, number=number, organisation="Jeugdbescherming Noord",
          role="GI", contact="Marieke Dijkstra")  # fmt: skip
    _call(
        store, coordinator, ro3_plan.add_party, number=number, organisation="Wijkteam Assen", role="wijkteam"
    )
    return _call(store, coordinator, ro3_plan.add_agreement, number=number, party="Wijkteam Assen",
                 what="Gezinscoach inzetten", due=due)  # fmt: skip


def _codes(store, actor, number: str, today: date) -> list[str]:  # noqa: ANN001
    return [s["code"] for s in get_case(uow=store.uow(), actor=actor, number=number, today=today).signals]


def _actions(store, number: str) -> list[str]:  # noqa: ANN001
    with store.uow() as uow:
        query = select(AuditEvent.action).where(AuditEvent.case_number == number).order_by(AuditEvent.id)
        return list(uow.session.scalars(query))


def test_the_plan_is_recorded_and_shown_in_the_case_json(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number)
    shown = get_case(uow=store.uow(), actor=coordinator, number=number).to_json()["ro3"]
    assert [(p["organisation"], p["role"], p["contact"]) for p in shown["parties"]] == [
        ("Jeugdbescherming Noord", "GI", "Marieke Dijkstra"),
        ("Wijkteam Assen", "wijkteam", ""),
    ]
    (agreement,) = shown["agreements"]
    assert {k: agreement[k] for k in ("id", "party", "what", "due", "status")} == {
        "id": agreement_id,
        "party": "Wijkteam Assen",
        "what": "Gezinscoach inzetten",
        "due": (TODAY + timedelta(days=14)).isoformat(),
        "status": "open",
    }
    assert shown["reviews"] == [] and shown["editable"] is True


def test_a_case_off_ro3_without_a_record_has_no_ro3_section(store, coordinator):
    other = new_case(store, coordinator, route=None)
    assert "ro3" not in get_case(uow=store.uow(), actor=coordinator, number=other).to_json()


def test_an_agreement_names_a_party_of_the_case(store, coordinator, number):
    _plan(store, coordinator, number)
    with pytest.raises(InvalidInput, match="kies uit: Jeugdbescherming Noord, Wijkteam Assen"):
        _call(
            store, coordinator, ro3_plan.add_agreement, number=number, party="Huisarts", what="x", due=TODAY
        )
    # the organisation is matched whatever its spacing or capitals
    found = _call(store, coordinator, ro3_plan.add_agreement, number=number, party="wijkteam  assen",
                  what="Schoolgesprek plannen", due=TODAY)  # fmt: skip
    assert found > 0


def test_an_agreement_needs_what_and_a_due_date(store, coordinator, number):
    _plan(store, coordinator, number)
    with pytest.raises(InvalidInput) as caught:
        _call(
            store,
            coordinator,
            ro3_plan.add_agreement,
            number=number,
            party="Wijkteam Assen",
            what=" ",
            due=None,
        )
    assert {e.field for e in caught.value.errors} == {"what", "due"}


def test_a_party_is_added_once(store, coordinator, number):
    _plan(store, coordinator, number)
    with pytest.raises(InvalidInput, match="al een partij"):
        _call(store, coordinator, ro3_plan.add_party, number=number, organisation="wijkteam assen", role="GI")


def test_not_kept_needs_a_consequence_and_only_open_agreements_are_marked(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number)
    with pytest.raises(InvalidInput, match="gevolg"):
        _call(
            store,
            coordinator,
            ro3_plan.mark_not_kept,
            number=number,
            agreement_id=agreement_id,
            consequence="",
        )
    _call(store, coordinator, ro3_plan.mark_not_kept, number=number, agreement_id=agreement_id,
          consequence="Opschalen naar de gemeente", today=TODAY)  # fmt: skip
    with pytest.raises(RuleViolation, match="al niet nagekomen"):
        _call(store, coordinator, ro3_plan.mark_done, number=number, agreement_id=agreement_id)
    with store.uow() as uow:
        row = uow.session.get(Ro3Agreement, agreement_id)
        assert (row.status, row.consequence, row.not_kept_on, row.done_on) == (
            "not_kept", "Opschalen naar de gemeente", TODAY, None
        )  # fmt: skip


def test_marking_an_agreement_checks_its_version_and_its_case(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number)
    with pytest.raises(StaleEdit):
        _call(
            store,
            coordinator,
            ro3_plan.mark_done,
            number=number,
            agreement_id=agreement_id,
            expected_version=7,
        )
    other = new_case(store, coordinator)
    with pytest.raises(NotFound):
        _call(store, coordinator, ro3_plan.mark_done, number=other, agreement_id=agreement_id)
    _call(
        store, coordinator, ro3_plan.mark_done, number=number, agreement_id=agreement_id, expected_version=1
    )
    assert (
        ro3.get_record(uow=store.uow(), actor=coordinator, number=number)["agreements"][0]["status"] == "done"
    )


def test_an_open_agreement_past_its_due_date_raises_agreement_overdue(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number, due=TODAY + timedelta(days=3))
    assert "AGREEMENT_OVERDUE" not in _codes(store, coordinator, number, TODAY + timedelta(days=3))
    assert "AGREEMENT_OVERDUE" in _codes(store, coordinator, number, TODAY + timedelta(days=4))
    _call(store, coordinator, ro3_plan.mark_done, number=number, agreement_id=agreement_id)
    assert "AGREEMENT_OVERDUE" not in _codes(store, coordinator, number, TODAY + timedelta(days=4))


def test_no_review_within_the_regions_term_raises_ro3_no_review(store, actors, coordinator, number):
    # Given a case that came on RO3 today, and the default term of 42 days
    assert "RO3_NO_REVIEW" not in _codes(store, coordinator, number, TODAY + timedelta(days=42))
    assert "RO3_NO_REVIEW" in _codes(store, coordinator, number, TODAY + timedelta(days=43))
    # When a review is held on day 30, the term runs again from there
    later = TODAY + timedelta(days=30)
    _call(store, coordinator, ro3_plan.add_review, number=number, held_on=later, report="Loopt", today=later)
    assert "RO3_NO_REVIEW" not in _codes(store, coordinator, number, TODAY + timedelta(days=72))
    assert "RO3_NO_REVIEW" in _codes(store, coordinator, number, TODAY + timedelta(days=73))
    # And the region's term is a setting the administrator changes
    admin = actors[Role.ADMIN]
    row = next(
        r for r in settings.region_settings(uow=store.uow(), actor=admin) if r.key == "ro3_review_days"
    )
    assert row.value == 42
    settings.set_region_setting(
        uow=store.uow(), actor=admin, key="ro3_review_days", value=10, version=row.version
    )
    assert "RO3_NO_REVIEW" in _codes(store, coordinator, number, TODAY + timedelta(days=41))


def test_a_review_is_not_in_the_future(store, coordinator, number):
    with pytest.raises(InvalidInput, match="toekomst"):
        _call(store, coordinator, ro3_plan.add_review, number=number, held_on=TODAY + timedelta(days=1))


def test_after_rerouting_the_record_stays_readable_but_refuses_writes(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number, due=TODAY - timedelta(days=1))
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rst", reason="Specialist")
    detail = get_case(uow=store.uow(), actor=coordinator, number=number, today=TODAY + timedelta(days=60))
    assert detail.records["ro3"]["editable"] is False
    assert len(detail.records["ro3"]["agreements"]) == 1
    assert not {"AGREEMENT_OVERDUE", "RO3_NO_REVIEW"} & {s["code"] for s in detail.signals}
    for fn, kw in (
        (ro3_plan.add_party, {"organisation": "Huisarts Smit", "role": "huisarts"}),
        (ro3_plan.add_agreement, {"party": "Wijkteam Assen", "what": "x", "due": TODAY}),
        (ro3_plan.mark_done, {"agreement_id": agreement_id}),
        (ro3_plan.mark_not_kept, {"agreement_id": agreement_id, "consequence": "x"}),
        (ro3_plan.add_review, {"held_on": TODAY}),
    ):
        with pytest.raises(
            RuleViolation, match="niet meer op de route RO3 \\(Regie op 3\\).*alleen in te zien"
        ):
            _call(store, coordinator, fn, number=number, **kw)


def test_only_the_coordinator_writes_and_every_reader_reads(store, actors, coordinator, number):
    _plan(store, coordinator, number)
    for role in (Role.CHAIR, Role.PLACEMENT_OFFICER, Role.AUDITOR, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            _call(store, actors[role], ro3_plan.add_party, number=number, organisation="X", role="GI")
    assert ro3.get_record(uow=store.uow(), actor=actors[Role.CHAIR], number=number)["parties"]
    with pytest.raises(PermissionDenied):
        ro3.get_record(uow=store.uow(), actor=actors[Role.AUDITOR], number=number)


def test_every_read_and_write_is_audited(store, coordinator, number):
    agreement_id = _plan(store, coordinator, number)
    _call(store, coordinator, ro3_plan.mark_done, number=number, agreement_id=agreement_id)
    second = _call(store, coordinator, ro3_plan.add_agreement, number=number, party="Wijkteam Assen",
                   what="Huisbezoek", due=TODAY)  # fmt: skip
    _call(
        store, coordinator, ro3_plan.mark_not_kept, number=number, agreement_id=second, consequence="Gesprek"
    )
    _call(store, coordinator, ro3_plan.add_review, number=number, held_on=TODAY)
    ro3.get_record(uow=store.uow(), actor=coordinator, number=number)
    actions = [a for a in _actions(store, number) if a.startswith("ro3_")]
    assert actions == [
        "ro3_party_add",
        "ro3_party_add",
        "ro3_agreement_add",
        "ro3_agreement_done",
        "ro3_agreement_add",
        "ro3_agreement_not_kept",
        "ro3_review_add",
        "ro3_view",
    ]


def test_a_closed_case_keeps_its_record_readable_but_refuses_writes(store, coordinator, number):
    # Given a case on RO3 with an overdue agreement, closed by the coordinator
    agreement_id = _plan(store, coordinator, number, due=TODAY - timedelta(days=1))
    for status in (CaseStatus.TRIAGE, CaseStatus.ASSIGNED, CaseStatus.RUNNING):
        routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=status)
    routing.change_status(
        uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.CLOSED,
        outcome=CaseOutcome.COMPLETED, reason="Afgerond",
    )  # fmt: skip
    # Then the record is still shown, as history, without signals or a next review
    detail = get_case(uow=store.uow(), actor=coordinator, number=number, today=TODAY + timedelta(days=60))
    assert detail.records["ro3"]["editable"] is False and detail.records["ro3"]["next_review_due"] is None
    assert len(detail.records["ro3"]["agreements"]) == 1
    assert not {"AGREEMENT_OVERDUE", "RO3_NO_REVIEW"} & {s["code"] for s in detail.signals}
    # And nothing can be written to it any more
    for fn, kw in (
        (ro3_plan.add_party, {"organisation": "Huisarts Smit", "role": "huisarts"}),
        (ro3_plan.mark_done, {"agreement_id": agreement_id}),
        (ro3_plan.add_review, {"held_on": TODAY}),
    ):
        with pytest.raises(RuleViolation, match="is afgesloten"):
            _call(store, coordinator, fn, number=number, **kw)

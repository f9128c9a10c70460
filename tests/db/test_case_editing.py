"""Completing and correcting a case after intake (issue 8): versioned, audited, with a change
history; the GVA block and its override; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, CaseChange
from ret_desk.domain.enums import CaseStatus, GvaTrigger, Role, Urgency
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases import intake, routing
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.cases.editing import edit_case
from ret_desk.services.placement.placement_requests import RequestInput, create_request
from tests.support.drafts import draft

TODAY = date.today()


def codes(store, actor, number):
    return [s["code"] for s in get_case(uow=store.uow(), actor=actor, number=number).signals]


def events(store, number, action):
    with store.uow() as uow:
        return list(
            uow.session.scalars(
                select(AuditEvent.detail).where(AuditEvent.case_number == number, AuditEvent.action == action)
            )
        )


@pytest.fixture
def number(store, coordinator):
    return intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft()).number


def test_recording_a_gva_clears_the_signal_and_leaves_history_and_audit(store, coordinator, number):
    # Given a referral with a GVA trigger and no GVA
    assert "GVA_MISSING" in codes(store, coordinator, number)
    before = get_case(uow=store.uow(), actor=coordinator, number=number)
    # When the coordinator records the GVA and a case manager
    result = edit_case(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        changes={"gva_present": True, "gva_date": TODAY - timedelta(days=1), "case_manager": " Ria Bos "},
        expected_version=before.version,
    )
    # Then the signal is gone, the version moved on, and the history and audit say what changed
    after = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert "GVA_MISSING" not in [s["code"] for s in after.signals]
    assert result.version == after.version > before.version
    assert after.case_manager == "Ria Bos" and after.gva["present"] is True
    lines = [(c["field"], c["old"], c["new"], c["by"]) for c in after.changes]
    assert ("gva_present", "nee", "ja", "coordinator") in lines
    assert ("case_manager", "—", "Ria Bos", "coordinator") in lines
    assert events(store, number, "case_edit") == ["velden: gva_present, gva_date, case_manager"]


def test_a_stale_edit_is_refused_and_writes_nothing(store, coordinator, number):
    seen = get_case(uow=store.uow(), actor=coordinator, number=number).version
    edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"urgency": Urgency.HIGH})
    with pytest.raises(StaleEdit, match="Iemand anders"):
        edit_case(
            uow=store.uow(),
            actor=coordinator,
            number=number,
            changes={"urgency": Urgency.CRISIS},
            expected_version=seen,
        )
    assert get_case(uow=store.uow(), actor=coordinator, number=number).urgency == "hoog"


def test_every_invalid_field_is_listed_and_nothing_written(store, coordinator, number):
    with pytest.raises(InvalidInput) as caught:
        edit_case(
            uow=store.uow(),
            actor=coordinator,
            number=number,
            changes={
                "gva_date": TODAY,  # without a GVA present
                "school": "Esdal",
                "no_school": True,
                "postcode": "12AB",
                "future_plan_on": TODAY + timedelta(days=3),
                "out_of_school_since": TODAY + timedelta(days=1),
            },
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"gva_date", "school", "postcode", "future_plan_on", "out_of_school_since"}
    assert get_case(uow=store.uow(), actor=coordinator, number=number).changes == []


def test_school_future_plan_family_and_address_can_be_completed(store, coordinator, number):
    edit_case(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        changes={
            "school": None,
            "no_school": True,
            "out_of_school_since": date(2026, 9, 1) if date(2026, 9, 1) <= TODAY else TODAY,
            "future_plan": True,
            "future_plan_on": TODAY,
            "future_plan_text": "Kamertraining vanaf 17; school via Entree-opleiding.",
            "address": "Brink 4",
            "postcode": "9401hs",
            "residence": "Assen",
            "family": (FamilyMemberDraft("Petra Veenstra", "moeder", True),),
            "referrer_contact": "J. de Vries",
        },
    )
    d = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert d.youth["no_school"] and d.youth["school"] is None and d.youth["out_of_school_since"]
    assert d.future_plan and d.future_plan_on == TODAY and d.future_plan_text.startswith("Kamertraining")
    assert d.youth["postcode"] == "9401 HS" and d.youth["family"][0]["has_authority"] is True
    assert d.referral["referrer_contact"] == "J. de Vries"
    assert d.youth["version"] == 2


def test_identity_needs_a_coordinator_and_a_reason_and_keeps_values_out_of_the_log(
    store, actors, coordinator, number
):
    with pytest.raises(PermissionDenied):
        edit_case(uow=store.uow(), actor=actors[Role.CHAIR], number=number, changes={"given_name": "Sara"})
    with pytest.raises(InvalidInput, match="reden"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"bsn": "999990020"})
    with pytest.raises(InvalidInput, match="elfproef"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"bsn": "999990011"}, reason="x")
    edit_case(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        changes={"bsn": "999990032", "given_name": "Sara"},
        reason="Typefout bij aanmelding",
    )
    d = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert d.youth["bsn"] == "999990032" and d.youth["given_name"] == "Sara"
    assert {c["field"]: c["reason"] for c in d.changes} == {
        "given_name": "Typefout bij aanmelding",
        "bsn": "Typefout bij aanmelding",
    }
    (detail,) = events(store, number, "youth_correct")
    assert detail == "velden: given_name, bsn" and "999990032" not in detail and "Sara" not in detail


def test_a_bsn_of_another_youth_is_refused(store, coordinator, number):
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn="999990032"))
    with pytest.raises(InvalidInput, match="andere jeugdige"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"bsn": "999990032"}, reason="x")


def test_the_gva_block_and_the_override(store, actors, coordinator, number):
    staff = actors[Role.PLACEMENT_OFFICER]
    # Given a case on the Experttafel with a GVA trigger and no GVA (intake recorded it as it came)
    # Then it may not run, not get a placement request, nor go to a route other than the table
    with pytest.raises(RuleViolation, match="kan alleen naar de route Experttafel.*GVA_MISSING"):
        routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason="plek")
    routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.TRIAGE)
    routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.ASSIGNED)
    with pytest.raises(RuleViolation, match="'lopend'"):
        routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.RUNNING)
    request = RequestInput(TODAY, Urgency.NORMAL, "eigen_gezin")
    with pytest.raises(InvalidInput, match="geen plaatsingsverzoek"):
        create_request(uow=store.uow(), actor=staff, number=number, data=request)
    # An override needs a reason and a coordinator
    with pytest.raises(InvalidInput, match="reden"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={}, gva_override=" ")
    with pytest.raises(PermissionDenied):
        edit_case(uow=store.uow(), actor=staff, number=number, changes={}, gva_override="crisis")
    # When a coordinator records the override
    edit_case(
        uow=store.uow(), actor=coordinator, number=number, changes={}, gva_override="Crisis: veiligheid eerst"
    )
    # Then every step is open, the override shows on the case, and it was audited
    routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.RUNNING)
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason="plek")
    create_request(uow=store.uow(), actor=staff, number=number, data=request)
    d = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert (
        d.gva["override"]["reason"] == "Crisis: veiligheid eerst" and d.gva["override"]["by"] == "coordinator"
    )
    assert "GVA_MISSING" in [s["code"] for s in d.signals]  # the GVA is still missing; it is just allowed
    assert events(store, number, "gva_override") == ["uitzondering op GVA-blokkade"]


def test_an_override_without_a_block_is_refused(store, coordinator):
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(gva_triggers=frozenset())
    ).number
    with pytest.raises(InvalidInput, match="geen GVA-blokkade"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={}, gva_override="waarom niet")


def test_triggers_can_be_changed_and_the_referrer_rule_still_holds(store, coordinator):
    from ret_desk.domain.enums import ReferrerType

    number = intake.register_referral(
        uow=store.uow(),
        actor=coordinator,
        draft=draft(gva_triggers=frozenset(), referrer_type=ReferrerType.GP, route=None),
    ).number
    with pytest.raises(InvalidInput) as caught:
        edit_case(
            uow=store.uow(),
            actor=coordinator,
            number=number,
            changes={"gva_triggers": frozenset({GvaTrigger.MULTI_PROBLEM_FAMILY})},
        )
    assert caught.value.errors[0].field == "gva_triggers"


def test_youth_changes_show_on_every_case_of_the_youth(store, coordinator, number):
    with store.uow() as uow:
        assert uow.session.scalar(select(CaseChange.id)) is None
    edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"residence": "Emmen"})
    second = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(referral_date=TODAY)
    ).number  # the same BSN: the same youth
    assert [c["field"] for c in get_case(uow=store.uow(), actor=coordinator, number=second).changes] == [
        "residence"
    ]


def test_transition_18_from_sixteen_and_a_half_in_the_list_and_cleared_by_a_future_plan(store, coordinator):
    from ret_desk.domain.dates import add_months
    from ret_desk.domain.signals import SignalCode
    from ret_desk.services.cases.case_queries import CaseFilter, list_cases

    # Given a youth of 16 years and 7 months without a future plan, and one of 16 years and 5 months
    older = add_months(TODAY, -(16 * 12 + 7))
    younger = add_months(TODAY, -(16 * 12 + 5))
    numbers = [
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=draft(bsn=bsn, birth_date=born, referral_date=TODAY)
        ).number
        for bsn, born in (("999990044", older), ("999990056", younger))
    ]
    flt = CaseFilter(signal=SignalCode.TRANSITION_18)
    # Then the list filter (SQL) and the detail (domain) both flag only the older one
    assert [r.number for r in list_cases(uow=store.uow(), actor=coordinator, flt=flt)] == numbers[:1]
    assert "TRANSITION_18" in codes(store, coordinator, numbers[0])
    assert "TRANSITION_18" not in codes(store, coordinator, numbers[1])
    # When a future plan is recorded, the signal goes at once, in both
    edit_case(uow=store.uow(), actor=coordinator, number=numbers[0], changes={"future_plan": True})
    assert list_cases(uow=store.uow(), actor=coordinator, flt=flt) == []
    assert "TRANSITION_18" not in codes(store, coordinator, numbers[0])


def test_a_move_to_another_municipality_and_a_gender_correction(store, coordinator, number):
    from ret_desk.domain.enums import Gender

    with pytest.raises(InvalidInput, match="gemeente uit de regio"):
        edit_case(uow=store.uow(), actor=coordinator, number=number, changes={"municipality_code": "GM0363"})
    edit_case(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        changes={"municipality_code": "GM0114", "gender": Gender.FEMALE, "residence": "Emmen"},
    )
    d = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert (d.youth["municipality"], d.youth["gender"]) == ("Emmen", "v")
    lines = {c["field"]: (c["old"], c["new"]) for c in d.changes}
    assert lines["municipality_code"] == ("Assen", "Emmen") and lines["gender"] == ("Onbekend", "Vrouw")

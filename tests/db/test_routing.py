"""Routing and status changes, with history, audit and the stale-edit guard."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Case
from ret_desk.domain.enums import CaseOutcome, CaseStatus, Role
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.services.cases import intake, notes, routing
from ret_desk.services.cases.case_detail import get_case
from tests.support.drafts import draft


@pytest.fixture
def number(store, coordinator) -> str:
    # The GVA is present: routing and the lifecycle are the subject here, not the GVA block.
    return intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(gva_present=True)).number


def test_route_records_from_to_who_and_why(store, coordinator, number):
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason="Plek nodig")
    detail = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert detail.route == "rop"
    last = detail.route_history[-1]
    assert (last["from"], last["to"], last["by"], last["reason"]) == (
        "experttafel",
        "rop",
        "coordinator",
        "Plek nodig",
    )


def test_route_needs_a_reason(store, coordinator, number):
    with pytest.raises(InvalidInput, match="reden"):
        routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rop", reason=" ")


def test_the_whole_lifecycle_and_reopen(store, coordinator, number):
    for status in (CaseStatus.TRIAGE, CaseStatus.ASSIGNED, CaseStatus.RUNNING):
        routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=status)
    routing.change_status(
        uow=store.uow(),
        actor=coordinator,
        number=number,
        status=CaseStatus.CLOSED,
        outcome=CaseOutcome.COMPLETED,
    )
    detail = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert detail.status == "afgesloten" and detail.outcome == "afgerond"
    assert detail.care_started_on is not None
    with pytest.raises(RuleViolation, match="afgesloten casus"):
        routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rst", reason="x")
    routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.TRIAGE)
    detail = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert [s["to"] for s in detail.status_history] == [
        "aangemeld", "in_triage", "toegewezen", "lopend", "afgesloten", "in_triage"
    ]  # fmt: skip
    assert detail.outcome is None


def test_skipping_a_status_is_refused_and_nothing_changes(store, coordinator, number):
    with pytest.raises(RuleViolation, match="kan niet naar"):
        routing.change_status(uow=store.uow(), actor=coordinator, number=number, status=CaseStatus.RUNNING)
    assert get_case(uow=store.uow(), actor=coordinator, number=number).status == "aangemeld"


def test_stale_edit_is_refused_and_never_overwrites(store, coordinator, number):
    seen = get_case(uow=store.uow(), actor=coordinator, number=number).version
    # Someone else routes the case first ...
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rst", reason="collega")
    # ... so our edit, based on what we saw, is refused.
    with pytest.raises(StaleEdit, match="Iemand anders"):
        routing.route_case(
            uow=store.uow(),
            actor=coordinator,
            number=number,
            route="rop",
            reason="ik",
            expected_version=seen,
        )
    assert get_case(uow=store.uow(), actor=coordinator, number=number).route == "rst"


def test_concurrent_write_between_read_and_flush_is_stale(store, coordinator, number):
    """The version column guards the gap between our read and our write too."""
    with store.uow() as mine:
        case = mine.session.scalar(select(Case).where(Case.number == number))
        case.urgency = "hoog"
        routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="rst", reason="collega")
        with pytest.raises(StaleEdit):
            mine.commit()
    assert get_case(uow=store.uow(), actor=coordinator, number=number).urgency == "normaal"


def test_notes_are_dated_and_audited(store, coordinator, number):
    notes.add_note(uow=store.uow(), actor=coordinator, number=number, text="Gebeld met toegang.")
    detail = get_case(uow=store.uow(), actor=coordinator, number=number)
    assert detail.notes[-1]["text"] == "Gebeld met toegang."
    with store.uow() as uow:
        assert uow.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "note_add")) is not None


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PLACEMENT_OFFICER, Role.AUDITOR, Role.ADMIN])
def test_only_coordinators_route_and_change_status(store, actors, number, role):
    with pytest.raises(PermissionDenied):
        routing.route_case(uow=store.uow(), actor=actors[role], number=number, route="rop", reason="x")
    with pytest.raises(PermissionDenied):
        routing.change_status(uow=store.uow(), actor=actors[role], number=number, status=CaseStatus.TRIAGE)

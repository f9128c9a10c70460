"""Issue 8 §5 services on both stores: the case picker's search, sittings that cannot be
held in the future and can be reopened without advice, and the case's placement picture
with the correction of a placement's end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Note
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.domain.experttafel import AdviceType, SessionStatus
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_queries import find_cases
from ret_desk.services.experttafel import advice, agenda
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.services.placement import location_import, placement_requests, placements
from ret_desk.services.placement.placement_picture import case_picture, correct_placement_end, match_log
from tests.db.test_experttafel import sitting
from tests.support.drafts import draft
from tests.support.rop import write_locations

TODAY = date.today()


def events(store, action: str) -> list:
    """(case_number, actor_name, detail) of every event of `action`."""
    with store.uow() as uow:
        return uow.session.execute(
            select(AuditEvent.case_number, AuditEvent.actor_name, AuditEvent.detail).where(
                AuditEvent.action == action
            )
        ).all()


@pytest.fixture
def staff(actors):
    return actors[Role.PLACEMENT_OFFICER]


@pytest.fixture
def chair(actors):
    return actors[Role.CHAIR]


def test_the_case_picker_finds_a_case_by_number_name_or_bsn_and_logs_no_search_text(store, coordinator):
    numbers = [
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=draft(bsn=bsn, given_name=name, family_name=family)
        ).number
        for bsn, name, family in (("999990019", "Noor", "Zwiers"), ("999990020", "Daan", "de Vries"))
    ]
    by_name = find_cases(uow=store.uow(), actor=coordinator, text="zwie")
    assert [(c.number, c.youth_name) for c in by_name] == [(numbers[0], "Noor Zwiers")]
    assert [c.number for c in find_cases(uow=store.uow(), actor=coordinator, text=numbers[1])] == [numbers[1]]
    assert [c.number for c in find_cases(uow=store.uow(), actor=coordinator, text="999990020")] == [
        numbers[1]
    ]
    assert len(find_cases(uow=store.uow(), actor=coordinator, text="ret", limit=1)) == 1
    assert find_cases(uow=store.uow(), actor=coordinator, text="z") == []  # too short to search
    logged = [e[2] for e in events(store, "case_list")]
    assert len(logged) == 4 and all(d.startswith("casuskiezer, zoekopdracht") for d in logged)
    assert not any("zwie" in d or "999990020" in d for d in logged)


def test_a_sitting_in_the_future_cannot_be_held_and_a_held_one_reopens_until_it_has_advice(
    store, chair, coordinator
):
    future = experttafel.plan_session(
        uow=store.uow(), actor=chair, data=sitting(held_on=TODAY + timedelta(days=2))
    )
    with pytest.raises(RuleViolation, match="in de toekomst"):
        experttafel.set_session_status(
            uow=store.uow(), actor=chair, session_id=future, status=SessionStatus.HELD
        )
    # A past sitting marked held by mistake: the chair reopens it, audited
    past = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    experttafel.set_session_status(uow=store.uow(), actor=chair, session_id=past, status=SessionStatus.HELD)
    experttafel.set_session_status(
        uow=store.uow(), actor=chair, session_id=past, status=SessionStatus.PLANNED
    )
    assert [e[1] for e in events(store, "session_reopen")] == [chair.username]
    with pytest.raises(PermissionDenied):
        experttafel.set_session_status(
            uow=store.uow(), actor=coordinator, session_id=past, status=SessionStatus.HELD
        )
    # With advice on it, a held sitting stays held
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(route="experttafel")
    ).number
    item = agenda.add_to_agenda(
        uow=store.uow(), actor=chair, session_id=past, number=number, data=agenda.AgendaInput(question="?")
    )
    experttafel.set_session_status(uow=store.uow(), actor=chair, session_id=past, status=SessionStatus.HELD)
    advice.record_advice(
        uow=store.uow(), actor=chair, item_id=item, data=advice.AdviceInput(AdviceType.OTHER, "Advies."),
        expected_version=None,
    )  # fmt: skip
    with pytest.raises(RuleViolation, match="blijft gehouden"):
        experttafel.set_session_status(
            uow=store.uow(), actor=chair, session_id=past, status=SessionStatus.PLANNED
        )
    assert len(events(store, "session_reopen")) == 1


@pytest.fixture
def placed(store, coordinator, staff, tmp_path) -> str:
    location_import.import_locations(uow=store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv"))
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(route="rop", gva_present=True)
    ).number
    placement_requests.create_request(
        uow=store.uow(), actor=staff, number=number,
        data=placement_requests.RequestInput(TODAY, Urgency.HIGH, "pleeggezin", "Netwerk past niet"),
    )  # fmt: skip
    placements.start_placement(
        uow=store.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY - timedelta(days=60),
    )  # fmt: skip
    placements.end_placement(
        uow=store.uow(),
        actor=staff,
        number=number,
        ended_on=TODAY - timedelta(days=10),
        reason=EndReason.MISMATCH,
    )
    return number


def test_the_case_picture_shows_placements_requests_and_decisions(store, coordinator, placed):
    picture = case_picture(uow=store.uow(), actor=coordinator, number=placed)
    [placement] = picture.placements
    assert (placement.location_agb, placement.end_reason) == ("21000001", EndReason.MISMATCH)
    assert [r.status for r in picture.requests] == [RequestStatus.PLACED]
    [decision] = picture.decisions
    assert decision.rank == 1 and decision.snapshot[0].location_agb == "21000001" and not decision.placeable
    assert match_log(uow=store.uow(), actor=coordinator, number=placed) == picture.decisions
    assert {e[0] for e in events(store, "case_view")} == {placed}


def test_placement_staff_correct_an_end_with_a_reason_audited_and_noted(store, coordinator, staff, placed):
    [line] = case_picture(uow=store.uow(), actor=staff, number=placed).placements
    on = TODAY - timedelta(days=12)

    def correct(actor, ended_on, reason, why):  # noqa: ANN001, ANN202
        return correct_placement_end(
            uow=store.uow(), actor=actor, placement_id=line.id, expected_version=line.version,
            ended_on=ended_on, reason=reason, why=why,
        )  # fmt: skip

    # A coordinator may not; a reason is required; the end date is not in the future
    with pytest.raises(PermissionDenied):
        correct(coordinator, on, EndReason.PLANNED, "x")
    with pytest.raises(InvalidInput) as refused:
        correct(staff, TODAY + timedelta(days=1), EndReason.PLANNED, " ")
    assert {e.field for e in refused.value.errors} == {"why", "ended_on"}
    correct(staff, on, EndReason.PLANNED, "Was afgesproken einde")
    [after] = case_picture(uow=store.uow(), actor=staff, number=placed).placements
    assert (after.ended_on, after.end_reason) == (on, EndReason.PLANNED)
    [(case_number, _, detail)] = events(store, "placement_correct")
    assert case_number == placed and "mismatch" in detail and "Was afgesproken" not in detail
    with store.uow() as uow:
        assert "Reden: Was afgesproken einde" in uow.session.scalar(select(Note.text))
    # The old version is stale now
    with pytest.raises(StaleEdit):
        correct(staff, on, EndReason.MISMATCH, "nogmaals")

"""Experttafel services on a real store: sittings, agenda, advice, action points, follow-up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.domain.experttafel import AdviceType, Discipline, SessionStatus
from ret_desk.domain.table_signals import TableSignalCode
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.experttafel import advice, agenda
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.services.experttafel.advice_views import follow_ups
from ret_desk.services.experttafel.session_detail import get_session
from tests.support.drafts import draft

TODAY = date.today()
LAST_WEEK = TODAY - timedelta(days=7)


def sitting(held_on: date = LAST_WEEK, **changes) -> experttafel.SessionInput:
    base = dict(
        held_on=held_on,
        start_time="9:30",
        chair="Ineke Bos",
        place="Provinciehuis Assen",
        minute_taker="Jan Smit",
        members=(
            experttafel.MemberInput("Dr. Aydın", Discipline.MENTAL_HEALTH),
            experttafel.MemberInput("Petra Mulder", Discipline.EDUCATION, absent=True),
        ),
    )
    return experttafel.SessionInput(**(base | changes))


@pytest.fixture
def chair(actors):
    return actors[Role.CHAIR]


@pytest.fixture
def cases(store, coordinator) -> list[str]:
    return [
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn=bsn, route=route)).number
        for bsn, route in (("999990019", "experttafel"), ("999990020", "rop"))
    ]


def events(store, action: str) -> list[AuditEvent]:
    with store.uow() as uow:
        return list(uow.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_chair_plans_a_sitting_with_members_and_it_is_listed(store, chair):
    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    rows = experttafel.list_sessions(uow=store.uow(), actor=chair)
    assert [(r.id, r.start_time, r.status, r.items) for r in rows] == [
        (sid, "09:30", SessionStatus.PLANNED, 0)
    ]
    detail = get_session(uow=store.uow(), actor=chair, session_id=sid)
    assert [(m.name, m.discipline, m.absent) for m in detail.data.members] == [
        ("Dr. Aydın", Discipline.MENTAL_HEALTH, False),
        ("Petra Mulder", Discipline.EDUCATION, True),
    ]
    assert len(events(store, "session_plan")) == 1


def test_a_sitting_needs_a_time_and_a_chair_and_only_a_chair_plans(store, chair, coordinator):
    with pytest.raises(InvalidInput) as refused:
        experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting(start_time="25:00", chair=" "))
    assert {e.field for e in refused.value.errors} == {"start_time", "chair"}
    with pytest.raises(PermissionDenied):
        experttafel.plan_session(uow=store.uow(), actor=coordinator, data=sitting())
    assert experttafel.list_sessions(uow=store.uow(), actor=chair) == []


def test_only_experttafel_cases_go_on_the_agenda_unless_a_coordinator_routes_them(
    store, chair, coordinator, cases
):
    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting(TODAY + timedelta(days=3)))
    question = agenda.AgendaInput(question="Welke hulp past bij Sanne?")
    agenda.add_to_agenda(uow=store.uow(), actor=chair, session_id=sid, number=cases[0], data=question)
    with pytest.raises(RuleViolation, match="niet op de route Experttafel"):
        agenda.add_to_agenda(uow=store.uow(), actor=chair, session_id=sid, number=cases[1], data=question)
    # A chair may not route by the back door
    with pytest.raises(PermissionDenied):
        agenda.add_to_agenda(
            uow=store.uow(),
            actor=chair,
            session_id=sid,
            number=cases[1],
            data=question,
            route_reason="Advies",
        )
    agenda.add_to_agenda(
        uow=store.uow(),
        actor=coordinator,
        session_id=sid,
        number=cases[1],
        data=question,
        route_reason="Advies",
    )
    assert get_case(uow=store.uow(), actor=coordinator, number=cases[1]).route == "experttafel"
    detail = get_session(uow=store.uow(), actor=chair, session_id=sid)
    assert [(i.position, i.case_number, i.slot_start) for i in detail.items] == [
        (1, cases[0], "09:30"),
        (2, cases[1], "10:00"),
    ]
    assert detail.youths[cases[0]].startswith("Sanne Veenstra, ")
    with pytest.raises(RuleViolation, match="staat al op de agenda"):
        agenda.add_to_agenda(uow=store.uow(), actor=chair, session_id=sid, number=cases[0], data=question)


def test_agenda_items_reorder_and_come_off_until_advised(store, chair, coordinator, cases):
    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    q = agenda.AgendaInput(question="Vraag")
    ids = [
        agenda.add_to_agenda(
            uow=store.uow(), actor=coordinator, session_id=sid, number=n, data=q, route_reason="ET"
        )
        if i
        else agenda.add_to_agenda(uow=store.uow(), actor=chair, session_id=sid, number=n, data=q)
        for i, n in enumerate(cases)
    ]
    agenda.move_agenda_item(uow=store.uow(), actor=chair, item_id=ids[1], steps=-1)
    order = [i.case_number for i in get_session(uow=store.uow(), actor=chair, session_id=sid).items]
    assert order == [cases[1], cases[0]]
    advice.record_advice(
        uow=store.uow(),
        actor=chair,
        item_id=ids[0],
        data=advice.AdviceInput(AdviceType.SPECIFIC_HELP, "Start FACT"),
    )
    with pytest.raises(RuleViolation, match="al geadviseerd"):
        agenda.remove_from_agenda(uow=store.uow(), actor=chair, item_id=ids[0])
    agenda.remove_from_agenda(uow=store.uow(), actor=chair, item_id=ids[1])
    assert [i.case_number for i in get_session(uow=store.uow(), actor=chair, session_id=sid).items] == [
        cases[0]
    ]


def test_advice_with_an_action_point_raises_follow_up_signals_on_the_case(store, chair, coordinator, cases):
    # Given a sitting last week with one case on it
    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    item = agenda.add_to_agenda(
        uow=store.uow(),
        actor=chair,
        session_id=sid,
        number=cases[0],
        data=agenda.AgendaInput(question="Wat nu?"),
    )
    # When the chair records advice with an action that was due yesterday and a follow-up today
    data = advice.AdviceInput(
        AdviceType.PLACEMENT_VIA_ROP,
        "Plaatsing in een gezinshuis.",
        "Thuis is niet veilig.",
        follow_up_on=TODAY,
    )
    version = advice.record_advice(uow=store.uow(), actor=chair, item_id=item, data=data)
    action = advice.add_action(
        uow=store.uow(),
        actor=chair,
        item_id=item,
        description="Aanvraag bij ROP",
        owner="RET",
        due_on=TODAY - timedelta(1),
    )
    # Then both signals show on the case and in the follow-up list
    signals = get_case(uow=store.uow(), actor=coordinator, number=cases[0]).signals
    assert {"ACTION_OVERDUE", "FOLLOW_UP_DUE"} <= {s["code"] for s in signals}
    assert [r.signal.code for r in follow_ups(uow=store.uow(), actor=chair)] == [
        TableSignalCode.ACTION_OVERDUE,
        TableSignalCode.FOLLOW_UP_DUE,
    ]
    # And when the action is done and the outcome recorded, they are gone
    advice.set_action_done(uow=store.uow(), actor=chair, action_id=action, done=True)
    advice.record_advice(
        uow=store.uow(),
        actor=chair,
        item_id=item,
        expected_version=version,
        data=advice.AdviceInput(
            AdviceType.PLACEMENT_VIA_ROP,
            "Plaatsing in een gezinshuis.",
            follow_up_on=TODAY,
            referrer_accepted=True,
            follow_up_outcome="Geplaatst in gezinshuis",
        ),
    )
    assert follow_ups(uow=store.uow(), actor=chair) == []
    assert len(events(store, "advice_record")) == 2 and len(events(store, "action_done")) == 1


def test_advice_waits_for_the_sitting_and_a_stale_edit_is_refused(store, chair, cases):
    later = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting(TODAY + timedelta(days=2)))
    item = agenda.add_to_agenda(
        uow=store.uow(), actor=chair, session_id=later, number=cases[0], data=agenda.AgendaInput(question="?")
    )
    data = advice.AdviceInput(AdviceType.OTHER, "Advies")
    with pytest.raises(RuleViolation, match="nog niet geweest"):
        advice.record_advice(uow=store.uow(), actor=chair, item_id=item, data=data)
    advice.record_advice(
        uow=store.uow(), actor=chair, item_id=item, data=data, today=TODAY + timedelta(days=2)
    )
    with pytest.raises(StaleEdit):
        advice.record_advice(
            uow=store.uow(),
            actor=chair,
            item_id=item,
            data=data,
            expected_version=1,
            today=TODAY + timedelta(days=2),
        )


def test_a_cancelled_sitting_takes_no_agenda_and_a_held_one_stays_held(store, chair, cases):
    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    experttafel.set_session_status(
        uow=store.uow(), actor=chair, session_id=sid, status=SessionStatus.CANCELLED
    )
    with pytest.raises(RuleViolation, match="geannuleerd"):
        agenda.add_to_agenda(
            uow=store.uow(),
            actor=chair,
            session_id=sid,
            number=cases[0],
            data=agenda.AgendaInput(question="?"),
        )
    experttafel.set_session_status(uow=store.uow(), actor=chair, session_id=sid, status=SessionStatus.PLANNED)
    experttafel.set_session_status(uow=store.uow(), actor=chair, session_id=sid, status=SessionStatus.HELD)
    with pytest.raises(RuleViolation):
        experttafel.set_session_status(
            uow=store.uow(), actor=chair, session_id=sid, status=SessionStatus.CANCELLED
        )
    with pytest.raises(NotFound):
        get_session(uow=store.uow(), actor=chair, session_id=sid + 100)


def test_documents_build_on_either_store(store, chair, cases):
    # Given a sitting with a case on it (on SQLite and on PostgreSQL)
    from ret_desk.services.experttafel import printing
    from tests.reports.pdf_text import flat

    sid = experttafel.plan_session(uow=store.uow(), actor=chair, data=sitting())
    agenda.add_to_agenda(
        uow=store.uow(),
        actor=chair,
        session_id=sid,
        number=cases[0],
        data=agenda.AgendaInput(question="Wat past?"),
    )
    # When the chair builds the pseudonymised pack and a full summary
    pack = printing.pack_pdf(uow=store.uow(), actor=chair, session_id=sid, pseudonymised=True)
    full = printing.case_summary_pdf(uow=store.uow(), actor=chair, number=cases[0], session_id=sid)
    # Then both read back with the case, and only the full one names the youth
    assert cases[0] in flat(pack.pdf) and "Sanne" not in flat(pack.pdf)
    assert "Sanne Veenstra" in flat(full.pdf) and "Wat past?" in flat(full.pdf)

"""Experttafel rules: sitting statuses, who may go on the agenda, follow-up signals, Dutch dates."""

from __future__ import annotations

from datetime import date

import pytest

from ret_desk.domain.dutch_dates import long_date, short_date
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.experttafel import (
    SessionStatus,
    check_agenda_route,
    check_editable,
    check_session_transition,
)
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.domain.table_signals import ActionFacts, AdviceFacts, TableSignalCode, evaluate_advice

TODAY = date(2026, 11, 23)


def test_dates_are_written_the_dutch_way():
    assert long_date(date(2026, 3, 12)) == "12 maart 2026"
    assert long_date(date(2026, 11, 23), weekday=True) == "maandag 23 november 2026"
    assert short_date(date(2026, 3, 2)) == "02-03-2026"
    assert long_date(None) == ""


def test_a_planned_sitting_is_held_or_cancelled_and_a_held_one_stays_held():
    check_session_transition(SessionStatus.PLANNED, SessionStatus.HELD)
    check_session_transition(SessionStatus.CANCELLED, SessionStatus.PLANNED)
    with pytest.raises(RuleViolation, match="Gehouden"):
        check_session_transition(SessionStatus.HELD, SessionStatus.CANCELLED)
    with pytest.raises(RuleViolation, match="geannuleerd"):
        check_editable(SessionStatus.CANCELLED)


@pytest.mark.parametrize("kind", [None, RouteKind.PLACEMENT, RouteKind.TRAVELLING_TEAM, RouteKind.GENERIC])
def test_only_advice_table_cases_go_on_the_agenda_unless_routed_there_now(kind):
    with pytest.raises(RuleViolation, match="niet op de route Experttafel"):
        check_agenda_route(kind, route_there_now=False)
    with pytest.raises(RuleViolation, match=r"niet op de route Raadpleging RET \(Logeren\)"):
        check_agenda_route(kind, False, current_label="Logeren", table_label="Raadpleging RET")
    check_agenda_route(kind, route_there_now=True)
    check_agenda_route(RouteKind.ADVICE_TABLE, route_there_now=False)


def advice(**changes) -> AdviceFacts:
    base = dict(session_date=date(2026, 10, 1), follow_up_on=None, follow_up_outcome="", actions=())
    return AdviceFacts(**(base | changes))


def test_an_open_action_past_its_due_date_is_overdue_and_a_done_one_is_not():
    late = ActionFacts("Schoolplan opstellen", "Mentor", date(2026, 11, 22), done=False)
    due_today = ActionFacts("Gesprek ouders", "Casusregisseur", TODAY, done=False)
    done = ActionFacts("GVA opvragen", "RET", date(2026, 11, 1), done=True)
    signals = evaluate_advice(advice(actions=(late, due_today, done)), TODAY)
    assert [s.code for s in signals] == [TableSignalCode.ACTION_OVERDUE]
    assert "Schoolplan opstellen" in signals[0].message and "22 november 2026" in signals[0].message


def test_a_follow_up_is_due_from_its_date_until_an_outcome_is_recorded():
    assert evaluate_advice(advice(follow_up_on=date(2026, 11, 24)), TODAY) == []
    due = evaluate_advice(advice(follow_up_on=TODAY), TODAY)
    assert [s.code for s in due] == [TableSignalCode.FOLLOW_UP_DUE]
    assert evaluate_advice(advice(follow_up_on=TODAY, follow_up_outcome="Hulp gestart"), TODAY) == []


def test_a_future_sitting_is_not_held_and_a_held_one_with_advice_is_not_reopened():
    from datetime import date

    today = date(2026, 11, 23)
    with pytest.raises(RuleViolation, match="in de toekomst"):
        check_session_transition(
            SessionStatus.PLANNED, SessionStatus.HELD, held_on=date(2026, 11, 24), today=today
        )
    check_session_transition(SessionStatus.PLANNED, SessionStatus.HELD, held_on=today, today=today)
    check_session_transition(SessionStatus.HELD, SessionStatus.PLANNED, advised=0)
    with pytest.raises(RuleViolation, match="blijft gehouden"):
        check_session_transition(SessionStatus.HELD, SessionStatus.PLANNED, advised=2)

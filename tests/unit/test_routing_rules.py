"""The routing rules in domain.routing: a reason, no closed case, no same route."""

from __future__ import annotations

import pytest

from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import InvalidInput, RuleViolation
from ret_desk.domain.routing import can_be_routed, check_route_change


def change(**kw):
    args = dict(
        number="RET-1",
        status=CaseStatus.TRIAGE,
        current_route="experttafel",
        target_key="rop",
        target_label="ROP",
        reason="past beter",
    )
    check_route_change(**(args | kw))


def test_a_route_change_with_a_reason_is_allowed():
    change()
    change(current_route=None)


def test_a_route_change_needs_a_reason():
    with pytest.raises(InvalidInput) as caught:
        change(reason="  ")
    assert caught.value.errors[0].field == "reason"
    assert caught.value.errors[0].message == "Geef een reden voor de routering."


def test_a_closed_case_is_reopened_before_it_is_routed():
    with pytest.raises(RuleViolation, match="heropen hem eerst"):
        change(status=CaseStatus.CLOSED)


def test_a_case_is_not_routed_to_the_route_it_is_on():
    with pytest.raises(RuleViolation, match="Casus RET-1 staat al op route ROP."):
        change(current_route="rop")


def test_only_a_closed_case_cannot_be_routed():
    assert [s for s in CaseStatus if not can_be_routed(s)] == [CaseStatus.CLOSED]

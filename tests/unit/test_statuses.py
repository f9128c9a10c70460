"""Status lifecycle: every allowed step passes, everything else is refused in Dutch."""

import pytest

from ret_desk.domain.enums import CaseOutcome, CaseStatus
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.statuses import check_transition

S = CaseStatus
ALLOWED = {
    (S.REGISTERED, S.TRIAGE),
    (S.TRIAGE, S.ASSIGNED),
    (S.ASSIGNED, S.RUNNING),
    (S.RUNNING, S.CLOSED),
    (S.CLOSED, S.TRIAGE),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_transition(current, target):
    outcome = CaseOutcome.COMPLETED if target is S.CLOSED else None
    if (current, target) in ALLOWED:
        check_transition(current, target, outcome)
    else:
        with pytest.raises(RuleViolation, match="kan niet naar"):
            check_transition(current, target, outcome)


def test_closing_needs_an_outcome():
    with pytest.raises(RuleViolation, match="uitkomst"):
        check_transition(S.RUNNING, S.CLOSED, None)


def test_outcome_only_when_closing():
    with pytest.raises(RuleViolation, match="Alleen bij afsluiten"):
        check_transition(S.REGISTERED, S.TRIAGE, CaseOutcome.COMPLETED)

"""The case status lifecycle: which transitions are allowed (issue 2, Rules)."""

from __future__ import annotations

from ret_desk.domain.enums import CaseOutcome, CaseStatus
from ret_desk.domain.errors import RuleViolation

_ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.REGISTERED: frozenset({CaseStatus.TRIAGE}),
    CaseStatus.TRIAGE: frozenset({CaseStatus.ASSIGNED}),
    CaseStatus.ASSIGNED: frozenset({CaseStatus.RUNNING}),
    CaseStatus.RUNNING: frozenset({CaseStatus.CLOSED}),
    # Reopening sends a case back to triage: the RET looks at it afresh.
    CaseStatus.CLOSED: frozenset({CaseStatus.TRIAGE}),
}


def allowed_next(status: CaseStatus) -> frozenset[CaseStatus]:
    """The statuses a case in `status` may move to."""
    return _ALLOWED[status]


def check_transition(current: CaseStatus, target: CaseStatus, outcome: CaseOutcome | None = None) -> None:
    """Raise RuleViolation (Dutch) unless current → target is allowed with this outcome."""
    if target not in _ALLOWED[current]:
        raise RuleViolation(
            f"Een casus met status '{current.label}' kan niet naar '{target.label}'. "
            f"Toegestaan: {', '.join(s.label for s in sorted(_ALLOWED[current])) or 'geen'}."
        )
    if target is CaseStatus.CLOSED and outcome is None:
        raise RuleViolation("Kies een uitkomst om de casus af te sluiten.")
    if target is not CaseStatus.CLOSED and outcome is not None:
        raise RuleViolation("Alleen bij afsluiten hoort een uitkomst.")

"""The blocking GVA_MISSING signal applied to a stored case (rules in domain/gva_block.py)."""

from __future__ import annotations

from ret_desk.db.models import Case
from ret_desk.domain.enums import GvaTrigger, from_mask
from ret_desk.domain.gva_block import BlockedStep, check_step, is_blocked
from ret_desk.domain.route_kinds import RouteKind


def case_blocked(case: Case) -> bool:
    return is_blocked(
        from_mask(case.gva_trigger_mask, GvaTrigger), case.gva_present, case.gva_override_reason
    )


def check_case_step(
    case: Case, step: BlockedStep, kind: RouteKind | None = None, table_label: str = "Experttafel"
) -> None:
    """Raise RuleViolation (Dutch, naming the rule) when the GVA block forbids `step`;
    `kind` is the kind of the route a case is being sent to."""
    check_step(case.number, case_blocked(case), step, kind, table_label)


def override_json(case: Case) -> dict | None:
    """The recorded override, as `case show --json` and the detail show it (None: none)."""
    if not case.gva_override_reason:
        return None
    return {"reason": case.gva_override_reason, "by": case.gva_override_by, "at": case.gva_override_at}

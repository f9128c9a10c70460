"""The blocking GVA_MISSING signal applied to a stored case (rules in domain/gva_block.py)."""

from __future__ import annotations

from ret_desk.db.models import Case
from ret_desk.domain.enums import GvaTrigger, Route, from_mask
from ret_desk.domain.gva_block import BlockedStep, check_step, is_blocked


def case_blocked(case: Case) -> bool:
    return is_blocked(
        from_mask(case.gva_trigger_mask, GvaTrigger), case.gva_present, case.gva_override_reason
    )


def check_case_step(case: Case, step: BlockedStep, route: Route | None = None) -> None:
    """Raise RuleViolation (Dutch, naming the rule) when the GVA block forbids `step`."""
    check_step(case.number, case_blocked(case), step, route)


def override_json(case: Case) -> dict | None:
    """The recorded override, as `case show --json` and the detail show it (None: none)."""
    if not case.gva_override_reason:
        return None
    return {"reason": case.gva_override_reason, "by": case.gva_override_by, "at": case.gva_override_at}

"""The routing rules: when a case may move to another route.

A route change needs a reason; a closed case is reopened before it is routed; a case is
not routed to the route it is on. (Which statuses may follow which is in
domain.statuses; the GVA block on routing is in domain.gva_block.)
"""

from __future__ import annotations

from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import FieldError, InvalidInput, RuleViolation


def can_be_routed(status: CaseStatus) -> bool:
    """Whether a case in `status` may be routed at all (a closed case is reopened first)."""
    return status is not CaseStatus.CLOSED


def check_route_change(
    *,
    number: str,
    status: CaseStatus,
    current_route: str | None,
    target_key: str,
    target_label: str,
    reason: str,
) -> None:
    """Raise InvalidInput or RuleViolation (Dutch) unless case `number` in `status`, now on
    `current_route` (a route key, or None), may move to route `target_key`."""
    if not reason.strip():
        raise InvalidInput([FieldError("reason", "Geef een reden voor de routering.")])
    if not can_be_routed(status):
        raise RuleViolation("Een afgesloten casus kan niet worden gerouteerd; heropen hem eerst.")
    if current_route == target_key:
        raise RuleViolation(f"Casus {number} staat al op route {target_label}.")

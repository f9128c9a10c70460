"""What the blocking GVA_MISSING signal forbids, and the coordinator's override (issue 8).

Intake records every referral as it arrives, requested route included. From then on, while a
GVA trigger applies and no GVA is present, the case cannot go to *lopend*, cannot get a
placement request, and cannot be routed anywhere but the Experttafel, unless a coordinator
recorded an override with a reason (DOMAIN rule 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from ret_desk.domain.enums import GvaTrigger
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.route_kinds import RouteKind

_RULE = (
    "de GVA ontbreekt terwijl er een GVA-aanleiding is (signaal GVA_MISSING is blokkerend). "
    "Leg eerst de GVA vast, of laat een coördinator een uitzondering met reden vastleggen."
)


class BlockedStep(StrEnum):
    RUNNING = "running"
    PLACEMENT_REQUEST = "placement_request"
    ROUTE = "route"


def is_blocked(triggers: Iterable[GvaTrigger], gva_present: bool, override_reason: str) -> bool:
    """True while GVA_MISSING blocks the case: a trigger, no GVA, and no override."""
    return bool(frozenset(triggers)) and not gva_present and not override_reason.strip()


def block_message(number: str, step: BlockedStep, table_label: str = "Experttafel") -> str:
    """The Dutch refusal, naming the step and the rule."""
    head = {
        BlockedStep.RUNNING: f"Casus {number} kan niet naar de status 'lopend'",
        BlockedStep.PLACEMENT_REQUEST: f"Casus {number} kan geen plaatsingsverzoek krijgen",
        BlockedStep.ROUTE: f"Casus {number} kan alleen naar de route {table_label}",
    }[step]
    return f"{head}: {_RULE}"


def check_step(
    number: str,
    blocked: bool,
    step: BlockedStep,
    kind: RouteKind | None = None,
    table_label: str = "Experttafel",
) -> None:
    """Raise RuleViolation when `step` is not allowed; routing to an advice table (the
    Experttafel, whatever the region calls it) always is. `kind` is the target route's kind."""
    if not blocked or (step is BlockedStep.ROUTE and kind is RouteKind.ADVICE_TABLE):
        return
    raise RuleViolation(block_message(number, step, table_label))

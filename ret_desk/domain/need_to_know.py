"""Need-to-know (issue 12 §2): which cases each role's work needs. The rule, in words; the
store's query is services/access/rows.py (and on PostgreSQL, row-level security).

- coordinator: every case (the RET's one door);
- chair: the cases on the agenda of a sitting they chair or attend (linked by account),
  from when the case is put on the agenda until `chair_access_days` (a region setting,
  90 by default) after the advice;
- placement officer: cases on a route of the `placement` kind, or with a placement
  request or a placement;
- any of these three, besides: a case opened with emergency access (noodtoegang, NEN
  7513) for EMERGENCY_ACCESS_HOURS after stating a reason;
- auditor and administrator: no case at all.
"""

from __future__ import annotations

from ret_desk.domain.enums import Role

EMERGENCY_ACCESS_HOURS = 8  # a working day: the reason covers the situation at hand
CHAIR_ACCESS_DAYS_KEY = "chair_access_days"
CHAIR_ACCESS_DAYS_DEFAULT = 90
REASON_MIN_LENGTH = 10

WHY = {
    Role.CHAIR: "deze casus staat niet op de agenda van een zitting die u voorzit of bijwoont "
    "(of het advies is langer dan {days} dagen geleden)",
    Role.PLACEMENT_OFFICER: "deze casus staat niet op een route van Regie op plaatsing en heeft "
    "geen plaatsingsverzoek of plaatsing",
}


def refusal(number: str, role: Role, chair_days: int) -> str:
    """Why `role` may not open case `number`, and the way out."""
    why = WHY.get(role, "uw rol ziet geen casussen").format(days=chair_days)
    return (
        f"U hebt geen toegang tot casus {number}: {why}. Is het nodig voor de zorg van dit kind, "
        "open de casus dan met noodtoegang en geef de reden (die komt in het logboek)."
    )


def reason_problem(reason: str) -> str | None:
    """What is wrong with an emergency-access reason, or None."""
    if len(reason.strip()) < REASON_MIN_LENGTH:
        return f"Geef de reden voor noodtoegang in minstens {REASON_MIN_LENGTH} tekens."
    return None

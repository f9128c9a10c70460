"""Follow-up signals of the Experttafel: overdue action points and due follow-ups.

They show in the Experttafel workspace and on the case, next to the coordinator's
signals of `signals.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ret_desk.domain.dutch_dates import long_date


class TableSignalCode(StrEnum):
    ACTION_OVERDUE = "ACTION_OVERDUE"
    FOLLOW_UP_DUE = "FOLLOW_UP_DUE"

    @property
    def label(self) -> str:
        return {"ACTION_OVERDUE": "Actiepunt verlopen", "FOLLOW_UP_DUE": "Follow-up nodig"}[self.value]


@dataclass(frozen=True, slots=True)
class ActionFacts:
    description: str
    owner: str
    due_on: date | None
    done: bool


@dataclass(frozen=True, slots=True)
class AdviceFacts:
    """What the follow-up rules need to know of one agenda item's advice."""

    session_date: date
    follow_up_on: date | None
    follow_up_outcome: str
    actions: tuple[ActionFacts, ...]


@dataclass(frozen=True, slots=True)
class TableSignal:
    code: TableSignalCode
    message: str


def action_overdue(action: ActionFacts, today: date) -> bool:
    return not action.done and action.due_on is not None and action.due_on < today


def follow_up_due(advice: AdviceFacts, today: date) -> bool:
    """The follow-up date has come and no follow-up outcome is recorded yet."""
    return (
        advice.follow_up_on is not None
        and advice.follow_up_on <= today
        and not advice.follow_up_outcome.strip()
    )


def evaluate_advice(advice: AdviceFacts, today: date) -> list[TableSignal]:
    """The signals one advice raises on `today`: one per overdue action, then the follow-up."""
    found = [
        TableSignal(
            TableSignalCode.ACTION_OVERDUE,
            f"Actiepunt '{a.description}' ({a.owner or 'geen eigenaar'}) had op "
            f"{long_date(a.due_on)} klaar moeten zijn.",
        )
        for a in advice.actions
        if action_overdue(a, today)
    ]
    if follow_up_due(advice, today):
        found.append(
            TableSignal(
                TableSignalCode.FOLLOW_UP_DUE,
                f"Follow-up van het advies van {long_date(advice.session_date)} was gepland op "
                f"{long_date(advice.follow_up_on)}; er is nog geen uitkomst vastgelegd.",
            )
        )
    return found

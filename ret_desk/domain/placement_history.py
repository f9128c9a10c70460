"""A youth's placements as a history (DOMAIN rule 8): moves, first-time-right, and the
days spent on each rung of the ladder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ret_desk.domain.placement import EndReason


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    started_on: date
    ended_on: date | None
    end_reason: EndReason | None
    rung: int | None


def moves(placements: Sequence[PlacementFacts]) -> int:
    """Every placement after the first is a move from one place to another."""
    return max(0, len(placements) - 1)


def first_time_right(placements: Sequence[PlacementFacts]) -> bool | None:
    """The first placement ended as planned (or at 18), or it still runs with no move.
    None when there is no placement yet."""
    if not placements:
        return None
    first = sorted(placements, key=lambda p: p.started_on)[0]
    if first.ended_on is None:
        return len(placements) == 1
    return first.end_reason is not None and first.end_reason.planned


def days_per_rung(placements: Sequence[PlacementFacts], today: date) -> dict[str, int]:
    """Days per rung ('1'..'7', 'buiten de ladder'), counting a running placement to today."""
    days: dict[str, int] = {}
    for p in placements:
        key = str(p.rung) if p.rung is not None else "buiten de ladder"
        days[key] = days.get(key, 0) + max(0, ((p.ended_on or today) - p.started_on).days)
    return dict(sorted(days.items()))

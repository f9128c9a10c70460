"""Deadline terms per route (DOMAIN rule 4). The numbers live in the store, never here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ret_desk.domain.dates import add_months

#: Key of the terms that apply to a case that has no route yet.
UNROUTED = "onverdeeld"


@dataclass(frozen=True, slots=True)
class DeadlineTerms:
    """The agreed terms of one route."""

    start_days: int
    """Days allowed between referral and start of care."""
    no_progress_months: int
    """Months without progress after which the case raises a signal."""


def route_key(route: str | None) -> str:
    """The key deadline terms are stored under for `route` (a route key, None: unrouted)."""
    return route if route else UNROUTED


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """Per route key: the last dates that are still on time, for `today`."""

    start_before: dict[str, date]
    progress_before: dict[str, date]


def cutoffs(terms: dict[str, DeadlineTerms], today: date) -> Cutoffs:
    """Translate terms into dates, so that rules and SQL filters compare plain dates."""
    return Cutoffs(
        start_before={k: today - timedelta(days=t.start_days) for k, t in terms.items()},
        progress_before={k: add_months(today, -t.no_progress_months) for k, t in terms.items()},
    )

"""The rules of regie op plaatsing in domain.placement_rules: when a match decision needs
a written rationale, and when a placement request waits past its term."""

from __future__ import annotations

from datetime import date

import pytest

from ret_desk.domain.enums import Urgency
from ret_desk.domain.placement_rules import (
    DEFAULT_WAITING_DAYS,
    days_waiting,
    needs_rationale,
    rationale_needed_because,
    waiting_message,
    waiting_term,
    waiting_too_long,
)


def test_rank_one_on_the_requested_rung_speaks_for_itself():
    assert rationale_needed_because(1, 2, 2) is None
    assert not needs_rationale(1, 2, 2)


@pytest.mark.parametrize(
    ("rank", "offer_rung", "requested", "why"),
    [(2, 2, 2, "rang 2"), (3, 1, 2, "rang 3"), (1, 3, 2, "trede 3 i.p.v. 2"), (1, 1, 2, "trede 1 i.p.v. 2")],
)
def test_any_other_choice_needs_a_rationale_and_says_why(rank, offer_rung, requested, why):
    assert rationale_needed_because(rank, offer_rung, requested) == why
    assert needs_rationale(rank, offer_rung, requested)


def test_the_waiting_term_comes_from_the_settings_per_urgency():
    terms = {"request_waiting_days_crisis": 2, "request_waiting_days_hoog": 7}
    assert waiting_term(terms, Urgency.CRISIS) == 2
    assert waiting_term(terms, Urgency.HIGH) == 7
    assert waiting_term(terms, Urgency.NORMAL) == DEFAULT_WAITING_DAYS == 28


def test_a_request_waits_too_long_only_after_its_term():
    since = date(2026, 1, 1)
    assert days_waiting(since, date(2026, 1, 8)) == 7
    assert not waiting_too_long(since, date(2026, 1, 8), 7)
    assert waiting_too_long(since, date(2026, 1, 9), 7)


def test_the_waiting_signal_is_dutch():
    assert waiting_message(9, 7) == "Het plaatsingsverzoek wacht 9 dagen; de termijn bij deze urgentie is 7."

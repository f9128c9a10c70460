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
    request_ladder_problems,
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


def ladder(**kw):
    args = dict(
        type_label="Gezinshuis",
        rung=2,
        closed=False,
        higher_rung_reason="pleegzorg past niet",
        authorisation=False,
        max_distance_km=None,
    )
    return [(e.field, e.message) for e in request_ladder_problems(**(args | kw))]


def test_a_request_on_the_ladder_with_its_reasons_is_fine():
    assert ladder() == []
    assert ladder(rung=1, higher_rung_reason="") == []
    assert ladder(rung=None, higher_rung_reason="") == []
    assert ladder(closed=True, authorisation=True, max_distance_km=500) == []


def test_above_rung_one_the_request_says_why_lower_rungs_do_not_fit():
    assert ladder(higher_rung_reason=" ") == [
        (
            "higher_rung_reason",
            "Gezinshuis is trede 2 van de ladder: leg vast waarom lagere treden niet passen.",
        )
    ]


def test_closed_care_needs_the_courts_authorisation_and_the_distance_is_bounded():
    assert ladder(closed=True) == [
        ("type_code", "Gesloten jeugdhulp vraagt een machtiging van de kinderrechter.")
    ]
    expected = [("max_distance_km", "De maximale afstand ligt tussen 0 en 500 km.")]
    assert ladder(max_distance_km=0) == expected
    assert ladder(max_distance_km=501) == expected

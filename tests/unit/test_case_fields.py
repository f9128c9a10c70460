"""The pure rules of case editing (issue 8): what may change, how it reads in the history,
and what the GVA block forbids."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ret_desk.domain.case_fields import CaseFields, changed_fields, normalise, shown, validate_fields
from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.gva_block import BlockedStep, check_step, is_blocked
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.domain.route_kinds import RouteKind

TODAY = date(2026, 11, 23)
BASE = CaseFields(
    gva_present=False,
    gva_date=None,
    gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}),
    case_manager="",
    urgency=Urgency.NORMAL,
    target_groups=frozenset(),
    intervention_level=None,
    legal_framework=LegalFramework.VOLUNTARY,
    family_participation=FamilyParticipation.UNKNOWN,
    gender=Gender.FEMALE,
    municipality_code="GM0106",
    school="Esdal College",
    no_school=False,
    out_of_school_since=None,
    address="",
    postcode="",
    residence="",
    referrer_contact="",
    family=(),
    future_plan=False,
    future_plan_on=None,
    future_plan_text="",
    family_name="Veenstra",
    given_name="Sanne",
    birth_date=date(2012, 4, 17),
    bsn="999990019",
)


def errors(after: CaseFields) -> dict[str, str]:
    after = normalise(after)
    found = validate_fields(
        after,
        changed_fields(BASE, after),
        referral_date=date(2026, 11, 1),
        referrer_type=ReferrerType.ACCESS_TEAM,
        today=TODAY,
    )
    return {e.field: e.message for e in found}


def test_a_valid_completion_has_no_errors_and_names_its_fields():
    after = replace(BASE, gva_present=True, gva_date=TODAY, future_plan=True, future_plan_text="Kamer")
    assert errors(after) == {}
    assert changed_fields(BASE, after) == ["gva_present", "gva_date", "future_plan", "future_plan_text"]


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"gva_date": TODAY}, "gva_date", "aanwezige GVA"),
        ({"gva_present": True, "gva_date": date(2026, 12, 1)}, "gva_date", "toekomst"),
        ({"school": None}, "school", "geen school"),
        ({"no_school": True}, "school", "niet allebei"),
        ({"out_of_school_since": date(2027, 1, 1)}, "out_of_school_since", "toekomst"),
        ({"postcode": "12AB"}, "postcode", "1234 AB"),
        ({"family": (FamilyMemberDraft("", "moeder"),)}, "family", "naam en een relatie"),
        ({"future_plan_on": TODAY}, "future_plan_on", "aanwezig toekomstplan"),
        ({"future_plan_text": "x"}, "future_plan_text", "aanwezig toekomstplan"),
        ({"family_name": " "}, "family_name", "verplicht"),
        ({"birth_date": date(2026, 11, 2)}, "birth_date", "na de aanmelddatum"),
        ({"bsn": "999990018"}, "bsn", "elfproef"),
    ],
)
def test_each_rule_speaks_dutch_under_its_field(changes, field, fragment):
    found = errors(replace(BASE, **changes))
    assert fragment in found[field]


def test_an_old_gap_does_not_block_completing_another_field():
    # An imported youth without school data may still get a case manager
    gap = replace(BASE, school=None)
    after = replace(gap, case_manager="Ria Bos")
    found = validate_fields(
        after, changed_fields(gap, after), referral_date=TODAY, referrer_type=ReferrerType.GP, today=TODAY
    )
    assert found == []


def test_history_values_read_as_dutch():
    assert shown(True) == "ja" and shown(None) == "—" and shown(date(2026, 1, 2)) == "02-01-2026"
    assert shown(frozenset({TargetGroup.TRANSITION_18, TargetGroup.PROTECTION_MEASURE})) == "1, 6"
    assert shown(Urgency.HIGH) == "Hoog"
    assert shown((FamilyMemberDraft("Petra", "moeder", True),)) == "Petra (moeder, gezag)"


@given(st.sets(st.sampled_from(list(GvaTrigger))), st.booleans(), st.text(max_size=5))
def test_the_block_holds_exactly_with_a_trigger_no_gva_and_no_override(triggers, present, override):
    blocked = is_blocked(triggers, present, override)
    assert blocked == (bool(triggers) and not present and not override.strip())
    for route in RouteKind:
        if blocked and route is not RouteKind.ADVICE_TABLE:
            with pytest.raises(RuleViolation, match="GVA_MISSING"):
                check_step("C-1", blocked, BlockedStep.ROUTE, route)
        else:
            check_step("C-1", blocked, BlockedStep.ROUTE, route)

"""The MDA++ rules without a store: roles, phases, a member is never both victim and
perpetrator, the latest phase is current, and both signals at their boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from ret_desk.domain import mda
from ret_desk.domain.errors import InvalidInput
from ret_desk.domain.mda import HIGH_RISK_NO_PLAN, SAFETY_ASSESSMENT_DUE, MemberRole, Phase, RiskLevel

TODAY = date(2026, 11, 23)


def codes(**kw) -> list[str]:
    base = dict(today=TODAY, term_days=90, on_route_since=None, last_assessment_on=None, last_level=None,
                has_plan=False)  # fmt: skip
    return [code for code, _ in mda.signals(**(base | kw))]


def test_the_codes_and_labels():
    assert [r.value for r in MemberRole] == [
        "jeugdige",
        "ouder",
        "partner",
        "ex-partner",
        "broer_zus",
        "anders",
    ]
    assert [p.value for p in Phase] == ["veiligheid", "stabilisatie", "herstel"]
    assert [p.label for p in Phase] == [
        "1 directe veiligheid",
        "2 stabilisatie",
        "3 herstel en duurzame veiligheid",
    ]
    assert [r.value for r in RiskLevel] == ["laag", "verhoogd", "hoog"]
    assert MemberRole.BROER_ZUS.label == "broer of zus"


def test_a_member_is_victim_or_perpetrator_never_both():
    assert mda.violence_position(victim=True, perpetrator=False) == (True, False)
    assert mda.violence_position(victim=False, perpetrator=False) == (False, False)
    with pytest.raises(InvalidInput, match="niet allebei"):
        mda.violence_position(victim=True, perpetrator=True)
    assert mda.position_label(False, True) == "pleger" and mda.position_label(False, False) == "onbekend"


@dataclass
class Row:
    on: date
    seq: int


def test_the_latest_is_by_date_then_by_order_of_adding():
    rows = [Row(TODAY, 3), Row(TODAY - timedelta(days=1), 9), Row(TODAY, 2)]
    assert mda.latest(rows) == Row(TODAY, 3)
    assert mda.latest([]) is None


def test_assessment_due_after_the_term_not_on_it():
    on_term = TODAY - timedelta(days=90)
    assert SAFETY_ASSESSMENT_DUE not in codes(last_assessment_on=on_term, last_level=RiskLevel.LAAG)
    assert SAFETY_ASSESSMENT_DUE in codes(
        last_assessment_on=on_term - timedelta(days=1), last_level=RiskLevel.LAAG
    )
    assert SAFETY_ASSESSMENT_DUE in codes(term_days=30, last_assessment_on=TODAY - timedelta(days=31),
                                          last_level=RiskLevel.LAAG)  # fmt: skip


def test_no_assessment_yet_is_due_once_on_mda_longer_than_the_term():
    assert codes() == []  # not known since when: nothing to say
    assert SAFETY_ASSESSMENT_DUE not in codes(on_route_since=TODAY - timedelta(days=90))
    assert SAFETY_ASSESSMENT_DUE in codes(on_route_since=TODAY - timedelta(days=91))


def test_high_risk_without_a_plan():
    recent = TODAY - timedelta(days=2)
    assert codes(last_assessment_on=recent, last_level=RiskLevel.HOOG) == [HIGH_RISK_NO_PLAN]
    assert codes(last_assessment_on=recent, last_level=RiskLevel.HOOG, has_plan=True) == []
    assert codes(last_assessment_on=recent, last_level=RiskLevel.VERHOOGD) == []


def test_checks_name_the_field_in_dutch():
    with pytest.raises(InvalidInput) as refused:
        mda.check_conference(TODAY + timedelta(days=1), " ", "", TODAY)
    assert [e.field for e in refused.value.errors] == ["date", "participants", "outcome"]
    with pytest.raises(InvalidInput, match="niet gewijzigd"):
        mda.check_plan("Plan ", "Plan")
    mda.check_plan("Nieuw plan", "Plan")
    with pytest.raises(InvalidInput, match="instrument"):
        mda.check_assessment("  ", TODAY, TODAY)

"""Each signal with a case that raises it and one that does not."""

from dataclasses import replace
from datetime import date

from ret_desk.domain.deadlines import UNROUTED, DeadlineTerms
from ret_desk.domain.enums import CaseStatus, GvaTrigger
from ret_desk.domain.signals import CaseFacts, SignalCode, evaluate

TODAY = date(2026, 11, 23)
TERMS = {
    key: DeadlineTerms(start_days=28, no_progress_months=3)
    for key in ["experttafel", "ro3", "rop", "mda++", "rst", UNROUTED]
}
TERMS["rop"] = DeadlineTerms(start_days=42, no_progress_months=3)
CALM = CaseFacts(
    status=CaseStatus.TRIAGE,
    route="experttafel",
    referral_date=date(2026, 11, 1),
    care_started_on=None,
    gva_triggers=frozenset(),
    gva_present=False,
    last_progress_on=date(2026, 11, 1),
    birth_date=date(2012, 1, 1),
    future_plan=False,
)


def codes(facts):
    return [s.code for s in evaluate(facts, TERMS, TODAY)]


def test_a_calm_case_has_no_signals():
    assert codes(CALM) == []


def test_gva_missing_when_a_trigger_applies_without_gva():
    assert codes(replace(CALM, gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}))) == [SignalCode.GVA_MISSING]
    assert codes(replace(CALM, gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}), gva_present=True)) == []


def test_referral_overdue_uses_the_routes_own_term():
    old = replace(CALM, referral_date=date(2026, 10, 20), last_progress_on=TODAY)  # 34 days
    assert codes(old) == [SignalCode.REFERRAL_OVERDUE]
    assert codes(replace(old, route="rop")) == []  # ROP allows 42 days
    assert codes(replace(old, care_started_on=date(2026, 11, 1))) == []


def test_overdue_message_names_the_term():
    old = replace(CALM, referral_date=date(2026, 10, 20), last_progress_on=TODAY)
    (signal,) = evaluate(old, TERMS, TODAY)
    assert "28 dagen" in signal.message


def test_no_progress_after_three_months():
    stuck = replace(CALM, care_started_on=date(2026, 1, 1), referral_date=date(2026, 1, 1))
    assert codes(replace(stuck, last_progress_on=date(2026, 8, 22))) == [SignalCode.NO_PROGRESS_3M]
    assert codes(replace(stuck, last_progress_on=date(2026, 8, 23))) == []


def test_transition_18_at_sixteen_and_a_half_without_plan():
    # TODAY is 23-11-2026: born 23-05-2010 is 16½ today, a day later is not yet (target group 6)
    assert codes(replace(CALM, birth_date=date(2010, 5, 23))) == [SignalCode.TRANSITION_18]
    assert codes(replace(CALM, birth_date=date(2010, 5, 24))) == []
    assert codes(replace(CALM, birth_date=date(2010, 5, 23), future_plan=True)) == []
    assert "16½" in evaluate(replace(CALM, birth_date=date(2010, 5, 23)), TERMS, TODAY)[0].message


def test_a_closed_case_raises_nothing():
    loud = replace(CALM, gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}), birth_date=date(2000, 1, 1))
    assert codes(loud)
    assert codes(replace(loud, status=CaseStatus.CLOSED)) == []


def test_codes_are_stable_and_only_gva_blocks():
    assert [c.value for c in SignalCode] == [
        "GVA_MISSING",
        "REFERRAL_OVERDUE",
        "NO_PROGRESS_3M",
        "TRANSITION_18",
    ]
    assert [c for c in SignalCode if c.blocking] == [SignalCode.GVA_MISSING]

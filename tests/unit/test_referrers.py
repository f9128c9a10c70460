"""A huisarts may not refer a case with any GVA trigger (footnote 4)."""

import pytest

from ret_desk.domain.enums import GvaTrigger, ReferrerType
from ret_desk.domain.referrers import referrer_refusal


def test_gp_with_a_trigger_is_refused_with_the_reason():
    reason = referrer_refusal(ReferrerType.GP, {GvaTrigger.STUCK_AT_SCHOOL})
    assert reason is not None
    assert "huisarts is geen verwijzer" in reason
    assert "vastgelopen op school" in reason


def test_gp_without_triggers_may_refer():
    assert referrer_refusal(ReferrerType.GP, set()) is None


@pytest.mark.parametrize("referrer", [r for r in ReferrerType if r is not ReferrerType.GP])
def test_other_referrers_may_refer_complex_cases(referrer):
    assert referrer_refusal(referrer, set(GvaTrigger)) is None

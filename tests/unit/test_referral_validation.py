"""The referral rules under hypothesis: any input gives errors or none, never a crash."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ret_desk.domain.referral import validate_referral
from tests.support.drafts import draft

CODES = {"GM0106"}
TODAY = date(2026, 11, 23)


def test_the_base_draft_is_valid():
    assert validate_referral(draft(referral_date=TODAY), municipality_codes=CODES, today=TODAY) == []


def test_school_or_no_school_is_required():
    errors = validate_referral(draft(referral_date=TODAY, school=None), municipality_codes=CODES, today=TODAY)
    assert [e.field for e in errors] == ["school"]
    assert (
        validate_referral(
            draft(referral_date=TODAY, school=None, no_school=True), municipality_codes=CODES, today=TODAY
        )
        == []
    )


def test_too_old_for_the_ret():
    errors = validate_referral(
        draft(referral_date=TODAY, birth_date=date(2000, 1, 1)), municipality_codes=CODES, today=TODAY
    )
    assert [e.field for e in errors] == ["birth_date"]


@given(
    family=st.text(max_size=120),
    bsn=st.one_of(st.none(), st.text(max_size=12)),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    question=st.text(max_size=50),
)
def test_never_raises(family, bsn, birth, question):
    d = replace(
        draft(referral_date=TODAY), family_name=family, bsn=bsn, birth_date=birth, help_question=question
    )
    for error in validate_referral(d, municipality_codes=CODES, today=TODAY):
        assert error.field and error.message

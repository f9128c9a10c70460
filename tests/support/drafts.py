"""A valid referral draft to start tests from; tests change only what they are about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ret_desk.domain.enums import GvaTrigger, ReferrerType
from ret_desk.domain.referral import ReferralDraft


def draft(**changes) -> ReferralDraft:
    base = ReferralDraft(
        referral_date=date.today() - timedelta(days=2),
        family_name="Veenstra",
        given_name="Sanne",
        birth_date=date(2012, 4, 17),
        bsn="999990019",
        municipality_code="GM0106",
        referrer_type=ReferrerType.ACCESS_TEAM,
        referrer_organisation="Toegang Assen",
        help_question="Hulp loopt vast; zoekt passende plek dichtbij school.",
        school="OBS De Tweemaster",
        gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}),
        route="experttafel",
    )
    return replace(base, **changes)

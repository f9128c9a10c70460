"""Fixtures of the admin and audit tests: one youth with two cases, and another youth."""

from __future__ import annotations

from ret_desk.services.cases import intake
from tests.support.drafts import draft

BSN_A, BSN_B = "999990019", "999990020"


def two_cases_of_one_youth(store, coordinator) -> tuple[str, str, str]:  # noqa: ANN001
    """Case numbers: two of youth A (one BSN), one of youth B. The second referral for the
    same BSN opens a second case for the same youth."""
    first = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn=BSN_A))
    second = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn=BSN_A))
    other = intake.register_referral(
        uow=store.uow(),
        actor=coordinator,
        draft=draft(bsn=BSN_B, family_name="Bakker", given_name="Daan"),
    )
    return first.number, second.number, other.number

"""Registering referrals on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ret_desk.db.models import AuditEvent, Case, Youth
from ret_desk.domain.enums import ReferrerType, Role
from ret_desk.domain.errors import InvalidInput, PermissionDenied
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.cases.youth_identity import YouthChoice
from tests.support.drafts import draft


def count(store, model) -> int:
    with store.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_register_creates_case_with_history_and_audit(store, coordinator):
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    assert ref.number.startswith("RET-")
    detail = get_case(uow=store.uow(), actor=coordinator, number=ref.number)
    assert detail.status == "aangemeld"
    assert detail.route == "experttafel"
    assert detail.youth["family_name"] == "Veenstra"
    assert [h["to"] for h in detail.route_history] == ["experttafel"]
    assert [s["code"] for s in detail.signals] == ["GVA_MISSING"]
    with store.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == ref.id)))
    assert actions == ["case_create", "case_view"]


def test_case_numbers_count_up_per_year(store, coordinator):
    first = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn=None))
    second = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(bsn=None), youth=YouthChoice()
    )
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_invalid_referral_lists_every_error_and_writes_nothing(store, coordinator):
    bad = draft(family_name=" ", bsn="999990018", municipality_code="GM9999", help_question="")
    with pytest.raises(InvalidInput) as caught:
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=bad)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"family_name", "bsn", "municipality_code", "help_question"}
    assert count(store, Case) == 0 and count(store, Youth) == 0


def test_gp_referral_with_trigger_is_refused(store, coordinator):
    with pytest.raises(InvalidInput, match="huisarts is geen verwijzer"):
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=draft(referrer_type=ReferrerType.GP)
        )
    assert count(store, Case) == 0


def test_same_bsn_reuses_the_youth(store, coordinator):
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    assert count(store, Youth) == 1 and count(store, Case) == 2


def test_same_bsn_with_other_birth_date_is_refused(store, coordinator):
    from datetime import date

    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    with pytest.raises(InvalidInput, match="andere geboortedatum"):
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(birth_date=date(2011, 1, 1)))


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PLACEMENT_OFFICER, Role.AUDITOR, Role.ADMIN])
def test_only_coordinators_register(store, actors, role):
    with pytest.raises(PermissionDenied):
        intake.register_referral(uow=store.uow(), actor=actors[role], draft=draft())
    assert count(store, Case) == 0

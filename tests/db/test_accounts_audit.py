"""Accounts (first admin, argon2, roles) and the audit trail's transactional guarantee."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from ret_desk.db.models import Account, AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import AuthenticationFailed, InvalidInput, PermissionDenied
from ret_desk.services.admin import accounts
from ret_desk.services.admin.audit_query import AuditFilter, open_log
from ret_desk.services.cases import intake
from tests.conftest import PASSWORD
from tests.support.drafts import draft


def test_first_account_must_be_an_admin(store):
    with pytest.raises(InvalidInput, match="beheerder"):
        accounts.create_account(
            uow=store.uow(), actor=None, username="co", password=PASSWORD, role=Role.COORDINATOR
        )
    accounts.create_account(
        uow=store.uow(), actor=None, username="beheer", password=PASSWORD, role=Role.ADMIN
    )
    with pytest.raises(AuthenticationFailed, match="Log eerst in"):
        accounts.create_account(uow=store.uow(), actor=None, username="x", password=PASSWORD, role=Role.ADMIN)


def test_passwords_are_argon2_hashes_and_checked(store, actors):
    with store.uow() as uow:
        stored = uow.session.scalar(select(Account.password_hash).where(Account.username == "coordinator"))
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
    with pytest.raises(AuthenticationFailed, match="onjuist wachtwoord"):
        accounts.authenticate(uow=store.uow(), username="coordinator", password="fout-wachtwoord")
    assert (
        accounts.authenticate(uow=store.uow(), username="coordinator", password=PASSWORD).role
        is Role.COORDINATOR
    )


def test_production_hasher_is_not_weakened():
    # The test suite swaps in cheap parameters; the shipped defaults stay argon2's own.
    import importlib

    fresh = importlib.reload(accounts)._hasher
    assert fresh.time_cost >= PasswordHasher().time_cost and fresh.memory_cost >= 65536


def test_short_password_and_duplicate_name_are_refused(store, actors):
    with pytest.raises(InvalidInput) as caught:
        accounts.create_account(
            uow=store.uow(),
            actor=actors[Role.ADMIN],
            username="coordinator",
            password="kort",
            role=Role.CHAIR,
        )
    assert {e.field for e in caught.value.errors} == {"username", "password"}


@pytest.mark.parametrize("name", ['an"ne', "an'ne", "an\\ne", "an ne"])
def test_a_name_a_login_role_cannot_carry_is_refused(store, actors, name):
    # the same rule as the server's ret_check_username (migration 0007), on both stores
    with pytest.raises(InvalidInput) as caught:
        accounts.create_account(
            uow=store.uow(), actor=actors[Role.ADMIN], username=name, password=PASSWORD, role=Role.CHAIR
        )
    assert [e.field for e in caught.value.errors] == ["username"]


def test_only_admins_add_accounts(store, actors):
    with pytest.raises(PermissionDenied):
        accounts.create_account(
            uow=store.uow(),
            actor=actors[Role.COORDINATOR],
            username="nieuw",
            password=PASSWORD,
            role=Role.CHAIR,
        )


def test_audit_event_fields(store, coordinator):
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    with store.uow() as uow:
        event = uow.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_create"))
        assert event.actor_name == "coordinator" and event.workstation
        assert event.case_id == ref.id and event.youth_id is not None and event.at.tzinfo is not None


def test_a_refused_write_leaves_no_audit_event(store, coordinator):
    with pytest.raises(InvalidInput):
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(help_question=""))
    with store.uow() as uow:
        assert uow.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "case_create")) is None


def test_auditor_reads_the_log_per_case(store, actors, coordinator):
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(bsn=None, given_name="Jildou"))
    _, events = open_log(uow=store.uow(), actor=actors[Role.AUDITOR], flt=AuditFilter(case_number=ref.number))
    assert [e.action for e in events] == ["case_create"]
    with pytest.raises(PermissionDenied):
        open_log(uow=store.uow(), actor=coordinator, flt=AuditFilter())

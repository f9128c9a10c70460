"""Login that withstands guessing (issue 11 §3), on both stores (SQLite and PostgreSQL on
the owner's connection, where the app checks the argon2 hash): 5 wrong passwords in a row
lock an account for 15 minutes, every refusal gets the same answer, an unknown name costs
one argon2 verify like a known one, and an administrator unlocks. The team store with
personal logins is in tests/db/test_pg_lockout.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from ret_desk.db.models import Account, AuditEvent
from ret_desk.domain import lockout
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PasswordChangeRequired, PermissionDenied
from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import account_admin, accounts
from tests.conftest import PASSWORD

WRONG = "fout-wachtwoord-123"


def _login(store, name: str = "chair", password: str = PASSWORD):  # noqa: ANN202
    return accounts.authenticate(uow=store.uow(), username=name, password=password)


def _refused(store, name: str = "chair", password: str = WRONG) -> LoginRefused:
    with pytest.raises(LoginRefused) as refused:
        _login(store, name, password)
    return refused.value


def _events(store, *actions: str) -> list[tuple[str, str, str]]:
    with store.uow() as uow:
        rows = uow.session.execute(
            select(AuditEvent.action, AuditEvent.actor_name, AuditEvent.detail)
            .where(AuditEvent.action.in_(actions))
            .order_by(AuditEvent.id)
        )
        return [tuple(row) for row in rows]


def _account(store, name: str = "chair") -> SimpleNamespace:
    with store.uow() as uow:
        row = uow.session.execute(
            select(Account.failed_logins, Account.locked_until).where(Account.username == name)
        ).one()
        return SimpleNamespace(failed_logins=row[0], locked_until=row[1])


def _age_the_lock(store, name: str = "chair", minutes: int = 16) -> None:
    """As if `minutes` passed since the lock began (the lock lasts 15)."""
    until = _account(store, name).locked_until
    with store.uow() as uow:
        uow.session.execute(
            update(Account)
            .where(Account.username == name)
            .values(locked_until=until - timedelta(minutes=minutes))
        )
        uow.commit()


def test_five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes(store, actors):
    # Given 4 wrong passwords, then the right one: the count starts over
    for _ in range(4):
        _refused(store)
    assert _login(store).username == "chair"
    assert _account(store).failed_logins == 0
    # When 5 wrong passwords follow in a row
    for _ in range(4):
        _refused(store)
    assert _login(store).username == "chair"  # still 4: not locked
    before = datetime.now(UTC)
    for _ in range(5):
        _refused(store)
    # Then the account is locked for 15 minutes: the right password is refused too
    locked = _account(store)
    assert locked.locked_until is not None
    assert before + timedelta(minutes=15) <= locked.locked_until <= datetime.now(UTC) + timedelta(minutes=15)
    refused = _refused(store, password=PASSWORD)
    assert refused.message == lockout.REFUSED and refused.reason == lockout.LOCKED
    # And the lock and every failed attempt are in the log
    events = _events(store, "login_failed", "account_locked")
    assert [a for a, _, _ in events].count("login_failed") == 4 + 4 + 5 + 1
    assert [e for e in events if e[0] == "account_locked"] == [events[-2]]
    assert events[-2][1] == "chair" and "na 5 mislukte aanmeldingen" in events[-2][2]
    assert events[-1] == ("login_failed", "chair", "account vergrendeld")
    # When the 15 minutes are over, the right password works again (and the count is 0)
    _age_the_lock(store, minutes=14)
    _refused(store, password=PASSWORD)
    _age_the_lock(store, minutes=2)
    assert _login(store).username == "chair"
    assert (_account(store).failed_logins, _account(store).locked_until) == (0, None)


def test_every_refusal_gets_the_same_answer_and_the_log_keeps_the_reason(store, actors):
    admin = actors[Role.ADMIN]
    account_admin.set_active(uow=store.uow(), actor=admin, username="auditor", active=False)
    for _ in range(5):
        _refused(store, "coordinator")
    answers = {
        "unknown": _refused(store, "niemand-hier"),
        "wrong": _refused(store, "chair"),
        "disabled, right password": _refused(store, "auditor", PASSWORD),
        "locked, right password": _refused(store, "coordinator", PASSWORD),
    }
    assert {str(a) for a in answers.values()} == {"Onbekende gebruikersnaam of onjuist wachtwoord."}
    assert [a.reason for a in answers.values()] == [
        "onbekende gebruikersnaam",
        "onjuist wachtwoord",
        "account gedeactiveerd",
        "account vergrendeld",
    ]
    logged = [(name, detail) for _, name, detail in _events(store, "login_failed")][-4:]
    assert logged == [
        ("niemand-hier", "onbekende gebruikersnaam"),
        ("chair", "onjuist wachtwoord"),
        ("auditor", "account gedeactiveerd"),
        ("coordinator", "account vergrendeld"),
    ]


def test_a_reset_password_still_leads_to_choosing_a_new_one(store, actors):
    admin = actors[Role.ADMIN]
    temporary = "tijdelijk-paraplu-2026"
    account_admin.reset_password(uow=store.uow(), actor=admin, username="chair", temporary=temporary)
    for _ in range(3):
        _refused(store)
    # The right (temporary) password is not a refusal: the user is told to choose a new one
    with pytest.raises(PasswordChangeRequired, match="Kies eerst een nieuw wachtwoord"):
        _login(store, password=temporary)
    assert _account(store).failed_logins == 0  # and the count started over


def test_a_wrong_current_password_at_a_password_change_counts_too(store, actors):
    for _ in range(5):
        with pytest.raises(LoginRefused):
            account_admin.change_own_password(
                uow=store.uow(), username="chair", current=WRONG, new="een-heel-nieuw-wachtwoord"
            )
    assert _account(store).locked_until is not None
    assert _refused(store, password=PASSWORD).reason == lockout.LOCKED


def test_an_unknown_name_costs_one_argon2_verify_like_a_known_one(store, actors, monkeypatch):
    calls: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash, password):  # noqa: A002, ANN001, ANN201
            calls.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(accounts, "_hasher", Spy(time_cost=1, memory_cost=1024, parallelism=1))
    _refused(store, "niemand-hier")
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")  # the dummy hash
    _refused(store, "chair")
    assert len(calls) == 2  # a known name: also exactly one
    for _ in range(5):
        _refused(store, "chair")
    calls.clear()
    _refused(store, "chair", PASSWORD)  # a locked account: its password is checked all the same
    assert len(calls) == 1


def test_the_administrator_unlocks_at_once_and_it_is_audited(store, actors):
    for _ in range(5):
        _refused(store)
    with pytest.raises(PermissionDenied):
        account_admin.unlock(uow=store.uow(), actor=actors[Role.COORDINATOR], username="chair")
    rows = account_admin.list_accounts(uow=store.uow(), actor=actors[Role.ADMIN])
    assert [r.username for r in rows if r.locked] == ["chair"]
    row = account_admin.unlock(uow=store.uow(), actor=actors[Role.ADMIN], username="chair")
    assert not row.locked
    assert _login(store).username == "chair"
    assert _events(store, "account_unlock")[-1][1:] == ("beheer", "account chair")


def test_the_shipped_dummy_hash_has_the_production_parameters():
    # Otherwise an unknown name would cost a different time than a known one (or a hash first)
    assert not PasswordHasher().check_needs_rehash(accounts._DUMMY_HASH)

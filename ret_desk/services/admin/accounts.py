"""Accounts: the first administrator, adding users, and logging in (argon2 hashes)."""

from __future__ import annotations

import socket

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ret_desk.db import login_roles
from ret_desk.db.audit import record, record_attempt, tell_server
from ret_desk.db.models import Account
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import (
    AccountDisabled,
    AuthenticationFailed,
    FieldError,
    InvalidInput,
    PasswordChangeRequired,
)
from ret_desk.domain.permissions import Action, require

MIN_PASSWORD = 10
_hasher = PasswordHasher()


def workstation_name() -> str:
    return socket.gethostname() or "onbekend"


def has_accounts(*, uow: UnitOfWork) -> bool:
    with uow:
        return (uow.session.scalar(select(func.count(Account.id))) or 0) > 0


def password_problems(password: str) -> list[str]:
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(f"Het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben.")
    if password.strip() != password:
        problems.append("Het wachtwoord mag niet met een spatie beginnen of eindigen.")
    return problems


def create_account(
    *,
    uow: UnitOfWork,
    actor: Actor | None,
    username: str,
    password: str,
    role: Role,
    display_name: str = "",
) -> int:
    """Add an account. Without an actor this is only allowed for the first account, which
    must be an administrator."""
    errors: list[FieldError] = []
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        errors.append(FieldError("username", "Kies een gebruikersnaam zonder spaties."))
    elif any(c in "\"'\\" for c in username):  # the same rule as ret_check_username (0007)
        errors.append(
            FieldError("username", "Een gebruikersnaam mag geen aanhalingstekens of backslash bevatten.")
        )
    errors += [FieldError("password", p) for p in password_problems(password)]
    with uow:
        first = (uow.session.scalar(select(func.count(Account.id))) or 0) == 0
        if actor is None:
            if not first:
                raise AuthenticationFailed("Log eerst in als beheerder om een account toe te voegen.")
            if role is not Role.ADMIN:
                errors.append(FieldError("role", "Het eerste account moet een beheerder zijn."))
        else:
            require(actor.role, Action.MANAGE_ACCOUNTS)
        if username and uow.session.scalar(select(Account.id).where(Account.username == username)):
            errors.append(FieldError("username", f"De gebruikersnaam '{username}' bestaat al."))
        on_pg = login_roles.on_postgresql(uow.session)
        if on_pg and username and not login_roles.name_fits(username):
            limit = login_roles.max_username_length()
            errors.append(FieldError("username", f"Kies een gebruikersnaam van hoogstens {limit} tekens."))
        if errors:
            raise InvalidInput(errors)
        fields = {"username": username, "display_name": display_name or username, "role": role.value}
        if on_pg:  # the account row, its own PostgreSQL login and the event, in one function
            tell_server(
                uow.session, actor or Actor(None, username, role, workstation_name()), "account_create"
            )
            account_id = login_roles.create(
                uow.session, **fields, password=password, hashed=_hasher.hash(password)
            )
        else:
            account = Account(**fields, password_hash=_hasher.hash(password))
            uow.session.add(account)
            uow.flush()
            account_id = account.id
            who = actor or Actor(account_id, username, role, workstation_name())
            record(uow.session, who, "account_create", detail=f"account {username} ({role.value})")
        uow.commit()
        return account_id


def verified_account(session: Session, username: str, password: str) -> Account:
    """The account whose password this is, or AuthenticationFailed."""
    failed = AuthenticationFailed("Onbekende gebruikersnaam of onjuist wachtwoord.")
    account = session.scalar(select(Account).where(Account.username == username.strip()))
    if account is None:
        _hasher.hash(password)  # about as slow as a real check, so timing tells nothing
        raise failed
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failed from None
    return account


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(
    *,
    uow: UnitOfWork,
    username: str,
    password: str,
    workstation: str | None = None,
    on_behalf_of: str = "",
) -> Actor:
    """The actor for these credentials, or AuthenticationFailed (same message for an unknown
    name and a wrong password). Only with the right password does the user learn that the
    account is deactivated (AccountDisabled) or must choose a new password first
    (PasswordChangeRequired). `on_behalf_of` ("werkt namens …") goes into every event of
    the session. A failed login is logged too (NEN 7513), in its own transaction."""
    on_behalf_of = " ".join(on_behalf_of.split())
    if len(on_behalf_of) > 100:
        raise InvalidInput([FieldError("on_behalf_of", "Vul bij 'werkt namens' hoogstens 100 tekens in.")])
    station = workstation or workstation_name()
    person_login = False  # on a team store the server checked the password (and the gate logs)
    try:
        with uow:
            if login_roles.on_postgresql(uow.session):
                me = login_roles.whoami(uow.session)
                if me is not None or login_roles.is_person_login(uow.session):
                    person_login = True
                    return _own_login(uow, me, username, station, on_behalf_of)
            account = verified_account(uow.session, username, password)
            _may_log_in(account.username, account.active, account.must_change_password)
            actor = Actor(account.id, account.username, Role(account.role), station, on_behalf_of)
            if _hasher.check_needs_rehash(account.password_hash):
                account.password_hash = _hasher.hash(password)
            record(uow.session, actor, "login")
            uow.commit()
            return actor
    except AuthenticationFailed as exc:
        # The right password is not a failure; on a team store the gate logged the refusal.
        if not isinstance(exc, PasswordChangeRequired) and not person_login:
            record_failed_login(
                uow, username.strip(), station, on_behalf_of, disabled=isinstance(exc, AccountDisabled)
            )
        raise


def record_failed_login(
    uow: UnitOfWork,
    username: str,
    station: str,
    on_behalf_of: str = "",
    *,
    disabled: bool = False,
    during: str = "",
) -> None:
    """Log a refused password check (NEN 7513) in its own transaction: the name typed, why.
    A person's own PostgreSQL login may not read accounts: there the server refused the
    password before and the failed-login gate logged it (ret_desk/db/gate.py)."""
    with uow:
        if login_roles.on_postgresql(uow.session) and login_roles.is_person_login(uow.session):
            return
        account_id = uow.session.scalar(select(Account.id).where(Account.username == username))
        if disabled:
            why = "account gedeactiveerd"
        else:
            why = "onjuist wachtwoord" if account_id is not None else "onbekende gebruikersnaam"
        why += f" ({during})" if during else ""
        record_attempt(
            uow.session, username=username, workstation=station, action="login_failed",
            detail=why, account_id=account_id, on_behalf_of=on_behalf_of,
        )  # fmt: skip
        uow.commit()


def _own_login(
    uow: UnitOfWork, me: login_roles.Me | None, username: str, workstation: str, on_behalf_of: str
) -> Actor:
    """Connected with the person's own PostgreSQL login, whose password the server checked:
    the account is the one that login belongs to (ret_whoami)."""
    if me is None or me.username != username.strip():
        raise AuthenticationFailed("Onbekende gebruikersnaam of onjuist wachtwoord.")
    _may_log_in(me.username, me.active, me.must_change_password)
    actor = Actor(me.account_id, me.username, Role(me.role), workstation, on_behalf_of)
    record(uow.session, actor, "login")
    uow.commit()
    return actor


def _may_log_in(username: str, active: bool, must_change_password: bool) -> None:
    """After the right password: a deactivated account, or one whose password an
    administrator reset, may not log in yet (each told why)."""
    if not active:
        raise AccountDisabled(
            f"Het account {username} is gedeactiveerd. Vraag de beheerder het weer te activeren."
        )
    if must_change_password:
        raise PasswordChangeRequired(
            "Uw wachtwoord is door de beheerder opnieuw ingesteld. Kies eerst een nieuw wachtwoord."
        )

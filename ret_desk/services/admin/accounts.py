"""Accounts: the first administrator, adding users, and logging in (argon2 hashes)."""

from __future__ import annotations

import socket

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session

from ret_desk.db import login_roles
from ret_desk.db.audit import record, record_attempt, tell_server
from ret_desk.db.base import utcnow
from ret_desk.db.models import Account
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain import lockout
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import (
    AuthenticationFailed,
    FieldError,
    InvalidInput,
    PasswordChangeRequired,
)
from ret_desk.domain.lockout import LoginRefused
from ret_desk.domain.permissions import Action, require
from ret_desk.services.admin import password_policy

MIN_PASSWORD = password_policy.MIN_LENGTH
_hasher = PasswordHasher()


def workstation_name() -> str:
    return socket.gethostname() or "onbekend"


def has_accounts(*, uow: UnitOfWork) -> bool:
    with uow:
        return (uow.session.scalar(select(func.count(Account.id))) or 0) > 0


def password_problems(password: str, username: str = "") -> list[str]:
    """Why a new password is refused (at least 12 characters, not the user name, not easy
    to guess: services/admin/password_policy.py); empty when it is fine."""
    return password_policy.problems(password, username)


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
    errors += [FieldError("password", p) for p in password_problems(password, username)]
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


# Checked instead of a hash when no account has the name typed, so that an unknown name
# costs one argon2 verify like a known one (made with PasswordHasher()'s defaults; when
# those change, `_dummy_hash` makes a new one once).
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$lDj5TPcmNlYbHUipkWe5Bg$VexhYPtN6RtaoYoaMT3QLx98Emric+Hu+2xnoNWdpog"
)
_dummy: list[str] = []


def _dummy_hash() -> str:
    if not _dummy:
        needs_new = _hasher.check_needs_rehash(_DUMMY_HASH)
        _dummy.append(_hasher.hash("ret-desk: geen account met deze naam") if needs_new else _DUMMY_HASH)
    return _dummy[0]


def _password_matches(hashed: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(hashed, password))
    except (VerificationError, InvalidHashError):
        return False


def lock_columns(session: Session) -> bool:
    """Whether the store keeps the lock (schema 0008 or newer): an administrator also logs
    in to a store that `db upgrade` has yet to bring there. Asked at every login (cheap),
    so that an upgrade in this process counts at once."""
    columns = inspect(session.connection()).get_columns("account")
    return any(column["name"] == "locked_until" for column in columns)


def verified_account(session: Session, username: str, password: str) -> Account:
    """The account whose password this is, or LoginRefused: one message for every refusal,
    the reason (unknown, locked, deactivated, wrong password) kept for the audit event.
    Every path costs exactly one argon2 verify (a dummy hash for an unknown name; a locked
    account's password is checked too), so that the time taken tells nothing either."""
    account = session.scalar(select(Account).where(Account.username == username.strip()))
    right = _password_matches(account.password_hash if account is not None else _dummy_hash(), password)
    if account is None:
        raise LoginRefused(lockout.UNKNOWN_USER)
    if lock_columns(session) and lockout.is_locked(account.locked_until, utcnow()):
        raise LoginRefused(lockout.LOCKED)
    if not account.active:
        raise LoginRefused(lockout.DISABLED)
    if not right:
        raise LoginRefused(lockout.WRONG_PASSWORD)
    return account


def forget_failures(session: Session, account: Account) -> None:
    """The right password: the count of wrong ones starts over (not a change of the account:
    its version stays, so an administrator's open edit is not made stale)."""
    if lock_columns(session) and (account.failed_logins or account.locked_until is not None):
        session.execute(
            update(Account).where(Account.id == account.id).values(failed_logins=0, locked_until=None),
            execution_options={"synchronize_session": False},
        )


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
    """The actor for these credentials, or LoginRefused: the same message for an unknown
    name, a wrong password, a locked and a deactivated account (issue 11 §3). Only with
    the right password does the user learn that they must choose a new password first
    (PasswordChangeRequired; not a refusal). `on_behalf_of` ("werkt namens …") goes into
    every event of the session. A failed login is logged (NEN 7513) and counted toward
    the lock, in its own transaction."""
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
                if lock_columns(uow.session):
                    login_roles.release_expired_lock(uow.session, username.strip())
            account = verified_account(uow.session, username, password)
            forget_failures(uow.session, account)
            if account.must_change_password:
                uow.commit()  # the right password: the count starts over
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
            reason = exc.reason if isinstance(exc, LoginRefused) else ""
            record_failed_login(uow, username.strip(), station, on_behalf_of, reason=reason)
        raise


def record_failed_login(
    uow: UnitOfWork,
    username: str,
    station: str,
    on_behalf_of: str = "",
    *,
    reason: str = "",
    during: str = "",
) -> None:
    """Log a refused password check (NEN 7513) in its own transaction: the name typed and
    why, and count it: the 5th wrong password in a row locks the account for 15 minutes
    (an `account_locked` event). On PostgreSQL one function does all of it (migration 0008),
    also for the gate. A person's own PostgreSQL login may not read accounts: there the
    server refused the password before and the gate logged it (ret_desk/db/gate.py)."""
    with uow:
        on_pg, counted = login_roles.on_postgresql(uow.session), lock_columns(uow.session)
        if on_pg and login_roles.is_person_login(uow.session):
            return
        if on_pg and counted:
            login_roles.record_failed_login(uow.session, username, station, on_behalf_of, during)
            uow.commit()
            return
        account = uow.session.scalar(select(Account).where(Account.username == username))
        now = utcnow()
        if not reason:
            reason = lockout.WRONG_PASSWORD if account is not None else lockout.UNKNOWN_USER
        failed = 0
        if account is not None and reason == lockout.WRONG_PASSWORD and counted:
            failed = uow.session.execute(
                update(Account).where(Account.id == account.id)
                .values(failed_logins=Account.failed_logins + 1, locked_until=None)
                .returning(Account.failed_logins),
                execution_options={"synchronize_session": False},
            ).scalar_one()  # fmt: skip
        account_id = account.id if account is not None else None
        record_attempt(
            uow.session, username=username, workstation=station, action="login_failed",
            detail=reason + (f" ({during})" if during else ""), account_id=account_id,
            on_behalf_of=on_behalf_of,
        )  # fmt: skip
        if (until := lockout.lock_end(failed, now)) is not None:
            uow.session.execute(
                update(Account).where(Account.id == account_id).values(failed_logins=0, locked_until=until),
                execution_options={"synchronize_session": False},
            )
            detail = (
                f"account {username} vergrendeld tot {until:%Y-%m-%d %H:%M:%S} UTC "
                f"na {failed} mislukte aanmeldingen op rij"
            )
            record_attempt(
                uow.session, username=username, workstation=station, action="account_locked",
                detail=detail, account_id=account_id, on_behalf_of=on_behalf_of,
            )  # fmt: skip
        uow.commit()


def _own_login(
    uow: UnitOfWork, me: login_roles.Me | None, username: str, workstation: str, on_behalf_of: str
) -> Actor:
    """Connected with the person's own PostgreSQL login, whose password the server checked:
    the account is the one that login belongs to (ret_whoami)."""
    if me is None or me.username != username.strip():
        raise LoginRefused(lockout.WRONG_PASSWORD)
    login_roles.login_succeeded(uow.session)  # the count of wrong passwords starts over
    if me.must_change_password:
        uow.commit()
    _may_log_in(me.username, me.active, me.must_change_password)
    actor = Actor(me.account_id, me.username, Role(me.role), workstation, on_behalf_of)
    record(uow.session, actor, "login")
    uow.commit()
    return actor


def _may_log_in(username: str, active: bool, must_change_password: bool) -> None:
    """After the right password: a deactivated account is refused like a wrong password
    (the event says why); one whose password an administrator reset must choose a new
    password first, and is told so (the password was right: not a refusal)."""
    if not active:
        raise LoginRefused(lockout.DISABLED)
    if must_change_password:
        raise PasswordChangeRequired(
            "Uw wachtwoord is door de beheerder opnieuw ingesteld. Kies eerst een nieuw wachtwoord."
        )

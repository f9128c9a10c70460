"""Account administration for the administrator (list, activate, role, password reset) and
every user's own password change. Each change is audited and guarded by the account's
version, so two administrators never silently overwrite each other. On PostgreSQL the
account functions of migration 0007 write the audit event themselves (also when called
from psql); the app then only hands them its context (db/audit.tell_server)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from ret_desk.db import login_roles
from ret_desk.db.audit import record, tell_server
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
    NotFound,
    RuleViolation,
    StaleEdit,
)
from ret_desk.domain.lockout import LoginRefused
from ret_desk.domain.permissions import Action, require
from ret_desk.services.admin import accounts


@dataclass(frozen=True, slots=True)
class AccountRow:
    username: str
    display_name: str
    role: Role
    active: bool
    must_change_password: bool
    version: int
    # Locked after too many wrong passwords until this moment (UTC), or None (issue 11 §3).
    locked_until: datetime | None = None

    @property
    def locked(self) -> bool:
        return lockout.is_locked(self.locked_until, utcnow())

    def to_json(self) -> dict:
        return {
            "username": self.username, "role": self.role.value, "active": self.active,
            "locked_until": self.locked_until.isoformat() if self.locked else None,
        }  # fmt: skip


def _row(account: Account) -> AccountRow:
    return AccountRow(
        account.username,
        account.display_name,
        Role(account.role),
        account.active,
        account.must_change_password,
        account.version,
        account.locked_until,
    )


def list_accounts(*, uow: UnitOfWork, actor: Actor) -> list[AccountRow]:
    require(actor.role, Action.MANAGE_ACCOUNTS)
    with uow:
        query = select(Account).options(undefer(Account.locked_until)).order_by(Account.username)
        return [_row(a) for a in uow.session.scalars(query)]


def _account(session: Session, username: str, version: int | None) -> Account:
    account = session.scalar(select(Account).where(Account.username == username.strip()))
    if account is None:
        raise NotFound(f"Het account '{username}' bestaat niet.")
    if version is not None and account.version != version:
        raise StaleEdit(
            f"Iemand anders heeft het account {account.username} intussen gewijzigd. "
            "Uw wijziging is niet opgeslagen; laad de lijst opnieuw."
        )
    return account


def _is_last_active_admin(session: Session, account: Account) -> bool:
    if account.role != Role.ADMIN.value or not account.active:
        return False
    others = session.scalar(
        select(func.count(Account.id)).where(
            Account.role == Role.ADMIN.value, Account.active.is_(True), Account.id != account.id
        )
    )
    return not others


def set_active(
    *, uow: UnitOfWork, actor: Actor, username: str, active: bool, version: int | None = None
) -> AccountRow:
    """Deactivate (no login any more, in the app or the command line) or reactivate."""
    require(actor.role, Action.MANAGE_ACCOUNTS)
    with uow:
        account = _account(uow.session, username, version)
        if not active:
            if account.id == actor.account_id:
                raise RuleViolation("U kunt uw eigen account niet deactiveren.")
            if _is_last_active_admin(uow.session, account):
                raise RuleViolation(
                    f"{account.username} is de laatste actieve beheerder en kan niet gedeactiveerd worden."
                )
        if account.active != active:
            action = "account_enable" if active else "account_disable"
            if login_roles.on_postgresql(uow.session):  # the row, the login and the event
                tell_server(uow.session, actor, action)
                login_roles.set_active(
                    uow.session, username=account.username, active=active, version=account.version
                )
                uow.session.refresh(account)
            else:
                account.active = active
                record(uow.session, actor, action, detail=f"account {account.username}")
        uow.commit()
        return _row(account)


def set_role(
    *, uow: UnitOfWork, actor: Actor, username: str, role: Role, version: int | None = None
) -> AccountRow:
    """A new role; it applies from the account's next login."""
    require(actor.role, Action.MANAGE_ACCOUNTS)
    with uow:
        account = _account(uow.session, username, version)
        if account.id == actor.account_id and role is not Role(account.role):
            raise RuleViolation("U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.")
        if role is not Role.ADMIN and _is_last_active_admin(uow.session, account):
            raise RuleViolation(f"{account.username} is de laatste actieve beheerder; die rol kan niet weg.")
        before = account.role
        if before != role.value:
            if login_roles.on_postgresql(uow.session):  # the row, the login's group, the event
                tell_server(uow.session, actor, "account_role")
                login_roles.set_role(
                    uow.session, username=account.username, role=role.value, version=account.version
                )
                uow.session.refresh(account)
            else:
                account.role = role.value
                record(
                    uow.session,
                    actor,
                    "account_role",
                    detail=f"account {account.username}: {before} -> {role.value}",
                )
        uow.commit()
        return _row(account)


def unlock(*, uow: UnitOfWork, actor: Actor, username: str, version: int | None = None) -> AccountRow:
    """Lift the lock after too many wrong passwords at once (`user unlock NAAM`, Beheer →
    Ontgrendelen): the count starts over, and on PostgreSQL the login role accepts its
    password again. Audited (`account_unlock`), also when the account was not locked."""
    require(actor.role, Action.MANAGE_ACCOUNTS)
    with uow:
        account = _account(uow.session, username, version)
        if login_roles.on_postgresql(uow.session):  # the row, the login and the event
            tell_server(uow.session, actor, "account_unlock")
            login_roles.unlock(uow.session, username=account.username, version=account.version)
            uow.session.refresh(account)
        else:
            account.failed_logins = 0
            account.locked_until = None
            record(uow.session, actor, "account_unlock", detail=f"account {account.username}")
        uow.commit()
        return _row(account)


def reset_password(
    *, uow: UnitOfWork, actor: Actor, username: str, temporary: str, version: int | None = None
) -> AccountRow:
    """Give the account a temporary password that must be changed at its next login."""
    require(actor.role, Action.MANAGE_ACCOUNTS)
    problems = accounts.password_problems(temporary, username.strip())
    if problems:
        raise InvalidInput([FieldError("password", p) for p in problems])
    with uow:
        account = _account(uow.session, username, version)
        if account.id == actor.account_id:
            raise RuleViolation("Wijzig uw eigen wachtwoord via Wachtwoord wijzigen, niet via herstellen.")
        _set_password(uow.session, actor, account, temporary, must_change=True)
        uow.commit()
        return _row(account)


def change_own_password(
    *,
    uow: UnitOfWork,
    username: str,
    current: str,
    new: str,
    workstation: str | None = None,
    logged_in: bool = False,
) -> None:
    """The user proves who they are with the current password (also a temporary one after a
    reset) and chooses a new one. A deactivated account cannot. `logged_in`: the user is
    already known (the menu, `user password`), so a wrong password may be named as such;
    at the login itself the message stays the one that does not tell which part was wrong."""
    try:
        _change_own_password(uow, username, current, new, workstation)
    except AuthenticationFailed as exc:  # a wrong current password is a failed login too
        station = workstation or accounts.workstation_name()
        reason = exc.reason if isinstance(exc, LoginRefused) else ""
        accounts.record_failed_login(
            uow, username.strip(), station, reason=reason, during="wachtwoord wijzigen"
        )
        if logged_in:
            raise AuthenticationFailed("Het huidige wachtwoord is onjuist.") from None
        raise


def _change_own_password(
    uow: UnitOfWork, username: str, current: str, new: str, workstation: str | None
) -> None:
    with uow:
        if login_roles.on_postgresql(uow.session) and login_roles.is_person_login(uow.session):
            _change_own_login_password(uow, username, current, new, workstation)
            return
        account = accounts.verified_account(uow.session, username, current)  # also not locked
        if errors := _new_password_errors(current, new, account.username):
            raise InvalidInput(errors)
        actor = Actor(
            account.id, account.username, Role(account.role), workstation or accounts.workstation_name()
        )
        accounts.forget_failures(uow.session, account)
        _set_password(uow.session, actor, account, new, must_change=False)
        uow.commit()


def _new_password_errors(current: str, new: str, username: str) -> list[FieldError]:
    errors = [FieldError("new_password", p) for p in accounts.password_problems(new, username)]
    if new == current:
        errors.append(FieldError("new_password", "Kies een ander wachtwoord dan het huidige."))
    return errors


def _set_password(
    session: Session, actor: Actor, account: Account, password: str, *, must_change: bool
) -> None:
    """The argon2 hash, the event (a reset, or the person's own change) and, on PostgreSQL,
    the login's own password (one function, which records the event itself)."""
    hashed = accounts.hash_password(password)
    action = "account_password_reset" if must_change else "password_change"
    if login_roles.on_postgresql(session):
        tell_server(session, actor, action)
        login_roles.set_password(
            session,
            username=account.username,
            password=password,
            hashed=hashed,
            must_change=must_change,
            version=account.version,
        )
        session.refresh(account)
    else:
        account.password_hash = hashed
        account.must_change_password = must_change
        record(session, actor, action, detail=f"account {account.username}")


def _change_own_login_password(
    uow: UnitOfWork, username: str, current: str, new: str, workstation: str | None
) -> None:
    """Connected with the person's own PostgreSQL login: connecting proved `current`."""
    me = login_roles.whoami(uow.session)
    if me is None or me.username != username.strip():
        raise AuthenticationFailed("Onbekende gebruikersnaam of onjuist wachtwoord.")
    if not me.active:
        raise RuleViolation(f"Het account {me.username} is gedeactiveerd.")
    if errors := _new_password_errors(current, new, me.username):
        raise InvalidInput(errors)
    actor = Actor(me.account_id, me.username, Role(me.role), workstation or accounts.workstation_name())
    login_roles.login_succeeded(uow.session)
    tell_server(uow.session, actor, "password_change")  # the function records the event
    login_roles.change_own_password(
        uow.session, username=me.username, password=new, hashed=accounts.hash_password(new)
    )
    uow.commit()

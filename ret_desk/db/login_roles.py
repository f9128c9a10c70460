"""One PostgreSQL login per RET Desk account (issue 10 §2): naming, and the calls to the
SECURITY DEFINER functions of migration 0007 that create and change those logins.

Naming: the login role of account NAAM is `ret_u_NAAM`, case and all (a quoted
identifier), so `psql -U ret_u_anne` is Anne and no account can take a group's name
(ret_admin) or a role outside RET Desk. PostgreSQL names have at most 63 bytes, so on
PostgreSQL a user name has at most 57. The user types NAAM; the app adds the prefix.

Passwords reach the server only as a SCRAM-SHA-256 verifier made here (libpq's
PQencryptPasswordConn), never in clear text, so no statement log can hold one. The
argon2 hash in `account` is kept too: the owner's own connection logs in with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ret_desk.domain.errors import NotFound, PermissionDenied, RetDeskError, RuleViolation, StaleEdit

PREFIX = "ret_u_"
MAX_NAME_BYTES = 63


def role_name(username: str) -> str:
    """The PostgreSQL login role of the account `username`."""
    return PREFIX + username


def name_fits(username: str) -> bool:
    return len(role_name(username).encode()) <= MAX_NAME_BYTES


def max_username_length() -> int:
    return MAX_NAME_BYTES - len(PREFIX)


def on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass(frozen=True, slots=True)
class Me:
    """What ret_whoami() says about the login of this connection."""

    account_id: int
    username: str
    role: str
    active: bool
    must_change_password: bool


def whoami(session: Session) -> Me | None:
    """The account whose own login this connection uses; None on SQLite and for any other
    login (the owner, acting as the app for its own commands and for the tests)."""
    if not on_postgresql(session):
        return None
    row = _call(session, "SELECT * FROM ret_whoami()").first()
    return Me(*row) if row is not None else None


def is_person_login(session: Session) -> bool:
    """Whether this connection uses a RET Desk login role (named ret_u_...)."""
    user = session.execute(text("SELECT session_user")).scalar_one()
    return str(user).startswith(PREFIX)


def verifier(session: Session, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of `password` for the login of `username`, made here."""
    raw = session.connection().connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    made = pgconn.encrypt_password(password.encode(), role_name(username).encode(), b"scram-sha-256")
    return made.decode()


def create(
    session: Session, *, username: str, display_name: str, role: str, password: str, hashed: str
) -> int:
    """Insert the account row and create its login in the group of `role`; the account's id."""
    return int(
        _call(
            session,
            "SELECT ret_account_create(:u, :d, :r, :v, :h)",
            u=username,
            d=display_name,
            r=role,
            v=verifier(session, username, password),
            h=hashed,
        ).scalar_one()
    )


def set_active(session: Session, *, username: str, active: bool, version: int | None) -> None:
    _call(session, "SELECT ret_account_set_active(:u, :a, :n)", u=username, a=active, n=version)


def set_role(session: Session, *, username: str, role: str, version: int | None) -> None:
    _call(session, "SELECT ret_account_set_role(:u, :r, :n)", u=username, r=role, n=version)


def set_password(
    session: Session, *, username: str, password: str, hashed: str, must_change: bool, version: int | None
) -> None:
    _call(
        session,
        "SELECT ret_account_set_password(:u, :v, :h, :m, :n)",
        u=username,
        v=verifier(session, username, password),
        h=hashed,
        m=must_change,
        n=version,
    )


def change_own_password(session: Session, *, username: str, password: str, hashed: str) -> None:
    """The logged-in person's own new password (their login proved the current one)."""
    _call(
        session,
        "SELECT ret_change_own_password(:v, :h)",
        v=verifier(session, username, password),
        h=hashed,
    )


# The lock after wrong passwords (issue 11 §3): the functions of migration 0008 keep the
# count and the lock in `account` and in the login role (VALID UNTIL), so that a locked
# person cannot log in with psql either.


def record_failed_login(
    session: Session, username: str, workstation: str, on_behalf_of: str, during: str
) -> None:
    """A refused password check on the owner's connection (the gate calls the same function)."""
    _call(
        session,
        "SELECT ret_record_failed_login(:u, :w, :o, :d)",
        u=username, w=workstation, o=on_behalf_of, d=during,
    )  # fmt: skip


def release_expired_lock(session: Session, username: str) -> None:
    """Lift the lock of `username` when its time is over (the login role too)."""
    _call(session, "SELECT ret_release_expired_lock(:u)", u=username)


def login_succeeded(session: Session) -> None:
    """This connection's person logged in: the count of wrong passwords starts over."""
    _call(session, "SELECT ret_login_succeeded()")


def unlock(session: Session, *, username: str, version: int | None) -> None:
    """The administrator lifts the lock at once (the function records the event)."""
    _call(session, "SELECT ret_account_unlock(:u, :n)", u=username, n=version)


def _call(session: Session, sql: str, **params: object):  # noqa: ANN202
    """Run one function call; its refusals become the domain's Dutch errors."""
    try:
        return session.execute(text(sql), params)
    except DBAPIError as exc:
        raise _domain_error(exc) from None


def _domain_error(exc: DBAPIError) -> RetDeskError | DBAPIError:
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    message = (getattr(diag, "message_primary", None) or str(orig)).strip()
    if state == "RD001":
        return StaleEdit(message + " Uw wijziging is niet opgeslagen; laad de lijst opnieuw.")
    if state == "RD002":
        if "bestaat niet" in message:
            return NotFound(message)
        return RuleViolation(message)
    if state == "42501":  # insufficient_privilege
        return PermissionDenied("U heeft geen recht op deze handeling in de opslag.")
    return exc

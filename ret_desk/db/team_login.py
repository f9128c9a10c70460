"""Connecting to a team's PostgreSQL store as the person who logs in (issue 10 §2).

A PostgreSQL URL without a user name is a team store: it gives host, port and database
(or a service-file entry), and every person connects with their own login role
(`login_roles.role_name`) and password, which PostgreSQL checks (SCRAM). A URL that names
a user is the owner's connection, for the owner's commands (db upgrade, the first
administrator, the region); on it the app checks passwords itself, as on SQLite.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ret_desk.db import gate, login_roles
from ret_desk.db.store import Store
from ret_desk.domain import lockout
from ret_desk.domain.lockout import LoginRefused

WRONG = lockout.REFUSED
# PostgreSQL's own words (English servers; lc_messages of the server) for a refused login.
_REFUSED = (
    "password authentication failed",
    "authentication failed",
    "does not exist",  # role "ret_u_..." does not exist (trust or peer set-ups)
    "no pg_hba.conf entry",
    "not permitted to log in",
)


def is_team_url(url: str) -> bool:
    """A PostgreSQL URL without a user name: each person connects with their own login."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    return parsed.get_backend_name() == "postgresql" and not parsed.username


def has_password(url: str) -> bool:
    """Whether `url` carries a password (user:password@host)."""
    try:
        return make_url(url).password is not None
    except ArgumentError:
        return False


def personal_url(url: str, username: str, password: str) -> str:
    """`url` with the login of `username` (kept in memory only, never shown or stored)."""
    parsed = make_url(url).set(username=login_roles.role_name(username), password=password)
    return parsed.render_as_string(hide_password=False)


def _connect(url: str, username: str, password: str, any_schema: bool) -> Store:
    """Connected as this person, who may not upgrade: an older or newer schema is refused
    (unless `any_schema`)."""
    if any_schema:
        store = Store.open(personal_url(url, username, password), upgrade=False)
        with store.engine.connect():
            pass  # the login itself, checked by PostgreSQL
        return store
    return Store.open_as_client(personal_url(url, username, password))


def open_as(url: str, username: str, password: str, workstation: str, *, any_schema: bool = False) -> Store:
    """The store at the team URL `url`, connected as `username` with `password`. A refused
    login is recorded (and counted toward the lock) through the gate and raised as the one
    message for every refusal, also when PostgreSQL accepted the password of a deactivated
    login (LoginRefused). With `any_schema` an older or newer schema is not refused (for
    `db current`)."""
    username = username.strip()
    if not username or not login_roles.name_fits(username):
        gate.record_failed_login(url, username, workstation)
        raise LoginRefused(lockout.UNKNOWN_USER)
    try:
        store = _connect(url, username, password, any_schema)
    except OperationalError as exc:
        text = str(exc.orig).lower()
        if not any(part in text for part in _REFUSED):
            raise  # the server is unreachable: the store's own error, not a wrong password
        store = None
        if gate.release_expired_lock(url, username):  # its 15 minutes were over: once more
            try:
                store = _connect(url, username, password, any_schema)
            except OperationalError as again:
                text = str(again.orig).lower()
        if store is None:
            gate.record_failed_login(url, username, workstation)
            if "not permitted to log in" in text:  # PostgreSQL checks this after the password
                raise LoginRefused(lockout.DISABLED) from None
            raise LoginRefused(lockout.WRONG_PASSWORD) from None
    store.url = url  # what others may see of it: the team URL, without the password
    return store

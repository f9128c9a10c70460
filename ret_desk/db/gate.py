"""The gate for failed logins on PostgreSQL (issue 10 §2).

PostgreSQL refuses a wrong password before any RET Desk code runs, so the refused attempt
cannot be written by the user's own connection. It is written through the gate: the login
role `ret_gate` (migration 0007), which may only EXECUTE one SECURITY DEFINER function,
`ret_record_failed_login(name, workstation)`, that adds a `login_failed` audit event and
counts it toward the lock (issue 11 §3, migration 0008), and `ret_release_expired_lock(name)`,
that lifts a lock whose time is over (and says only whether it did).

The gate's password is not a secret that protects anything: the gate can read nothing and
change nothing else, and learns nothing back. It is "ret-gate" unless the owner changed it
(`ALTER ROLE ret_gate PASSWORD …`) and told the workstations through RET_DESK_GATE_PASSWORD,
or through a `~/.pgpass` / service-file entry when RET_DESK_GATE_PASSWORD is empty.
See docs/postgresql.md, "Mislukte aanmeldingen".
"""

from __future__ import annotations

import logging
import os

import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

GATE_ROLE = "ret_gate"
DEFAULT_GATE_PASSWORD = "ret-gate"
ENV_GATE_PASSWORD = "RET_DESK_GATE_PASSWORD"
CONNECT_TIMEOUT_S = 5

_log = logging.getLogger(__name__)


def gate_connection_args(url: str) -> dict[str, object] | None:
    """Where and how the gate logs in: host, port and database (and options such as
    sslmode) of `url`, never its user or password; None for a store that is not PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "postgresql":
        return None
    args: dict[str, object] = {
        key: value if isinstance(value, str) else value[-1] for key, value in parsed.query.items()
    }
    args.update(user=GATE_ROLE, connect_timeout=CONNECT_TIMEOUT_S)
    for key, value in (("host", parsed.host), ("port", parsed.port), ("dbname", parsed.database)):
        if value is not None:
            args[key] = value
    password = os.environ.get(ENV_GATE_PASSWORD, DEFAULT_GATE_PASSWORD)
    if password:  # empty: libpq looks in ~/.pgpass or the service file
        args["password"] = password
    return args


def record_failed_login(url: str, username: str, workstation: str) -> None:
    """Record a refused login for `username` on the PostgreSQL server at `url`
    (host, port and database of the URL; never its user or password). The function counts
    it too: the 5th wrong password in a row locks the account (migration 0008).

    Never raises: the user must still see why the login failed, even when the gate is
    unreachable (the failure to record is logged, without the name)."""
    _through_gate(url, "SELECT ret_record_failed_login(%s, %s)", (username, workstation))


def release_expired_lock(url: str, username: str) -> bool:
    """After PostgreSQL refused `username`: lift the account's lock when its 15 minutes are
    over (migration 0008), so that the login role accepts its password again. Whether it
    did (then the login is worth one more try). Never raises."""
    return _through_gate(url, "SELECT ret_release_expired_lock(%s)", (username,)) is True


def _through_gate(url: str, sql: str, params: tuple[str, ...]) -> object:
    args = gate_connection_args(url)
    if args is None:
        return None
    try:
        with psycopg.connect(**args, autocommit=True) as conn:  # type: ignore[arg-type]
            row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]
    except (psycopg.Error, OSError) as exc:
        _log.warning("the gate refused (%s)", type(exc).__name__)
        return None
    return row[0] if row else None

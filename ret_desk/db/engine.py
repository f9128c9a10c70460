"""Engines for the two stores: SQLite with safe pragmas, or a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ret_desk.db.audit_chain import register_sqlite_functions
from ret_desk.db.netshare import is_network_path, refusal_message
from ret_desk.db.private_files import private_store_file
from ret_desk.db.sqlite_url import sqlite_file
from ret_desk.domain.errors import StoreError

BUSY_TIMEOUT_MS = 10_000


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (also a `file:` URI with `uri=true`), or None for
    another store or an in-memory one."""
    file = sqlite_file(url)
    return None if file is None else Path(file)


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    register_sqlite_functions(dbapi_connection)  # the audit chain's trigger calls it


def make_engine(url: str) -> Engine:
    """An engine for `url`; refuses a SQLite file on a network share (StoreError, Dutch)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"Ongeldig opslagadres: {url}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if is_network_path(str(path)):
                raise StoreError(refusal_message(str(path)))
            path.parent.mkdir(parents=True, exist_ok=True)
            private_store_file(path)  # 0600 before SQLite writes (issue 11 §4)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise StoreError(
        f"Opslag '{backend}' wordt niet ondersteund. Gebruik sqlite:///pad of postgresql+psycopg://..."
    )

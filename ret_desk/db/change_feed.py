"""What changed in the store, as ids only: the write side of "live in a team" (issue 10 §5).

On PostgreSQL every flush of a unit of work sends `pg_notify(CHANNEL, payload)` on the
session's own connection, inside its transaction: PostgreSQL delivers it only when that
transaction commits, and drops it on a rollback. The payload names tables and integer
primary keys, never a value of a row: every listener receives it, whatever its rights.
A row of a case's child table (a note, a placement, an agenda item) also names its
parent (`ret_case`, `youth`, `table_session`), so that a screen showing that case or
sitting knows it is touched without a query.

SQLite has no NOTIFY; there `fingerprints` lets a listener (db/change_listener.py) tell
which tables another connection changed once `PRAGMA data_version` says that one did.
The audit log is left out on both stores: every screen that reloads writes an audit
event, and two windows would otherwise wake each other for ever.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Engine, MetaData, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

CHANNEL = "ret_desk_changes"
#: PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; above this, tables only.
MAX_PAYLOAD = 7000
#: Foreign keys whose value names the parent a screen shows (child row -> parent table).
PARENTS = {"case_id": "ret_case", "youth_id": "youth", "session_id": "table_session"}
_INFO_KEY = "ret_desk_changes"

Changes = dict[str, set[int] | None]  # table -> ids; None: some rows, not known which


def is_ignored(table: str) -> bool:
    """Tables whose writes no screen follows: the audit log (written by every read)."""
    return table.startswith("audit")


def add(changes: Changes, table: str, ident: Any) -> None:  # noqa: ANN401
    """Note that row `ident` of `table` changed; a non-integer key counts as "some row"
    (a key could be a value a listener may not see)."""
    if is_ignored(table):
        return
    if table in changes and changes[table] is None:
        return
    if isinstance(ident, int) and not isinstance(ident, bool):
        changes.setdefault(table, set()).add(ident)  # type: ignore[union-attr]
    else:
        changes[table] = None


def encode(changes: Mapping[str, Iterable[int] | None], origin: str) -> str:
    """The NOTIFY payload: `{"o": origin, "t": {table: [ids] | null}}`; ids only."""
    tables = {t: (None if ids is None else sorted(ids)) for t, ids in sorted(changes.items())}
    payload = json.dumps({"o": origin, "t": tables}, separators=(",", ":"))
    if len(payload.encode()) > MAX_PAYLOAD:
        payload = json.dumps({"o": origin, "t": dict.fromkeys(tables)}, separators=(",", ":"))
    return payload


def decode(payload: str) -> tuple[str, dict[str, frozenset[int] | None]]:
    """(origin, {table: ids or None}) from a payload; a malformed one means "anything"."""
    try:
        data = json.loads(payload)
        tables = {
            str(t): (None if ids is None else frozenset(int(i) for i in ids)) for t, ids in data["t"].items()
        }
        return str(data.get("o", "")), tables
    except (ValueError, KeyError, TypeError, AttributeError):
        return "", {}


def _collect_flush(session: Session, _context: Any) -> None:  # noqa: ANN401
    changes: Changes = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        state = inspect(obj)
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        table = getattr(state.mapper.local_table, "name", None)
        if table is None or is_ignored(table):
            continue
        key = state.identity or state.mapper.primary_key_from_instance(obj)
        add(changes, table, key[0] if key and len(key) == 1 else None)
        for column, parent in PARENTS.items():
            if (value := getattr(obj, column, None)) is not None:
                add(changes, parent, value)
    _notify(session, changes)


def _collect_statement(execute_state: Any) -> None:  # noqa: ANN401
    """A bulk UPDATE/DELETE/INSERT through the ORM names its table (rows unknown)."""
    if not (execute_state.is_update or execute_state.is_delete or execute_state.is_insert):
        return
    table = getattr(getattr(execute_state.statement, "table", None), "name", None)
    if table:
        _notify(execute_state.session, {table: None})


def _notify(session: Session, changes: Changes) -> None:
    changes = {t: ids for t, ids in changes.items() if not is_ignored(t)}
    origin = session.info.get(_INFO_KEY)
    if not changes or origin is None:
        return
    session.connection().execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": encode(changes, origin)},
    )


def track_changes(factory: sessionmaker[Session], engine: Engine) -> str:
    """Make every session of `factory` announce its writes (PostgreSQL); returns the
    store's origin token, by which a listener recognises its own writes."""
    origin = uuid.uuid4().hex[:16]
    if engine.dialect.name != "postgresql":
        return origin

    def begin(session: Session, _transaction: Any, _connection: Any) -> None:  # noqa: ANN401
        session.info[_INFO_KEY] = origin

    event.listen(factory, "after_begin", begin)
    event.listen(factory, "after_flush", _collect_flush)
    event.listen(factory, "do_orm_execute", _collect_statement)
    return origin


# -- SQLite: which tables changed ------------------------------------------------------


def watched_tables(metadata: MetaData) -> list[tuple[str, bool]]:
    """(table, has a version column) for every table a screen may follow."""
    return [
        (table.name, "version" in table.columns)
        for table in metadata.sorted_tables
        if not is_ignored(table.name)
    ]


def fingerprints(cursor: Any, tables: list[tuple[str, bool]]) -> dict[str, tuple]:  # noqa: ANN401
    """Per table a cheap summary (rows, highest rowid, sum of versions) that changes with
    any insert, delete or versioned update; read on a DB-API cursor (the listener's own)."""
    found: dict[str, tuple] = {}
    for name, versioned in tables:
        version = 'coalesce(sum("version"), 0)' if versioned else "0"
        try:
            cursor.execute(f'SELECT count(*), coalesce(max(rowid), 0), {version} FROM "{name}"')  # noqa: S608
        except Exception:  # noqa: BLE001 - a table of a newer or older schema: not followed
            continue
        found[name] = tuple(cursor.fetchall()[0])
    return found


def changed_tables(before: Mapping[str, tuple], after: Mapping[str, tuple], metadata: MetaData) -> Changes:
    """The tables whose fingerprint differs, with the parents their rows name (any row)."""
    changes: Changes = {}
    for name in set(before) | set(after):
        if before.get(name) == after.get(name):
            continue
        changes[name] = None
        table = metadata.tables.get(name)
        for column, parent in PARENTS.items():
            if table is not None and column in table.columns:
                changes[parent] = None
    return changes

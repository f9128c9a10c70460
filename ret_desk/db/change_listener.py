"""The read side of "live in a team": a background thread on a dedicated connection that
hears other users' committed changes and notices a lost connection.

- PostgreSQL: `LISTEN ret_desk_changes` on a psycopg connection of its own (autocommit),
  waiting for notifications (db/change_feed.py writes them); a `SELECT 1` now and then
  notices a connection that died without a word.
- SQLite: `PRAGMA data_version` on a connection of its own, about once a second (a read
  of the file's header: cheap). It changes when any other connection, in this process or
  another, committed; the tables' fingerprints then tell which tables changed.

The connection comes from the store's engine (`raw_connection`, detached from the pool),
so it logs in exactly as the store does. When it fails the listener reports "offline",
retries every `retry` seconds, and on its return reports "online" plus a change of
everything (notifications sent meanwhile are lost). Callbacks run on this thread.

A connection the server refuses because the login may not log in (an account disabled:
the role is NOLOGIN) or its password is refused (changed meanwhile) is not an outage:
retrying cannot help. The listener then stops and calls `on_locked_out` once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from ret_desk.db import change_feed
from ret_desk.db.models import Base

OnChange = Callable[[dict[str, frozenset[int] | None], bool], None]  # (tables, everything)
OnStatus = Callable[[bool], None]  # online?
OnLockedOut = Callable[[], None]  # the server refuses this login: stop, log in again

POLL_SECONDS = 1.0
RETRY_SECONDS = 2.0
PING_EVERY = 5  # polls between health checks of a quiet PostgreSQL connection

# PostgreSQL: 28000 invalid_authorization_specification ("role … is not permitted to log
# in"), 28P01 invalid_password. A connection error may carry no SQLSTATE: then the text.
_REFUSED_STATES = ("28000", "28P01")
_REFUSED_TEXTS = ("is not permitted to log in", "password authentication failed")


def is_login_refused(exc: BaseException) -> bool:
    """Whether `exc` (a driver error, or SQLAlchemy's wrapping of one) says the server
    refuses this login itself: deactivated, or a password no longer valid."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) in _REFUSED_STATES:
            return True
        if type(current).__module__.startswith("psycopg") and any(
            text in str(current) for text in _REFUSED_TEXTS
        ):
            return True
        current = getattr(current, "orig", None) or current.__cause__
    return False


class ChangeListener:
    def __init__(
        self,
        engine: Engine,
        origin: str,
        on_change: OnChange,
        on_status: OnStatus,
        *,
        poll: float = POLL_SECONDS,
        retry: float = RETRY_SECONDS,
        on_locked_out: OnLockedOut | None = None,
    ) -> None:
        self._engine = engine
        self._origin = origin
        self._on_change = on_change
        self._on_status = on_status
        self._on_locked_out = on_locked_out
        self.locked_out = False  # the server refused this login: no more retries
        self.poll, self.retry = poll, retry
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: Any = None
        self.online: bool | None = None  # None until the first connection was tried
        self.connect: Callable[[], Any] = self._connect  # tests replace it to refuse connections

    @property
    def is_postgresql(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    def start(self) -> None:
        if self._thread is None:
            # A stop event of its own per thread: a thread still winding down after `stop`
            # never sees the next one's event as its own.
            self._stop = threading.Event()
            self.online = None
            self._thread = threading.Thread(
                target=self._run, args=(self._stop,), name="ret-desk-changes", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.poll + 2)
        self._thread = None
        self._close()

    # -- the thread -------------------------------------------------------------------
    def _run(self, stop: threading.Event) -> None:
        conn = None
        while not stop.is_set():
            try:
                conn = self._conn = self.connect()
                listen = self._listen_pg if self.is_postgresql else self._poll_sqlite
                listen(conn, stop)
            except Exception as exc:  # noqa: BLE001 - any failure of the connection: offline, retry
                if self._conn is conn:
                    self._close()
                if stop.is_set():
                    return
                if is_login_refused(exc):
                    self.locked_out = True
                    self._set_online(False)
                    if self._on_locked_out is not None:
                        self._on_locked_out()
                    return
                self._set_online(False)
                stop.wait(self.retry)
        if conn is not None and self._conn is conn:
            self._close()

    def _connect(self) -> Any:  # noqa: ANN401
        raw = self._engine.raw_connection()
        conn = raw.driver_connection
        raw.detach()  # ours alone: never handed back to the pool, nor taken by another
        if self.is_postgresql:
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"LISTEN {change_feed.CHANNEL}")
        return conn

    def _set_online(self, online: bool) -> None:
        was, self.online = self.online, online
        if was == online:
            return
        self._on_status(online)
        if online and was is False:
            self._on_change({}, True)  # what was sent while we were away is lost: reload all

    def _listen_pg(self, conn: Any, stop: threading.Event) -> None:  # noqa: ANN401
        self._set_online(True)
        quiet = 0
        while not stop.is_set():
            heard = False
            for notify in conn.notifies(timeout=self.poll):
                heard = True
                origin, tables = change_feed.decode(notify.payload)
                if origin != self._origin:
                    self._on_change(tables, not tables)
                if stop.is_set():
                    return
            quiet = 0 if heard else quiet + 1
            if quiet >= PING_EVERY:
                conn.execute("SELECT 1")
                quiet = 0

    def _poll_sqlite(self, conn: Any, stop: threading.Event) -> None:  # noqa: ANN401
        tables = change_feed.watched_tables(Base.metadata)
        cursor = conn.cursor()
        # fetchall: each statement is done at once, so that no read stays open on the file
        version = cursor.execute("PRAGMA data_version").fetchall()[0][0]
        prints = change_feed.fingerprints(cursor, tables)
        self._set_online(True)
        while not stop.wait(self.poll):
            now = cursor.execute("PRAGMA data_version").fetchall()[0][0]
            if now == version:
                continue
            version = now
            fresh = change_feed.fingerprints(cursor, tables)
            changes = change_feed.changed_tables(prints, fresh, Base.metadata)
            prints = fresh
            if changes:
                self._on_change(changes, False)

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # it is gone either way
                conn.close()

"""Live in a team (issue 10 §5): other users' committed changes, and the state of the
connection, for a front end that holds only a Workspace.

`subscribe(store, on_change, on_status)` starts (once per store) the listener of
db/change_listener.py and hands each change on as a `Change`: ids only, never a value, so
that it may reach every window whatever its user's rights. A screen asks the change what
it shows (`affects(Topic.CASES)`, `affects_case(id)`), reloads that, and keeps its
selection. `outage_message(exc)` says, in Dutch, that a service call lost its server
connection (the unit of work rolled back: nothing is half-saved).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy.exc import DBAPIError

from ret_desk.db.change_listener import ChangeListener, is_login_refused
from ret_desk.db.store import Store


class Topic(Enum):
    """What a screen shows, as the tables whose rows it is made of."""

    CASES = ("ret_case", "youth")  # a case's children name their case (db/change_feed PARENTS)
    CAPACITY = ("location_offer", "location", "provider", "placement_type", "placement")
    REQUESTS = ("placement_request", "match_decision", "placement")
    SITTINGS = ("table_session", "agenda_item", "session_member", "action_item")


@dataclass(frozen=True)
class Change:
    """Tables and the ids of their rows that another user's commit touched; an id set of
    None means "some rows"; `everything` (after a lost connection): anything may have."""

    tables: Mapping[str, frozenset[int] | None] = field(default_factory=dict)
    everything: bool = False

    def affects(self, topic: Topic) -> bool:
        return self.everything or any(t in self.tables for t in topic.value)

    def affects_row(self, table: str, ident: int | None) -> bool:
        if self.everything:
            return True
        if table not in self.tables:
            return False
        ids = self.tables[table]
        return ids is None or ident in ids

    def affects_case(self, case_id: int) -> bool:
        """The case itself, one of its children, or some youth (a youth's cases are not
        known without a query; a youth's change is rare)."""
        return self.affects_row("ret_case", case_id) or "youth" in self.tables

    def merged(self, other: Change) -> Change:
        tables: dict[str, frozenset[int] | None] = dict(self.tables)
        for table, ids in other.tables.items():
            mine = tables.get(table, frozenset())
            tables[table] = None if ids is None or mine is None else mine | ids
        return Change(tables, self.everything or other.everything)


OnChange = Callable[[Change], None]
OnStatus = Callable[[bool], None]
OnLockedOut = Callable[[], None]


class _Hub:
    """One listener per store, shared by every window of it."""

    def __init__(self, store: Store) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[int, tuple[OnChange, OnStatus, OnLockedOut | None]] = {}
        self._next = 0
        self.listener = ChangeListener(
            store.engine, store.origin, self._changed, self._status, on_locked_out=self._locked_out
        )

    def add(
        self, on_change: OnChange, on_status: OnStatus, on_locked_out: OnLockedOut | None = None
    ) -> Callable[[], None]:
        with self._lock:
            self._next += 1
            key = self._next
            self._subscribers[key] = (on_change, on_status, on_locked_out)
        if self.listener.locked_out:
            if on_locked_out is not None:
                on_locked_out()
        else:
            self.listener.start()

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(key, None)
                last = not self._subscribers
            if last:
                self.listener.stop()

        return unsubscribe

    def _each(self) -> list[tuple[OnChange, OnStatus, OnLockedOut | None]]:
        with self._lock:
            return list(self._subscribers.values())

    def _changed(self, tables: dict[str, frozenset[int] | None], everything: bool) -> None:
        change = Change(tables, everything)
        for on_change, _, _ in self._each():
            try:
                on_change(change)
            except Exception:  # noqa: BLE001, S112 - a closed window must not stop the others
                continue

    def _status(self, online: bool) -> None:
        for _, on_status, _ in self._each():
            try:
                on_status(online)
            except Exception:  # noqa: BLE001, S112
                continue

    def _locked_out(self) -> None:
        for _, _, on_locked_out in self._each():
            try:
                if on_locked_out is not None:
                    on_locked_out()
            except Exception:  # noqa: BLE001, S112
                continue


_hubs: weakref.WeakKeyDictionary[Store, _Hub] = weakref.WeakKeyDictionary()
_hubs_lock = threading.Lock()


def _hub(store: Store) -> _Hub:
    with _hubs_lock:
        if store not in _hubs:
            _hubs[store] = _Hub(store)
        return _hubs[store]


def subscribe(
    store: Store, on_change: OnChange, on_status: OnStatus, on_locked_out: OnLockedOut | None = None
) -> Callable[[], None]:
    """Call `on_change(Change)` for other users' commits and `on_status(online)` when the
    connection is lost or back, on the listener's thread; `on_locked_out()` once when the
    server refuses this login (deactivated, password changed: no more retries). Returns
    the unsubscribe call."""
    if store.is_sqlite and store.engine.url.database in (None, "", ":memory:"):
        return lambda: None  # an in-memory store has no other users
    return _hub(store).add(on_change, on_status, on_locked_out)


def listener_of(store: Store) -> ChangeListener:
    """The store's listener (for tests that refuse its connection, and for `stop`)."""
    return _hub(store).listener


def stop(store: Store) -> None:
    """Stop listening (the store is closing)."""
    with _hubs_lock:
        hub = _hubs.pop(store, None)
    if hub is not None:
        hub.listener.stop()


#: What the app says when a service call lost (or could not get) its server connection.
OUTAGE_MESSAGE = (
    "Geen verbinding met de server. Er is niets opgeslagen; wat u typte staat er nog. "
    "Probeer het opnieuw zodra de verbinding terug is."
)


#: What the app says when the server refuses the login itself (no retry can help).
LOCKED_OUT_MESSAGE = "Uw account is gedeactiveerd of uw wachtwoord is gewijzigd; log opnieuw in."


def login_refused(exc: BaseException) -> bool:
    """Whether the server refused this person's login: the account was deactivated (its
    role may not log in) or the password is no longer valid."""
    return is_login_refused(exc)


def outage_message(exc: BaseException) -> str | None:
    """OUTAGE_MESSAGE when `exc` is a lost or refused connection to the PostgreSQL server,
    LOCKED_OUT_MESSAGE when the server refuses the login itself; None for anything else
    (a statement the server refused is not an outage)."""
    if not isinstance(exc, DBAPIError) or not type(exc.orig).__module__.startswith("psycopg"):
        return None
    if is_login_refused(exc):
        return LOCKED_OUT_MESSAGE
    return OUTAGE_MESSAGE if _is_outage(exc) else None


def _is_outage(exc: DBAPIError) -> bool:
    """Lost or refused, not a refusal of the statement (a lock timeout, a serialisation
    failure): a connection invalidated, one that could not be made (no statement ran),
    or PostgreSQL's connection and shutdown errors (SQLSTATE 08xxx, 57P0x)."""
    if exc.connection_invalidated or exc.statement is None:
        return True
    code = getattr(exc.orig, "sqlstate", None) or ""
    return code.startswith(("08", "57P0"))

"""Live in a team, below the UI (issue 10 §5): a second store on the same database hears a
committed change within 2 seconds, as table names and ids only; a rollback is never
heard; a refused connection reports offline and recovers. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import time

import pytest

from ret_desk.db import change_feed
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services import live
from ret_desk.services.cases import intake, notes
from ret_desk.services.context import Workspace
from tests.support.drafts import draft


class Heard:
    def __init__(self) -> None:
        self.changes: list[live.Change] = []
        self.status: list[bool] = []
        self.event = threading.Event()

    def change(self, change: live.Change) -> None:
        self.changes.append(change)
        self.event.set()

    def online(self, online: bool) -> None:
        self.status.append(online)

    def wait(self, pred, timeout: float = 4.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if pred():
                return True
            time.sleep(0.02)
        return pred()


@pytest.fixture
def other(store_url):
    """A second client of the same database: another store, as another process has."""
    s = Store.open(store_url, upgrade=False)
    yield s
    live.stop(s)
    s.close()


def test_a_committed_note_reaches_the_other_client_as_ids_only(store, actors, other):
    coordinator = actors[Role.COORDINATOR]
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    heard = Heard()
    stop = live.subscribe(other, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        # When the first client adds a note to the case
        started = time.monotonic()
        notes.add_note(uow=store.uow(), actor=coordinator, number=ref.number, text="Gebeld met moeder")
        # Then the other hears within 2 seconds that this case changed
        assert heard.wait(lambda: any(c.affects_case(ref.id) for c in heard.changes), timeout=3)
        assert time.monotonic() - started < 2.0
        change = next(c for c in heard.changes if c.affects_case(ref.id))
        assert change.affects(live.Topic.CASES)
        assert not change.affects(live.Topic.SITTINGS)
        assert "audit_event" not in change.tables  # every read writes one: never followed
    finally:
        stop()
        live.stop(other)


def test_a_store_does_not_hear_its_own_writes_on_postgresql(store, actors):
    if store.is_sqlite:
        pytest.skip("SQLite hears every commit on the file (data_version); its own too")
    heard = Heard()
    stop = live.subscribe(store, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        intake.register_referral(uow=store.uow(), actor=actors[Role.COORDINATOR], draft=draft())
        time.sleep(1.5)
        assert heard.changes == []
    finally:
        stop()


@pytest.mark.pg
def test_the_notification_holds_no_name_bsn_or_text(store_url, actors, store):
    if not store_url.startswith("postgresql"):
        pytest.skip("NOTIFY is PostgreSQL's")
    import psycopg

    url = store.engine.url.set(drivername="postgresql")
    conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
    conn.execute(f"LISTEN {change_feed.CHANNEL}")
    # When a referral with a name, a BSN and a note is registered
    coordinator = actors[Role.COORDINATOR]
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    notes.add_note(uow=store.uow(), actor=coordinator, number=ref.number, text="Gebeld met moeder")
    payloads = [n.payload for n in conn.notifies(timeout=1.5)]
    conn.close()
    # Then what every listener receives is tables and ids, nothing of the child
    assert payloads
    text = " ".join(payloads)
    for secret in ("Veenstra", "Sanne", "999990019", "moeder", ref.number, "2012"):
        assert secret not in text
    for payload in payloads:
        data = json.loads(payload)
        assert set(data) == {"o", "t"}
        for ids in data["t"].values():
            assert ids is None or all(isinstance(i, int) for i in ids)
    assert any(ref.id in (data_t := json.loads(p)["t"]).get("ret_case", []) for p in payloads), data_t


def test_a_rolled_back_write_is_not_heard(store, actors, other):
    heard = Heard()
    stop = live.subscribe(other, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        ws = Workspace(store, actors[Role.COORDINATOR])
        with pytest.raises(Exception):  # noqa: B017, PT011 - the note on an unknown case is refused
            ws.call(notes.add_note, number="RET-0000-0000", text="x")
        time.sleep(1.5)
        assert [c for c in heard.changes if c.affects(live.Topic.CASES)] == []
    finally:
        stop()


def test_a_refused_connection_reports_offline_and_recovers(store, other):
    heard = Heard()
    listener = live.listener_of(other)
    listener.retry = 0.2
    stop = live.subscribe(other, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        real = listener.connect

        def refuse():
            raise OSError("verbinding geweigerd")

        listener.connect = refuse
        listener._close()  # the connection drops
        assert heard.wait(lambda: heard.status[-1:] == [False])
        listener.connect = real
        assert heard.wait(lambda: heard.status[-1:] == [True])
        # And on its return everything is reloaded: what was sent meanwhile is lost
        assert heard.wait(lambda: any(c.everything for c in heard.changes))
    finally:
        stop()


def test_payloads_too_long_for_notify_name_tables_only():
    payload = change_feed.encode({"ret_case": set(range(5000))}, "abc")
    assert len(payload) < change_feed.MAX_PAYLOAD
    assert change_feed.decode(payload) == ("abc", {"ret_case": None})
    assert change_feed.decode("not json") == ("", {})


def test_listening_again_after_the_last_window_closed(store, actors, other):
    coordinator = actors[Role.COORDINATOR]
    first = Heard()
    live.subscribe(other, first.change, first.online)()  # a window opened and closed at once
    heard = Heard()
    stop = live.subscribe(other, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
        assert heard.wait(lambda: any(c.affects_case(ref.id) for c in heard.changes), timeout=3)
    finally:
        stop()


WRITER = """
import sys
from ret_desk.db.store import Store
from ret_desk.services.admin import accounts
from ret_desk.services.cases import notes
store = Store.open(sys.argv[1], upgrade=False)
actor = accounts.authenticate(uow=store.uow(), username="coordinator", password=sys.argv[2])
notes.add_note(uow=store.uow(), actor=actor, number=sys.argv[3], text="uit een ander proces")
store.close()
"""


def test_another_process_on_the_same_sqlite_file_is_heard(sqlite_url, sqlite_store):
    import subprocess
    import sys

    from tests.conftest import PASSWORD, make_actors

    # Given a second window (this process) listening on the store file
    actors = make_actors(sqlite_store)
    ref = intake.register_referral(uow=sqlite_store.uow(), actor=actors[Role.COORDINATOR], draft=draft())
    heard = Heard()
    stop = live.subscribe(sqlite_store, heard.change, heard.online)
    try:
        assert heard.wait(lambda: heard.status == [True])
        time.sleep(1.2)  # what this process wrote itself has been seen
        heard.changes.clear()
        # When another process on this workstation adds a note
        subprocess.run([sys.executable, "-c", WRITER, sqlite_url, PASSWORD, ref.number], check=True)
        # Then this one hears that the case changed, within 2 seconds of the commit
        done = time.monotonic()
        assert heard.wait(lambda: any(c.affects_case(ref.id) for c in heard.changes), timeout=3)
        assert time.monotonic() - done < 2.0
    finally:
        stop()

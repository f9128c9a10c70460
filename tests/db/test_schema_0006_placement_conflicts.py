"""Upgrading a store that already breaks the placement rules (issue 10 §1; migration 0007).

The shipped store (tests/db/stores/schema_0006_placement_conflicts.sqlite, built by the
script next to it) holds a youth with two running placements, cases with several open
requests, and a place with more placements than places. The upgrade lists the conflicts;
it refuses the first (staff decide which placement is real) and leaves the store as it
was, and once that is fixed it resolves the others, each with an audit event.
"""

from __future__ import annotations

import importlib.util
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ret_desk.cli import main
from ret_desk.db import migrate
from ret_desk.db.engine import make_engine
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.errors import RuleViolation, StoreError
from ret_desk.domain.placement import EndReason
from ret_desk.services.placement import placement_requests, placements
from tests.conftest import _pg_url, make_actors

SHIPPED = Path(__file__).parent / "stores" / "schema_0006_placement_conflicts.sqlite"


def _rows(path: Path, query: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query).fetchall()


def _everything(path: Path) -> dict[str, list[tuple]]:
    tables = [t for (t,) in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: _rows(path, f"SELECT * FROM {t}") for t in tables}  # noqa: S608 - our own table names


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "ret.sqlite"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def _open(path: Path, monkeypatch, capsys) -> tuple[int, str]:  # noqa: ANN001
    """What a user does first with the new version: any command opens (and upgrades) the store."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    code = main(["--db", f"sqlite:///{path}", "region", "show"])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_shipped_store_breaks_every_placement_rule(old_store):
    # The tests below need it; a regenerated store without the conflicts would test nothing.
    assert _rows(old_store, "SELECT version_num FROM alembic_version") == [("0006",)]
    running = "SELECT youth_id FROM placement WHERE ended_on IS NULL GROUP BY youth_id HAVING count(*) > 1"
    assert _rows(old_store, running) == [(1,)]
    open_ = "SELECT case_id, count(*) FROM placement_request WHERE status IN ('open', 'gematcht') GROUP BY 1"
    assert _rows(old_store, open_) == [(2, 2), (3, 3)]
    full = "SELECT places_total, places_free FROM location_offer WHERE type_code = 'residentieel'"
    assert _rows(old_store, full) == [(1, -2)]


def test_the_upgrade_refuses_two_running_placements_listing_them_and_changes_nothing(
    old_store, monkeypatch, capsys
):
    before = _everything(old_store)
    # When the new version opens the old store
    code, out = _open(old_store, monkeypatch, capsys)
    # Then it refuses in Dutch, names the rule and both placements, and says how to fix it
    assert code == 1 and "Traceback" not in out
    assert "Regel: één lopende plaatsing per jeugdige" in out
    assert "casus 2025-0001: plaatsing 1 bij Pleeggezinnen Assen (21000001) sinds 01-09-2025" in out
    assert "casus 2025-0001: plaatsing 2 bij Gezinshuis Zuidwolde (21000007)" in out
    assert (
        "ret-desk placement end CASUS" in out
        and "voor casus 2025-0001;" in out
        and "vorige versie van RET Desk" in out
    )
    assert "2025-0004" not in out  # its ended placement is no conflict
    # And the store is as it was (the backup taken before is a file of its own)
    assert _everything(old_store) == before


def test_once_fixed_the_upgrade_resolves_requests_and_places_with_audit_events(
    old_store, monkeypatch, capsys
):
    # Given staff ended the wrong placement with the previous version (as its `placement end` writes)
    with sqlite3.connect(old_store) as conn:
        conn.execute("UPDATE placement SET ended_on = '2025-09-02', end_reason = 'mismatch' WHERE id = 2")
    # When the new version opens the store
    code, out = _open(old_store, monkeypatch, capsys)
    assert code == 0, out
    store = Store.open(f"sqlite:///{old_store}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()

    # Then per case the matched request, else the longest waiting, stays open; the others are withdrawn
    assert _rows(old_store, "SELECT id, status FROM placement_request ORDER BY id") == [
        (1, "ingetrokken"), (2, "gematcht"), (3, "ingetrokken"), (4, "open"), (5, "ingetrokken"),
    ]  # fmt: skip
    # And the overfull place shows no free places and a total that holds its 3 placements
    offers = "SELECT type_code, places_free, places_taken, places_total FROM location_offer ORDER BY id"
    assert _rows(old_store, offers) == [
        ("pleeggezin", 2, 1, 6),
        ("residentieel", 0, 3, 3),
        ("gezinshuis", 1, 0, 4),
    ]
    # And every resolution left an audit event naming the rule
    events = _rows(
        old_store,
        "SELECT action, case_number, detail, actor_name FROM audit_event "
        "WHERE actor_name LIKE 'RET Desk (bijwerken opslag%' ORDER BY id",
    )
    assert [(a, n) for a, n, _, _ in events] == [
        ("request_withdraw", "2025-0002"),
        ("request_withdraw", "2025-0003"),
        ("request_withdraw", "2025-0003"),
        ("capacity_edit", None),
    ]  # fmt: skip
    assert "dubbel open verzoek 1 (open) ingetrokken; verzoek 2 blijft open" in events[0][2]
    assert "één open plaatsingsverzoek per casus" in events[0][2]
    assert "21000006 residentieel: -2/1 -> 0/3, want er lopen 3 plaatsingen" in events[3][2]

    # And from now on the store holds the rules, also past the Python checks
    staff = make_actors(store)[Role.PLACEMENT_OFFICER]
    monkeypatch.setattr(placements, "running_placement", lambda session, youth_id: None)
    with pytest.raises(RuleViolation, match="Regel: één lopende plaatsing per jeugdige"):
        placements.start_placement(
            uow=store.uow(), actor=staff, number="2025-0001", location_agb="21000001", type_code="pleeggezin",
            started_on=date(2025, 10, 1), move_reason=EndReason.MISMATCH,
        )  # fmt: skip
    monkeypatch.setattr(placement_requests, "open_request", lambda session, case: None)
    data = placement_requests.RequestInput(date(2025, 10, 1), Urgency.HIGH, "pleeggezin", "Netwerk past niet")
    with pytest.raises(RuleViolation, match="Regel: één open plaatsingsverzoek per casus"):
        placement_requests.create_request(uow=store.uow(), actor=staff, number="2025-0002", data=data)
    store.close()


def _builder():
    """The script that built the shipped store, which builds the same rows on PostgreSQL."""
    path = SHIPPED.with_name("build_schema_0006_placement_conflicts.py")
    spec = importlib.util.spec_from_file_location("build_schema_0006_placement_conflicts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.pg
def test_on_postgresql_the_same_conflicts_are_refused_and_then_resolved(request):
    # Given a PostgreSQL store at 0006 with the shipped store's rows
    engine = make_engine(_pg_url(request))
    _builder().build_at_0006(engine)
    # When it is upgraded: refused, listing the running placements, and nothing changed
    with pytest.raises(StoreError, match="casus 2025-0001: plaatsing 1 bij Pleeggezinnen Assen"):
        migrate.upgrade(engine)
    assert migrate.current_revision(engine) == "0006"
    # Once fixed, it upgrades and resolves the rest as on SQLite
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE placement SET ended_on = '2025-09-02', end_reason = 'mismatch' WHERE id = 2")
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT id, status FROM placement_request ORDER BY id")).all()
        offers = conn.execute(
            text("SELECT places_free, places_taken, places_total FROM location_offer ORDER BY id")
        ).all()
        events = conn.execute(
            text("SELECT action FROM audit_event WHERE actor_name LIKE 'RET Desk (bijwerken%' ORDER BY id")
        ).scalars()
        assert [s for _, s in statuses] == ["ingetrokken", "gematcht", "ingetrokken", "open", "ingetrokken"]
        assert [tuple(o) for o in offers] == [(2, 1, 6), (0, 3, 3), (1, 0, 4)]
        assert list(events) == ["request_withdraw"] * 3 + ["capacity_edit"]
    engine.dispose()

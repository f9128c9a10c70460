"""Schema upgrades: fresh stores go to head; an older SQLite store is backed up first.
Every released schema has a small store under tests/db/stores/ (schema_000N.sqlite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from ret_desk.db import migrate
from ret_desk.db.engine import make_engine
from ret_desk.db.store import Store


def test_sqlite_pragmas_are_set(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_upgrading_an_older_store_backs_it_up_first(tmp_path: Path):
    path = tmp_path / "oud.sqlite"
    # Given a store with data but no schema version (older than the first migration)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE legacy (id INTEGER PRIMARY KEY, note TEXT)")
        conn.execute("INSERT INTO legacy (note) VALUES ('van voor de upgrade')")
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    # Then it is at head, and a consistent copy of the old store sits beside it
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.last_backup is not None and store.last_backup.parent == tmp_path
    with sqlite3.connect(store.last_backup) as copy:
        assert copy.execute("SELECT note FROM legacy").fetchone() == ("van voor de upgrade",)
        assert "ret_case" not in {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
    store.close()


def test_a_fresh_store_needs_no_backup(tmp_path: Path):
    store = Store.open(f"sqlite:///{tmp_path / 'nieuw.sqlite'}")
    assert store.last_backup is None
    assert list(tmp_path.iterdir()) == [tmp_path / "nieuw.sqlite"] or all(
        p.name.startswith("nieuw.sqlite") for p in tmp_path.iterdir()
    )
    store.close()


def test_online_backup_while_open(sqlite_store, tmp_path: Path):
    target = migrate.backup_sqlite(sqlite_store.engine, tmp_path / "kopie" / "b.sqlite")
    names = inspect(create_engine(f"sqlite:///{target}")).get_table_names()
    assert "ret_case" in names and "audit_event" in names


def test_models_and_migrations_agree(sqlite_store):
    """Autogenerate finds nothing to do: the migration creates exactly the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ret_desk.db.models import Base

    with make_engine(sqlite_store.url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_schema_0001_store_upgrades_with_its_cases_intact(tmp_path: Path):
    # Given a copy of the store as schema 0001 left it (six fictitious cases)
    shipped = Path(__file__).parent / "stores" / "schema_0001.sqlite"
    path = tmp_path / "schema_0001.sqlite"
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    # Then it is at head, the cases are still there, and the new columns have their defaults
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ret_case").scalar() == 6
        assert conn.exec_driver_sql("SELECT DISTINCT address FROM youth").scalars().all() == [""]
        assert conn.exec_driver_sql("SELECT count(*) FROM table_session").scalar() == 0
    assert store.last_backup is not None
    store.close()


def test_a_schema_0002_store_upgrades_with_sittings_and_gets_placement_types(tmp_path: Path):
    shipped = Path(__file__).parent / "stores" / "schema_0002.sqlite"
    path = tmp_path / "schema_0002.sqlite"
    path.write_bytes(shipped.read_bytes())
    store = Store.open(f"sqlite:///{path}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ret_case").scalar() == 30
        assert conn.exec_driver_sql("SELECT count(*) FROM agenda_item").scalar() == 3
        rungs = dict(conn.exec_driver_sql("SELECT code, rung FROM placement_type").all())
        assert rungs["pleeggezin"] == 3 and rungs["gesloten"] == 7 and rungs["crisis"] is None
        assert (
            conn.exec_driver_sql("SELECT value FROM region_setting WHERE key='distance_limit_km'").scalar()
            == 40
        )
    store.close()


def test_a_schema_0003_store_upgrades_and_its_cases_become_editable(tmp_path: Path):
    # Given a copy of the store as schema 0003 left it (12 fictitious cases, 6 locations)
    shipped = Path(__file__).parent / "stores" / "schema_0003.sqlite"
    path = tmp_path / "schema_0003.sqlite"
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    # Then it is at head, nothing is lost, and the editing columns start empty
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ret_case").scalar() == 12
        assert conn.exec_driver_sql("SELECT count(*) FROM location").scalar() == 6
        assert conn.exec_driver_sql("SELECT count(*) FROM case_change").scalar() == 0
        assert conn.exec_driver_sql(
            "SELECT DISTINCT future_plan_text || gva_override_reason || gva_override_by FROM ret_case"
        ).scalars().all() == [""]
        assert conn.exec_driver_sql("SELECT count(out_of_school_since) FROM youth").scalar() == 0
    assert store.last_backup is not None
    store.close()


def test_an_old_store_gets_its_routes_from_its_own_terms(tmp_path: Path):
    # Given a copy of a schema 0003 store whose administrator had set ROP's term to 50 days
    shipped = Path(__file__).parent / "stores" / "schema_0003.sqlite"
    path = tmp_path / "schema_0003.sqlite"
    path.write_bytes(shipped.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE deadline_setting SET start_days = 50 WHERE route_key = 'rop'")
        routes_before = conn.execute("SELECT number, current_route FROM ret_case ORDER BY number").fetchall()
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    # Then its five routes are route rows with their kind and the store's own terms
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT key, label, kind, start_days, no_progress_months, extra_terms "
            "FROM route ORDER BY position"
        ).all()
        assert [(r[0], r[2]) for r in rows] == [
            ("experttafel", "advice_table"), ("ro3", "casusregie"), ("rop", "placement"),
            ("mda++", "safety"), ("rst", "travelling_team"),
        ]  # fmt: skip
        assert dict((r[0], r[3]) for r in rows)["rop"] == 50
        assert dict((r[0], r[5]) for r in rows)["ro3"] == '{"ro3_review_days": 42}'
        # the unrouted terms stay; the route keys on the cases are untouched
        assert conn.exec_driver_sql("SELECT route_key FROM deadline_setting").scalars().all() == [
            "onverdeeld"
        ]
        assert conn.exec_driver_sql("SELECT number, current_route FROM ret_case ORDER BY number").all() == (
            routes_before
        )
        # closed care counts as scarce for the distance limits, which the store now has
        sql = "SELECT care_form FROM placement_type WHERE code = 'gesloten'"
        assert conn.exec_driver_sql(sql).scalar() == "scarce"
        sql = "SELECT key, value FROM region_setting WHERE key LIKE 'distance_limit_%'"
        limits = dict(conn.exec_driver_sql(sql).all())
        assert limits == {
            "distance_limit_km": 40,
            "distance_limit_verblijf_km": 75,
            "distance_limit_scarce_km": 120,
        }
    store.close()


def test_the_region_part_of_0006_downgrades_back_to_terms(tmp_path: Path):
    from alembic import command

    store = Store.open(f"sqlite:///{tmp_path / 'nieuw.sqlite'}")
    cfg = migrate._config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    with store.engine.connect() as conn:
        keys = set(conn.exec_driver_sql("SELECT route_key FROM deadline_setting").scalars())
        assert keys == {"onverdeeld", "experttafel", "ro3", "rop", "mda++", "rst"}
        assert "route" not in inspect(store.engine).get_table_names()
    store.close()


@pytest.mark.parametrize("name", ["schema_0001", "schema_0002", "schema_0003"])
def test_every_shipped_store_keeps_its_cases_routes_as_route_rows(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.sqlite"
    path.write_bytes((Path(__file__).parent / "stores" / f"{name}.sqlite").read_bytes())
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT number, current_route FROM ret_case ORDER BY number").fetchall()
    store = Store.open(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        keys = set(conn.exec_driver_sql("SELECT key FROM route").scalars())
        after = conn.exec_driver_sql("SELECT number, current_route FROM ret_case ORDER BY number").all()
    assert keys == {"experttafel", "ro3", "rop", "mda++", "rst"}
    assert after == before and {route for _, route in after if route} <= keys
    store.close()


# One store per released schema; stores built to break a rule (schema_0006_placement_conflicts)
# have tests of their own.
SHIPPED = sorted((Path(__file__).parent / "stores").glob("schema_000?.sqlite"))


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_store_upgrades_and_takes_an_mda_record(tmp_path: Path, shipped: Path):
    # Given a copy of a shipped older store
    path = tmp_path / shipped.name
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    # Then it has the MDA++ tables and the assessment term, and a case takes MDA++ rows
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.begin() as conn:
        term = conn.exec_driver_sql(
            "SELECT value FROM region_setting WHERE key='mda_assessment_days'"
        ).scalar()
        assert term == 90
        case_id = conn.exec_driver_sql("SELECT min(id) FROM ret_case").scalar()
        now = "2026-11-23 12:00:00"
        conn.exec_driver_sql(
            "INSERT INTO mda_member (case_id, name, role, victim, perpetrator, created_at) "
            f"VALUES ({case_id}, 'Ilse', 'ouder', 1, 0, '{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO mda_safety_plan (case_id, version, text, written_on, author, created_at) "
            f"VALUES ({case_id}, 1, 'Plan', '2026-11-01', 'anne', '{now}')"
        )
        for table, values in (
            ("mda_phase (case_id, phase, started_on, by_name", "'veiligheid', '2026-11-01', 'anne'"),
            (
                "mda_risk_assessment (case_id, instrument, level, assessed_on, assessor",
                "'LIRIK', 'hoog', '2026-11-01', 'x'",
            ),
            (
                "mda_conference (case_id, held_on, participants, outcome, by_name",
                "'2026-11-02', 'gezin', 'afspraken', 'x'",
            ),
        ):
            conn.exec_driver_sql(f"INSERT INTO {table}, created_at) VALUES ({case_id}, {values}, '{now}')")
        assert conn.exec_driver_sql("SELECT count(*) FROM mda_member").scalar() == 1
    with pytest.raises(Exception, match="(?i)constraint"), store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO mda_member (case_id, name, role, victim, perpetrator, created_at) "
            f"VALUES ({case_id}, 'X', 'ouder', 1, 1, '{now}')"
        )
    store.close()


def test_the_mda_part_downgrades_and_upgrades_again(tmp_path: Path):
    from alembic import command

    store = Store.open(f"sqlite:///{tmp_path / 'heen-en-weer.sqlite'}")
    config = migrate._config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
        assert "mda_member" not in inspect(conn).get_table_names()
        command.upgrade(config, "head")
        assert "mda_member" in inspect(conn).get_table_names()
    store.close()

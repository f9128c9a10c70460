"""The server's own audit of writes (PostgreSQL, migration 0007): a write to a child's data
leaves a row in `audit_write` with the login role, table, row, operation and changed field
names, whether it comes from RET Desk or from a direct connection; the app's writes also
carry its action and workstation; and nobody can change or remove those rows."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from tests.conftest import make_actors
from tests.db.test_ro3 import new_case

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_store(request: pytest.FixtureRequest):
    from tests.conftest import _pg_url

    store = Store.open(_pg_url(request))
    yield store
    store.close()


def _libpq(store: Store, user: str | None = None) -> str:
    url = store.engine.url
    return f"postgresql://{user or url.username}@{url.host}:{url.port}/{url.database}"


def _writes(store: Store, table: str) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_write WHERE table_name = :t ORDER BY id"), {"t": table})
        return [dict(r._mapping) for r in rows]


@pytest.fixture
def outsider(pg_store: Store):
    """A login role of its own that may change cases directly, as psql would."""
    name = f"ret_t_{uuid.uuid4().hex[:10]}"
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {name}")
        conn.exec_driver_sql(f"GRANT SELECT, UPDATE ON ret_case TO {name}")
        # row-level security (issue 12, migration 0010): a login outside the groups reads no row
        conn.exec_driver_sql(f"GRANT ret_coordinator TO {name}")
    yield name
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP OWNED BY {name}")
        conn.exec_driver_sql(f"DROP ROLE {name}")


def test_a_direct_write_without_the_app_is_recorded_with_its_login_role(pg_store, outsider):
    # Given a case registered through the app
    actors = make_actors(pg_store)
    number = new_case(pg_store, actors[Role.COORDINATOR], route=None)
    # When someone changes it straight from psql, under their own login
    with psycopg.connect(_libpq(pg_store, outsider), autocommit=True) as conn:
        case_id = conn.execute(
            "UPDATE ret_case SET referrer_organisation = 'Ergens anders' WHERE number = %s RETURNING id",
            (number,),
        ).fetchone()[0]
    # Then the server recorded who, what and which fields, with no app context and no values
    row = _writes(pg_store, "ret_case")[-1]
    assert row["login_role"] == outsider
    assert (row["operation"], row["row_key"], row["case_id"]) == ("UPDATE", str(case_id), case_id)
    assert row["changed_fields"] == ["referrer_organisation"]
    assert row["app_action"] is None and row["app_workstation"] is None
    assert "Ergens anders" not in str(row)


def test_an_app_write_carries_the_apps_action_and_workstation(pg_store):
    actors = make_actors(pg_store)
    coordinator = actors[Role.COORDINATOR]
    number = new_case(pg_store, coordinator, route="ro3")
    inserted = [r for r in _writes(pg_store, "ret_case") if r["operation"] == "INSERT"]
    assert len(inserted) == 1
    case_row = inserted[0]
    assert case_row["app_action"] == "case_create"
    assert case_row["app_workstation"] == coordinator.workstation
    assert case_row["app_account"] == coordinator.username
    assert case_row["login_role"] == pg_store.engine.url.username
    assert "number" in case_row["changed_fields"] and number not in str(case_row)
    youth_row = _writes(pg_store, "youth")[0]
    assert (youth_row["operation"], youth_row["app_action"]) == ("INSERT", "case_create")
    assert youth_row["youth_id"] == case_row["youth_id"] is not None
    routed = _writes(pg_store, "route_assignment")
    assert routed and routed[-1]["app_action"] == "case_route"


def test_a_delete_and_a_truncate_are_recorded_too(pg_store):
    actors = make_actors(pg_store)
    new_case(pg_store, actors[Role.COORDINATOR], route=None)
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM status_change")
        conn.exec_driver_sql("TRUNCATE note")
    deleted = _writes(pg_store, "status_change")
    assert deleted[-1]["operation"] == "DELETE" and deleted[-1]["changed_fields"] == []
    assert _writes(pg_store, "note")[-1]["operation"] == "TRUNCATE"


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_write SET login_role = 'niemand'", "DELETE FROM audit_write", "TRUNCATE audit_write"],
)
def test_no_one_changes_or_removes_the_servers_audit_rows_not_even_the_owner(pg_store, statement):
    actors = make_actors(pg_store)
    new_case(pg_store, actors[Role.COORDINATOR], route=None)
    before = _writes(pg_store, "ret_case")
    with pytest.raises(Exception, match="append-only"), pg_store.engine.begin() as conn:
        conn.exec_driver_sql(statement)
    assert _writes(pg_store, "ret_case") == before


def test_a_login_role_without_rights_cannot_read_the_servers_audit(pg_store, outsider):
    with (
        psycopg.connect(_libpq(pg_store, outsider)) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("SELECT count(*) FROM audit_write")


def test_a_downgrade_stops_the_triggers_but_keeps_the_trail_and_an_upgrade_resumes(pg_store):
    from alembic import command

    from ret_desk.db import migrate

    actors = make_actors(pg_store)
    new_case(pg_store, actors[Role.COORDINATOR], route=None)
    before = _writes(pg_store, "ret_case")
    cfg = migrate._config()
    with pg_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE ret_case SET referrer_organisation = 'x'")
        functions = {
            r[0] for r in conn.exec_driver_sql("SELECT proname FROM pg_proc WHERE proname LIKE 'ret_%%'")
        }
    assert _writes(pg_store, "ret_case") == before  # kept, and no longer growing
    assert "ret_audit_row" not in functions and "ret_record_failed_login" not in functions
    with pg_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE ret_case SET referrer_organisation = 'y'")
    assert len(_writes(pg_store, "ret_case")) == len(before) + 1


def test_a_transaction_with_several_app_events_names_each_action_once(pg_store):
    from ret_desk.db.audit import record
    from ret_desk.db.models import Note

    actors = make_actors(pg_store)
    coordinator = actors[Role.COORDINATOR]
    new_case(pg_store, coordinator, route=None)
    with pg_store.uow() as uow:
        case_id = uow.session.execute(text("SELECT id FROM ret_case")).scalar_one()
        uow.session.add(
            Note(case_id=case_id, noted_on=date.today(), author_name="C", text="Gebeld met school")
        )
        record(uow.session, coordinator, "case_view", case_id=case_id)
        record(uow.session, coordinator, "note_add", case_id=case_id)
        record(uow.session, coordinator, "case_view", case_id=case_id)
        uow.commit()
    with pg_store.uow() as uow:  # the next transaction starts without context
        uow.session.execute(text("UPDATE note SET text = 'x'"))
        uow.commit()
    first, second = _writes(pg_store, "note")[-2:]
    assert (first["operation"], first["app_action"]) == ("INSERT", "case_view,note_add")
    assert (second["operation"], second["app_action"], second["app_workstation"]) == ("UPDATE", None, None)

"""The failed-login gate on a real PostgreSQL (db/gate.py, migration 0007): a refused login
becomes a `login_failed` audit event written through the `ret_gate` role, which can do
nothing else."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import select

from ret_desk.db.gate import gate_connection_args, record_failed_login
from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_store(request: pytest.FixtureRequest):
    from tests.conftest import _pg_url

    store = Store.open(_pg_url(request))
    yield store
    store.close()


def _events(store: Store) -> list[tuple[str, str, int | None, str]]:
    query = select(AuditEvent).where(AuditEvent.action == "login_failed")
    with store.uow() as uow:
        return [
            (e.actor_name, e.workstation, e.actor_account_id, e.detail) for e in uow.session.scalars(query)
        ]


def test_a_failed_login_is_recorded_through_the_gate_with_name_and_workstation(pg_store):
    url = pg_store.engine.url.set(password="wat-de-gebruiker-typte").render_as_string(hide_password=False)
    record_failed_login(url, "jdevries", "WERKPLEK-07")
    [(name, workstation, account_id, detail)] = _events(pg_store)
    assert (name, workstation, account_id) == ("jdevries", "WERKPLEK-07", None)
    assert "wat-de-gebruiker-typte" not in detail


def test_the_gate_never_carries_the_users_name_or_password():
    args = gate_connection_args(
        "postgresql+psycopg://jdevries:geheim@db.example:5433/ret?sslmode=verify-full"
    )
    assert args is not None
    assert (args["user"], args["host"], args["port"], args["dbname"]) == (
        "ret_gate",
        "db.example",
        5433,
        "ret",
    )
    assert args["sslmode"] == "verify-full" and args["password"] != "geheim"
    assert gate_connection_args("sqlite:///x.sqlite") is None


def test_an_unreachable_gate_does_not_hide_the_login_failure():
    record_failed_login("postgresql+psycopg://x@127.0.0.1:1/ret", "jdevries", "WERKPLEK-07")  # no raise


def test_a_very_long_name_is_cut_to_the_columns_size(pg_store):
    record_failed_login(pg_store.url, "x" * 500, "w" * 500)
    [(name, workstation, _, _)] = _events(pg_store)
    assert (len(name), len(workstation)) == (64, 255)


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT count(*) FROM youth",
        "SELECT count(*) FROM audit_event",
        "INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, action, detail)"
        " VALUES (now(), 'x', '', 'x', 'login', '')",
        "SELECT count(*) FROM account",
        "SELECT count(*) FROM audit_write",
        "CREATE TABLE gate_was_here (id int)",
    ],
)
def test_the_gate_can_do_nothing_else(pg_store, statement):
    args = gate_connection_args(pg_store.url)
    assert args is not None
    with psycopg.connect(**args) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_a_second_store_on_the_same_server_gets_its_own_gate(pg_store):
    """Roles belong to the whole server: a second database's migration finds `ret_gate`
    there already, and each store records only its own failed logins."""
    second_url = pg_store.engine.url.set(database=pg_store.engine.url.database + "_tweede")
    with pg_store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{second_url.database}"')
    try:
        second = Store.open(second_url.render_as_string(hide_password=False))
        record_failed_login(pg_store.url, "eerste", "W1")
        record_failed_login(second.url, "tweede", "W2")
        assert [e[0] for e in _events(pg_store)] == ["eerste"]
        assert [e[0] for e in _events(second)] == ["tweede"]
        second.close()
    finally:
        with pg_store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{second_url.database}" WITH (FORCE)')

"""Who upgrades the schema (issue 10 §4). On PostgreSQL only `ret-desk db upgrade`, after a
pg_dump backup; the app and every other command refuse an older or a newer schema in Dutch,
and `db current` says which it is. On SQLite the app upgrades at start, after a backup, and
that upgrade is in the audit log."""

from __future__ import annotations

import io
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from ret_desk import cli
from ret_desk.db import migrate
from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store
from ret_desk.domain.errors import StoreError
from ret_desk.services.context import open_store
from tests.support.schema import PREVIOUS, make_store_at, pretend_newer

OLDER = "De opslag moet eerst worden bijgewerkt door een beheerder"
NEWER = "Deze versie van RET Desk is ouder dan de opslag"
SHIPPED_0005 = Path(__file__).parent / "stores" / "schema_0005.sqlite"


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    from tests.conftest import _pg_url

    return _pg_url(request)


@pytest.fixture
def run(monkeypatch, capsys, tmp_path):  # noqa: ANN001, ANN201
    monkeypatch.setenv("RET_DESK_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.delenv("RET_DESK_PASSWORD", raising=False)

    def _run(url: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        capsys.readouterr()
        code = cli.main(["--db", url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def _upgrade_events(url: str) -> list[tuple[str, str]]:
    store = Store.open(url, upgrade=False)
    with store.uow() as uow:
        query = select(AuditEvent).where(AuditEvent.action == "store_upgrade").order_by(AuditEvent.id)
        events = [(e.actor_name, e.detail) for e in uow.session.scalars(query)]
    store.close()
    return events


@pytest.mark.pg
def test_a_client_refuses_an_older_postgresql_store_and_leaves_it_alone(pg_url, run):
    make_store_at(pg_url)
    with pytest.raises(StoreError, match=OLDER):
        open_store(pg_url)
    code, out, err = run(pg_url, "region", "show")
    assert code == 1 and err.startswith(f"Fout: {OLDER}") and "Traceback" not in err
    assert "de eigenaar van de opslag (de database-beheerder)" in err
    code, out, _ = run(pg_url, "db", "current")
    assert code == 0
    assert (
        f"Schemaversie: {PREVIOUS} (moet worden bijgewerkt door de eigenaar: ret-desk --db <eigenaar-URL>"
        in out
    )
    store = Store.open(pg_url, upgrade=False)
    assert migrate.current_revision(store.engine) == PREVIOUS
    store.close()


@pytest.mark.pg
def test_a_brand_new_postgresql_database_also_needs_db_upgrade(pg_url, run):
    code, _, err = run(pg_url, "region", "show")
    assert code == 1 and OLDER in err
    code, out, _ = run(pg_url, "db", "current")
    assert code == 0 and "Schemaversie: geen (nieuwe, lege opslag" in out
    code, out, _ = run(pg_url, "db", "upgrade")
    assert (code, out) == (0, "Nieuwe opslag aangemaakt op het nieuwste schema.\n")
    code, out, _ = run(pg_url, "db", "current")
    assert f"Schemaversie: {migrate.head_revision()} (actueel)" in out
    assert run(pg_url, "region", "show")[0] == 0
    owner = make_url(pg_url).username  # the store was made, and that is in the log too
    assert _upgrade_events(pg_url) == [(owner, f"nieuwe opslag op {migrate.head_revision()}")]


@pytest.mark.pg
def test_a_client_refuses_a_newer_postgresql_store(pg_url, run):
    Store.open(pg_url).close()
    pretend_newer(pg_url)
    with pytest.raises(StoreError, match=NEWER):
        open_store(pg_url)
    code, _, err = run(pg_url, "region", "show")
    assert code == 1 and NEWER in err
    code, out, _ = run(pg_url, "db", "current")
    assert "Schemaversie: 9999 (nieuwer dan deze versie van RET Desk" in out
    code, _, err = run(pg_url, "db", "upgrade")
    assert code == 1 and NEWER in err and "Traceback" not in err


@pytest.mark.pg
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump staat niet op het PATH")
def test_db_upgrade_backs_up_with_pg_dump_and_then_upgrades_audited(pg_url, run, tmp_path):
    # Given a store made by the previous version
    make_store_at(pg_url)
    # When the owner upgrades it
    code, out, err = run(pg_url, "db", "upgrade")
    # Then there is a pg_dump backup, named in the output, that holds the old schema
    assert code == 0, err
    head = migrate.head_revision()
    assert out.startswith(f"Opslag bijgewerkt van {PREVIOUS} naar {head}. Back-up: ")
    backup = Path(out.split("Back-up: ", 1)[1].strip())
    assert backup.parent == tmp_path / "backups" and backup.name.endswith(".dump") and backup.exists()
    # readable by the owner only: it holds every child's data
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    listing = subprocess.run(
        ["pg_restore", "--list", str(backup)], capture_output=True, text=True, check=True
    )
    assert "TABLE public ret_case" in listing.stdout and "audit_write" not in listing.stdout
    # And the store is at head, the upgrade is in the audit log, and clients open it again
    assert "(actueel)" in run(pg_url, "db", "current")[1]
    owner = Store.open(pg_url, upgrade=False)  # the event names the login that upgraded
    assert _upgrade_events(pg_url) == [(owner.engine.url.username, f"van {PREVIOUS} naar {head}")]
    owner.close()
    open_store(pg_url).close()
    # A second run finds nothing to do
    assert run(pg_url, "db", "upgrade")[1] == "De opslag was al bijgewerkt; er was niets te doen.\n"


@pytest.mark.pg
def test_without_pg_dump_the_upgrade_says_there_is_no_backup(pg_url, run, monkeypatch):
    make_store_at(pg_url)
    monkeypatch.setenv("PATH", "/nonexistent")
    code, out, _ = run(pg_url, "db", "upgrade")
    assert code == 0
    assert out.strip().endswith("Geen back-up gemaakt: pg_dump staat niet op het PATH.")


def test_sqlite_upgrades_itself_at_start_after_a_backup_and_audits_it(tmp_path):
    path = tmp_path / "ret.sqlite"
    path.write_bytes(SHIPPED_0005.read_bytes())
    url = f"sqlite:///{path}"
    store = open_store(url)  # what the app does at start
    assert store.last_backup is not None and store.last_backup.exists()
    assert stat.S_IMODE(store.last_backup.stat().st_mode) == 0o600
    store.close()
    [(who, detail)] = _upgrade_events(url)
    assert detail == f"van 0005 naar {migrate.head_revision()}" and who
    open_store(url).close()  # at head: no second event
    assert len(_upgrade_events(url)) == 1


def test_a_new_sqlite_store_has_its_making_in_the_log(tmp_path):
    url = f"sqlite:///{tmp_path / 'ret.sqlite'}"
    open_store(url).close()
    [(who, detail)] = _upgrade_events(url)
    assert detail == f"nieuwe opslag op {migrate.head_revision()}" and who


def test_sqlite_refuses_a_newer_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'ret.sqlite'}"
    Store.open(url).close()
    pretend_newer(url)
    with pytest.raises(StoreError, match=NEWER):
        open_store(url)
    with sqlite3.connect(tmp_path / "ret.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


@pytest.mark.pg
def test_only_the_owner_upgrades_a_postgresql_store(pg_url, run):
    import uuid

    make_store_at(pg_url)
    name = f"ret_t_{uuid.uuid4().hex[:10]}"
    owner = Store.open(pg_url, upgrade=False)
    with owner.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
    try:
        other = make_url(pg_url).set(username=name).render_as_string(hide_password=False)
        code, _, err = run(other, "db", "upgrade")
        assert (
            code == 1
            and f"Alleen de eigenaar van de opslag kan het schema bijwerken; u bent verbonden als {name}"
            in err
        )
        assert migrate.current_revision(owner.engine) == PREVIOUS
    finally:
        with owner.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {name}")
            conn.exec_driver_sql(f"DROP ROLE {name}")
        owner.close()

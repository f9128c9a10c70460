"""Three owners start `ret-desk db upgrade` on one PostgreSQL store at the same instant
(issue 10 §4): exactly one upgrades, the others wait for the advisory lock and find it
done; no one sees a raw UniqueViolation or any other error."""

from __future__ import annotations

import contextlib
import io
import os

import pytest
from sqlalchemy import create_engine

from ret_desk.db import migrate
from tests.reliability.harness import run_at_once
from tests.support.schema import PREVIOUS, make_store_at

pytestmark = pytest.mark.pg

CLIENTS = 3
UPGRADE_EVENTS = "SELECT count(*) FROM audit_event WHERE action = 'store_upgrade'"


def upgrade_in_a_process(url: str, backup_dir: str) -> tuple[int, str, str]:
    """One client's `ret-desk --db URL db upgrade`, run in its own spawned process."""
    from ret_desk import cli

    os.environ["RET_DESK_BACKUP_DIR"] = backup_dir
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--db", url, "db", "upgrade"])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    from tests.conftest import _pg_url

    return _pg_url(request)


def _state(url: str) -> tuple[str | None, int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        counts = (
            conn.exec_driver_sql("SELECT count(*) FROM region").scalar_one(),
            conn.exec_driver_sql(
                "SELECT count(*) FROM audit_event WHERE action = 'store_upgrade'"
            ).scalar_one(),
        )
    revision = migrate.current_revision(engine)
    engine.dispose()
    return (revision, *counts)


def _run(url: str, tmp_path) -> list[tuple[int, str, str]]:  # noqa: ANN001
    results = run_at_once(upgrade_in_a_process, [(url, str(tmp_path / "backups"))] * CLIENTS)
    assert [status for status, _ in results] == ["ok"] * CLIENTS, results
    outcomes = [value for _, value in results]
    for code, _, err in outcomes:
        assert code == 0 and err == "" and "UniqueViolation" not in err, outcomes
    return outcomes


def test_three_upgrades_of_an_older_store_at_once_upgrade_it_once(pg_url, tmp_path):
    # Given a store made by the previous version
    make_store_at(pg_url)
    # When three owners upgrade it at the same instant
    outcomes = _run(pg_url, tmp_path)
    # Then one upgraded it (with one backup), and two found it done
    upgraded = [out for _, out, _ in outcomes if out.startswith(f"Opslag bijgewerkt van {PREVIOUS}")]
    done = [out for _, out, _ in outcomes if out.startswith("De opslag was al bijgewerkt")]
    assert (len(upgraded), len(done)) == (1, CLIENTS - 1), outcomes
    assert _state(pg_url) == (migrate.head_revision(), 1, 1)
    backups = list((tmp_path / "backups").glob("*.dump")) if (tmp_path / "backups").exists() else []
    assert len(backups) == (1 if "Back-up:" in upgraded[0] else 0)


def test_three_upgrades_of_a_new_database_at_once_make_it_once(pg_url, tmp_path):
    outcomes = _run(pg_url, tmp_path)
    made = [out for _, out, _ in outcomes if out.startswith("Nieuwe opslag aangemaakt")]
    done = [out for _, out, _ in outcomes if out.startswith("De opslag was al bijgewerkt")]
    assert (len(made), len(done)) == (1, CLIENTS - 1), outcomes
    assert _state(pg_url) == (migrate.head_revision(), 1, 1)  # one "nieuwe opslag op <head>" event

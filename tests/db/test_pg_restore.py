"""A team store's backup restores with its rights (docs/postgresql.md, "a restore you have
tried"): pg_dump of the store, pg_restore into a new database on the same server (the
roles are the server's, so they are there already), and the logins work as before."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from psycopg import errors as pgerrors
from sqlalchemy.engine import make_url

from ret_desk.db.login_roles import role_name
from ret_desk.domain.enums import Role
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg


def _tool(name: str) -> str:
    from tests.conftest import PG_CTL

    found = Path(PG_CTL).with_name(name) if PG_CTL else None
    if found is None or not found.exists():
        found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} niet gevonden")
    return str(found)


def test_a_dump_restores_with_its_grants_and_functions(team: Team, tmp_path: Path) -> None:
    superuser = dict(host=team.host, port=team.port, user=make_url(team.owner_url).username)
    dump = tmp_path / "retdesk.dump"
    common = ["-h", team.host, "-p", str(team.port), "-U", superuser["user"]]
    # Given a custom-format dump of the team's store
    subprocess.run([_tool("pg_dump"), *common, "--format=custom", f"--file={dump}", team.dbname], check=True)
    restored = f"{team.dbname}_hersteld"
    with psycopg.connect(dbname=team.dbname, autocommit=True, **superuser) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        c.execute(f'CREATE DATABASE "{restored}"')
    try:
        # When it is restored into a new database
        subprocess.run(
            [_tool("pg_restore"), *common, "--exit-on-error", f"--dbname={restored}", str(dump)], check=True
        )
        login = dict(host=team.host, port=team.port, dbname=restored, password=PW)
        # Then the coordinator reads the case there, through the restored grants
        with psycopg.connect(user=role_name(team.names[Role.COORDINATOR]), **login) as conn:
            assert conn.execute("SELECT number FROM ret_case").fetchall() == [(team.case_number,)]
            assert conn.execute("SELECT role FROM ret_whoami()").fetchone() == ("coordinator",)
        # And the auditor still reads no child
        with psycopg.connect(user=role_name(team.names[Role.AUDITOR]), **login) as conn:
            assert conn.execute("SELECT count(*) FROM audit_event").fetchone()[0] > 0
            with pytest.raises(pgerrors.InsufficientPrivilege):
                conn.execute("SELECT * FROM youth")
    finally:
        with psycopg.connect(dbname=team.dbname, autocommit=True, **superuser) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

"""The server enforces the roles (issue 10 §2): on a real PostgreSQL that checks passwords
(SCRAM), each account is its own login role in its group, and a direct connection with
that login can do what the role may in the app and is refused the rest."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors as pgerrors

from ret_desk.db.login_roles import role_name
from ret_desk.domain.enums import Role
from tests.support.pg_auth import Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg


def _refused(conn: psycopg.Connection, sql: str, params: tuple = ()) -> None:
    """`sql` is refused for lack of privilege; the connection stays usable."""
    with pytest.raises(pgerrors.InsufficientPrivilege):
        conn.execute(sql, params)
    conn.rollback()


def _allowed(conn: psycopg.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    cur = conn.execute(sql, params)
    rows = cur.fetchall() if cur.description else []
    conn.rollback()
    return rows


def test_the_server_checks_the_password_of_each_login(team: Team) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        team.connect(Role.COORDINATOR, password="niet-het-wachtwoord").close()
    with team.connect(Role.COORDINATOR) as conn:
        assert _allowed(conn, "SELECT username, role FROM ret_whoami()") == [
            (team.names[Role.COORDINATOR], "coordinator")
        ]
        # the login is a member of its one group and nothing more
        assert _allowed(
            conn, "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ) == [(False, False)]


def test_the_auditor_reads_the_log_and_no_child(team: Team) -> None:
    with team.connect(Role.AUDITOR) as conn:
        assert _allowed(conn, "SELECT count(*) FROM audit_event")[0][0] > 0
        for table in ("youth", "ret_case", "note", "family_member", "placement", "agenda_item"):
            _refused(conn, f"SELECT * FROM {table}")
        # events by BSN through a function that returns ids, never the record
        assert _allowed(conn, "SELECT * FROM ret_audit_youth_ids('999990019', NULL, NULL)") == [
            (team.youth_id,)
        ]
        _refused(conn, "UPDATE audit_event SET detail = 'weg'")
        _refused(conn, "DELETE FROM audit_event")


def test_a_coordinator_reads_children_but_cannot_rewrite_the_log(team: Team) -> None:
    with team.connect(Role.COORDINATOR) as conn:
        assert _allowed(conn, "SELECT number FROM ret_case") == [(team.case_number,)]
        _refused(conn, "UPDATE audit_event SET detail = 'weg'")
        _refused(conn, "DELETE FROM audit_event")
        _refused(conn, "SELECT * FROM audit_event")
        _refused(conn, "TRUNCATE audit_event")
        _refused(conn, "SELECT * FROM ret_audit_youth_ids('999990019', NULL, NULL)")


@pytest.mark.parametrize("role", list(Role))
def test_no_one_edits_account_or_makes_themselves_admin(team: Team, role: Role) -> None:
    me = team.names[role]
    with team.connect(role) as conn:
        _refused(conn, "UPDATE account SET role = 'admin' WHERE username = %s", (me,))
        _refused(conn, "INSERT INTO account (username, display_name, role, password_hash, active) "
                       "VALUES ('x', 'x', 'admin', 'x', true)")  # fmt: skip
        _refused(conn, "DELETE FROM account")
        _refused(conn, "SELECT password_hash FROM account")
        _refused(conn, "GRANT ret_admin TO " + role_name(me).join('""'))
        with pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("SET ROLE ret_admin" if role is not Role.ADMIN else "SET ROLE ret_coordinator")
        conn.rollback()
        if role is Role.ADMIN:
            # the admin's own role cannot be changed through the function either
            with pytest.raises(psycopg.Error, match="eigen rol"):
                conn.execute("SELECT ret_account_set_role(%s, 'coordinator', NULL)", (me,))
        else:
            _refused(conn, "SELECT ret_account_set_role(%s, 'admin', NULL)", (me,))
            _refused(conn, "SELECT ret_account_create('x', 'x', 'admin', 'SCRAM-SHA-256$x', 'x')")
        conn.rollback()
        _refused(conn, "SELECT * FROM ret_account_row(%s, NULL)", (me,))


def test_the_admin_keeps_accounts_and_reads_no_child(team: Team) -> None:
    with team.connect(Role.ADMIN) as conn:
        for table in ("youth", "ret_case", "note", "placement", "mda_member", "ro3_party"):
            _refused(conn, f"SELECT * FROM {table}")
        names = [r[0] for r in _allowed(conn, "SELECT username FROM account ORDER BY username")]
        assert team.names[Role.CHAIR] in names
        assert _allowed(conn, "SELECT count(*) FROM audit_event")[0][0] > 0
        # the admin's powers are the functions, which touch only RET Desk logins
        with pytest.raises(psycopg.Error, match="SCRAM-verifier"):
            conn.execute("SELECT ret_account_set_password(%s, 'platte-tekst', 'x', false, NULL)",
                         (team.names[Role.CHAIR],))  # fmt: skip
        conn.rollback()
        _refused(conn, "CREATE ROLE inbreker LOGIN")
        shadow = "CREATE FUNCTION ret_login_role(varchar) RETURNS text LANGUAGE sql AS 'SELECT 1::text'"
        _refused(conn, shadow)
        _refused(conn, "ALTER ROLE postgres PASSWORD 'x'")


def test_chair_and_placement_read_cases_and_write_only_their_part(team: Team) -> None:
    with team.connect(Role.CHAIR) as conn:
        assert _allowed(conn, "SELECT number FROM ret_case") == [(team.case_number,)]
        _refused(conn, "UPDATE youth SET family_name = 'x'")
        _refused(conn, "UPDATE ret_case SET number = 'x'")
        _refused(conn, "INSERT INTO placement_request (case_id) VALUES (1)")
    # need-to-know (issue 12): placement staff read the cases on a placement route
    with psycopg.connect(
        team.owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True
    ) as owner:
        owner.execute(
            "UPDATE ret_case SET current_route = (SELECT key FROM route WHERE kind = 'placement' LIMIT 1)"
        )
    with team.connect(Role.PLACEMENT_OFFICER) as conn:
        assert _allowed(conn, "SELECT count(*) FROM youth") == [(1,)]
        _refused(conn, "UPDATE youth SET family_name = 'x'")
        _refused(conn, "DELETE FROM ret_case")
        _refused(conn, "INSERT INTO table_session (held_on) VALUES (now())")


def test_the_roles_part_downgrades_and_upgrades_again(team: Team) -> None:
    from alembic import command

    from ret_desk.db import migrate
    from ret_desk.db.store import Store

    store = Store.open(team.owner_url)
    cfg = migrate._config()

    def state() -> tuple:
        with store.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT to_regprocedure('ret_whoami()') IS NOT NULL, "
                "has_table_privilege('ret_coordinator', 'youth', 'SELECT'), "
                "has_table_privilege('ret_auditor', 'audit_event', 'SELECT')"
            ).one()

    try:
        assert tuple(state()) == (True, True, True)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        assert tuple(state()) == (False, False, False)
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert tuple(state()) == (True, True, True)
    finally:
        store.close()

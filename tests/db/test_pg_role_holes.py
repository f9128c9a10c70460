"""What a person's own login can do from psql beyond the app, closed (issue 10 §2, §3): a
forged audit event becomes the forger's own at the server's clock; the account functions
check the name and leave their own event; a reset password gives no one the person's
rights until the person chose a new one. On a real PostgreSQL that checks SCRAM passwords."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg import errors as pgerrors

from ret_desk.cli.entry import main
from ret_desk.db.login_roles import role_name
from ret_desk.domain.enums import Role
from ret_desk.services.admin import account_admin
from ret_desk.services.context import open_workspace
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg


def _owner(team: Team) -> psycopg.Connection:
    user = team.owner_url.split("//", 1)[1].split("@", 1)[0]
    return psycopg.connect(host=team.host, port=team.port, dbname=team.dbname, user=user, autocommit=True)


def _events(team: Team, action: str, detail: str) -> list[tuple]:
    with _owner(team) as c:
        return c.execute(
            "SELECT actor_name, actor_account_id FROM audit_event "
            "WHERE action = %s AND detail = %s ORDER BY id",
            (action, detail),
        ).fetchall()


def _account_id(team: Team, role: Role) -> int:
    with _owner(team) as c:
        return c.execute("SELECT id FROM account WHERE username = %s", (team.names[role],)).fetchone()[0]


def _verify(team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple:
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["--db", team.team_url, "--user", team.names[Role.AUDITOR], "audit", "verify"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _verifier(conn: psycopg.Connection, username: str, password: str) -> str:
    return conn.pgconn.encrypt_password(
        password.encode(), role_name(username).encode(), b"scram-sha-256"
    ).decode()


def test_a_forged_event_becomes_the_forgers_own_at_the_servers_clock(team: Team, monkeypatch, capsys) -> None:
    # Given the coordinator's own login in psql, and the administrator's account id and name
    admin_id, admin_name = _account_id(team, Role.ADMIN), team.names[Role.ADMIN]
    with team.connect(Role.COORDINATOR) as conn:
        # When it inserts an export "by the administrator", two hours ago
        event_id = conn.execute(
            "INSERT INTO audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation, "
            "action, detail) VALUES ((now() AT TIME ZONE 'UTC') - interval '2 hours', %s, %s, '', "
            "'pc-x', 'case_export', 'x') "
            "RETURNING id",
            (admin_id, admin_name),
        ).fetchone()[0]
        conn.commit()
    # Then the log holds it as the coordinator's own event, at the server's time
    with _owner(team) as c:
        actor_id, actor, at = c.execute(
            "SELECT actor_account_id, actor_name, at FROM audit_event WHERE id = %s", (event_id,)
        ).fetchone()
    assert (actor_id, actor) == (_account_id(team, Role.COORDINATOR), team.names[Role.COORDINATOR])
    assert abs(at - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=1)
    # And the chain over it verifies
    code, out, err = _verify(team, monkeypatch, capsys)
    assert (code, err) == (0, "") and out.startswith("logboek intact:")


def test_the_account_functions_check_the_name_and_leave_their_own_event(team: Team) -> None:
    suffix = team.names[Role.ADMIN].rsplit("-", 1)[1]
    chair = team.names[Role.CHAIR]
    with team.connect(Role.ADMIN) as conn:
        # names the app refuses are refused from psql too
        for bad in (f"met spatie-{suffix}", f'aan"hal-{suffix}', f"aan'hal-{suffix}", ""):
            with pytest.raises(psycopg.Error, match="gebruikersnaam"):
                conn.execute(
                    "SELECT ret_account_create(%s, 'x', 'coordinator', %s, 'x')",
                    (bad, _verifier(conn, "x", PW)),
                )
            conn.rollback()
        # an administrator cannot give someone a final password of their choosing
        with pytest.raises(psycopg.Error, match="gewijzigd worden"):
            conn.execute(
                "SELECT ret_account_set_password(%s, %s, 'x', false, NULL)",
                (chair, _verifier(conn, chair, PW)),
            )
        conn.rollback()
        # what the functions do from psql is logged, as the administrator's
        new = f"psql-{suffix}"
        conn.execute(
            "SELECT ret_account_create(%s, 'Nieuw', 'coordinator', %s, 'x')", (new, _verifier(conn, new, PW))
        )
        conn.execute(
            "SELECT ret_account_set_password(%s, %s, 'x', true, NULL)", (chair, _verifier(conn, chair, PW))
        )
        conn.execute("SELECT ret_account_set_active(%s, false, NULL)", (new,))
        conn.execute("SELECT ret_account_set_role(%s, 'auditor', NULL)", (chair,))
        conn.commit()
    me = (team.names[Role.ADMIN], _account_id(team, Role.ADMIN))
    assert _events(team, "account_create", f"account {new} (coordinator)") == [me]
    assert _events(team, "account_password_reset", f"account {chair}") == [me]
    assert _events(team, "account_disable", f"account {new}") == [me]
    assert _events(team, "account_role", f"account {chair}: chair -> auditor") == [me]


def test_a_reset_password_gives_no_rights_until_the_person_chose_a_new_one(team: Team) -> None:
    name, temporary, new = team.names[Role.COORDINATOR], "tijdelijk-wachtwoord-1", "mijn-nieuwe-wachtwoord"
    with _owner(team) as owner:  # as docs/postgresql.md advises: only the groups may connect
        owner.execute(f'REVOKE CONNECT ON DATABASE "{team.dbname}" FROM PUBLIC')
    door = open_workspace(team.team_url)
    try:
        # Given the administrator reset the coordinator's password in the app
        admin = door.logged_in(door.authenticate(team.names[Role.ADMIN], PW))
        admin.call(account_admin.reset_password, username=name, temporary=temporary)
        # When someone uses the temporary password in psql, no youth can be read
        with team.connect(Role.COORDINATOR, password=temporary) as conn:
            assert conn.execute("SELECT username, must_change_password FROM ret_whoami()").fetchall() == [
                (name, True)
            ]
            with pytest.raises(pgerrors.InsufficientPrivilege):
                conn.execute("SELECT * FROM youth")
            conn.rollback()
            with pytest.raises(pgerrors.InsufficientPrivilege):
                conn.execute("SELECT * FROM ret_case")
            conn.rollback()
            # a new role meanwhile does not give the rights back either
            admin.call(account_admin.set_role, username=name, role=Role.CHAIR)
            with pytest.raises(pgerrors.InsufficientPrivilege):
                conn.execute("SELECT * FROM youth")
        # Then, once the person chose their own password, the login reads cases again
        door.change_own_password(username=name, current=temporary, new=new)
        with team.connect(Role.COORDINATOR, password=new) as conn:
            # now a chair: the team's case is a candidate for its agenda (issue 12 row security)
            assert conn.execute("SELECT count(*) FROM ret_case").fetchone()[0] == 1
            assert conn.execute("SELECT pg_has_role('ret_chair', 'MEMBER')").fetchone() == (True,)
    finally:
        door.close()
    # And each step is one event, not two (the function records it, the app does not)
    assert _events(team, "account_password_reset", f"account {name}") == [
        (team.names[Role.ADMIN], _account_id(team, Role.ADMIN))
    ]
    assert _events(team, "password_change", f"account {name}") == [
        (name, _account_id(team, Role.COORDINATOR))
    ]


def test_the_auditors_lookups_of_youths_are_in_the_log(team: Team) -> None:
    auditor = (team.names[Role.AUDITOR], _account_id(team, Role.AUDITOR))
    with team.connect(Role.AUDITOR) as conn:
        # a bare wildcard (every youth at once) is refused
        for pattern in ("%", "", "%_%"):
            with pytest.raises(psycopg.Error, match="twee tekens"):
                conn.execute("SELECT * FROM ret_audit_youth_ids(NULL, NULL, %s)", (pattern,))
            conn.rollback()
        # a search by BSN and a name by id, as psql would walk through them
        assert conn.execute("SELECT * FROM ret_audit_youth_ids('999990019', NULL, NULL)").fetchall() == [
            (team.youth_id,)
        ]
        assert conn.execute("SELECT ret_audit_youth_name(%s)", (team.youth_id,)).fetchone() == (
            "Sanne Veenstra",
        )
        conn.commit()
    with _owner(team) as c:
        rows = c.execute(
            "SELECT actor_name, actor_account_id, youth_id, detail FROM audit_event "
            "WHERE action = 'audit_lookup' ORDER BY id"
        ).fetchall()
    # each is an event of the auditor naming the filter and the youth's id, never the value
    # searched for or the name (and not on the youth's own trail: youth_id stays empty)
    assert rows == [
        (*auditor, None, f"auditlogboek doorzocht op BSN: jeugdige {team.youth_id}"),
        (*auditor, None, f"naam getoond in het auditlogboek: jeugdige {team.youth_id}"),
    ]


def test_deactivating_an_account_ends_its_open_session_at_once(team: Team) -> None:
    # Given the coordinator has a session open (as an open window or psql would)
    session = team.connect(Role.COORDINATOR)
    assert session.execute("SELECT count(*) FROM youth").fetchone()[0] >= 1
    session.commit()
    door = open_workspace(team.team_url)
    try:
        # When the administrator deactivates the account in the app
        admin = door.logged_in(door.authenticate(team.names[Role.ADMIN], PW))
        admin.call(account_admin.set_active, username=team.names[Role.COORDINATOR], active=False)
    finally:
        door.close()
    # Then that session can read nothing more, and a new one is refused
    with pytest.raises(psycopg.OperationalError):
        session.execute("SELECT count(*) FROM youth")
    session.close()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        team.connect(Role.COORDINATOR)

"""The lock after 5 wrong passwords on a team's PostgreSQL store (issue 11 §3), where each
person logs in with their own login role and PostgreSQL checks the password (SCRAM): the
gate counts the refusals (migration 0008), the lock holds against a direct psql login
with the right password too, it ends after 15 minutes or at once by the administrator."""

from __future__ import annotations

import psycopg
import pytest

from ret_desk.domain import lockout
from ret_desk.domain.enums import Role
from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import account_admin
from ret_desk.services.context import open_workspace
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg
WRONG = "fout-wachtwoord-123"


def _superuser(team: Team) -> psycopg.Connection:
    owner = psycopg.conninfo.conninfo_to_dict(team.owner_url.replace("postgresql+psycopg", "postgresql"))
    return psycopg.connect(**owner, autocommit=True)


def _state(team: Team, name: str) -> tuple[int, bool, bool]:
    """(failed logins, locked in `account`, login role refused by VALID UNTIL)."""
    with _superuser(team) as c:
        return c.execute(
            "SELECT a.failed_logins, a.locked_until IS NOT NULL, coalesce(r.rolvaliduntil < now(), false) "
            "FROM account a JOIN pg_roles r ON r.rolname = 'ret_u_' || a.username WHERE a.username = %s",
            (name,),
        ).fetchone()


def _psql_refused(team: Team, role: Role, password: str = PW) -> str | None:
    """What PostgreSQL answers a direct login (None: let in)."""
    try:
        team.connect(role, password).close()
    except psycopg.OperationalError as exc:
        return str(exc)
    return None


def _events(team: Team, name: str) -> list[tuple[str, str]]:
    with _superuser(team) as c:
        return c.execute(
            "SELECT action, detail FROM audit_event WHERE actor_name = %s "
            "AND action IN ('login_failed', 'account_locked', 'account_unlock') ORDER BY id",
            (name,),
        ).fetchall()


def test_five_refused_logins_lock_the_persons_login_also_for_psql(team: Team) -> None:
    chair = team.names[Role.CHAIR]
    door = open_workspace(team.team_url)
    try:
        # Given 4 wrong passwords and then the right one: the count starts over
        for _ in range(4):
            with pytest.raises(LoginRefused):
                door.authenticate(chair, WRONG)
        assert _state(team, chair) == (4, False, False)
        assert door.authenticate(chair, PW).username == chair
        assert _state(team, chair) == (0, False, False)
        # When 5 wrong passwords follow in a row
        for _ in range(5):
            with pytest.raises(LoginRefused):
                door.authenticate(chair, WRONG)
        # Then the account and its login role are locked
        assert _state(team, chair) == (0, True, True)
        with pytest.raises(LoginRefused) as refused:
            door.authenticate(chair, PW)
        assert str(refused.value) == lockout.REFUSED
        # psql with the right password is refused with PostgreSQL's ordinary answer, the same
        # as for a wrong one (NOLOGIN would have told a guesser the password was right)
        assert "password authentication failed" in (_psql_refused(team, Role.CHAIR) or "")
        assert "password authentication failed" in (_psql_refused(team, Role.CHAIR, WRONG) or "")
        # Others are not affected
        assert _psql_refused(team, Role.COORDINATOR) is None
        events = _events(team, chair)
        assert [a for a, _ in events].count("login_failed") == 4 + 5 + 1
        assert events[-2][0] == "account_locked" and "na 5 mislukte aanmeldingen" in events[-2][1]
        # with the address the server saw (the gate is public: the reason is the server's own)
        action, detail = events[-1]
        assert action == "login_failed" and detail.startswith(
            "account vergrendeld (geweigerd door PostgreSQL, vanaf "
        )
        assert detail.removesuffix(")").rsplit(" ", 1)[1] in ("127.0.0.1", "::1")

        # When the 15 minutes are over, the next login through the app lifts the lock first
        with _superuser(team) as c:
            c.execute(
                "UPDATE account SET locked_until = locked_until - interval '16 minutes' WHERE username = %s",
                (chair,),
            )
        assert "password authentication failed" in (_psql_refused(team, Role.CHAIR) or "")  # not yet
        assert door.authenticate(chair, PW).username == chair
        assert _state(team, chair) == (0, False, False)
        assert _psql_refused(team, Role.CHAIR) is None
    finally:
        door.close()


def test_the_administrator_unlocks_at_once_for_the_app_and_psql(team: Team) -> None:
    chair = team.names[Role.CHAIR]
    door = open_workspace(team.team_url)
    try:
        for _ in range(5):
            with pytest.raises(LoginRefused):
                door.authenticate(chair, WRONG)
        admin = door.logged_in(door.authenticate(team.names[Role.ADMIN], PW))
        assert [r.username for r in admin.call(account_admin.list_accounts) if r.locked] == [chair]
        admin.call(account_admin.unlock, username=chair)
        assert _state(team, chair) == (0, False, False)
        assert _psql_refused(team, Role.CHAIR) is None
        assert door.authenticate(chair, PW).username == chair
        assert _events(team, chair)[-1][0] != "account_unlock"  # the admin's event names the admin
        with _superuser(team) as c:
            actor, detail = c.execute(
                "SELECT actor_name, detail FROM audit_event WHERE action = 'account_unlock'"
            ).fetchone()
        assert (actor, detail) == (team.names[Role.ADMIN], f"account {chair}")
    finally:
        door.close()


def test_the_gate_may_lift_only_an_expired_lock(team: Team) -> None:
    chair = team.names[Role.CHAIR]
    door = open_workspace(team.team_url)
    try:
        for _ in range(5):
            with pytest.raises(LoginRefused):
                door.authenticate(chair, WRONG)
    finally:
        door.close()
    gate = {"host": team.host, "port": team.port, "dbname": team.dbname, "user": "ret_gate"}
    with psycopg.connect(**gate, password="ret-gate", autocommit=True) as c:
        assert c.execute("SELECT ret_release_expired_lock(%s)", (chair,)).fetchone() == (False,)
        assert _state(team, chair)[1:] == (True, True)  # 15 minutes are not over
        for forbidden in ("SELECT ret_account_unlock(%s, NULL)", "SELECT ret_set_login_lock(%s, false)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(forbidden, (chair,))

"""An existing PostgreSQL store upgraded to team mode (issue 10 §2, §4): the accounts of
0006 (argon2 passwords, no login roles) get their logins through `db upgrade`, named in
its output; the owner gives the old administrator a first password, who logs in on the
team URL and resets a coordinator, who then logs in too. On a server that checks SCRAM."""

from __future__ import annotations

import io
import sys
import uuid

import psycopg
import pytest

from ret_desk.cli.entry import main
from ret_desk.db.migrate import head_revision
from ret_desk.services.admin.accounts import hash_password
from tests.support.pg_auth import scram_hosts
from tests.support.schema import make_store_at

pytestmark = pytest.mark.pg
OLD_PASSWORD = "het-oude-argon2-wachtwoord"
WRONG = "Onbekende gebruikersnaam of onjuist wachtwoord."


@pytest.fixture
def old_store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path):  # noqa: ANN001, ANN201
    """A store at 0006 with an administrator and a coordinator as the 0006 code made them."""
    from tests.conftest import PG_CTL, drop_login_roles

    if PG_CTL is None:
        pytest.skip("PostgreSQL-server (pg_ctl) niet gevonden")
    proc = request.getfixturevalue("postgresql_proc")
    conn = request.getfixturevalue("postgresql")
    info = conn.info
    suffix = uuid.uuid4().hex[:8]
    request.addfinalizer(lambda: drop_login_roles(conn, f"ret\\_u\\_%-{suffix}"))
    monkeypatch.setenv("RET_DESK_BACKUP_DIR", str(tmp_path / "backups"))
    owner_url = f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{info.dbname}"
    make_store_at(owner_url, "0006")
    names = {"admin": f"oudbeheer-{suffix}", "coordinator": f"oudcoord-{suffix}"}
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        for role, name in names.items():
            c.execute(
                "INSERT INTO account (username, display_name, role, password_hash, active, "
                "must_change_password, created_at, version) VALUES (%s, %s, %s, %s, true, false, now(), 1)",
                (name, name, role, hash_password(OLD_PASSWORD)),
            )
    return {
        "proc": proc,
        "info": info,
        "owner_url": owner_url,
        "team_url": f"postgresql+psycopg://{info.host}:{info.port}/{info.dbname}",
        "names": names,
    }


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    def _run(url: str, *args: str, user: str | None = None, password: str | None = None, stdin: str = ""):  # noqa: ANN202
        if password is None:
            monkeypatch.delenv("RET_DESK_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("RET_DESK_PASSWORD", password)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(["--db", url, *(["--user", user] if user else []), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def _events(info, action: str) -> list[tuple[str, str]]:  # noqa: ANN001
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        rows = c.execute(
            "SELECT actor_name, detail FROM audit_event WHERE action = %s ORDER BY id", (action,)
        ).fetchall()
    return [(a, d) for a, d in rows]


def test_old_accounts_get_their_logins_and_the_owner_lets_the_administrator_back_in(old_store, run, tmp_path):
    names, owner_url, team_url = old_store["names"], old_store["owner_url"], old_store["team_url"]
    admin, coordinator = names["admin"], names["coordinator"]
    # When the owner upgrades the store through the command line
    code, out, err = run(owner_url, "db", "upgrade")
    # Then the output names each account and says what to do
    assert code == 0, err
    assert out.startswith(f"Opslag bijgewerkt van 0006 naar {head_revision()}.")
    assert f"{admin}" in out and f"{coordinator}" in out and "login aangemaakt, nog zonder wachtwoord" in out
    assert "ret-desk --db <eigenaar-URL> user reset-password NAAM" in out
    # And the upgrade is audited with the accounts it gave a login
    details = [d for _, d in _events(old_store["info"], "store_upgrade")]
    assert any(admin in d and coordinator in d for d in details)

    with scram_hosts(old_store["proc"], old_store["info"].dbname):
        # The old password does not open the team URL (argon2 cannot become SCRAM)
        code, _, err = run(team_url, "user", "list", user=admin, password=OLD_PASSWORD)
        assert code == 1 and err.strip() == f"Fout: {WRONG}"
        # The owner gives the administrator a first password, without an app login
        code, out, err = run(
            owner_url, "user", "reset-password", admin, stdin="eerste-wachtwoord-beheer\n" * 2
        )
        assert code == 0, err
        assert f"Tijdelijk wachtwoord gezet door de eigenaar van de opslag; {admin}" in out
        owner = old_store["info"].user
        assert (owner, f"account {admin}") in _events(old_store["info"], "account_password_reset")
        # The administrator logs in on the team URL, must choose a new password, and does
        code, _, err = run(team_url, "user", "list", user=admin, password="eerste-wachtwoord-beheer")
        assert code == 1 and "wachtwoord" in err.lower() and "Traceback" not in err
        new_admin = "beheer-kiest-een-nieuw-wachtwoord"
        code, out, err = run(
            team_url, "user", "password", user=admin,
            stdin=f"eerste-wachtwoord-beheer\n{new_admin}\n{new_admin}\n",
        )  # fmt: skip
        assert code == 0, err
        # And resets the coordinator, whose migrated login the reset function accepts
        code, out, err = run(
            team_url, "user", "reset-password", coordinator, user=admin, password=new_admin,
            stdin="tijdelijk-voor-de-coordinator\n" * 2,
        )  # fmt: skip
        assert code == 0, err
        code, out, err = run(team_url, "user", "list", user=admin, password=new_admin)
        assert code == 0 and f"{coordinator}" in out
        # The coordinator chooses a new password and logs in
        new_coord = "coordinator-kiest-zelf-een-wachtwoord"
        code, _, err = run(
            team_url, "user", "password", user=coordinator,
            stdin=f"tijdelijk-voor-de-coordinator\n{new_coord}\n{new_coord}\n",
        )  # fmt: skip
        assert code == 0, err
        code, out, err = run(
            team_url, "export", "cases", str(tmp_path / "x.csv"), user=coordinator, password=new_coord
        )
        assert (code, err) == (0, "") and "0 casussen geëxporteerd" in out
        info = old_store["info"]
        with psycopg.connect(
            host=info.host,
            port=info.port,
            dbname=info.dbname,
            user=f"ret_u_{coordinator}",
            password=new_coord,
        ) as c:
            assert c.execute("SELECT username FROM ret_whoami()").fetchone() == (coordinator,)


def test_a_team_url_reports_the_schema_and_sends_the_upgrade_to_the_owner(old_store, run):
    names, owner_url, team_url = old_store["names"], old_store["owner_url"], old_store["team_url"]
    admin = names["admin"]
    assert run(owner_url, "db", "upgrade")[0] == 0
    assert run(owner_url, "user", "reset-password", admin, stdin="eerste-wachtwoord-beheer\n" * 2)[0] == 0
    info = old_store["info"]
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        c.execute("UPDATE alembic_version SET version_num = '0006'")  # as if a newer RET Desk came out
    with scram_hosts(old_store["proc"], info.dbname):
        # db current with a personal login reports the state instead of refusing
        code, out, err = run(team_url, "db", "current", user=admin, password="eerste-wachtwoord-beheer")
        assert (code, err) == (0, "")
        owner_hint = "door de eigenaar: ret-desk --db <eigenaar-URL> db upgrade"
        assert out.startswith(f"Schemaversie: 0006 (moet worden bijgewerkt {owner_hint}")
        # a wrong password is still refused
        code, _, err = run(team_url, "db", "current", user=admin, password="niet-het-goede-wachtwoord")
        assert code == 1 and err.strip() == f"Fout: {WRONG}"
        # db upgrade on a team URL says, in Dutch, that only the owner's connection upgrades
        code, _, err = run(team_url, "db", "upgrade", user=admin, password="eerste-wachtwoord-beheer")
        assert code == 1 and "Traceback" not in err and "fe_sendauth" not in err
        assert "Alleen de eigenaar van de opslag (de database-beheerder) werkt het schema bij" in err
        assert "ret-desk --db <eigenaar-URL> db upgrade" in err


def test_the_owners_reset_needs_the_owners_connection(old_store, run):
    run(old_store["owner_url"], "db", "upgrade")
    # On the team URL without --user there is no owner's command
    code, _, err = run(
        old_store["team_url"], "user", "reset-password", old_store["names"]["admin"], stdin="x" * 20
    )
    assert code == 1 and "Log in met --user" in err and "Traceback" not in err


def test_a_login_of_that_name_outside_ret_desk_is_left_alone(old_store, run):
    info, coordinator = old_store["info"], old_store["names"]["coordinator"]
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        c.execute(f'CREATE ROLE "ret_u_{coordinator}" LOGIN')  # someone else's, in no RET Desk group
    code, out, err = run(old_store["owner_url"], "db", "upgrade")
    assert code == 0, err
    assert (
        f"niet overgezet: de databaselogin ret_u_{coordinator} bestaat al en hoort niet bij RET Desk" in out
    )
    assert "login aangemaakt, nog zonder wachtwoord" in out  # the administrator's
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        groups = c.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = %s",
            (f"ret_u_{coordinator}",),
        ).fetchall()
        must_change = c.execute(
            "SELECT must_change_password FROM account WHERE username = %s", (coordinator,)
        ).fetchone()
    assert groups == [] and must_change == (False,)

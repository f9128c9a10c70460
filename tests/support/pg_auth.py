"""PostgreSQL that really checks passwords, and a team store on it, for the role tests
(issue 10 §2).

pytest-postgresql starts its cluster with `trust`: any password is accepted. `scram_hosts`
puts rules in front of the cluster's pg_hba.conf so that host connections of every role
but the cluster's superuser (which the other tests and the janitor use) need their
SCRAM-SHA-256 password, reloads, and puts the file back afterwards. The cluster is shared
by the whole test run, so the switch lasts one test only.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from ret_desk.db.login_roles import role_name
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.admin import accounts
from ret_desk.services.cases import intake
from tests.support.drafts import draft

PW = "een-echt-lang-wachtwoord"


def _probe_refused(host: str, port: int, dbname: str) -> bool:
    try:
        psycopg.connect(host=host, port=port, dbname=dbname, user="ret_u_probe", password="x").close()
    except psycopg.OperationalError as exc:
        return "password authentication failed" in str(exc)
    return False


def _reload(proc, dbname: str) -> None:  # noqa: ANN001
    with psycopg.connect(host=proc.host, port=proc.port, dbname=dbname, user=proc.user, autocommit=True) as c:
        c.execute("SELECT pg_reload_conf()")


@contextmanager
def scram_hosts(proc, dbname: str) -> Iterator[None]:  # noqa: ANN001
    """Within the block, host logins other than the superuser's need their password."""
    hba = Path(proc.datadir) / "pg_hba.conf"
    original = hba.read_text()
    rules = f"host all {proc.user} all trust\nhost all all all scram-sha-256\n"
    hba.write_text(rules + original)
    try:
        _reload(proc, dbname)
        deadline = time.monotonic() + 10
        while not _probe_refused(proc.host, proc.port, dbname):
            if time.monotonic() > deadline:
                raise RuntimeError("pg_hba.conf with scram-sha-256 did not take effect")
            time.sleep(0.05)
        yield
    finally:
        hba.write_text(original)
        _reload(proc, dbname)


@dataclass
class Team:
    owner_url: str
    team_url: str
    names: dict[Role, str]
    case_number: str
    youth_id: int
    host: str
    port: int
    dbname: str

    def connect(self, role: Role, password: str = PW) -> psycopg.Connection:
        """A direct connection with the login of the account of `role` (as psql would)."""
        return psycopg.connect(
            host=self.host,
            port=self.port,
            dbname=self.dbname,
            user=role_name(self.names[role]),
            password=password,
        )


@pytest.fixture(name="team")
def team_fixture(request: pytest.FixtureRequest) -> Team:
    """A store made by the owner, one account per role with unique names (their login roles
    are dropped afterwards), one case, and passwords checked by the server."""
    from tests.conftest import PG_CTL, drop_login_roles

    if PG_CTL is None:
        pytest.skip("PostgreSQL-server (pg_ctl) niet gevonden")
    proc = request.getfixturevalue("postgresql_proc")
    conn = request.getfixturevalue("postgresql")
    info = conn.info
    suffix = uuid.uuid4().hex[:8]
    names = {role: f"{role.value[:5]}-{suffix}" for role in Role}
    request.addfinalizer(lambda: drop_login_roles(conn, f"ret\\_u\\_%-{suffix}"))
    owner_url = f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{info.dbname}"
    store = Store.open(owner_url)
    try:
        accounts.create_account(
            uow=store.uow(), actor=None, username=names[Role.ADMIN], password=PW, role=Role.ADMIN
        )
        admin = accounts.authenticate(uow=store.uow(), username=names[Role.ADMIN], password=PW)
        for role in Role:
            if role is not Role.ADMIN:
                accounts.create_account(
                    uow=store.uow(), actor=admin, username=names[role], password=PW, role=role
                )
        coordinator = accounts.authenticate(uow=store.uow(), username=names[Role.COORDINATOR], password=PW)
        ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    finally:
        store.close()
    with psycopg.connect(host=info.host, port=info.port, dbname=info.dbname, user=info.user) as c:
        youth_id = c.execute("SELECT youth_id FROM ret_case WHERE number = %s", (ref.number,)).fetchone()[0]
    hosts = scram_hosts(proc, info.dbname)
    hosts.__enter__()
    request.addfinalizer(lambda: hosts.__exit__(None, None, None))
    team_url = f"postgresql+psycopg://{info.host}:{info.port}/{info.dbname}"
    return Team(owner_url, team_url, names, ref.number, youth_id, info.host, info.port, info.dbname)

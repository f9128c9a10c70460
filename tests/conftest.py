"""Shared fixtures: real stores (a SQLite file, and PostgreSQL from pytest-postgresql),
accounts per role, and Qt offscreen."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Windows built by the tests save their layout (QSettings) like the app does; never into
# the real user's settings, where the next real start would open at a test's size.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ret-desk-test-config-")

import pytest  # noqa: E402
from pytest_postgresql import factories  # noqa: E402

from ret_desk.db.store import Store  # noqa: E402
from ret_desk.domain.actor import Actor  # noqa: E402
from ret_desk.domain.enums import Role  # noqa: E402
from ret_desk.services.admin import accounts  # noqa: E402

PASSWORD = "correct-paard-batterij"
REQUIRE_PG = os.environ.get("RET_DESK_REQUIRE_PG") == "1"
WRAPPER = Path(__file__).parent / "support" / "pg_ctl_wrapper.sh"


def _real_pg_ctl() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return candidates[-1] if candidates else None


PG_CTL = _real_pg_ctl()
if PG_CTL:
    os.environ["RET_DESK_PG_CTL_REAL"] = PG_CTL

postgresql_proc = factories.postgresql_proc(executable=str(WRAPPER) if PG_CTL else None)
postgresql = factories.postgresql("postgresql_proc")


def _pg_url(request: pytest.FixtureRequest) -> str:
    if PG_CTL is None:
        if REQUIRE_PG:
            pytest.fail("RET_DESK_REQUIRE_PG=1 maar pg_ctl is niet gevonden")
        pytest.skip("PostgreSQL-server (pg_ctl) niet gevonden; PostgreSQL-tests overgeslagen")
    conn = request.getfixturevalue("postgresql")
    info = conn.info
    # Accounts made on PostgreSQL get their own login role, which outlives the test's
    # database (roles belong to the whole cluster): drop them after the test.
    request.addfinalizer(lambda: drop_login_roles(conn))
    return f"postgresql+psycopg://{info.user}@{info.host}:{info.port}/{info.dbname}"


def drop_login_roles(test_conn, pattern: str = "ret\\_u\\_%") -> None:  # noqa: ANN001
    """Drop the RET Desk login roles (ret_u_...) of the cluster, as its superuser, on a
    connection of its own: a test may have ended the test connection (a lost server)."""
    import psycopg

    info = test_conn.info
    with psycopg.connect(host=info.host, port=info.port, user=info.user, dbname="postgres") as conn:
        _drop_roles(conn, pattern)


def _drop_roles(conn, pattern: str) -> None:  # noqa: ANN001
    names = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (pattern,))]
    for name in names:
        conn.execute('DROP ROLE IF EXISTS "{}"'.format(name.replace('"', '""')))
    conn.commit()


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters in tests only: the suite logs in hundreds of times.
    tests/unit/test_accounts.py checks the production parameters separately."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every service test runs on both stores."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'store.sqlite').as_posix()}"
    return _pg_url(request)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'store.sqlite').as_posix()}"


@pytest.fixture
def store(store_url: str):
    s = Store.open(store_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(sqlite_url: str):
    s = Store.open(sqlite_url)
    yield s
    s.close()


def make_actors(store: Store) -> dict[Role, Actor]:
    """One logged-in actor per role; the first account is the administrator."""
    accounts.create_account(
        uow=store.uow(), actor=None, username="beheer", password=PASSWORD, role=Role.ADMIN
    )
    admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PASSWORD)
    actors = {Role.ADMIN: admin}
    for role in Role:
        if role is Role.ADMIN:
            continue
        accounts.create_account(
            uow=store.uow(), actor=admin, username=role.value, password=PASSWORD, role=role
        )
        actors[role] = accounts.authenticate(uow=store.uow(), username=role.value, password=PASSWORD)
    return actors


@pytest.fixture
def actors(store: Store) -> dict[Role, Actor]:
    return make_actors(store)


@pytest.fixture
def coordinator(actors: dict[Role, Actor]) -> Actor:
    return actors[Role.COORDINATOR]

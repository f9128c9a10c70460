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
from tests.support import templates  # noqa: E402

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

# Which migrated template a test's database was made from (see `postgresql` below).
MADE_FROM = pytest.StashKey[templates.Template]()
# What may build on the test's database before `store` opens it; anything else that does
# makes the database start empty (and `store` copies the template in then, if still empty).
_STORE_INFRA = {"store", "store_url", "sqlite_url", "sqlite_store", "postgresql", "postgresql_proc"}


def _store_comes_first(request: pytest.FixtureRequest) -> bool:
    """The test opens its database through `store`, and no other fixture uses it before."""
    info = getattr(request.node, "_fixtureinfo", None)
    if "store" not in request.fixturenames or info is None:
        return False
    for name in request.fixturenames:
        if name in _STORE_INFRA:
            continue
        for fixturedef in info.name2fixturedefs.get(name, ()):
            if set(fixturedef.argnames) & {"store_url", "postgresql", "postgresql_proc"}:
                return False
    return True


@pytest.fixture
def postgresql(request: pytest.FixtureRequest, postgresql_proc):  # noqa: ANN001
    """The test's own database on the run's cluster, as pytest-postgresql's fixture of this
    name makes it: new for each test, dropped after it. Empty; or, when the test's store
    is the `store` fixture's, a copy of the migrated template (tests/support/templates.py)."""
    template = request.getfixturevalue("pg_template") if _store_comes_first(request) else None
    with templates.test_database(postgresql_proc, template) as conn:
        if template is not None:
            request.node.stash[MADE_FROM] = template
        yield conn


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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> templates.Template:
    """One migrated SQLite store per run; `store`/`sqlite_store` copy it (tests/support/templates.py)."""
    return templates.sqlite_template(tmp_path_factory.mktemp("store-template"))


@pytest.fixture(scope="session")
def pg_template(postgresql_proc) -> templates.Template:  # noqa: ANN001
    """One migrated PostgreSQL database per run, the template of each test's store."""
    return templates.pg_template(postgresql_proc)


def open_new_store(url: str, request: pytest.FixtureRequest) -> Store:
    """`Store.open(url)`: a new (empty) store becomes a copy of the run's migrated template
    (what migrating it would give); a store a fixture made already is opened as before."""
    if url.startswith("sqlite"):
        if templates.sqlite_is_new(url):
            template = request.getfixturevalue("sqlite_template")
            templates.copy_sqlite(template, url)
            return template.opened(url)
        return Store.open(url)
    proc = request.getfixturevalue("postgresql_proc")
    dbname = request.getfixturevalue("postgresql").info.dbname
    assert url.endswith(f"/{dbname}"), url
    made_from = request.node.stash.get(MADE_FROM, None)
    if made_from is not None:
        return made_from.opened(url)
    if templates.pg_is_new(proc, dbname):
        template = request.getfixturevalue("pg_template")
        templates.clone_pg(proc, template, dbname)
        return template.opened(url)
    return Store.open(url)


@pytest.fixture
def store(store_url: str, request: pytest.FixtureRequest):
    s = open_new_store(store_url, request)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(sqlite_url: str, request: pytest.FixtureRequest):
    s = open_new_store(sqlite_url, request)
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

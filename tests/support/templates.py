"""Migrated stores for the tests without migrating each time: a template per test run.

Opening a new store runs every Alembic migration (0001 to head), about 0.15 s on SQLite
and 0.3-0.5 s on PostgreSQL; the `store` and `sqlite_store` fixtures did that for every
test. Now the first of them in a run makes one store exactly as `Store.open(url)` does
(migrated, Drenthe loaded, its "nieuwe opslag" event), and every test gets its own copy:

- SQLite: a copy of the template file at the test's own path (tmp_path/store.sqlite).
- PostgreSQL: the test's own database (made empty by pytest-postgresql for this test) is
  replaced by `CREATE DATABASE ... TEMPLATE` of the migrated one, with the template's
  database-level GRANTs (CONNECT for the groups and the gate: PostgreSQL does not copy
  them). Roles are cluster-wide and already exist; login roles of a test are still dropped
  after it (tests/conftest.py).

Only an EMPTY store is replaced by a copy (a test or fixture that made the store itself,
at an older schema or with another region, keeps it and `Store.open` upgrades it as
before). Tests about migrating build their stores themselves and never come here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from pytest_postgresql.janitor import DatabaseJanitor

from ret_desk.db.engine import sqlite_path
from ret_desk.db.store import Store

TEMPLATE_DB = "ret_desk_template_head"


@dataclass
class Template:
    """A migrated store and what `Store.open` reported when it made it."""

    location: str  # SQLite: the file; PostgreSQL: the template database's name
    last_upgrade: tuple[str | None, str] | None
    upgrade_notes: dict[str, object] = field(default_factory=dict)

    def opened(self, url: str) -> Store:
        """`Store.open(url)` on a copy: as after making a new store (last_upgrade, notes)."""
        store = Store.open(url)
        store.last_upgrade = self.last_upgrade
        store.upgrade_notes = dict(self.upgrade_notes)
        return store


def make_template(url: str, location: str) -> Template:
    store = Store.open(url)
    try:
        return Template(location, store.last_upgrade, dict(store.upgrade_notes))
    finally:
        store.close()


# -- SQLite ----------------------------------------------------------------------------


def sqlite_template(folder: Path) -> Template:
    path = folder / "template.sqlite"
    template = make_template(f"sqlite:///{path.as_posix()}", str(path))
    assert not Path(f"{path}-wal").exists(), "the template must be checkpointed before copying"
    return template


def sqlite_is_new(url: str) -> bool:
    path = sqlite_path(url)
    return path is not None and (not path.exists() or path.stat().st_size == 0)


def copy_sqlite(template: Template, url: str) -> None:
    path = sqlite_path(url)
    assert path is not None
    shutil.copyfile(template.location, path)


# -- PostgreSQL ------------------------------------------------------------------------


def _admin(proc) -> psycopg.Connection:  # noqa: ANN001
    return psycopg.connect(
        host=proc.host,
        port=proc.port,
        user=proc.user,
        password=proc.password,
        dbname=proc.maintenance_dbname,
        autocommit=True,
    )


def pg_template(proc) -> Template:  # noqa: ANN001
    """The migrated template database on the test cluster (made once per run)."""
    with _admin(proc) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(TEMPLATE_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE_DB)))
    url = f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}/{TEMPLATE_DB}"
    template = make_template(url, TEMPLATE_DB)
    with _admin(proc) as conn:
        settings = conn.execute(
            "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
            " WHERE d.datname = %s",
            (TEMPLATE_DB,),
        ).fetchone()[0]
    assert settings == 0, "database-level settings are not copied by CREATE DATABASE ... TEMPLATE"
    return template


_NON_SYSTEM = (
    "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%%')"
    " OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))"
)


def pg_is_new(proc, dbname: str) -> bool:  # noqa: ANN001
    with psycopg.connect(
        host=proc.host, port=proc.port, user=proc.user, password=proc.password, dbname=dbname
    ) as conn:
        return not conn.execute(_NON_SYSTEM).fetchone()[0]


def _acl(conn: psycopg.Connection, dbname: str) -> list[tuple[str, str, bool]]:
    """The database's GRANTs to roles (not PUBLIC, not its owner), in the order given."""
    return [
        tuple(row)
        for row in conn.execute(
            "SELECT r.rolname, a.privilege_type, a.is_grantable"
            " FROM pg_database d, aclexplode(d.datacl) WITH ORDINALITY AS a(grantor, grantee,"
            " privilege_type, is_grantable, n) JOIN pg_roles r ON r.oid = a.grantee"
            " WHERE d.datname = %s AND a.grantee <> d.datdba ORDER BY a.n",
            (dbname,),
        )
    ]


def _copy_grants(conn: psycopg.Connection, source: str, target: str) -> None:
    """CREATE DATABASE ... TEMPLATE copies the contents, not the database's own GRANTs."""
    name = sql.Identifier(target)
    for role, privilege, grantable in _acl(conn, source):
        grant = sql.SQL("GRANT {} ON DATABASE {} TO {}").format(
            sql.SQL(privilege), name, sql.Identifier(role)
        )
        conn.execute(grant + sql.SQL(" WITH GRANT OPTION") if grantable else grant)
    made, wanted = _acl(conn, target), _acl(conn, source)
    assert sorted(made) == sorted(wanted), (made, wanted)


def clone_pg(proc, template: Template, dbname: str) -> None:  # noqa: ANN001
    """Replace the test's (empty) database `dbname` by a copy of the template."""
    name, source = sql.Identifier(dbname), sql.Identifier(template.location)
    with _admin(proc) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(name, source))
        _copy_grants(conn, template.location, dbname)


@contextmanager
def test_database(proc, template: Template | None) -> Iterator[psycopg.Connection]:  # noqa: ANN001
    """The test's own database, as pytest-postgresql's `postgresql` fixture makes it (an
    empty copy of the cluster's template), or a copy of the migrated `template`."""
    janitor = DatabaseJanitor(
        user=proc.user,
        host=proc.host,
        port=proc.port,
        dbname=proc.dbname,
        template_dbname=template.location if template else proc.template_dbname,
        maintenance_dbname=proc.maintenance_dbname,
        password=proc.password,
    )
    with janitor:
        if template is not None:
            with _admin(proc) as conn:
                _copy_grants(conn, template.location, proc.dbname)
        conn = psycopg.connect(
            dbname=proc.dbname,
            user=proc.user,
            password=proc.password,
            host=proc.host,
            port=proc.port,
            options=proc.options,
        )
        try:
            yield conn
        finally:
            conn.close()

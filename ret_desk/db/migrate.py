"""Create and upgrade a store with Alembic, after a backup: an online copy of a SQLite file,
or `pg_dump` of a PostgreSQL database (when pg_dump is on the PATH).

On PostgreSQL an upgrade runs under an advisory lock (`upgrade_lock`): of several upgrades
started at once one does the work, and the others wait and then find it done. Which
schema a store has, compared with this version's, is `schema_status`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import Enum
from importlib.resources import as_file, files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.conninfo import make_conninfo
from sqlalchemy import Engine, inspect, text

from ret_desk.db.engine import sqlite_path
from ret_desk.db.private_files import create_private, side_file
from ret_desk.domain.errors import StoreError

NEEDS_UPGRADE = "De opslag moet eerst worden bijgewerkt door een beheerder (ret-desk db upgrade)."
# On PostgreSQL only the owner's connection upgrades (the first sentence stays the same).
NEEDS_OWNER_UPGRADE = (
    "De opslag moet eerst worden bijgewerkt door een beheerder (ret-desk db upgrade): op PostgreSQL "
    "is dat de eigenaar van de opslag (de database-beheerder), met ret-desk --db <eigenaar-URL> db upgrade."
)
NEWER_THAN_APP = "Deze versie van RET Desk is ouder dan de opslag. Installeer de nieuwste versie."
# One advisory lock key for "the schema of this database is being upgraded" (the locks
# belong to one database, so stores on one server do not wait for each other).
UPGRADE_LOCK_KEY = 7_513_0007
PG_DUMP_TIMEOUT_S = 3600


class SchemaStatus(Enum):
    EMPTY = "empty"  # no tables yet: a new store
    CURRENT = "current"
    OLDER = "older"  # needs `ret-desk db upgrade`
    NEWER = "newer"  # made by a newer RET Desk


def _config() -> Config:
    cfg = Config()
    # as_file is a no-op for a normal install; it matters only for zipped packages.
    with as_file(files("ret_desk.migrations")) as location:
        cfg.set_main_option("script_location", str(location))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_status(engine: Engine) -> SchemaStatus:
    current = current_revision(engine)
    if current is None:
        return SchemaStatus.OLDER if inspect(engine).get_table_names() else SchemaStatus.EMPTY
    if current == head_revision():
        return SchemaStatus.CURRENT
    return SchemaStatus.OLDER if current in known_revisions() else SchemaStatus.NEWER


def require_current(engine: Engine) -> None:
    """Refuse (StoreError, Dutch) a store whose schema is not this version's."""
    status = schema_status(engine)
    if status is SchemaStatus.NEWER:
        raise StoreError(NEWER_THAN_APP)
    if status is not SchemaStatus.CURRENT:
        raise StoreError(NEEDS_OWNER_UPGRADE if engine.dialect.name == "postgresql" else NEEDS_UPGRADE)


@contextlib.contextmanager
def upgrade_lock(engine: Engine) -> Iterator[None]:
    """Held while a PostgreSQL store is upgraded; waits while another holds it. A session
    lock on a connection of its own, released at the end (or when the process dies)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        try:
            yield
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": UPGRADE_LOCK_KEY})
            except Exception:
                conn.invalidate()  # a pooled connection must never keep the lock
                raise


_OWNER_CHECK = text(
    "SELECT coalesce((SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables"
    "  WHERE schemaname = current_schema() AND tablename = 'alembic_version'),"
    " has_schema_privilege(current_schema(), 'CREATE')), session_user"
)


def require_owner(engine: Engine) -> None:
    """On PostgreSQL only the owner of the tables (or a role holding the owner's rights)
    upgrades; anyone else is told so in Dutch before anything is read or changed."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        is_owner, login = conn.execute(_OWNER_CHECK).one()
    if not is_owner:
        raise StoreError(
            f"Alleen de eigenaar van de opslag kan het schema bijwerken; u bent verbonden als {login}. "
            "Gebruik de verbinding van de eigenaar (servicebestand of het adres van de eigenaar)."
        )


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """An online backup of a SQLite store (consistent while others read and write)."""
    source = sqlite_path(engine.url.render_as_string(hide_password=False))
    if source is None:
        raise StoreError(
            "Een back-up vanuit RET Desk kan alleen van een SQLite-opslag. Maak van "
            "PostgreSQL een back-up met pg_dump."
        )
    if target.exists() or target.is_symlink():
        raise StoreError(f"Het back-upbestand {target} bestaat al.")
    if not target.parent.exists():
        target.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    # Into a private side file first (target.deel), renamed when whole: a killed backup
    # leaves no half copy under the backup's name, and its leftover goes at the next start.
    with side_file(target) as partial:
        src, dst = sqlite3.connect(source), sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    return target


def _private_file(target: Path) -> None:
    """Create `target` empty, readable by its owner only (0600; a folder made here 0700):
    a backup holds every child's data. Refuses a file that is already there."""
    try:
        create_private(target, make_folder=True)
    except FileExistsError:
        raise StoreError(f"Het back-upbestand {target} bestaat al.") from None


def backup_postgresql(engine: Engine, folder: Path) -> Path | None:
    """`pg_dump --format=custom` of the store into `folder`; None when pg_dump is not on the
    PATH. The password goes to pg_dump through its environment, never its command line."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        return None
    url = engine.url
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{url.database}.voor-upgrade-{stamp}.dump"
    _private_file(target)
    options = {k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()}
    parts = {"host": url.host, "port": url.port, "dbname": url.database, "user": url.username}
    dsn = make_conninfo(**{k: v for k, v in parts.items() if v is not None}, **options)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(
        [pg_dump, "--format=custom", f"--file={target}", f"--dbname={dsn}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=PG_DUMP_TIMEOUT_S,
    )
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"code {done.returncode}"
        raise StoreError(f"De back-up met pg_dump is mislukt, dus de opslag is niet bijgewerkt: {reason}")
    return target


def upgrade(
    engine: Engine, backup_folder: Path | None = None, notes: dict[str, object] | None = None
) -> Path | None:
    """Bring the store to the newest schema. Returns the backup taken, if one was. What
    the migrations leave for the output (0007: "migrated_accounts") goes into `notes`.

    A PostgreSQL store is backed up into `backup_folder` (see `backup_postgresql`); the
    caller holds `upgrade_lock`, so that the revision read here is the one upgraded."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(NEWER_THAN_APP)
    backup: Path | None = None
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    has_tables = bool(inspect(engine).get_table_names())
    if path is not None and has_tables:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_sqlite(engine, path.with_name(f"{path.stem}.voor-upgrade-{stamp}.sqlite"))
    elif engine.dialect.name == "postgresql" and has_tables and backup_folder is not None:
        backup = backup_postgresql(engine, backup_folder)
    cfg = _config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        where = f" De back-up staat in {backup}." if backup else ""
        raise StoreError(f"Het bijwerken van de opslag is mislukt: {exc}.{where}") from exc
    if notes is not None:
        notes.update((k, v) for k, v in cfg.attributes.items() if k != "connection")
    return backup

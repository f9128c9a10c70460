"""Create and upgrade a store with Alembic; back up a SQLite store before every upgrade."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from ret_desk.db.engine import sqlite_path
from ret_desk.domain.errors import StoreError


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


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """An online backup of a SQLite store (consistent while others read and write)."""
    source = sqlite_path(engine.url.render_as_string(hide_password=False))
    if source is None:
        raise StoreError(
            "Een back-up vanuit RET Desk kan alleen van een SQLite-opslag. Maak van "
            "PostgreSQL een back-up met pg_dump."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise StoreError(f"Het back-upbestand {target} bestaat al.")
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: Engine) -> Path | None:
    """Bring the store to the newest schema. Returns the backup taken, if one was."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    backup: Path | None = None
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    has_tables = bool(inspect(engine).get_table_names())
    if path is not None and has_tables:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = backup_sqlite(engine, path.with_name(f"{path.stem}.voor-upgrade-{stamp}.sqlite"))
    cfg = _config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        where = f" De back-up staat in {backup}." if backup else ""
        raise StoreError(f"Het bijwerken van de opslag is mislukt: {exc}.{where}") from exc
    return backup

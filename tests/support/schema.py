"""Stores at an older (or a made-up newer) schema, for the upgrade tests."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine

from ret_desk.db import migrate

PREVIOUS = "0006"


def make_store_at(url: str, revision: str = PREVIOUS) -> None:
    """Migrate the empty database at `url` up to `revision` only, as an older RET Desk did."""
    engine = create_engine(url)
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def pretend_newer(url: str) -> None:
    """The store as a newer RET Desk would leave it: a revision this version does not know."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()

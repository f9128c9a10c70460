"""What the administrator sees of the store: where it is (without a password), its schema
revision, its type and, for SQLite, its size. The back-up itself is services.store_admin."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ret_desk.db import migrate
from ret_desk.db.engine import sqlite_path
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.permissions import Action, require


@dataclass(frozen=True, slots=True)
class StoreInfo:
    url: str
    kind: str
    revision: str | None
    head: str
    size_bytes: int | None
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None


def store_info(*, store: Store, actor: Actor) -> StoreInfo:
    require(actor.role, Action.MANAGE_STORE)
    url = store.engine.url
    path = sqlite_path(url.render_as_string(hide_password=False))
    size = None
    if path is not None and path.exists():
        # The write-ahead log belongs to the store until it is checkpointed.
        size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    return StoreInfo(
        url=url.render_as_string(hide_password=True),
        kind="SQLite (deze werkplek)" if path is not None else "PostgreSQL (gedeeld)",
        revision=migrate.current_revision(store.engine),
        head=migrate.head_revision(),
        size_bytes=size,
        path=path,
    )

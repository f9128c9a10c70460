"""Store administration for the administrator: schema version, upgrade, online backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect

from ret_desk.db import migrate
from ret_desk.db.audit import record
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import PermissionDenied
from ret_desk.domain.permissions import Action, require


@dataclass(frozen=True, slots=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def open_unmigrated(url: str) -> Store:
    """Open without upgrading, to look at or back up the store as it is."""
    return Store.open(url, upgrade=False)


def is_new(store: Store, actor: Actor | None = None) -> bool:
    """True for a store with no tables yet (nothing to protect, nothing to log in to)."""
    return not inspect(store.engine).get_table_names()


def schema_state(*, store: Store, actor: Actor) -> SchemaState:
    require(actor.role, Action.MANAGE_STORE)
    return SchemaState(migrate.current_revision(store.engine), migrate.head_revision())


def upgrade(*, store: Store, actor: Actor | None) -> Path | None:
    """Upgrade (after a backup of SQLite). Without an actor only a new, empty store."""
    if actor is None:
        if not is_new(store):
            raise PermissionDenied("Log in als beheerder om een bestaande opslag bij te werken.")
    else:
        require(actor.role, Action.MANAGE_STORE)
    backup = store.upgrade()
    if actor is not None:
        with store.uow() as uow:
            record(uow.session, actor, "store_upgrade", detail=f"naar {migrate.head_revision()}")
            uow.commit()
    return backup


def backup(*, store: Store, actor: Actor, target: Path) -> Path:
    require(actor.role, Action.MANAGE_STORE)
    made = migrate.backup_sqlite(store.engine, target)
    with store.uow() as uow:
        record(uow.session, actor, "store_backup", detail=str(target.name))
        uow.commit()
    return made

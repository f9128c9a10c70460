"""A store: an engine plus a session factory, opened and brought up to date in one call.

Who may upgrade: `Store.open(url)` upgrades (the tests and `ret-desk db upgrade` open a
store this way); a front end opens through `Store.open_as_client(url)`, which upgrades a
SQLite store itself (one workstation, after an online backup) but leaves a PostgreSQL
store to `ret-desk db upgrade` and refuses one whose schema is not this version's.
"""

from __future__ import annotations

import getpass
import socket
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from ret_desk.db import migrate
from ret_desk.db.audit import record
from ret_desk.db.change_feed import track_changes
from ret_desk.db.engine import make_engine
from ret_desk.db.placement_data import default_placement_data, load_placement_data
from ret_desk.db.region_data import default_region, load_region
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.domain.region_file import RegionSpec


class Store:
    """The one handle the services and front ends pass around."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.origin = track_changes(self._factory, engine)  # writes announce themselves (live refresh)
        self.last_backup: Path | None = None
        # (from, to) of the last upgrade this handle made; None when it found nothing to do
        self.last_upgrade: tuple[str | None, str] | None = None
        # what the last upgrade's migrations reported (migrate.upgrade's `notes`)
        self.upgrade_notes: dict[str, object] = {}

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, region: RegionSpec | None = None) -> Store:
        """Open `url`; with `upgrade`, migrate to the newest schema and load region data
        (`region` for a new store; Drenthe when none is given)."""
        store = cls(url, make_engine(url))
        if upgrade:
            store.upgrade(region)
        return store

    @classmethod
    def open_as_client(cls, url: str) -> Store:
        """Open for the app or a command: SQLite is upgraded here (audited); PostgreSQL must
        already be at this version's schema (StoreError, Dutch, otherwise)."""
        store = cls.open(url, upgrade=False)
        try:
            if store.is_sqlite:
                store.upgrade()
            else:
                migrate.require_current(store.engine)
        except BaseException:
            store.close()
            raise
        return store

    def upgrade(
        self,
        region: RegionSpec | None = None,
        *,
        actor: Actor | None = None,
        backup_folder: Path | None = None,
    ) -> Path | None:
        """Migrate to the newest schema (under the upgrade lock on PostgreSQL) and load the
        region data. An upgrade leaves a `store_upgrade` event ("nieuwe opslag op 0007" for a
        new store),
        by `actor` or else by the login (PostgreSQL) or the workstation's user (SQLite)."""
        migrate.require_owner(self.engine)
        with migrate.upgrade_lock(self.engine):
            before = migrate.current_revision(self.engine)
            existed = (
                before is not None or migrate.schema_status(self.engine) is not migrate.SchemaStatus.EMPTY
            )
            self.upgrade_notes = {}
            self.last_backup = migrate.upgrade(self.engine, backup_folder, self.upgrade_notes)
            after = migrate.current_revision(self.engine)
            self.last_upgrade = (before, after) if after != before and after is not None else None
            with self.uow() as uow:
                added = load_region(uow.session, region or default_region())
                changed = load_placement_data(uow.session, default_placement_data()) or added
                if self.last_upgrade is not None:
                    detail = (
                        f"van {before or 'geen'} naar {after}" if existed else f"nieuwe opslag op {after}"
                    )
                    record(uow.session, actor or self._upgrader(), "store_upgrade", detail=detail)
                    changed = True
                if changed:
                    uow.commit()
        return self.last_backup

    def owner_actor(self) -> Actor:
        """The owner's connection as the actor of an owner's command (no RET Desk login)."""
        return self._upgrader()

    def _upgrader(self) -> Actor:
        """Who upgrades when no one is logged in: the PostgreSQL login, or the OS user."""
        if self.is_sqlite:
            try:
                name = getpass.getuser()
            except (OSError, KeyError):
                name = "onbekend"
        else:
            with self.engine.connect() as conn:
                name = conn.execute(text("SELECT session_user")).scalar_one()
        return Actor(None, name[:64], Role.ADMIN, socket.gethostname() or "onbekend")

    def uow(self, actor: object | None = None) -> UnitOfWork:
        """A unit of work; with `actor`, its session reads only that actor's rows."""
        return UnitOfWork(self._factory, actor)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

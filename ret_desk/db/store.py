"""A store: an engine plus a session factory, opened and brought up to date in one call."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from ret_desk.db import migrate
from ret_desk.db.change_feed import track_changes
from ret_desk.db.engine import make_engine
from ret_desk.db.placement_data import default_placement_data, load_placement_data
from ret_desk.db.region_data import default_region, load_region
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.region_file import RegionSpec


class Store:
    """The one handle the services and front ends pass around."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self.origin = track_changes(self._factory, engine)  # writes announce themselves (live refresh)
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True, region: RegionSpec | None = None) -> Store:
        """Open `url`; with `upgrade`, migrate to the newest schema and load region data
        (`region` for a new store; Drenthe when none is given)."""
        store = cls(url, make_engine(url))
        if upgrade:
            store.upgrade(region)
        return store

    def upgrade(self, region: RegionSpec | None = None) -> Path | None:
        self.last_backup = migrate.upgrade(self.engine)
        with self.uow() as uow:
            added = load_region(uow.session, region or default_region())
            if load_placement_data(uow.session, default_placement_data()) or added:
                uow.commit()
        return self.last_backup

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        self.engine.dispose()

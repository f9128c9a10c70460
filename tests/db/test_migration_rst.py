"""Every shipped old store upgrades to a schema that takes RST deployments (migration 0006)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ret_desk.db import migrate
from ret_desk.db.models import Case, RstDeployment
from ret_desk.db.store import Store
from ret_desk.services.routes import rst

STORES = sorted((Path(__file__).parent / "stores").glob("schema_000?.sqlite"))  # one per released schema


def test_the_old_stores_are_there():
    assert [p.name for p in STORES][:3] == ["schema_0001.sqlite", "schema_0002.sqlite", "schema_0003.sqlite"]


@pytest.mark.parametrize("shipped", STORES, ids=lambda p: p.stem)
def test_an_old_store_upgrades_and_takes_rst_deployments(shipped: Path, tmp_path: Path):
    # Given a copy of a store as an older schema left it
    path = tmp_path / shipped.name
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    try:
        # Then it is at head, with an empty RST record on every case
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.uow() as uow:
            case = uow.session.scalars(select(Case).order_by(Case.id)).first()
            assert uow.session.scalars(select(RstDeployment)).all() == []
            assert rst.json_section(uow.session, case) is None
            # and a deployment on an old case is stored and read back
            uow.session.add(
                RstDeployment(
                    case=case,
                    discipline="lvb",
                    place="thuis",
                    deployed_on=date(2026, 10, 1),
                    minutes=150,
                    recorded_by="coordinator",
                )
            )
            uow.commit()
        with store.uow() as uow:
            case = uow.session.scalars(select(Case).order_by(Case.id)).first()
            section = rst.json_section(uow.session, case)
        assert section["total_hours"] == 2.5
        assert section["deployments"][0]["placement_prevented"] == "onbekend"  # the store's default
        assert section["deployments"][0]["purpose"] == ""
    finally:
        store.close()


def test_downgrade_drops_the_rst_table_and_upgrade_brings_it_back(tmp_path: Path):
    from alembic import command
    from sqlalchemy import inspect

    store = Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        config = migrate._config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
        assert "rst_deployment" not in inspect(store.engine).get_table_names()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert "rst_deployment" in inspect(store.engine).get_table_names()
    finally:
        store.close()

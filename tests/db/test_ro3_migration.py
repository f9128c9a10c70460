"""The shipped old stores (tests/db/stores/schema_000N.sqlite) upgrade to the RO3 tables,
get the region's review term, and accept RO3 rows on their existing cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ret_desk.db import migrate
from ret_desk.db.models import Case, RegionSetting, Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.db.store import Store

STORES = sorted((Path(__file__).parent / "stores").glob("schema_000?.sqlite"))  # one per released schema


@pytest.mark.parametrize("shipped", STORES, ids=lambda p: p.stem)
def test_an_old_store_upgrades_and_takes_ro3_rows(shipped: Path, tmp_path: Path):
    # Given a copy of a store as an older release left it
    path = tmp_path / shipped.name
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it
    store = Store.open(f"sqlite:///{path}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    # Then the review term is there, and an existing case takes a party, agreement and review
    with store.uow() as uow:
        assert uow.session.get(RegionSetting, "ro3_review_days").value == 42
        case = uow.session.scalars(select(Case).order_by(Case.id)).first()
        party = Ro3Party(case_id=case.id, organisation="Wijkteam Assen", role="wijkteam", created_by="test")
        uow.session.add(party)
        uow.flush()
        uow.session.add_all(
            [
                Ro3Agreement(
                    case_id=case.id,
                    party_id=party.id,
                    what="Gezinscoach",
                    due_on=date(2026, 12, 1),
                    status="open",
                    consequence="",
                    created_by="test",
                ),  # fmt: skip
                Ro3Review(case_id=case.id, held_on=date(2026, 11, 20), report="", created_by="test"),
            ]
        )
        uow.commit()
    with store.uow() as uow:
        agreement = uow.session.scalars(select(Ro3Agreement)).one()
        assert (agreement.party.organisation, agreement.version) == ("Wijkteam Assen", 1)
        assert uow.session.scalars(select(Ro3Review.held_on)).all() == [date(2026, 11, 20)]
    store.close()


def test_there_are_old_stores_to_upgrade():
    assert len(STORES) >= 3


def test_the_migration_itself_seeds_the_review_term(tmp_path: Path):
    # Given the oldest shipped store, upgraded by the migrations alone (no region data loaded)
    path = tmp_path / STORES[0].name
    path.write_bytes(STORES[0].read_bytes())
    store = Store.open(f"sqlite:///{path}", upgrade=False)
    migrate.upgrade(store.engine)
    with store.engine.connect() as conn:
        query = "SELECT value FROM region_setting WHERE key = 'ro3_review_days'"
        value = conn.exec_driver_sql(query).scalar()
    assert value == 42
    store.close()


def test_the_ro3_part_downgrades_and_upgrades_again(sqlite_store):
    from alembic import command
    from sqlalchemy import inspect

    cfg = migrate._config()
    with sqlite_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert not [t for t in inspect(sqlite_store.engine).get_table_names() if t.startswith("ro3_")]
    with sqlite_store.engine.connect() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM region_setting WHERE key = 'ro3_review_days'").scalar()
            == 0
        )
    with sqlite_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert {"ro3_party", "ro3_agreement", "ro3_review"} <= set(inspect(sqlite_store.engine).get_table_names())

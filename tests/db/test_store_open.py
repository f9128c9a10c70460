"""Opening a store: schema at head, region data loaded, same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select

from ret_desk.db import migrate
from ret_desk.db.models import DeadlineSetting, Municipality, Route
from ret_desk.services.admin import reference


def test_fresh_store_is_at_head_with_drenthe_loaded(store):
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    names = [m.name for m in reference.municipalities(uow=store.uow())]
    assert len(names) == 12
    assert "Assen" in names and "Emmen" in names
    with store.uow() as uow:
        codes = set(uow.session.scalars(select(Municipality.cbs_code)))
        assert {"GM1680", "GM0106", "GM1701"} <= codes
        # the unrouted terms on their own row; the five routes carry their terms (issue 9)
        assert uow.session.scalar(select(func.count()).select_from(DeadlineSetting)) == 1
        assert set(uow.session.scalars(select(Route.key))) == {"experttafel", "ro3", "rop", "mda++", "rst"}


def test_opening_twice_does_not_duplicate_region_data(store_url):
    from ret_desk.db.store import Store

    for _ in range(2):
        s = Store.open(store_url)
        s.close()
    s = Store.open(store_url)
    assert len(reference.municipalities(uow=s.uow())) == 12
    s.close()

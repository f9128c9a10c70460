"""Paging the capacity board by key (`after=` the last row's key): every offer once, in
the board's order, on SQLite and PostgreSQL; also with a filter."""

from __future__ import annotations

from ret_desk.domain.enums import Role
from ret_desk.services.demo.demo_capacity import generate_capacity
from ret_desk.services.placement import capacity
from ret_desk.services.placement.capacity import CapacityFilter


def by_key(store, actor, flt: CapacityFilter, size: int) -> list[int]:  # noqa: ANN001
    seen, after = [], None
    for _ in range(1000):  # a page that ignored `after` would repeat forever
        page = capacity.list_capacity(uow=store.uow(), actor=actor, flt=flt, limit=size, after=after)
        if not page:
            return seen
        seen += [row.offer_id for row in page]
        after = page[-1].key
    raise AssertionError("paging by key never ended")


def test_the_board_pages_by_key_through_every_offer_once_in_order(store, actors):
    generate_capacity(uow=store.uow(), actor=actors[Role.ADMIN], locations=25, seed=3)
    staff = actors[Role.PLACEMENT_OFFICER]
    for flt in (CapacityFilter(), CapacityFilter(only_free=True)):
        whole = capacity.list_capacity(uow=store.uow(), actor=staff, flt=flt, limit=10_000)
        total = capacity.count_capacity(uow=store.uow(), actor=staff, flt=flt)
        assert len(whole) == total > 7
        assert by_key(store, staff, flt, size=7) == [row.offer_id for row in whole]

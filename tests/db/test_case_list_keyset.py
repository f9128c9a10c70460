"""Paging the case list by key (`after=` the last row's key): every case once, in the same
order as one long page, for every sort both ways; and a case added meanwhile neither
shifts nor repeats a row. Runs on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

import pytest

from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_queries import CaseFilter, SortKey, list_cases
from ret_desk.services.demo import demo_data
from tests.support.drafts import draft


@pytest.fixture
def filled(store, actors):
    demo_data.generate(uow=store.uow(), actor=actors[Role.ADMIN], youths=120, seed=11)
    return store


def by_key(store, actor, sort: SortKey, descending: bool, size: int) -> list[int]:  # noqa: ANN001
    seen, after = [], None
    for _ in range(1000):  # a page that ignored `after` would repeat forever
        page = list_cases(
            uow=store.uow(), actor=actor, flt=CaseFilter(), sort=sort, descending=descending, limit=size,
            after=after,
        )  # fmt: skip
        if not page:
            return seen
        seen += [row.id for row in page]
        after = page[-1].key
    raise AssertionError("paging by key never ended")


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True], ids=["up", "down"])
def test_pages_by_key_match_one_long_page(filled, actors, sort, descending):
    coordinator = actors[Role.COORDINATOR]
    whole = list_cases(
        uow=filled.uow(), actor=coordinator, flt=CaseFilter(), sort=sort, descending=descending, limit=1000
    )
    assert by_key(filled, coordinator, sort, descending, size=17) == [row.id for row in whole]


def test_a_case_added_between_pages_neither_shifts_nor_repeats_a_row(filled, actors):
    # Given the first page, newest referral first
    coordinator = actors[Role.COORDINATOR]
    first = list_cases(uow=filled.uow(), actor=coordinator, flt=CaseFilter(), limit=10)
    # When a new case comes in (it sorts before the page just read)
    intake.register_referral(uow=filled.uow(), actor=coordinator, draft=draft())
    # Then the next page starts right after the last row shown
    following = list_cases(
        uow=filled.uow(), actor=coordinator, flt=CaseFilter(), limit=10, after=first[-1].key
    )
    whole = list_cases(uow=filled.uow(), actor=coordinator, flt=CaseFilter(), limit=1000)
    ids = [row.id for row in whole]
    start = ids.index(first[-1].id) + 1
    assert [row.id for row in following] == ids[start : start + 10]
    assert not {row.id for row in first} & {row.id for row in following}

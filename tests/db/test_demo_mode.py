"""`ret-desk --demo`: a fresh temporary store, fictitious data, a demo coordinator."""

from __future__ import annotations

from ret_desk.domain.bsn import is_valid_bsn
from ret_desk.domain.enums import Role
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.cases.case_queries import CaseFilter, count_cases, list_cases
from ret_desk.services.demo.demo_mode import open_demo_store
from ret_desk.services.experttafel.sittings import list_sessions
from ret_desk.services.placement.capacity import CapacityFilter, count_capacity
from ret_desk.services.placement.placement_requests import list_requests


def test_demo_store_is_filled_and_logged_in_as_coordinator(tmp_path):
    store, actor = open_demo_store(tmp_path, youths=60)
    try:
        assert actor.role is Role.COORDINATOR and actor.username == "demo-coordinator"
        assert count_cases(uow=store.uow(), actor=actor, flt=CaseFilter()) == 60
        rows = list_cases(uow=store.uow(), actor=actor, flt=CaseFilter(), limit=60)
        for row in rows[:10]:
            bsn = get_case(uow=store.uow(), actor=actor, number=row.number).youth["bsn"]
            assert bsn.startswith("9999") and is_valid_bsn(bsn)
        assert (tmp_path / "demo.sqlite").exists()
        # The Experttafel has a held sitting with advice and a planned one
        sittings = list_sessions(uow=store.uow(), actor=actor)
        assert [s.status.value for s in sittings] == ["gepland", "gehouden"]
        assert sittings[1].advised == sittings[1].items > 0
        # Regie op plaatsing has capacity and open requests to work on
        assert count_capacity(uow=store.uow(), actor=actor, flt=CapacityFilter()) > 60
        assert len(list_requests(uow=store.uow(), actor=actor)) > 0
    finally:
        store.close()

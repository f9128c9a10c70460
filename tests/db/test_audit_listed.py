"""Lists and exports name the youths they show (NEN 7513, issue 10 §3): one
`case_in_list` event per case on every page and in every export, found again through
the Logboek's youth filter."""

from __future__ import annotations

from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_query import AuditFilter, open_log
from ret_desk.services.cases import exporter, intake
from ret_desk.services.cases.case_queries import CaseFilter, find_cases, list_cases
from tests.support.drafts import draft


def _listed(store) -> list[tuple]:
    with store.uow() as uow:
        return uow.session.execute(
            select(AuditEvent.case_number, AuditEvent.youth_id, AuditEvent.detail, AuditEvent.chain_seq)
            .where(AuditEvent.action == "case_in_list")
            .order_by(AuditEvent.id)
        ).all()


def _three_cases(store, coordinator) -> list[str]:
    return [
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=draft(bsn=bsn, family_name=name)
        ).number
        for bsn, name in (("999990019", "Zwiers"), ("999990020", "de Vries"), (None, "Bakker"))
    ]


def test_every_page_of_the_case_list_names_its_cases(store, actors):
    coordinator = actors[Role.COORDINATOR]
    numbers = _three_cases(store, coordinator)
    first = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(), limit=2)
    second = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(), limit=2, after=first[-1].key)
    shown = [r.number for r in first + second]
    assert sorted(shown) == sorted(numbers)
    listed = _listed(store)
    assert [n for n, *_ in listed] == shown and all(d == "casuslijst" for _, _, d, _ in listed)
    assert all(y is not None and seq is not None for _, y, _, seq in listed)


def test_the_case_picker_and_an_export_name_their_cases(store, actors, tmp_path):
    coordinator = actors[Role.COORDINATOR]
    numbers = _three_cases(store, coordinator)
    picked = find_cases(uow=store.uow(), actor=coordinator, text="zwiers")
    assert [n for n, _, d, _ in _listed(store)] == [c.number for c in picked] == [numbers[0]]
    exporter.export_cases(uow=store.uow(), actor=coordinator, path=tmp_path / "uit.csv")
    exported = [(n, d) for n, _, d, _ in _listed(store)][1:]
    assert sorted(n for n, _ in exported) == sorted(numbers) and {d for _, d in exported} == {
        "export uit.csv"
    }


def test_the_auditor_finds_who_saw_a_youth_in_a_list(store, actors):
    coordinator = actors[Role.COORDINATOR]
    _three_cases(store, coordinator)
    list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter())
    _, entries = open_log(uow=store.uow(), actor=actors[Role.AUDITOR], flt=AuditFilter(bsn="999990020"))
    assert {(e.actor, e.action) for e in entries} >= {("coordinator", "case_in_list")}


def test_a_refresh_names_only_the_cases_new_to_the_viewer(store, actors):
    """`seen`: the case ids the viewer's open list already showed (a live refresh)."""
    coordinator = actors[Role.COORDINATOR]
    numbers = _three_cases(store, coordinator)
    first = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter())
    before = len(_listed(store))
    # When a fourth case comes and the list is refreshed with what it showed
    kok = draft(family_name="Kok", bsn=None)
    extra = intake.register_referral(uow=store.uow(), actor=coordinator, draft=kok).number
    seen = frozenset(r.id for r in first)
    again = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(), seen=seen)
    # Then all four are shown, and only the new one is logged
    assert {r.number for r in again} == {*numbers, extra}
    assert [row.case_number for row in _listed(store)[before:]] == [extra]


def test_a_refresh_of_the_placement_requests_names_no_case_twice(store, actors, tmp_path):
    from ret_desk.services.placement.placement_requests import list_requests
    from tests.support.rop import case_with_open_request

    coordinator, staff = actors[Role.COORDINATOR], actors[Role.PLACEMENT_OFFICER]
    number = case_with_open_request(store, coordinator, staff, tmp_path)
    rows = list_requests(uow=store.uow(), actor=staff)
    assert [r.case_number for r in rows] == [number]
    before = len(_listed(store))
    list_requests(uow=store.uow(), actor=staff, seen=frozenset(r.case_id for r in rows))
    assert len(_listed(store)) == before

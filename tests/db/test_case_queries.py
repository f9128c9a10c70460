"""The paged case list: filters, search, sorting and paging in SQL, and the signal
filter agreeing with the domain rule case by case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import CaseStatus, Role
from ret_desk.domain.errors import PermissionDenied
from ret_desk.domain.signals import SignalCode
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_queries import CaseFilter, SortKey, count_cases, list_cases
from ret_desk.services.demo import demo_data
from tests.support.drafts import draft


@pytest.fixture
def filled(store, actors):
    demo_data.generate(uow=store.uow(), actor=actors[Role.ADMIN], youths=300, seed=7)
    return store


def test_pages_cover_every_case_once_in_order(filled, coordinator):
    total = count_cases(uow=filled.uow(), actor=coordinator, flt=CaseFilter())
    assert total == 300
    seen = []
    for offset in range(0, total, 64):
        page = list_cases(
            uow=filled.uow(), actor=coordinator, flt=CaseFilter(), sort=SortKey.NUMBER, descending=False,
            offset=offset, limit=64,
        )  # fmt: skip
        seen += [row.number for row in page]
    assert seen == sorted(seen) and len(set(seen)) == 300


@pytest.mark.parametrize("sort", list(SortKey))
def test_every_sort_key_works_both_ways(filled, coordinator, sort):
    up = list_cases(
        uow=filled.uow(), actor=coordinator, flt=CaseFilter(), sort=sort, descending=False, limit=300
    )
    down = list_cases(
        uow=filled.uow(), actor=coordinator, flt=CaseFilter(), sort=sort, descending=True, limit=300
    )
    assert [r.id for r in up] == [r.id for r in reversed(down)]


def test_filters_route_status_municipality(filled, coordinator):
    flt = CaseFilter(route="rop", status=CaseStatus.RUNNING)
    rows = list_cases(uow=filled.uow(), actor=coordinator, flt=flt, limit=1000)
    assert rows and all(r.route == "rop" and r.status is CaseStatus.RUNNING for r in rows)
    assert len(rows) == count_cases(uow=filled.uow(), actor=coordinator, flt=flt)
    emmen = list_cases(
        uow=filled.uow(), actor=coordinator, flt=CaseFilter(municipality_code="GM0114"), limit=1000
    )
    assert emmen and {r.municipality for r in emmen} == {"Emmen"}


@pytest.mark.parametrize("code", list(SignalCode))
def test_signal_filter_agrees_with_the_domain_rule(filled, coordinator, code):
    everything = list_cases(uow=filled.uow(), actor=coordinator, flt=CaseFilter(), limit=1000)
    expected = {r.number for r in everything if code in r.signals}
    filtered = list_cases(uow=filled.uow(), actor=coordinator, flt=CaseFilter(signal=code), limit=1000)
    assert {r.number for r in filtered} == expected
    assert expected, f"demo data should contain at least one {code}"


def test_search_by_name_bsn_and_number(store, coordinator):
    ref = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(given_name="Jildou", bsn="999990019")
    )
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(family_name="Bakker", bsn=None))
    for text in ("jildou", "JILDOU VEEN", "9999.90.019", ref.number.lower()):
        rows = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(search=text))
        assert [r.number for r in rows] == [ref.number], text
    assert list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(search="100%_")) == []


def test_a_list_read_is_audited_without_the_search_text(store, coordinator):
    list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(search="Veenstra", route="rst"))
    with store.uow() as uow:
        event = uow.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_list"))
        assert event.actor_name == "coordinator" and event.workstation
        assert "route=rst" in event.detail and "zoekopdracht" in event.detail
        assert "Veenstra" not in event.detail


def test_overdue_signal_follows_the_stored_term(store, coordinator):
    old = date.today() - timedelta(days=30)
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(referral_date=old, route="rop"))
    intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft(referral_date=old, route="rst"))
    rows = list_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(signal=SignalCode.REFERRAL_OVERDUE))
    assert [r.route for r in rows] == ["rst"]  # RST allows 28 days, ROP 42


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN])
def test_roles_without_case_access_cannot_list(store, actors, role):
    with pytest.raises(PermissionDenied):
        list_cases(uow=store.uow(), actor=actors[role], flt=CaseFilter())

"""Regie op plaatsing on a real store (SQLite and PostgreSQL): capacity and its import,
requests, matching with reasons, decisions, placements and moves."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from ret_desk.db.models import AuditEvent, LocationOffer, MatchDecision
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.errors import InvalidInput, PermissionDenied, RuleViolation, StaleEdit
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.services.cases import intake
from ret_desk.services.placement import (
    capacity,
    location_import,
    match,
    placement_requests,
    placements,
    provider_answers,
)
from tests.support.drafts import draft
from tests.support.rop import LOCATIONS, write_locations

TODAY = date.today()


@pytest.fixture
def staff(actors):
    return actors[Role.PLACEMENT_OFFICER]


@pytest.fixture
def board(store, staff, tmp_path):
    report = location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv")
    )
    assert report.written == len(LOCATIONS) and not report.errors
    return store


@pytest.fixture
def number(board, coordinator) -> str:
    case = draft(route="rop", gva_present=True)
    return intake.register_referral(uow=board.uow(), actor=coordinator, draft=case).number


def request(type_code="pleeggezin", reason="Netwerk is onderzocht en past niet.", **changes):
    base = dict(desired_start=TODAY, urgency=Urgency.NORMAL, type_code=type_code, higher_rung_reason=reason)
    return placement_requests.RequestInput(**(base | changes))


def test_location_import_validates_every_row_first_and_writes_nothing_on_error(store, staff, tmp_path):
    bad = [list(row) for row in LOCATIONS[:3]]
    bad[0][3] = "123"  # not an AGB
    bad[2][10] = "9"  # more free than total
    report = location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "b.csv", bad)
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "locatie_agb"), (4, "plekken_vrij")]
    assert report.written == 0
    assert capacity.count_capacity(uow=store.uow(), actor=staff, flt=capacity.CapacityFilter()) == 0
    dry = location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "b.csv", bad), dry_run=True
    )
    assert (
        dry.valid == 1
        and capacity.count_capacity(uow=store.uow(), actor=staff, flt=capacity.CapacityFilter()) == 0
    )
    skipped = location_import.import_locations(
        uow=store.uow(), actor=staff, path=write_locations(tmp_path / "b.csv", bad), skip_invalid=True
    )
    assert skipped.written == 1


def test_importing_a_known_location_updates_its_capacity(board, staff, tmp_path):
    changed = [list(LOCATIONS[0])]
    changed[0][10] = "5"
    location_import.import_locations(
        uow=board.uow(), actor=staff, path=write_locations(tmp_path / "c.csv", changed)
    )
    rows = capacity.list_capacity(
        uow=board.uow(), actor=staff, flt=capacity.CapacityFilter(search="21000001")
    )
    assert {(r.type_code, r.places_free) for r in rows} == {("pleeggezin", 5), ("netwerkpleeggezin", 1)}
    assert capacity.count_capacity(uow=board.uow(), actor=staff, flt=capacity.CapacityFilter()) == len(
        LOCATIONS
    )


def test_the_board_filters_and_edits_are_versioned_and_audited(board, staff, coordinator):
    flt = capacity.CapacityFilter
    lvb = capacity.list_capacity(uow=board.uow(), actor=staff, flt=flt(specialism="lvb"))
    assert {r.location for r in lvb} == {"Leefgroep Emmen", "Gezinshuis De Linde"}
    assert capacity.count_capacity(uow=board.uow(), actor=staff, flt=flt(scarce="gesloten")) == 1
    assert (
        capacity.count_capacity(uow=board.uow(), actor=staff, flt=flt(municipality="Emmen", only_free=True))
        == 1
    )
    row = capacity.list_capacity(uow=board.uow(), actor=staff, flt=flt(type_code="gezinshuis"))[0]
    version = capacity.update_capacity(
        uow=board.uow(), actor=staff, offer_id=row.offer_id, places_free=0, expected_version=row.version
    )
    with pytest.raises(StaleEdit):
        capacity.update_capacity(
            uow=board.uow(), actor=staff, offer_id=row.offer_id, places_free=2, expected_version=row.version
        )
    with pytest.raises(InvalidInput, match="tussen 0 en het totaal"):
        capacity.update_capacity(uow=board.uow(), actor=staff, offer_id=row.offer_id, places_free=9)
    with pytest.raises(PermissionDenied):
        capacity.update_capacity(uow=board.uow(), actor=coordinator, offer_id=row.offer_id, places_free=1)
    after = capacity.list_capacity(uow=board.uow(), actor=coordinator, flt=flt(type_code="gezinshuis"))[0]
    assert (after.places_free, after.version, after.updated_by, after.stale) == (
        0,
        version,
        staff.username,
        False,
    )
    with board.uow() as uow:
        assert uow.session.scalar(select(func.count()).where(AuditEvent.action == "capacity_edit")) == 1


def test_a_request_above_rung_one_needs_a_reason_and_one_open_request_per_case(board, staff, number):
    with pytest.raises(InvalidInput, match="trede 3"):
        placement_requests.create_request(
            uow=board.uow(), actor=staff, number=number, data=request(reason="")
        )
    placement_requests.create_request(uow=board.uow(), actor=staff, number=number, data=request())
    with pytest.raises(InvalidInput, match="al een open plaatsingsverzoek"):
        placement_requests.create_request(uow=board.uow(), actor=staff, number=number, data=request())
    (row,) = placement_requests.list_requests(uow=board.uow(), actor=staff)
    assert (row.case_number, row.type_code, row.rung, row.status) == (
        number,
        "pleeggezin",
        3,
        RequestStatus.OPEN,
    )


def test_match_ranks_with_reasons_and_the_json_has_the_agreed_shape(board, staff, number):
    placement_requests.create_request(
        uow=board.uow(), actor=staff, number=number, data=request(specialisms=frozenset({"trauma"}))
    )
    view = match.match_case(uow=board.uow(), actor=staff, number=number).to_json()
    assert set(view) == {"request", "candidates", "excluded"}
    first = view["candidates"][0]
    assert set(first) == {
        "location",
        "location_agb",
        "placement_type",
        "rank",
        "score",
        "components",
        "distance_km",
    }
    assert (first["location_agb"], first["placement_type"], first["rank"]) == ("21000001", "pleeggezin", 1)
    assert set(first["components"]) == {"ladder", "specialisms", "distance", "waiting", "freshness"}
    reasons = {(e["location_agb"], e["placement_type"]): e["reasons"] for e in view["excluded"]}
    assert reasons[("21000001", "netwerkpleeggezin")] == ["TYPE"]
    assert reasons[("21000004", "gesloten")] == ["NO_AUTHORISATION"]
    assert "NO_CAPACITY" in reasons[("21000005", "pleeggezin")]
    json.dumps(view)  # plain JSON


def test_a_decision_below_rank_one_needs_a_rationale_and_a_decline_reopens(board, staff, number):
    placement_requests.create_request(uow=board.uow(), actor=staff, number=number, data=request())
    with pytest.raises(InvalidInput, match="rang 2|trede"):
        match.log_decision(
            uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis"
        )
    with pytest.raises(RuleViolation, match="geen vrije plek"):
        match.log_decision(
            uow=board.uow(), actor=staff, number=number, location_agb="21000005", type_code="pleeggezin"
        )
    decision = match.log_decision(
        uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis",
        rationale="Broertje woont al in dit gezinshuis.",
    )  # fmt: skip
    with board.uow() as uow:
        logged = uow.session.get(MatchDecision, decision)
        assert (logged.rank, logged.by_name, logged.request.status) == (2, staff.username, "gematcht")
        assert [c["rank"] for c in json.loads(logged.snapshot)] == [1, 2, 3]  # the top 5, here all three
    provider_answers.record_provider_answer(
        uow=board.uow(), actor=staff, decision_id=decision, accepted=False, reason="Vol"
    )
    assert placement_requests.list_requests(uow=board.uow(), actor=staff)[0].status is RequestStatus.OPEN


def test_a_second_placement_is_a_move_that_needs_a_reason_and_history_counts_it(board, staff, number):
    placement_requests.create_request(uow=board.uow(), actor=staff, number=number, data=request())
    start = TODAY - timedelta(days=100)
    placements.start_placement(
        uow=board.uow(),
        actor=staff,
        number=number,
        location_agb="21000001",
        type_code="pleeggezin",
        started_on=start,
    )
    with pytest.raises(RuleViolation, match="doorplaatsing"):
        placements.start_placement(
            uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis",
            started_on=start + timedelta(days=40),
        )  # fmt: skip
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis",
        started_on=start + timedelta(days=40), move_reason=EndReason.BREAKDOWN_PROVIDER,
    )  # fmt: skip
    history = placements.placement_history(uow=board.uow(), actor=staff, number=number)
    assert [(e.location_agb, e.end_reason) for e in history.timeline] == [
        ("21000001", EndReason.BREAKDOWN_PROVIDER),
        ("21000002", None),
    ]
    assert (history.moves, history.first_time_right) == (1, False)
    assert history.days_per_rung == {"3": 40, "5": 60}
    placements.end_placement(
        uow=board.uow(), actor=staff, number=number, ended_on=TODAY, reason=EndReason.PLANNED
    )
    data = placements.placement_history(uow=board.uow(), actor=staff, number=number).to_json()
    assert (
        data["moves"] == 1
        and data["first_time_right"] is False
        and data["placements"][1]["end_reason"] == "gepland"
    )
    # The place taken at the start is no longer free on the board
    with board.uow() as uow:
        free = uow.session.scalars(
            select(LocationOffer.places_free).where(LocationOffer.type_code == "gezinshuis")
        )
        assert list(free) == [0]


def test_batch_proposal_matches_all_open_requests_at_once(board, staff, coordinator):
    numbers = [
        intake.register_referral(
            uow=board.uow(), actor=coordinator, draft=draft(bsn=bsn, route="rop", gva_present=True)
        ).number
        for bsn in ("999990019", "999990020", "999990032")
    ]
    for n, urgency in zip(numbers, (Urgency.NORMAL, Urgency.CRISIS, Urgency.HIGH), strict=True):
        placement_requests.create_request(
            uow=board.uow(), actor=staff, number=n, data=request(type_code="gezinshuis", urgency=urgency)
        )
    rows, unmatched = match.batch_proposal(uow=board.uow(), actor=staff)
    by_case = {r.case_number: r for r in rows}
    # One gezinshuis place, then residentieel (3 places): the crisis gets the gezinshuis
    assert by_case[numbers[1]].placement_type == "gezinshuis"
    assert {by_case[numbers[0]].placement_type, by_case[numbers[2]].placement_type} == {"residentieel"}
    assert unmatched == []
    with board.uow() as uow:
        read = uow.session.scalars(
            select(AuditEvent.case_number).where(AuditEvent.detail == "batchvoorstel")
        ).all()
        assert sorted(read) == sorted(numbers)


def test_figures_count_lead_time_moves_first_time_right_rungs_and_distance(board, staff, coordinator):
    from ret_desk.services.placement.rop_figures import rop_figures

    first, second = (
        intake.register_referral(
            uow=board.uow(), actor=coordinator, draft=draft(bsn=bsn, route="rop", gva_present=True)
        ).number
        for bsn in ("999990019", "999990020")
    )
    placement_requests.create_request(uow=board.uow(), actor=staff, number=first, data=request(), today=TODAY)
    placements.start_placement(
        uow=board.uow(), actor=staff, number=first, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY + timedelta(days=10),
    )  # fmt: skip
    placements.start_placement(
        uow=board.uow(), actor=staff, number=second, location_agb="21000003", type_code="residentieel",
        started_on=TODAY - timedelta(days=30),
    )  # fmt: skip
    placements.start_placement(
        uow=board.uow(), actor=staff, number=second, location_agb="21000002", type_code="gezinshuis",
        started_on=TODAY, move_reason=EndReason.MISMATCH,
    )  # fmt: skip
    figures = rop_figures(uow=board.uow(), actor=staff)
    assert (figures.placements, figures.youths_placed) == (3, 2)
    assert figures.lead_time_median_days == 10.0
    assert figures.moves_per_youth == 0.5 and figures.first_time_right_share == 0.5
    assert figures.share_per_rung == {"3": 0.333, "5": 0.333, "6": 0.333}
    # Assen 0 km, Hoogeveen ~30 km, Emmen ~30 km: all within verblijf's 75 km limit (seed 000)
    assert figures.within_distance_share == 1.0 and figures.distance_limit_km == 75
    assert figures.distance_limits == {"verblijf": 75, "scarce": 120, "lta": None}


def test_a_capacity_edit_shows_in_the_next_match(board, staff, number):
    placement_requests.create_request(uow=board.uow(), actor=staff, number=number, data=request())
    before = match.match_case(uow=board.uow(), actor=staff, number=number).to_json()
    assert before["candidates"][0]["location_agb"] == "21000001"
    row = capacity.list_capacity(
        uow=board.uow(), actor=staff, flt=capacity.CapacityFilter(search="21000001", type_code="pleeggezin")
    )[0]
    capacity.update_capacity(uow=board.uow(), actor=staff, offer_id=row.offer_id, places_free=0)
    after = match.match_case(uow=board.uow(), actor=staff, number=number).to_json()
    assert after["candidates"][0]["location_agb"] != "21000001"
    reasons = {(e["location_agb"], e["placement_type"]): e["reasons"] for e in after["excluded"]}
    assert reasons[("21000001", "pleeggezin")] == ["NO_CAPACITY"]


def test_a_cancelled_location_import_writes_nothing(store, staff, tmp_path):
    report = location_import.import_locations(
        uow=store.uow(),
        actor=staff,
        path=write_locations(tmp_path / "l.csv"),
        progress=lambda done, total: False,
    )
    assert report.cancelled and report.written == 0
    assert capacity.count_capacity(uow=store.uow(), actor=staff, flt=capacity.CapacityFilter()) == 0


def test_signals_waiting_request_stopgap_distance_and_stale_capacity(board, staff, number, tmp_path):
    from ret_desk.db.base import utcnow
    from ret_desk.services.cases.case_detail import get_case

    # A 'hoog' request waiting longer than its 7-day term
    placement_requests.create_request(
        uow=board.uow(),
        actor=staff,
        number=number,
        data=request(urgency=Urgency.HIGH),
        today=TODAY - timedelta(8),
    )
    (row,) = placement_requests.list_requests(uow=board.uow(), actor=staff)
    assert row.overdue and row.days_waiting == 8
    assert "REQUEST_WAITING" in {
        s["code"] for s in get_case(uow=board.uow(), actor=staff, number=number).signals
    }
    # A stop-gap far from home (Maastricht, some 250 km from Assen)
    far = [list(LOCATIONS[0])]
    far[0][2:8] = ["Vakantiehuis Zuid", "21000077", "Maastricht", "6211 AB", "50.85", "5.69"]
    location_import.import_locations(
        uow=board.uow(), actor=staff, path=write_locations(tmp_path / "f.csv", far)
    )
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000077", type_code="pleeggezin",
        started_on=TODAY, stopgap=True, rationale="Geen plek in de regio; tijdelijk.",
    )  # fmt: skip
    codes = {s["code"] for s in get_case(uow=board.uow(), actor=staff, number=number).signals}
    assert {"STOPGAP_PLACEMENT", "DISTANCE_EXCEEDED"} <= codes and "REQUEST_WAITING" not in codes
    # Capacity nobody touched for longer than the region's 14 days is marked stale
    later = utcnow() + timedelta(days=15)
    rows = capacity.list_capacity(uow=board.uow(), actor=staff, flt=capacity.CapacityFilter(), now=later)
    assert rows and all(r.stale for r in rows)
    assert not any(
        r.stale for r in capacity.list_capacity(uow=board.uow(), actor=staff, flt=capacity.CapacityFilter())
    )


def test_the_case_summary_lists_placements_so_far(board, staff, coordinator, number):
    from ret_desk.services.experttafel import printing
    from tests.reports.pdf_text import flat

    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY - timedelta(days=10),
    )  # fmt: skip
    text = flat(
        printing.case_summary_pdf(uow=board.uow(), actor=coordinator, number=number, pseudonymised=True).pdf
    )
    assert "Plaatsingen tot nu toe" in text and "Pleeggezinnen Assen (Pleeggezin, trede 3" in text
    assert "Doorplaatsingen 0" in text

"""The placement rules held by the store, on SQLite and PostgreSQL (issue 10 §1): the
counter of running placements per offer follows starts, moves and ends; the friendly checks
name the rule; and a write past them is refused with the rule's Dutch message."""

# ruff: noqa: F811 (the fixtures come from test_rop)

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from ret_desk.db.models import Location, LocationOffer
from ret_desk.domain.errors import InvalidInput, RuleViolation
from ret_desk.domain.placement import EndReason
from ret_desk.services.placement import capacity, location_import, placements
from tests.db.test_rop import board, number, staff  # noqa: F401 - fixtures
from tests.support.rop import LOCATIONS, write_locations

TODAY = date.today()


def _offer(store, agb: str, type_code: str) -> tuple[int, int, int]:  # noqa: ANN001
    """(free, taken, total) of one offer, as stored."""
    with store.uow() as uow:
        o = uow.session.scalar(
            select(LocationOffer)
            .join(Location)
            .where(Location.agb == agb, LocationOffer.type_code == type_code)
        )
        return o.places_free, o.places_taken, o.places_total


def test_starts_moves_and_ends_keep_the_count_of_running_placements(board, staff, number):
    # Given a foster family with 2 of 6 places free (tests/support/rop.py)
    assert _offer(board, "21000001", "pleeggezin") == (2, 0, 6)
    # When the youth is placed there, moved to a family home, and that placement ends
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY - timedelta(days=9),
    )  # fmt: skip
    assert _offer(board, "21000001", "pleeggezin") == (1, 1, 6)
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis",
        started_on=TODAY - timedelta(days=2), move_reason=EndReason.MISMATCH,
    )  # fmt: skip
    # Then each place counts its running placements; the free places stay as reported
    assert _offer(board, "21000001", "pleeggezin") == (1, 0, 6)
    assert _offer(board, "21000002", "gezinshuis") == (0, 1, 4)
    placements.end_placement(
        uow=board.uow(), actor=staff, number=number, ended_on=TODAY, reason=EndReason.PLANNED
    )
    assert _offer(board, "21000002", "gezinshuis") == (0, 0, 4)


def test_a_full_place_and_a_total_below_the_running_placements_are_refused_naming_the_rule(
    board, staff, number, tmp_path
):
    # A place with no free place left (Pleeggezinnen Emmen: 0 of 3): the friendly check
    with pytest.raises(RuleViolation, match="Regel: vrije plekken nooit onder nul"):
        placements.start_placement(
            uow=board.uow(), actor=staff, number=number, location_agb="21000005", type_code="pleeggezin",
            started_on=TODAY,
        )  # fmt: skip
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000002", type_code="gezinshuis",
        started_on=TODAY,
    )  # fmt: skip
    # The board and the import cannot set a total below the running placements
    row = capacity.list_capacity(
        uow=board.uow(), actor=staff, flt=capacity.CapacityFilter(search="21000002", type_code="gezinshuis")
    )[0]
    with pytest.raises(InvalidInput, match="nooit meer plaatsingen dan plekken"):
        capacity.update_capacity(
            uow=board.uow(), actor=staff, offer_id=row.offer_id, places_free=0, places_total=0
        )
    rows = [list(r) for r in LOCATIONS if r[3] == "21000002"]
    rows[0][9], rows[0][10] = "0", "0"  # plekken_totaal, plekken_vrij
    report = location_import.import_locations(
        uow=board.uow(), actor=staff, path=write_locations(tmp_path / "l.csv", rows)
    )
    assert report.written == 0 and [
        (e.column, "nooit meer plaatsingen" in e.reason) for e in report.errors
    ] == [("plekken_totaal", True)]
    assert _offer(board, "21000002", "gezinshuis") == (0, 1, 4)


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"places_free": -1}, "Regel: vrije plekken nooit onder nul"),
        ({"places_taken": 7}, "Regel: nooit meer plaatsingen dan plekken"),
        ({"places_taken": -1}, "Regel: nooit meer plaatsingen dan plekken"),
    ],
)
def test_a_write_past_the_checks_is_refused_by_the_store_in_dutch(board, values, rule):
    # Given a write that no service makes, straight through a unit of work
    with pytest.raises(RuleViolation, match=rule), board.uow() as uow:
        uow.session.execute(update(LocationOffer).values(**values))
        uow.commit()
    # Then nothing changed
    assert _offer(board, "21000001", "pleeggezin") == (2, 0, 6)


def test_the_placement_rules_downgrade_and_upgrade_again(store):
    from alembic import command
    from sqlalchemy import inspect

    from ret_desk.db import migrate

    def rules(conn) -> tuple[bool, set[str]]:  # noqa: ANN001
        columns = {c["name"] for c in inspect(conn).get_columns("location_offer")}
        indexes = {
            i["name"] for t in ("placement", "placement_request") for i in inspect(conn).get_indexes(t)
        }
        return "places_taken" in columns, indexes & {
            "uq_placement_running_youth",
            "uq_placement_request_open_case",
        }

    config = migrate._config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        assert rules(conn) == (False, set())
        command.upgrade(config, "head")
        assert rules(conn) == (True, {"uq_placement_running_youth", "uq_placement_request_open_case"})

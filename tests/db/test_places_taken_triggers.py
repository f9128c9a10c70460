"""The count of running placements per offer (location_offer.places_taken) is the store's
own, on SQLite and PostgreSQL (issue 10 §1): row triggers on placement keep it whoever
writes the placement, and on PostgreSQL no group may edit the count itself."""

# ruff: noqa: F811 (the fixtures come from test_rop and pg_auth)

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import errors as pgerrors
from sqlalchemy import text

from ret_desk.domain.enums import Role
from ret_desk.domain.errors import RuleViolation
from ret_desk.services.placement import placements
from tests.db.test_placement_rules_store import _offer
from tests.db.test_rop import board, number, staff  # noqa: F401 - fixtures
from tests.support.pg_auth import Team, team_fixture  # noqa: F401 - fixtures

TODAY = date.today()


def _sql(store, statement: str, **params) -> None:  # noqa: ANN001, ANN003
    """A write straight to the store, past every service (as psql would)."""
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_the_store_counts_running_placements_whoever_writes_them(board, staff, number):
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY,
    )  # fmt: skip
    assert _offer(board, "21000001", "pleeggezin") == (1, 1, 6)
    # Ending it past the app gives its place back; running again takes it again
    _sql(board, "UPDATE placement SET ended_on = :on", on=TODAY)
    assert _offer(board, "21000001", "pleeggezin") == (1, 0, 6)
    _sql(board, "UPDATE placement SET ended_on = NULL")
    assert _offer(board, "21000001", "pleeggezin") == (1, 1, 6)
    # A youth merge moves the placement to another youth: the place stays taken
    _sql(board, "UPDATE placement SET youth_id = youth_id")
    assert _offer(board, "21000001", "pleeggezin") == (1, 1, 6)
    # Moving the row to another offer moves the count
    _sql(
        board,
        "UPDATE placement SET type_code = 'gezinshuis', location_id = "
        "(SELECT id FROM location WHERE agb = '21000002')",
    )
    assert _offer(board, "21000001", "pleeggezin") == (1, 0, 6)
    assert _offer(board, "21000002", "gezinshuis") == (1, 1, 4)
    # Deleting a running placement gives its place back
    _sql(board, "DELETE FROM placement")
    assert _offer(board, "21000002", "gezinshuis") == (1, 0, 4)


def test_a_placement_written_past_the_app_into_a_full_offer_is_refused(board, staff, number):
    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY,
    )  # fmt: skip
    _sql(board, "UPDATE placement SET ended_on = :on", on=TODAY)
    _sql(board, "UPDATE location_offer SET places_total = 0, places_free = 0 WHERE places_taken = 0")
    # Reopening the ended placement would make one placement in zero places
    with pytest.raises(RuleViolation, match="Regel: nooit meer plaatsingen dan plekken"), board.uow() as uow:
        uow.session.execute(text("UPDATE placement SET ended_on = NULL"))
        uow.commit()
    assert _offer(board, "21000001", "pleeggezin") == (0, 0, 0)


@pytest.mark.pg
def test_no_group_may_edit_the_count_of_running_placements(team: Team) -> None:
    with team.connect(Role.PLACEMENT_OFFICER) as conn:
        with pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("UPDATE location_offer SET places_taken = 0")
        conn.rollback()
        # the columns the board and the import edit stay editable
        conn.execute(
            "UPDATE location_offer SET places_free = places_free, places_total = places_total, "
            "waiting_days = waiting_days, updated_by = updated_by, version = version"
        )
        conn.rollback()
    for role in (Role.COORDINATOR, Role.CHAIR, Role.AUDITOR, Role.ADMIN):
        with team.connect(role) as conn, pytest.raises(psycopg.Error):
            conn.execute("UPDATE location_offer SET places_taken = 0")


def test_the_triggers_downgrade_and_upgrade_again(board, staff, number):
    from alembic import command

    from ret_desk.db import migrate

    placements.start_placement(
        uow=board.uow(), actor=staff, number=number, location_agb="21000001", type_code="pleeggezin",
        started_on=TODAY,
    )  # fmt: skip
    config = migrate._config()
    with board.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        conn.execute(text("UPDATE placement SET ended_on = NULL"))  # no trigger, no counter now
        command.upgrade(config, "head")
    assert _offer(board, "21000001", "pleeggezin") == (1, 1, 6)  # counted again at upgrade
    _sql(board, "UPDATE placement SET ended_on = :on", on=TODAY)
    assert _offer(board, "21000001", "pleeggezin") == (1, 0, 6)  # and kept by the triggers again

"""`import locations`: a location's municipality (issue 11 §2). The region's own by CBS code
or name is stored by the region's name; a place elsewhere by its name; an unknown code,
or a "name" no municipality has, is a Dutch row error and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ret_desk.db.models import Location
from ret_desk.domain.enums import Role
from ret_desk.services.placement import location_import
from tests.support.rop import LOCATIONS, write_locations


def with_municipality(*names: str) -> list[list[str]]:
    rows = []
    for i, name in enumerate(names):
        row = list(LOCATIONS[0])
        row[3], row[4] = f"2100009{i}", name
        rows.append(row)
    return rows


def test_the_regions_municipality_is_stored_by_its_name(store, actors, tmp_path):
    staff = actors[Role.PLACEMENT_OFFICER]
    path = write_locations(tmp_path / "l.csv", with_municipality("GM0106", "assen", "gm0114", "Maastricht"))
    report = location_import.import_locations(uow=store.uow(), actor=staff, path=path)
    assert (report.errors, report.written) == ([], 4)
    with store.uow() as uow:
        stored = list(uow.session.scalars(select(Location.municipality).order_by(Location.agb)))
    assert stored == ["Assen", "Assen", "Emmen", "Maastricht"]


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        (
            "GM9999",
            "'GM9999' is geen gemeentecode van de regio; kies uit: GM1680 (Aa en Hunze), GM0106 (Assen)",
        ),
        ("GM0014", "'GM0014' is geen gemeentecode van de regio"),
        ("9401 AA", "'9401 AA' is geen gemeentecode en geen naam van een gemeente."),
    ],
)
def test_an_unknown_code_is_a_row_error(store, actors, tmp_path, given, reason):
    staff = actors[Role.PLACEMENT_OFFICER]
    path = write_locations(tmp_path / "l.csv", with_municipality(given))
    report = location_import.import_locations(uow=store.uow(), actor=staff, path=path, skip_invalid=True)
    assert report.written == 0
    assert [(e.row, e.column) for e in report.errors] == [(2, "gemeente")]
    assert report.errors[0].reason.startswith(reason)

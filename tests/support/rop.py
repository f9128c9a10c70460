"""Fictitious providers and locations for Regie-op-plaatsing tests, as an import file."""

# ruff: noqa: E501 (one location per two lines reads best as a table)

from __future__ import annotations

import csv
from pathlib import Path

from ret_desk.services.placement.location_import import COLUMNS

# Assen is home to the test youths (draft() uses GM0106); distances grow down the list.
LOCATIONS = [
    # Columns as location_import.COLUMNS.
    ["Pleegzorg Drenthe", "11000001", "Pleeggezinnen Assen", "21000001", "Assen", "9401 AA", "52.99", "6.56",
     "pleeggezin", "6", "2", "10", "0", "17", "alle", "trauma", "open", "ja", ""],
    ["Pleegzorg Drenthe", "11000001", "Pleeggezinnen Assen", "21000001", "Assen", "9401 AA", "52.99", "6.56",
     "netwerkpleeggezin", "4", "1", "5", "0", "17", "alle", "", "open", "ja", ""],
    ["Gezinshuizen Noord", "11000002", "Gezinshuis De Linde", "21000002", "Hoogeveen", "7901 AB", "52.72", "6.48",
     "gezinshuis", "4", "1", "20", "4", "18", "alle", "trauma, lvb", "open", "ja", ""],
    ["Jeugdzorg Groot", "11000003", "Leefgroep Emmen", "21000003", "Emmen", "7811 CD", "52.78", "6.90",
     "residentieel", "10", "3", "30", "12", "18", "alle", "lvb", "besloten", "nee", ""],
    ["Jeugdzorg Groot", "11000003", "JeugdzorgPlus Zuid", "21000004", "Groningen", "9711 EF", "53.22", "6.57",
     "gesloten", "8", "1", "60", "12", "18", "alle", "forensisch", "gesloten", "nee", "gesloten"],
    ["Pleegzorg Drenthe", "11000001", "Pleeggezinnen Emmen", "21000005", "Emmen", "7811 GH", "52.78", "6.90",
     "pleeggezin", "3", "0", "40", "0", "17", "v", "trauma", "open", "nee", ""],
]  # fmt: skip


def write_locations(path: Path, rows: list[list[str]] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(LOCATIONS if rows is None else rows)
    return path


def case_with_open_request(store, coordinator, staff, folder: Path) -> str:  # noqa: ANN001
    """The fictitious locations imported, and a ROP case (with its GVA) with an open request
    for a foster family, one rung above the lowest (with its reason); its case number."""
    from datetime import date

    from ret_desk.domain.enums import Urgency
    from ret_desk.services.cases import intake
    from ret_desk.services.placement import location_import, placement_requests
    from tests.support.drafts import draft

    location_import.import_locations(uow=store.uow(), actor=staff, path=write_locations(folder / "l.csv"))
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(route="rop", gva_present=True)
    ).number
    placement_requests.create_request(
        uow=store.uow(), actor=staff, number=number,
        data=placement_requests.RequestInput(date.today(), Urgency.HIGH, "pleeggezin", "Netwerk past niet"),
    )  # fmt: skip
    return number

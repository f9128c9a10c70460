"""Issue 11 §2 in the app: `Locaties importeren` with a hostile file shows the Dutch
refusal (the one error dialog for a file that cannot be read, the summary for a row)
and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select

from ret_desk.db.models import Location, LocationOffer
from ret_desk.domain.enums import Role
from ret_desk.services.context import Workspace
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.import_flow import LocationImportFlow

CORPUS = Path(__file__).parents[1] / "data" / "hostile"
WAIT = 10_000


@pytest.fixture
def flow(qtbot, sqlite_store, actors_sqlite):
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.resize(1024, 768)
    owner.show()
    return LocationImportFlow(Workspace(sqlite_store, actors_sqlite[Role.PLACEMENT_OFFICER]), owner), owner


def stored(store) -> tuple[int, int]:  # noqa: ANN001
    with store.uow() as uow:
        return (
            uow.session.scalar(select(func.count(Location.id))),
            uow.session.scalar(select(func.count(LocationOffer.id))),
        )


def error_dialog(owner: QWidget) -> QMessageBox | None:
    return next((b for b in owner.findChildren(QMessageBox) if b.objectName() == "errorDialog"), None)


def test_a_zip_bomb_shows_the_dutch_refusal_and_writes_nothing(qtbot, flow, sqlite_store):
    importer, owner = flow
    importer.run(CORPUS / "generic" / "zip_bomb_ratio.xlsx")
    qtbot.waitUntil(lambda: error_dialog(owner) is not None, timeout=WAIT)
    text = error_dialog(owner).text()
    assert "zip-bom" in text and "200 keer" in text and "Er is niets geïmporteerd." in text
    assert "Traceback" not in text and "Error" not in text
    assert stored(sqlite_store) == (0, 0)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def test_a_control_character_is_named_by_row_and_column_in_the_summary(qtbot, flow, sqlite_store):
    importer, _ = flow
    importer.run(CORPUS / "locations" / "control_escape_locatie.csv")
    qtbot.waitUntil(lambda: importer.summary is not None, timeout=WAIT)
    text = importer.summary.text()
    assert text.startswith("Niets geïmporteerd: 1 fout in 1 rij.")
    assert "rij 2, kolom locatie: Bevat een stuurteken (U+001B" in text
    assert "\x1b" not in text  # the escape itself never reaches the screen
    assert stored(sqlite_store) == (0, 0)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)

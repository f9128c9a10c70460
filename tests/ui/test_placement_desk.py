"""The Regie-op-plaatsing desk, driven as its staff would: edit capacity on the board,
open the match dialog, log a match with its rationale, place the youth, move them on
(ending the first placement as a move) and read the history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QSpinBox

from ret_desk.domain.enums import Role, Route, Urgency
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.services import capacity, intake, location_import, placement_requests
from ret_desk.services.context import Workspace
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.capacity_model import COL_FREE
from ret_desk.ui.placement.match_dialog import MatchDialog
from ret_desk.ui.placement.workspace import PlacementWorkspace
from tests.support.drafts import draft
from tests.support.rop import write_locations

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def staff(actors_sqlite):
    return actors_sqlite[Role.PLACEMENT_OFFICER]


@pytest.fixture
def number(sqlite_store, actors_sqlite, staff, tmp_path) -> str:
    location_import.import_locations(
        uow=sqlite_store.uow(), actor=staff, path=write_locations(tmp_path / "l.csv")
    )
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=actors_sqlite[Role.COORDINATOR], draft=draft(route=Route.ROP)
    ).number
    placement_requests.create_request(
        uow=sqlite_store.uow(), actor=staff, number=number,
        data=placement_requests.RequestInput(date.today(), Urgency.HIGH, "pleeggezin", "Netwerk past niet"),
    )  # fmt: skip
    return number


@pytest.fixture
def desk(qtbot, sqlite_store, staff, number) -> PlacementWorkspace:
    desk = PlacementWorkspace(Workspace(sqlite_store, staff))
    qtbot.addWidget(desk)
    desk.resize(1300, 800)
    desk.show()
    desk.start()
    qtbot.waitUntil(
        lambda: desk.board.model.rowCount() > 0 and desk.requests.table.rowCount() == 1, timeout=WAIT
    )
    idle(qtbot)
    return desk


def test_edit_capacity_in_the_board(qtbot, desk, sqlite_store, staff):
    model, view = desk.board.model, desk.board.table
    row = next(i for i, r in enumerate(model.rows) if r.type_code == "gezinshuis")
    index = model.index(row, COL_FREE)
    # Given the gezinshuis row, when the user edits "Vrij" in place and presses Enter
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QSpinBox)
    editor.setValue(3)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Then the board shows it, and the store has it, with who changed it
    qtbot.waitUntil(lambda: model.rows[row].places_free == 3, timeout=WAIT)
    stored = capacity.list_capacity(
        uow=sqlite_store.uow(), actor=staff, flt=capacity.CapacityFilter(type_code="gezinshuis")
    )[0]
    assert (stored.places_free, stored.updated_by) == (3, staff.username)
    # A value above the total is refused in Dutch and the board shows what is stored
    view.edit(index)
    editor = view.findChild(QSpinBox)
    editor.setValue(99)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.findChild(object, "errorDialog") is not None, timeout=WAIT)
    assert "tussen 0 en het totaal" in desk.findChild(object, "errorDialog").text()
    idle(qtbot)
    assert next(r for r in model.rows if r.type_code == "gezinshuis").places_free == 3


def test_match_log_place_move_and_history(qtbot, desk, number):
    # When staff open the match dialog for the request
    desk.tabs.setCurrentWidget(desk.requests)
    desk.requests.table.selectRow(0)
    qtbot.mouseClick(desk.requests.match_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, MatchDialog), timeout=WAIT)
    dialog = desk.active_dialog
    # Then candidates show with their score parts, and excluded locations with their reasons
    assert dialog.candidates.item(0, 2).text() == "21000001" and dialog.candidates.item(0, 0).text() == "1"
    reasons = [dialog.excluded.item(r, 4).text() for r in range(dialog.excluded.rowCount())]
    assert any("geen vrije plek" in text for text in reasons)
    assert any("plaatsingsvorm niet aangeboden" in text for text in reasons)
    assert not any("NO_CAPACITY" in text or "TYPE" in text for text in reasons)  # labels, not codes
    # Choosing rank 2 needs a rationale before it can be logged
    dialog.candidates.selectRow(1)
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.rationale, "Broertje woont in dit gezinshuis.")
    assert save.isEnabled()
    chosen = dialog.chosen()
    qtbot.mouseClick(save, CLICK)
    qtbot.waitUntil(lambda: desk.requests.table.rowCount() == 1 and desk.requests.table.item(0, 5).text()
                    == RequestStatus.MATCHED.label, timeout=WAIT)  # fmt: skip
    idle(qtbot)
    # Place the youth there, then move them on: the first placement ends as a move
    desk.tabs.setCurrentWidget(desk.timeline)
    desk.timeline.number.setText(number)
    qtbot.mouseClick(desk.timeline.show_button, CLICK)
    qtbot.waitUntil(lambda: desk.timeline.history is not None, timeout=WAIT)
    start_placement(
        qtbot, desk, chosen.offer.location_agb, chosen.offer.type_code, date.today() - timedelta(days=30)
    )
    qtbot.waitUntil(lambda: len(desk.timeline.history.timeline) == 1, timeout=WAIT)
    start_placement(
        qtbot, desk, "21000001", "pleeggezin", date.today(), move_reason=EndReason.BREAKDOWN_YOUTH
    )
    qtbot.waitUntil(lambda: len(desk.timeline.history.timeline) == 2, timeout=WAIT)
    # Then the history shows the move, its reason, and first-time-right is lost
    history = desk.timeline.history
    assert history.moves == 1 and history.first_time_right is False
    assert desk.timeline.table.item(0, 7).text() == EndReason.BREAKDOWN_YOUTH.label
    assert "<b>1 doorplaatsing</b>" in desk.timeline.summary.text()
    idle(qtbot)


def start_placement(
    qtbot, desk, agb: str, type_code: str, on: date, move_reason: EndReason | None = None
) -> None:
    qtbot.mouseClick(desk.timeline.start_button, CLICK)
    dialog = desk.active_dialog
    qtbot.keyClicks(dialog.location_agb, agb)
    dialog.type.setCurrentIndex(dialog.type.findData(type_code))
    dialog.started_on.setDate(QDate(on.year, on.month, on.day))
    if move_reason is not None:
        assert dialog.has_running
        dialog.move_reason.setCurrentIndex(dialog.move_reason.findData(move_reason.value))
        dialog.rationale.setText("Terug naar pleeggezin na breakdown.")
    qtbot.mouseClick(dialog.buttons.buttons()[0], CLICK)


def test_import_locations_from_the_app_shows_a_summary_and_the_new_rows(qtbot, desk, tmp_path):
    from tests.support.rop import LOCATIONS

    new = [list(LOCATIONS[2])]
    new[0][2], new[0][3] = "Gezinshuis De Eik", "21000099"
    desk.importer.run(write_locations(tmp_path / "nieuw.csv", new))
    qtbot.waitUntil(lambda: desk.importer.summary is not None, timeout=WAIT)
    assert desk.importer.summary.text() == "1 regel geïmporteerd (1 rij)."
    qtbot.waitUntil(
        lambda: any(r.location == "Gezinshuis De Eik" for r in desk.board.model.rows), timeout=WAIT
    )
    # A file with an error writes nothing and lists the error
    bad = [list(LOCATIONS[0])]
    bad[0][3] = "12"
    desk.importer.summary = None
    desk.importer.run(write_locations(tmp_path / "fout.csv", bad))
    qtbot.waitUntil(lambda: desk.importer.summary is not None, timeout=WAIT)
    assert "rij 2, kolom locatie_agb" in desk.importer.summary.text()
    idle(qtbot)


def test_a_new_request_and_the_providers_decline(qtbot, desk, sqlite_store, actors_sqlite, staff):
    from ret_desk.services import match
    from ret_desk.ui.placement.request_dialogs import AnswerDialog, RequestDialog

    other = intake.register_referral(
        uow=sqlite_store.uow(),
        actor=actors_sqlite[Role.COORDINATOR],
        draft=draft(bsn="999990020", route=Route.ROP),
    ).number
    desk.tabs.setCurrentWidget(desk.requests)
    # A new request through the dialog: above rung 1 the reason is asked for by the service
    qtbot.mouseClick(desk.requests.new_button, CLICK)
    dialog = desk.active_dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.keyClicks(dialog.number, other)
    dialog.type.setCurrentIndex(dialog.type.findData("gezinshuis"))
    qtbot.keyClicks(dialog.reason, "Pleegzorg is twee keer misgegaan.")
    qtbot.mouseClick(dialog.buttons.buttons()[0], CLICK)
    qtbot.waitUntil(lambda: desk.requests.table.rowCount() == 2, timeout=WAIT)
    idle(qtbot)
    # A logged match that the provider declines: the request is open again
    match.log_decision(
        uow=sqlite_store.uow(), actor=staff, number=other, location_agb="21000002", type_code="gezinshuis"
    )
    desk.reload_requests()
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label in _statuses(desk), timeout=WAIT)
    row = next(r for r in range(2) if desk.requests.table.item(r, 0).text() == other)
    desk.requests.table.selectRow(row)
    qtbot.mouseClick(desk.requests.answer_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, AnswerDialog), timeout=WAIT)
    answer = desk.active_dialog
    answer.answer.setCurrentIndex(1)
    assert not answer.buttons.buttons()[0].isEnabled()  # a decline needs its reason
    qtbot.keyClicks(answer.reason, "Groep is vol")
    qtbot.mouseClick(answer.buttons.buttons()[0], CLICK)
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label not in _statuses(desk), timeout=WAIT)
    idle(qtbot)


def _statuses(desk) -> list[str]:
    return [desk.requests.table.item(r, 5).text() for r in range(desk.requests.table.rowCount())]


def test_batch_proposal_in_the_app_accept_one_line_reject_another(
    qtbot, desk, sqlite_store, actors_sqlite, staff
):
    from ret_desk.ui.placement.batch_dialog import BatchDialog

    other = intake.register_referral(
        uow=sqlite_store.uow(),
        actor=actors_sqlite[Role.COORDINATOR],
        draft=draft(bsn="999990020", route=Route.ROP),
    ).number
    placement_requests.create_request(
        uow=sqlite_store.uow(), actor=staff, number=other,
        data=placement_requests.RequestInput(date.today(), Urgency.CRISIS, "gezinshuis", "Pleegzorg faalde"),
    )  # fmt: skip
    desk.tabs.setCurrentWidget(desk.requests)
    qtbot.mouseClick(desk.requests.batch_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, BatchDialog), timeout=WAIT)
    dialog = desk.active_dialog
    assert dialog.table.rowCount() == 2 and desk.progress is None
    # Reject the first line, accept the other: one decision is logged
    dialog.table.selectRow(0)
    rejected = dialog.table.item(0, 0).text()
    qtbot.mouseClick(dialog.reject_button, CLICK)
    assert dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.accept_button, CLICK)
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label in _statuses(desk), timeout=WAIT)
    idle(qtbot)
    statuses = {
        desk.requests.table.item(r, 0).text(): desk.requests.table.item(r, 5).text() for r in range(2)
    }
    assert statuses[rejected] == RequestStatus.OPEN.label


def test_the_main_window_loads_only_the_workspace_in_view(qtbot, sqlite_store, staff, number, settings):
    from ret_desk.services import reference
    from ret_desk.ui.main_window import MainWindow

    window = MainWindow(
        Workspace(sqlite_store, staff), reference.municipalities(uow=sqlite_store.uow()), settings
    )
    qtbot.addWidget(window)
    window.start()
    # Placement staff start in Regie op plaatsing; the case list is not queried yet
    assert window.stack.currentWidget() is window.placement
    qtbot.waitUntil(lambda: window.placement.board.model.rowCount() > 0, timeout=WAIT)
    idle(qtbot)
    assert window.cases.model.total == 0 and window.cases.model.rowCount() == 0
    # Choosing the cases loads them
    window.workspace_bar.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.cases.model.total == 1, timeout=WAIT)
    idle(qtbot)

"""The Regie-op-plaatsing desk, driven as its staff would: edit capacity on the board,
open the match dialog, log a match with its rationale, place the youth, move them on
(ending the first placement as a move) and read the history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QSpinBox
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role, Urgency
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.services.placement import capacity, placement_requests
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.capacity_model import COL_FREE
from ret_desk.ui.placement.match_dialog import MatchDialog
from ret_desk.ui.placement.placement_dialogs import StartPlacementDialog
from ret_desk.ui.placement.workspace import PlacementWorkspace
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.support.rop import case_with_open_request, write_locations
from tests.support.tables import cell

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def staff(actors_sqlite):
    return actors_sqlite[Role.PLACEMENT_OFFICER]


@pytest.fixture
def number(sqlite_store, actors_sqlite, staff, tmp_path) -> str:
    number = case_with_open_request(sqlite_store, actors_sqlite[Role.COORDINATOR], staff, tmp_path)
    return number


@pytest.fixture
def desk(qtbot, sqlite_store, staff, number) -> PlacementWorkspace:
    desk = PlacementWorkspace(Workspace(sqlite_store, staff))
    qtbot.addWidget(desk)
    desk.resize(1300, 800)
    desk.show()
    desk.start()
    qtbot.waitUntil(
        lambda: desk.board.model.rowCount() > 0 and desk.requests.table.model().rowCount() == 1, timeout=WAIT
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


def test_match_log_place_move_and_history(qtbot, desk, number, sqlite_store):
    # When staff open the match dialog for the request
    desk.tabs.setCurrentWidget(desk.requests)
    desk.requests.table.selectRow(0)
    qtbot.mouseClick(desk.requests.match_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, MatchDialog), timeout=WAIT)
    dialog = desk.active_dialog
    # Then candidates show with their score parts, and excluded locations with their reasons
    assert cell(dialog.candidates, 0, 2) == "21000001" and cell(dialog.candidates, 0, 0) == "1"
    reasons = [cell(dialog.excluded, r, 4) for r in range(dialog.excluded.model().rowCount())]
    assert any("geen vrije plek" in text for text in reasons)
    assert any("plaatsingsvorm niet aangeboden" in text for text in reasons)
    assert not any("NO_CAPACITY" in text or "TYPE" in text for text in reasons)  # labels, not codes
    # Choosing rank 2 needs a rationale before it can be logged
    dialog.candidates.selectRow(1)
    assert save_is_refused(qtbot, dialog)
    qtbot.keyClicks(dialog.rationale, "Broertje woont in dit gezinshuis.")
    assert dialog.save_button.isEnabled()
    chosen = dialog.chosen()
    # When they log it and place at once ("Vastleggen en plaatsen")
    qtbot.mouseClick(dialog.place_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, StartPlacementDialog), timeout=WAIT)
    start = desk.active_dialog
    # Then the start-placement dialog is filled with the case, the location and the type
    assert start.case.text() == number and start.case.isReadOnly()
    assert start.location_agb.text() == chosen.offer.location_agb
    assert start.type.currentData() == chosen.offer.type_code and not start.has_running
    # the request list reloads in the background after the match was logged
    qtbot.waitUntil(lambda: cell(desk.requests.table, 0, 5) == RequestStatus.MATCHED.label, timeout=WAIT)
    on = date.today() - timedelta(days=30)
    start.started_on.setDate(QDate(on.year, on.month, on.day))
    qtbot.mouseClick(start.save_button, CLICK)
    qtbot.waitUntil(lambda: desk.timeline.history is not None and len(desk.timeline.history.timeline) == 1,
                    timeout=WAIT)  # fmt: skip
    idle(qtbot)
    # Move them on: the first placement ends as a move, after a Ja to the question
    start_placement(
        qtbot, desk, "21000001", "pleeggezin", date.today(), move_reason=EndReason.BREAKDOWN_YOUTH
    )
    qtbot.waitUntil(lambda: len(desk.timeline.history.timeline) == 2, timeout=WAIT)
    # Then the history shows the move, its reason, and first-time-right is lost
    history = desk.timeline.history
    assert history.moves == 1 and history.first_time_right is False
    assert cell(desk.timeline.table, 0, 7) == EndReason.BREAKDOWN_YOUTH.label
    assert "<b>1 doorplaatsing</b>" in desk.timeline.summary.text()
    idle(qtbot)
    with sqlite_store.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_number == number)))
    assert actions.count("placement_start") == 2 and "placement_end" in actions


def answer_confirm(qtbot, parent, yes: bool) -> None:
    """The Ja/Nee question: Enter answers the default Nee; J (its mnemonic) answers Ja."""
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is not None, timeout=WAIT)
    box = parent.findChild(QMessageBox, "confirmDialog")
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    if yes:
        qtbot.keyClick(box, Qt.Key.Key_J)
    else:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is None, timeout=WAIT)


def start_placement(
    qtbot, desk, agb: str, type_code: str, on: date, move_reason: EndReason | None = None
) -> None:
    qtbot.mouseClick(desk.timeline.start_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, StartPlacementDialog)
                    and desk.active_dialog.isVisible(), timeout=WAIT)  # fmt: skip
    dialog = desk.active_dialog
    qtbot.keyClicks(dialog.location_agb, agb)
    dialog.type.setCurrentIndex(dialog.type.findData(type_code))
    dialog.started_on.setDate(QDate(on.year, on.month, on.day))
    if move_reason is not None:
        assert dialog.has_running and dialog.move_reason.currentIndex() == 0  # nothing preselected
        dialog.move_reason.setCurrentIndex(dialog.move_reason.findData(move_reason.value))
        dialog.rationale.setText("Terug naar pleeggezin na breakdown.")
    qtbot.mouseClick(dialog.save_button, CLICK)
    if move_reason is not None:
        answer_confirm(qtbot, dialog, yes=True)


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


def test_a_new_request_and_the_providers_decline(qtbot, desk, sqlite_store, actors_sqlite, staff, number):
    from ret_desk.services.placement import match
    from ret_desk.ui.placement.request_dialogs import AnswerDialog, RequestDialog

    other = intake.register_referral(
        uow=sqlite_store.uow(),
        actor=actors_sqlite[Role.COORDINATOR],
        draft=draft(bsn="999990020", route="rop", gva_present=True),
    ).number
    desk.tabs.setCurrentWidget(desk.requests)
    # A new request through the dialog, first for the case that already has one
    qtbot.mouseClick(desk.requests.new_button, CLICK)
    dialog = desk.active_dialog
    assert isinstance(dialog, RequestDialog)
    assert [dialog.urgency.currentIndex(), dialog.type.currentIndex(), dialog.security.currentIndex()] == [
        0,
        0,
        0,
    ]
    qtbot.keyClicks(dialog.number, number)
    qtbot.keyClick(dialog.urgency, Qt.Key.Key_Down)
    dialog.type.setCurrentIndex(dialog.type.findData("gezinshuis"))
    qtbot.keyClick(dialog.security, Qt.Key.Key_Down)
    assert not dialog.error_labels["urgency"].isVisible()  # nothing said before the user left a field
    qtbot.keyClicks(dialog.reason, "Pleegzorg is twee keer misgegaan.")
    qtbot.mouseClick(dialog.save_button, CLICK)
    # The service refuses: the dialog stays open with the Dutch message and what was typed
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "al een open plaatsingsverzoek" in dialog.error_labels["case"].text() and dialog.isVisible()
    assert dialog.error_labels["case"].isVisible() and "Niet opgeslagen" in dialog.refusal.text()
    assert dialog.reason.text() == "Pleegzorg is twee keer misgegaan." and dialog.urgency.currentIndex() == 1
    # For the other case it is stored
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, other)
    qtbot.mouseClick(dialog.save_button, CLICK)
    qtbot.waitUntil(lambda: desk.requests.table.model().rowCount() == 2, timeout=WAIT)
    assert not dialog.isVisible()
    idle(qtbot)
    # A logged match that the provider declines: the request is open again
    match.log_decision(
        uow=sqlite_store.uow(), actor=staff, number=other, location_agb="21000002", type_code="gezinshuis"
    )
    desk.reload_requests()
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label in _statuses(desk), timeout=WAIT)
    row = next(r for r in range(2) if cell(desk.requests.table, r, 0) == other)
    desk.requests.table.selectRow(row)
    qtbot.mouseClick(desk.requests.answer_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, AnswerDialog), timeout=WAIT)
    answer = desk.active_dialog
    assert save_is_refused(qtbot, answer)  # no answer chosen yet
    answer.answer.setCurrentIndex(2)
    assert save_is_refused(qtbot, answer)  # a decline needs its reason
    qtbot.keyClicks(answer.reason, "Groep is vol")
    qtbot.mouseClick(answer.buttons.buttons()[0], CLICK)
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label not in _statuses(desk), timeout=WAIT)
    idle(qtbot)


def _statuses(desk) -> list[str]:
    return [cell(desk.requests.table, r, 5) for r in range(desk.requests.table.model().rowCount())]


def test_batch_proposal_in_the_app_accept_one_line_reject_another(
    qtbot, desk, sqlite_store, actors_sqlite, staff
):
    from ret_desk.ui.placement.batch_dialog import BatchDialog

    other = intake.register_referral(
        uow=sqlite_store.uow(),
        actor=actors_sqlite[Role.COORDINATOR],
        draft=draft(bsn="999990020", route="rop", gva_present=True),
    ).number
    placement_requests.create_request(
        uow=sqlite_store.uow(), actor=staff, number=other,
        data=placement_requests.RequestInput(date.today(), Urgency.CRISIS, "gezinshuis", "Pleegzorg faalde"),
    )  # fmt: skip
    desk.tabs.setCurrentWidget(desk.requests)
    qtbot.mouseClick(desk.requests.batch_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, BatchDialog), timeout=WAIT)
    dialog = desk.active_dialog
    assert dialog.table.model().rowCount() == 2 and desk.progress is None
    # Reject the first line, accept the other: one decision is logged
    dialog.table.selectRow(0)
    rejected = cell(dialog.table, 0, 0)
    qtbot.mouseClick(dialog.reject_button, CLICK)
    assert dialog.table.model().rowCount() == 1
    qtbot.mouseClick(dialog.accept_button, CLICK)
    qtbot.waitUntil(lambda: RequestStatus.MATCHED.label in _statuses(desk), timeout=WAIT)
    idle(qtbot)
    statuses = {cell(desk.requests.table, r, 0): cell(desk.requests.table, r, 5) for r in range(2)}
    assert statuses[rejected] == RequestStatus.OPEN.label


def test_the_main_window_loads_only_the_workspace_in_view(qtbot, sqlite_store, staff, number, settings):
    from ret_desk.services.admin import reference
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


def test_a_match_whose_place_filled_up_meanwhile_is_refused_in_the_dialog(qtbot, desk, sqlite_store, staff):
    # Given the match dialog open on rank 2 with a rationale typed
    desk.tabs.setCurrentWidget(desk.requests)
    desk.requests.table.selectRow(0)
    qtbot.keyClick(desk.requests.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(desk.active_dialog, MatchDialog), timeout=WAIT)
    dialog = desk.active_dialog
    dialog.candidates.selectRow(1)
    qtbot.keyClicks(dialog.rationale, "Dicht bij school.")
    chosen = dialog.chosen()
    # When a colleague fills its last place before the match is logged
    [row] = capacity.list_capacity(
        uow=sqlite_store.uow(), actor=staff,
        flt=capacity.CapacityFilter(type_code=chosen.offer.type_code, search=chosen.offer.location_agb),
    )  # fmt: skip
    capacity.update_capacity(uow=sqlite_store.uow(), actor=staff, offer_id=row.offer_id, places_free=0)
    qtbot.mouseClick(dialog.save_button, CLICK)
    # Then the refusal shows in the match dialog, which keeps the choice and the rationale
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "valt af" in dialog.refusal.text() and dialog.isVisible()
    assert dialog.rationale.toPlainText() == "Dicht bij school." and dialog.chosen() == chosen
    assert cell(desk.requests.table, 0, 5) == RequestStatus.OPEN.label

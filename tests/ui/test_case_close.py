"""Closing a case asks first (Ja/Nee, Nee the default): Nee leaves the case open and the
dialog with what was chosen; Ja closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ret_desk.domain.enums import CaseStatus
from ret_desk.services.cases import intake, routing
from ret_desk.services.cases.case_detail import get_case
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.drafts import draft

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def test_closing_a_case_asks_first(qtbot, workspace, municipalities, settings):
    # Given a running case, open in the coordinator's case workspace
    ws, actor = workspace, workspace.actor
    number = ws.call_anonymous(intake.register_referral, actor=actor, draft=draft(gva_present=True)).number
    for status in (CaseStatus.TRIAGE, CaseStatus.ASSIGNED, CaseStatus.RUNNING):
        version = ws.call_anonymous(get_case, actor=actor, number=number).version
        ws.call_anonymous(
            routing.change_status, actor=actor, number=number, status=status, outcome=None, reason="",
            expected_version=version,
        )  # fmt: skip
    window = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    cases = window.cases
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=WAIT)
    cases.table.selectRow(0)
    qtbot.waitUntil(lambda: cases.detail.detail is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    # When the coordinator chooses "Afgesloten" with an outcome and saves
    qtbot.mouseClick(cases.detail.status_button, CLICK)
    dialog = cases.detail.active_dialog
    dialog.status.setCurrentIndex(dialog.status.findData(CaseStatus.CLOSED.value))
    dialog.outcome.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, CLICK)
    # Then a Ja/Nee question comes first, with Nee as the default
    box = dialog.active_confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.defaultButton().text() == "&Nee" and "afsluiten" in box.text()
    # Nee: nothing is stored, the dialog stays with the choice made
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and dialog.status.currentData() == CaseStatus.CLOSED.value
    assert workspace.call(get_case, number=number).status != "afgesloten"
    # Ja: the case is closed
    qtbot.mouseClick(dialog.save_button, CLICK)
    box = dialog.active_confirm
    yes = next(b for b in box.buttons() if b.text() == "&Ja")
    qtbot.mouseClick(yes, CLICK)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    assert workspace.call(get_case, number=number).status == "afgesloten"

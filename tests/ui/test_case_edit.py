"""Editing a case in the real case workspace (issue 8), driven from the keyboard: Ctrl+E,
record the GVA, save; the signal goes, the history line comes, the audit event is stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_query import AuditFilter, open_log
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.cases.editing import edit_case
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.drafts import draft
from tests.support.need_to_know import on_agenda_of

WAIT = 10_000


@pytest.fixture
def window(qtbot, workspace, municipalities, settings):
    # Given one referral with a GVA trigger and no GVA, open in the coordinator's case workspace
    workspace.call(intake.register_referral, draft=draft())
    win = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.start()
    cases = win.cases
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=WAIT)
    cases.table.setFocus()
    cases.table.selectRow(0)
    qtbot.waitUntil(lambda: cases.detail.detail is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    return win


def open_editor(qtbot, win):
    qtbot.keyClick(win.cases.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = win.cases.detail.active_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.gva_present, timeout=WAIT)
    return dialog


def test_ctrl_e_records_the_gva_and_the_signal_goes(qtbot, window, workspace, actors_sqlite):
    detail = window.cases.detail
    number = detail.detail.number
    assert "GVA ontbreekt" in detail.browser.toPlainText()  # the signal, in Dutch
    # When the coordinator presses Ctrl+E, ticks "GVA aanwezig" and types its date
    dialog = open_editor(qtbot, window)
    qtbot.keyClick(dialog.form.gva_present, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.form.gva_present, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.form.gva_date
    gva_day = date.today() - timedelta(days=3)
    qtbot.keyClick(dialog.form.gva_date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.form.gva_date, gva_day.strftime("%d-%m-%Y"))
    qtbot.keyClick(dialog.form.gva_date, Qt.Key.Key_Return)  # Enter saves
    # Then the dialog closes once saved, the signal is gone and the history line is there
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: "GVA ontbreekt" not in detail.browser.toPlainText(), timeout=WAIT)
    text = detail.browser.toPlainText()
    assert "GVA aanwezig: nee → ja (coordinator)" in text
    assert f"GVA-datum: — → {gva_day:%d-%m-%Y} (coordinator)" in text
    # And the store has the GVA and the audit event, committed with it
    stored = workspace.call(get_case, number=number)
    assert stored.gva["present"] and stored.gva["date"] == gva_day
    auditor = actors_sqlite[Role.AUDITOR]
    _, events = workspace.call_anonymous(open_log, actor=auditor, flt=AuditFilter(case_number=number))
    assert "velden: gva_present, gva_date" in [e.detail for e in events if e.action == "case_edit"]


def test_an_error_shows_once_the_field_is_left_and_a_refusal_keeps_the_dialog_open(qtbot, window, workspace):
    dialog = open_editor(qtbot, window)
    form = dialog.form
    form.setCurrentIndex(form.tab_of("future_plan_on"))
    form.future_plan.setChecked(True)
    form.future_plan_on.setFocus()
    qtbot.keyClicks(form.future_plan_on, "31-02-2026")
    assert not form.error_labels["future_plan_on"].isVisible()  # not while typing
    qtbot.keyClick(form.future_plan_on, Qt.Key.Key_Tab)
    assert form.error_labels["future_plan_on"].text() == "Vul een datum in als dd-mm-jjjj."
    form.future_plan_on.clear()
    qtbot.keyClicks(form.future_plan_text, "Kamertraining vanaf 17")
    # A colleague saves the same case in the meantime: saving is refused inside the dialog
    workspace.call(
        edit_case,
        number=dialog._detail.number,
        changes={"case_manager": "X"},
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.refusal.isVisible() and "Iemand anders" in dialog.refusal.text(), timeout=WAIT
    )
    assert dialog.isVisible() and form.future_plan_text.toPlainText() == "Kamertraining vanaf 17"
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_a_chair_cannot_open_the_editor(qtbot, sqlite_store, actors_sqlite, municipalities, settings):
    from ret_desk.services.context import Workspace

    coordinator = actors_sqlite[Role.COORDINATOR]
    number = intake.register_referral(uow=sqlite_store.uow(), actor=coordinator, draft=draft()).number
    on_agenda_of(sqlite_store, actors_sqlite[Role.CHAIR], number)  # a case the chair may read
    win = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.CHAIR]), municipalities, settings)
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.workspace_bar.setCurrentRow(0)  # the chair starts in the Experttafel; go to Casussen
    qtbot.waitUntil(lambda: win.cases.model.rowCount() == 1, timeout=WAIT)
    win.cases.table.selectRow(0)
    qtbot.waitUntil(lambda: win.cases.detail.detail is not None, timeout=WAIT)
    assert not win.cases.detail.edit_button.isEnabled()
    qtbot.keyClick(win.cases.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert win.cases.detail.active_dialog is None
    # The chair does read the case, and so sees its change history
    assert "Wijzigingen" in win.cases.detail.browser.toPlainText()


def test_identity_correction_needs_a_reason_and_parents_can_be_added(qtbot, window, workspace):
    detail = window.cases.detail
    dialog = open_editor(qtbot, window)
    form = dialog.form
    # When the coordinator corrects the given name and adds a mother, but gives no reason
    form.setCurrentIndex(form.tab_of("given_name"))
    form.given_name.setFocus()
    qtbot.keyClick(form.given_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.given_name, "Sara")
    name, relation, authority = form.family_rows[0]
    qtbot.keyClicks(name, "Petra Veenstra")
    authority.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Then nothing is saved: the dialog shows the missing reason and keeps everything typed
    assert dialog.isVisible() and form.currentIndex() == form.tab_of("reason")
    assert "reden" in form.error_labels["reason"].text()
    assert form.given_name.text() == "Sara" and name.text() == "Petra Veenstra"
    # When the reason is given, it saves, and the detail shows the corrected youth and parent
    qtbot.keyClicks(form.reason, "Typefout bij aanmelding")
    qtbot.keyClick(form.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: detail.detail.youth["given_name"] == "Sara", timeout=WAIT)
    text = detail.browser.toPlainText()
    assert "Petra Veenstra, moeder (met gezag)" in text
    assert "Voornaam: Sanne → Sara (coordinator): Typefout bij aanmelding" in text

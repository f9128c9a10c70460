"""The coordinator's desk, driven as a user would: log in, register a referral through the
dialog, find it in the list, route it, and see its signal."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ret_desk.domain.enums import Role, Route
from ret_desk.services.cases import routing
from ret_desk.services.context import Workspace
from ret_desk.services.demo import demo_data
from ret_desk.ui.cases.list_model import CASE_NUMBER_ROLE, PAGE_SIZE, CaseListModel
from ret_desk.ui.login import FirstAdminDialog, LoginDialog
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.conftest import PASSWORD
from tests.support.forms import save_is_refused

WAIT = 10_000


def wait_idle(qtbot):
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def test_login_refuses_a_wrong_password_then_logs_in(qtbot, sqlite_store, actors_sqlite):
    dialog = LoginDialog(Workspace(sqlite_store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "coordinator")
    qtbot.keyClicks(dialog.password, "fout-fout-fout")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "onjuist wachtwoord" in dialog.message.text(), timeout=WAIT)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=WAIT) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].role is Role.COORDINATOR


def test_first_start_creates_the_administrator(qtbot, sqlite_store):
    dialog = FirstAdminDialog(Workspace(sqlite_store))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "beheer")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.repeat, PASSWORD + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "niet gelijk" in dialog.message.text()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    login = LoginDialog(Workspace(sqlite_store))
    qtbot.addWidget(login)
    qtbot.keyClicks(login.username, "beheer")
    qtbot.keyClicks(login.password, PASSWORD)
    with qtbot.waitSignal(login.logged_in, timeout=WAIT) as blocker:
        qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].role is Role.ADMIN


def fill_referral(qtbot, form, *, bsn="999990019"):
    qtbot.keyClicks(form.family_name, "Zwiers")
    qtbot.keyClicks(form.given_name, "Noor")
    qtbot.keyClicks(form.birth_date, "14-02-2011")
    qtbot.keyClicks(form.bsn, bsn)
    form.municipality.setCurrentIndex(form.municipality.findText("Emmen"))
    for box in (form.legal_framework, form.referrer_type, form.urgency, form.gender, form.participation):
        box.setCurrentIndex(1)  # coded choices start empty: the first real one
    qtbot.keyClicks(form.school, "Esdal College")
    qtbot.keyClicks(form.referrer_organisation, "Toegang Emmen")
    qtbot.keyClicks(form.help_question, "Thuiszitter; hulp loopt vast.")
    form.gva_boxes[next(iter(form.gva_boxes))].setChecked(True)  # out-of-home placement, no GVA yet


def test_register_find_route_and_see_the_signal(qtbot, workspace, municipalities, settings):
    window = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    wait_idle(qtbot)
    cases = window.cases
    assert cases.model.total == 0

    # Register a referral through the dialog (Ctrl+N)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.active_dialog
    assert dialog is not None and dialog.isVisible()
    fill_referral(qtbot, dialog.form)
    assert dialog.validate() == []
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    wait_idle(qtbot)

    # Find it in the list by searching for the name
    qtbot.keyClicks(cases.search, "noor zwi")
    qtbot.waitUntil(lambda: cases.model.total == 1 and cases.model.rowCount() == 1, timeout=WAIT)
    number = cases.model.index(0, 0).data(CASE_NUMBER_ROLE)
    assert cases.model.index(0, 1).data() == "Noor Zwiers"
    assert "GVA ontbreekt" in cases.model.index(0, 8).data()

    # Open it: the detail shows the blocking signal
    cases.table.selectRow(0)
    qtbot.waitUntil(
        lambda: cases.detail.detail is not None and cases.detail.detail.number == number, timeout=WAIT
    )
    shown = cases.detail.browser.toPlainText()
    assert "GVA ontbreekt" in shown and "GVA_MISSING" not in shown  # Dutch label, never the code

    # Route it to the Experttafel (while the GVA is missing, the only route it may take)
    assert cases.detail.route_button.isEnabled()
    qtbot.mouseClick(cases.detail.route_button, Qt.MouseButton.LeftButton)
    route_dialog = cases.detail.active_dialog
    route_dialog.route.setCurrentIndex(route_dialog.route.findData(Route.EXPERTTAFEL))
    qtbot.keyClicks(route_dialog.reason, "Vastgelopen; advies van de tafel")
    route_dialog.accept()
    qtbot.waitUntil(lambda: cases.detail.detail.route == "experttafel", timeout=WAIT)
    wait_idle(qtbot)
    assert "Vastgelopen; advies van de tafel" in cases.detail.browser.toPlainText()
    assert cases.model.index(0, 4).data() == "Experttafel"

    # The signal filter finds it too
    cases.search.clear()
    cases.signal_filter.setCurrentIndex(cases.signal_filter.findText("GVA ontbreekt"))
    qtbot.waitUntil(lambda: cases.model.total == 1 and cases.model.rowCount() == 1, timeout=WAIT)
    assert cases.model.index(0, 0).data(CASE_NUMBER_ROLE) == number


def test_inline_validation_in_dutch(qtbot, workspace, municipalities):
    from ret_desk.ui.cases.new_referral import NewReferralDialog

    dialog = NewReferralDialog(workspace, municipalities)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert not any(label.isVisible() for label in dialog.error_labels.values())  # nothing typed yet
    fill_referral(qtbot, dialog.form, bsn="999990018")
    dialog.form.bsn.setFocus()
    qtbot.keyClick(dialog.form.bsn, Qt.Key.Key_Tab)  # leaving the field shows its error
    assert dialog.error_labels["bsn"].text() == "Dit BSN klopt niet (elfproef)."
    dialog.form.bsn.clear()
    assert dialog.error_labels["bsn"].text() == ""
    dialog.form.referrer_type.setCurrentIndex(dialog.form.referrer_type.findText("Huisarts"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # trying to save shows every error
    assert "huisarts is geen verwijzer" in dialog.error_labels["referrer_type"].text()
    assert dialog.focusWidget() is dialog.form.referrer_type  # the cursor goes to what needs fixing
    assert dialog.isVisible() and Op.pending() == 0  # nothing was sent to the store


def test_the_list_pages_from_the_store(qtbot, workspace, actors_sqlite):
    workspace.call_anonymous(
        demo_data.generate, actor=actors_sqlite[Role.ADMIN], youths=PAGE_SIZE * 2 + 50, seed=5
    )
    model = CaseListModel(workspace)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=WAIT)
    assert model.total == PAGE_SIZE * 2 + 50 and model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE * 2, timeout=WAIT)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() == PAGE_SIZE, timeout=WAIT)
    numbers = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert numbers == sorted(numbers)


def test_a_stale_route_is_refused_in_the_dialog_which_keeps_what_was_typed(
    qtbot, workspace, municipalities, settings, actors_sqlite
):
    workspace.call_anonymous(demo_data.generate, actor=actors_sqlite[Role.ADMIN], youths=5, seed=1)
    window = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 5, timeout=WAIT)
    open_case = next(i for i in range(5) if window.cases.model.index(i, 5).data() != "Afgesloten")
    window.cases.table.selectRow(open_case)
    detail = window.cases.detail
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=WAIT)
    number, seen_route = detail.detail.number, detail.detail.route
    # Given a colleague routes the same case in the meantime
    other = next(r for r in Route if r.value != seen_route)
    workspace.call(routing.route_case, number=number, route=other, reason="collega")
    # When the user routes it too, choosing a route with the keyboard
    qtbot.mouseClick(detail.route_button, Qt.MouseButton.LeftButton)
    dialog = detail.active_dialog
    assert dialog.route.currentIndex() == 0 and save_is_refused(qtbot, dialog)  # nothing preselected
    qtbot.keyClick(dialog.route, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.reason, "ik ook")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    # Then the dialog stays open with the refusal in Dutch and the typed reason intact
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    wait_idle(qtbot)
    assert dialog.isVisible() and "Iemand anders" in dialog.refusal.text()
    assert dialog.reason.text() == "ik ook" and dialog.save_button.isEnabled()
    # And after cancelling, the detail shows what the colleague saved
    qtbot.mouseClick(dialog.buttons.buttons()[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.detail.route == other.value, timeout=WAIT)
    wait_idle(qtbot)


def test_window_layout_is_remembered(qtbot, workspace, municipalities, settings):
    window = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(window.width(), 520)
    window.close()
    again = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(again)
    assert settings.contains("window/geometry") and settings.contains("cases/splitter")
    assert again.size().height() == 520


def test_roles_without_case_access_see_a_message(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings
):

    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    assert window.cases is None and not window.new_referral_action.isEnabled()

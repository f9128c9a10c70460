"""The Beheer workspace and the forced password change, driven as an administrator and a
user would: the real start-up path after a reset, adding, deactivating and re-roling an
account, changing one's own password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PasswordChangeRequired
from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import account_admin, accounts
from ret_desk.services.context import Workspace
from ret_desk.ui.app import Startup
from ret_desk.ui.login import LoginDialog
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.conftest import PASSWORD

WAIT = 30_000
CLICK = Qt.MouseButton.LeftButton
TEMPORARY = "tijdelijk-paraplu-2026"
NEW = "mijn-nieuwe-wachtwoord"


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def test_reset_password_leads_through_the_forced_change_to_the_main_window(
    qtbot, sqlite_store, actors_sqlite
):
    # Given an administrator reset the chair's password
    account_admin.reset_password(
        uow=sqlite_store.uow(), actor=actors_sqlite[Role.ADMIN], username="chair", temporary=TEMPORARY
    )
    # A visible window for the whole test: Qt must not quit between the dialogs (see ui/app.py).
    keeper = QWidget()
    qtbot.addWidget(keeper)
    keeper.show()
    # When the chair starts RET Desk on the real store file and logs in with the temporary password
    startup = Startup(sqlite_store.url, demo=False)
    startup.begin()
    qtbot.waitUntil(
        lambda: isinstance(startup.dialog, LoginDialog) and startup.dialog.isVisible(), timeout=WAIT
    )
    login = startup.dialog
    qtbot.keyClicks(login.username, "chair")
    qtbot.keyClicks(login.password, TEMPORARY)
    qtbot.mouseClick(login.ok_button, CLICK)
    # Then the same dialog asks for a new password twice, with the focus on the first field
    qtbot.waitUntil(lambda: login.new_password is not None and login.ok_button.isEnabled(), timeout=WAIT)
    assert "opnieuw ingesteld" in login.message.text()
    assert startup.window is None and login.isVisible()
    qtbot.waitUntil(lambda: login.focusWidget() is login.new_password, timeout=WAIT)
    # A mismatch is refused in the dialog, nothing lost
    qtbot.keyClicks(login.new_password, NEW)
    qtbot.keyClick(login.new_password, Qt.Key.Key_Tab)
    qtbot.keyClicks(login.repeat_new, "iets-anders-dan-dat")
    qtbot.mouseClick(login.ok_button, CLICK)
    assert "niet gelijk" in login.message.text() and login.isVisible()
    login.repeat_new.clear()
    qtbot.keyClicks(login.repeat_new, NEW)
    qtbot.keyClick(login.repeat_new, Qt.Key.Key_Return)
    # Then the main window opens for the chair, and the new password is the one that works
    qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible(), timeout=WAIT)
    window = startup.window
    qtbot.addWidget(window)
    assert "chair" in window.windowTitle()
    idle(qtbot)
    assert accounts.authenticate(uow=sqlite_store.uow(), username="chair", password=NEW).role is Role.CHAIR
    window.close()
    startup.dispose()


@pytest.fixture
def admin_window(qtbot, sqlite_store, actors_sqlite, municipalities, settings) -> MainWindow:
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.ADMIN]), municipalities, settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: len(window.admin.accounts.model.rows) == 5, timeout=WAIT)
    return window


def test_admin_starts_in_beheer_and_also_sees_logboek(admin_window):
    bar = admin_window.workspace_bar
    names = [bar.item(i).text() for i in range(bar.count())]
    assert names[-2:] == ["Beheer", "Logboek"]
    assert bar.currentItem().text() == "Beheer" and admin_window.stack.currentWidget() is admin_window.admin
    # Workspaces without access (children's data) are shown greyed out, Casussen included
    usable = {
        bar.item(i).text() for i in range(bar.count()) if bar.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
    }
    assert usable == {"Beheer", "Logboek"}


def test_coordinator_sees_neither_beheer_nor_logboek(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings
):
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR]), municipalities, settings)
    qtbot.addWidget(window)
    names = [window.workspace_bar.item(i).text() for i in range(window.workspace_bar.count())]
    assert "Beheer" not in names and "Logboek" not in names and window.admin is None


def test_admin_adds_deactivates_and_changes_the_role_of_an_account(qtbot, admin_window, sqlite_store):
    tab = admin_window.admin.accounts
    # Given the account list; when the administrator adds an account
    qtbot.mouseClick(tab.add_button, CLICK)
    dialog = tab.active_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.focusWidget() is dialog.username, timeout=WAIT)
    qtbot.keyClicks(dialog.username, "nieuwe")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.display_name, "Nieuwe Collega")
    qtbot.keyClick(dialog.display_name, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.role
    qtbot.keyClicks(dialog.role, "V")  # Voorzitter Experttafel
    qtbot.keyClick(dialog.role, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, "kort")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, "kort")
    qtbot.mouseClick(dialog.save_button, CLICK)
    # Then a refusal shows in the dialog, which stays open with everything typed
    qtbot.waitUntil(lambda: "12 tekens" in dialog.refusal.text(), timeout=WAIT)
    assert dialog.isVisible() and dialog.username.text() == "nieuwe"
    for field in (dialog.password, dialog.repeat):
        field.clear()
        qtbot.keyClicks(field, PASSWORD)
    qtbot.mouseClick(dialog.save_button, CLICK)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().username == "nieuwe", timeout=WAIT)
    assert tab.selected().role is Role.CHAIR and tab.selected().active

    # When the administrator deactivates it, confirming the question
    qtbot.mouseClick(tab.disable_button, CLICK)
    box = tab.confirm
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    yes = next(b for b in box.buttons() if b.text() == "Deactiveren")
    qtbot.mouseClick(yes, CLICK)
    # Then the list shows it deactivated and the account cannot log in
    qtbot.waitUntil(lambda: tab.selected() is not None and not tab.selected().active, timeout=WAIT)
    assert "gedeactiveerd" in tab.model.index(tab.table.currentIndex().row(), 3).data()
    with pytest.raises(LoginRefused, match="onjuist wachtwoord") as refused:
        accounts.authenticate(uow=sqlite_store.uow(), username="nieuwe", password=PASSWORD)
    assert refused.value.reason == "account gedeactiveerd"

    # When the administrator gives it another role
    qtbot.mouseClick(tab.role_button, CLICK)
    role_dialog = tab.active_dialog
    qtbot.waitUntil(
        lambda: role_dialog.isVisible() and role_dialog.focusWidget() is role_dialog.role, timeout=WAIT
    )
    qtbot.keyClicks(role_dialog.role, "A")  # Auditor
    qtbot.mouseClick(role_dialog.save_button, CLICK)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().role is Role.AUDITOR, timeout=WAIT)
    listed = {
        r.username: r.role
        for r in account_admin.list_accounts(uow=sqlite_store.uow(), actor=tab._workspace.actor)
    }
    assert listed["nieuwe"] is Role.AUDITOR
    idle(qtbot)


def test_a_cancelled_deactivation_changes_nothing(qtbot, admin_window, sqlite_store):
    tab = admin_window.admin.accounts
    tab.select("chair")
    qtbot.mouseClick(tab.disable_button, CLICK)
    qtbot.waitUntil(tab.confirm.isVisible, timeout=WAIT)
    qtbot.mouseClick(next(b for b in tab.confirm.buttons() if b.text() == "Annuleren"), CLICK)
    idle(qtbot)
    assert accounts.authenticate(uow=sqlite_store.uow(), username="chair", password=PASSWORD)


def test_every_user_changes_their_own_password_from_the_menu(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings
):
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.password_action.trigger()
    dialog = window.active_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.focusWidget() is dialog.current, timeout=WAIT)
    qtbot.keyClicks(dialog.current, "verkeerd-wachtwoord")
    qtbot.keyClick(dialog.current, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.new, NEW)
    qtbot.keyClick(dialog.new, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, NEW)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.refusal.text() == "Het huidige wachtwoord is onjuist.", timeout=WAIT)
    assert dialog.isVisible()
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSWORD)
    qtbot.keyClick(dialog.current, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert (
        accounts.authenticate(uow=sqlite_store.uow(), username="auditor", password=NEW).role is Role.AUDITOR
    )
    idle(qtbot)


def test_admin_resets_a_password_after_confirming(qtbot, admin_window, sqlite_store):
    tab = admin_window.admin.accounts
    tab.select("chair")
    # When the administrator asks to reset and confirms
    qtbot.mouseClick(tab.reset_button, CLICK)
    qtbot.waitUntil(tab.confirm.isVisible, timeout=WAIT)
    qtbot.mouseClick(next(b for b in tab.confirm.buttons() if b.text() == "Doorgaan"), CLICK)
    qtbot.waitUntil(lambda: tab.active_dialog is not None and tab.active_dialog.isVisible(), timeout=WAIT)
    dialog = tab.active_dialog
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.temporary, timeout=WAIT)
    qtbot.keyClicks(dialog.temporary, TEMPORARY)
    qtbot.keyClick(dialog.temporary, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, TEMPORARY)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    # Then the list says the account must change its password, and the old one no longer works
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().must_change_password, timeout=WAIT)
    assert "moet wachtwoord wijzigen" in tab.model.index(tab.table.currentIndex().row(), 3).data()
    with pytest.raises(PasswordChangeRequired):
        accounts.authenticate(uow=sqlite_store.uow(), username="chair", password=TEMPORARY)
    idle(qtbot)

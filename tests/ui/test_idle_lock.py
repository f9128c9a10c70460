"""The idle lock (issue 11 §3), from the real login on: after the region's minutes without
input the window shows only its lock screen, nothing with a child's data stays visible
(an open case editor is hidden and comes back with what was typed), a wrong password keeps
it locked and counts as a failed login, the right one unlocks, and both are in the log.
A minute of the setting is made short here (IdleLock.MINUTE_MS)."""

from __future__ import annotations

import time

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import RetDeskError
from ret_desk.services.admin import settings
from ret_desk.services.admin.accounts import authenticate
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.ui.app import Startup
from ret_desk.ui.errors import show_error
from ret_desk.ui.idle_lock import IdleLock
from ret_desk.ui.login import LoginDialog
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.conftest import PASSWORD, make_actors
from tests.support.drafts import draft
from tests.ui.visible_text import visible_text

WAIT = 10_000
MINUTE_MS = 100  # one minute of the setting, in this test
CHILD = ("Veenstra", "Sanne", "999990019")


@pytest.fixture(autouse=True)
def short_minutes(monkeypatch, tmp_path):
    monkeypatch.setattr(IdleLock, "MINUTE_MS", MINUTE_MS)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):  # the window's own layout
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def store_with_a_case(tmp_path):
    """A store file with an account per role, one referral of a (fictitious) child, and
    the idle lock set to 30 minutes (3 s here)."""
    url = f"sqlite:///{(tmp_path / 'ret.sqlite').as_posix()}"
    store = Store.open(url)
    actors = make_actors(store)
    coordinator, admin = actors[Role.COORDINATOR], actors[Role.ADMIN]
    ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=draft())
    row = next(
        r for r in settings.region_settings(uow=store.uow(), actor=admin) if r.key == "idle_lock_minutes"
    )
    settings.set_region_setting(uow=store.uow(), actor=admin, key=row.key, value=30, version=row.version)
    yield url, store, ref.number
    store.close()


def _log_in(qtbot, url: str, username: str = "coordinator") -> tuple[Startup, MainWindow]:
    """The real start-up: store, login dialog, typed name and password, main window."""
    startup = Startup(url, demo=False)
    startup.begin()
    qtbot.waitUntil(
        lambda: isinstance(startup.dialog, LoginDialog) and startup.dialog.isVisible(), timeout=WAIT
    )
    dialog = startup.dialog
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible(), timeout=WAIT)
    window = startup.window
    window.resize(1024, 768)
    return startup, window


def _close(startup: Startup) -> None:
    if startup.window is not None and shiboken6.isValid(startup.window):
        startup.window.close()
        startup.window.deleteLater()
    startup.dispose()
    QApplication.setQuitOnLastWindowClosed(True)


def _as(store: Store, username: str):  # noqa: ANN202
    return authenticate(uow=store.uow(), username=username, password=PASSWORD)


def _events(store: Store, action: str) -> list:
    with store.uow() as uow:
        return list(
            uow.session.execute(
                select(AuditEvent.actor_name, AuditEvent.detail).where(AuditEvent.action == action)
            ).all()
        )


def _open_editor_and_type(qtbot, window: MainWindow) -> tuple[QDialog, QLineEdit]:
    cases = window.cases
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=WAIT)
    cases.table.setFocus()
    cases.table.selectRow(0)
    qtbot.waitUntil(lambda: cases.detail.detail is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    qtbot.keyClick(cases.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = cases.detail.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    field = dialog.form.school  # an unsaved change the user must get back
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Het Drostenhuis")
    return dialog, field


def test_the_window_locks_after_idle_time_and_unlocks_with_the_password(qtbot, store_with_a_case, tmp_path):
    url, store, number = store_with_a_case
    startup, window = _log_in(qtbot, url)
    try:
        lock = window.idle_lock
        # Given the coordinator's case editor open, with unsaved typing in it
        dialog, field = _open_editor_and_type(qtbot, window)
        assert lock.interval_ms == 30 * MINUTE_MS  # the region's setting, learned at login
        before = visible_text()
        assert all(part in before for part in ("Veenstra", number))  # the collector sees the child
        # When nobody touches the app for the set time
        last_input = time.monotonic()
        assert not lock.locked
        qtbot.waitUntil(lambda: lock.locked, timeout=WAIT)
        waited_ms = (time.monotonic() - last_input) * 1000
        assert waited_ms >= 0.9 * lock.interval_ms
        # Then only the lock screen is visible: no child's data in any visible text or title
        seen = visible_text()
        assert "RET Desk is vergrendeld" in seen and "coordinator" in seen
        for part in (*CHILD, number, "Het Drostenhuis"):
            assert part not in seen
        assert not dialog.isVisible() and shiboken6.isValid(dialog)
        assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
        assert window.windowTitle() == "RET Desk — vergrendeld"
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
        qtbot.waitUntil(lambda: QApplication.focusWidget() is lock.screen.password, timeout=WAIT)
        window.grab().save(str(tmp_path / "idle-lock.png"))
        window.grab().save("/tmp/idle-lock-1024x768.png")
        # And the app's shortcuts do nothing behind the lock (Ctrl+N: a new referral;
        # Ctrl+2: the Experttafel workspace, a shortcut of the visible window itself)
        row = window.workspace_bar.currentRow()
        for key in (Qt.Key.Key_N, Qt.Key.Key_2):
            qtbot.keyClick(lock.screen.password, key, Qt.KeyboardModifier.ControlModifier)
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
        assert window.workspace_bar.currentRow() == row
        qtbot.waitUntil(lambda: len(_events(store, "screen_lock")) == 1, timeout=WAIT)

        # When a wrong password is typed, with Enter
        failed_before = len(_events(store, "login_failed"))
        qtbot.keyClicks(lock.screen.password, "niet-het-wachtwoord")
        qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
        # Then a Dutch message, an empty field, and the lock stays; the login counts it as failed
        qtbot.waitUntil(lambda: bool(lock.screen.message.text()), timeout=WAIT)
        assert lock.screen.message.text() == "Het wachtwoord klopt niet. Het scherm blijft vergrendeld."
        assert lock.screen.password.text() == "" and lock.locked and not dialog.isVisible()
        assert len(_events(store, "login_failed")) == failed_before + 1
        window.grab().save(str(tmp_path / "idle-lock-refused.png"))

        # When the right password is typed
        qtbot.keyClicks(lock.screen.password, PASSWORD)
        qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
        # Then the window and the editor come back as they were, the typing intact
        qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT)
        assert dialog.isVisible() and field.text() == "Het Drostenhuis"
        assert window.menuBar().isVisible() and window.statusBar().isVisible()
        assert window.windowTitle().startswith("RET Desk — coordinator")
        assert "Veenstra" in visible_text()
        # And the log has the lock and the unlock
        qtbot.waitUntil(lambda: len(_events(store, "screen_unlock")) == 1, timeout=WAIT)
        assert _events(store, "screen_lock")[0].actor_name == "coordinator"
    finally:
        _close(startup)


def test_input_starts_the_wait_again(qtbot, store_with_a_case):
    url, store, _number = store_with_a_case
    startup, window = _log_in(qtbot, url)
    try:
        lock = window.idle_lock
        qtbot.waitUntil(lambda: lock.interval_ms == 30 * MINUTE_MS, timeout=WAIT)
        target = window.workspace_bar
        # When the user keeps typing and moving the mouse for twice the set time
        end = time.monotonic() + 2 * lock.interval_ms / 1000
        step = 0
        while time.monotonic() < end:
            if step % 2:
                qtbot.keyClick(target, Qt.Key.Key_Shift)
            else:
                qtbot.mouseMove(target, target.rect().center() + (target.rect().topLeft() * 0))
                qtbot.mouseClick(target.viewport(), Qt.MouseButton.LeftButton)
            step += 1
            qtbot.wait(lock.interval_ms // 6)
            # Then the window never locks
            assert not lock.locked
        # And an event the app makes itself (a list reloading under a still pointer) is no input
        synthetic_end = time.monotonic() + 1.5 * lock.interval_ms / 1000
        while not lock.locked and time.monotonic() < synthetic_end + 5:
            QApplication.sendEvent(
                target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
            )
            qtbot.wait(lock.interval_ms // 6)
        assert lock.locked
    finally:
        _close(startup)


def test_a_window_that_opens_while_locked_waits_for_the_unlock(qtbot, store_with_a_case):
    url, _store, number = store_with_a_case
    startup, window = _log_in(qtbot, url)
    try:
        lock = window.idle_lock
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        show_error(window, RetDeskError("Een eerdere melding."))
        earlier = window.findChild(QDialog, "errorDialog")
        qtbot.waitUntil(earlier.isVisible, timeout=WAIT)
        lock.lock()
        # (a dialog whose work ends while it is hidden, a save that succeeded, stays closed)
        assert not earlier.isVisible()
        earlier.done(0)
        earlier.setObjectName("earlier")
        # When a background operation's message opens meanwhile (naming the case)
        show_error(window, RetDeskError(f"Casus {number} is gewijzigd."))
        box = window.findChild(QDialog, "errorDialog")
        # Then it is not shown while locked, and comes after the unlock
        qtbot.wait(50)
        assert not box.isVisible() and number not in visible_text()
        qtbot.keyClicks(lock.screen.password, PASSWORD)
        lock.screen.unlock_button.click()
        qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT)
        assert box.isVisible() and number in box.text()
        assert not earlier.isVisible()
        box.close()
    finally:
        _close(startup)


def test_the_setting_changes_the_time(qtbot, store_with_a_case):
    url, store, _number = store_with_a_case
    admin = _as(store, "beheer")
    row = next(
        r for r in settings.region_settings(uow=store.uow(), actor=admin) if r.key == "idle_lock_minutes"
    )
    settings.set_region_setting(uow=store.uow(), actor=admin, key=row.key, value=2, version=row.version)
    # When the coordinator logs in
    startup, window = _log_in(qtbot, url)
    try:
        lock = window.idle_lock
        # Then the window locks after 2 minutes (200 ms here), not after 30
        qtbot.waitUntil(lambda: lock.interval_ms == 2 * MINUTE_MS, timeout=WAIT)
        qtbot.waitUntil(lambda: lock.locked, timeout=WAIT)
    finally:
        _close(startup)


def test_the_demo_mode_unlocks_without_a_password(
    qtbot, sqlite_store, actors_sqlite, municipalities, tmp_path
):
    # Given the demo mode's window (no accounts to type a password for, fictitious data)
    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR]), municipalities, ui)
    qtbot.addWidget(window)
    window.idle_lock.without_password()
    window.show()
    window.start()
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    # When it locked
    window.idle_lock.lock()
    screen = window.idle_lock.screen
    # Then it says why there is no password field, and the button alone unlocks
    assert not screen.password.isVisible() and "Demomodus" in screen.intro.text()
    qtbot.keyClick(screen.unlock_button, Qt.Key.Key_Space)
    assert not window.idle_lock.locked


def test_the_administrator_sets_the_time_in_beheer(qtbot, sqlite_store, actors_sqlite):
    from ret_desk.services.admin import screen_lock
    from ret_desk.ui.admin.settings_tab import SettingsTab

    # Given Beheer's settings, on a store that has no row for the idle lock yet
    tab = SettingsTab(Workspace(sqlite_store, actors_sqlite[Role.ADMIN]))
    qtbot.addWidget(tab)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: bool(tab.region), timeout=WAIT)
    row = next(i for i, r in enumerate(tab.region) if r.key == "idle_lock_minutes")
    assert tab.region_model.index(row, 0).data() == "Vergrendelen na inactiviteit (minuten)"
    assert tab.region_model.index(row, 1).data() == "15"
    # When the administrator opens it: whole minutes from 1 to 120 only
    tab.region_table.selectRow(row)
    tab.edit_region.click()
    dialog = tab.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert (dialog.value.minimum(), dialog.value.maximum()) == (1, 120)
    # And sets 10 minutes and saves
    dialog.value.setValue(10)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save_button.click()
    # Then the store has it, and the table shows it
    assert screen_lock.idle_lock_minutes(uow=sqlite_store.uow()) == 10
    qtbot.waitUntil(lambda: tab.region_model.index(row, 1).data() == "10", timeout=WAIT)


def test_input_before_the_setting_is_read_does_not_lock_at_once(qtbot, workspace, municipalities, tmp_path):
    ui = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, municipalities, ui)
    qtbot.addWidget(window)
    window.show()
    window.start()
    # When the user types while the window still reads the setting (15 minutes: 1.5 s here)
    qtbot.keyClick(window.workspace_bar, Qt.Key.Key_Shift)
    qtbot.wait(300)
    # Then the wait is the setting's, not nothing
    assert not window.idle_lock.locked
    qtbot.waitUntil(lambda: window.idle_lock.interval_ms == 15 * MINUTE_MS, timeout=WAIT)

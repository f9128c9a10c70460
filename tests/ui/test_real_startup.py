"""The real start-up path, as a user meets it on a real store file: `ret-desk --db URL` →
(first administrator) → login → main window, for every role.

These tests run the real entry point (`cli.main`, which runs the Qt event loop with
`app.exec()`), and drive the dialogs from timers inside that loop, as a user's typing
would arrive. A correct login once closed the app (exit 0, no window) because every test
started past the login; these tests start where the user starts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ret_desk import cli
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.ui.login import FirstAdminDialog, LoginDialog
from ret_desk.ui.main_window import MainWindow
from tests.conftest import PASSWORD, make_actors

GIVE_UP_MS = 60_000


@pytest.fixture(autouse=True)
def own_settings_folder(tmp_path):
    """The app keeps window layout in the user's settings; tests keep theirs apart."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


class _Driver:
    """Polls the running app from inside its event loop and plays the user's part."""

    def __init__(self, steps: list) -> None:  # noqa: ANN401 - list of (predicate, action)
        self.steps = steps
        self.seen: dict[str, object] = {}
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)
        self.deadline = QTimer()
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(self._give_up)

    def start(self) -> None:
        self.timer.start()
        self.deadline.start(GIVE_UP_MS)

    def _tick(self) -> None:
        if not self.steps:
            return
        ready, act = self.steps[0]
        found = ready()
        if found:
            self.steps.pop(0)
            act(found)

    def _give_up(self) -> None:
        self.seen["gave_up_with_steps_left"] = len(self.steps)
        for window in QApplication.topLevelWidgets():
            window.close()
        QApplication.quit()

    def stop(self) -> None:
        self.timer.stop()
        self.deadline.stop()


def _visible(kind):  # noqa: ANN001
    def find():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                return widget
        return None

    return find


def _login_as(username: str):  # noqa: ANN202
    def act(dialog: LoginDialog) -> None:
        dialog.username.setText(username)
        dialog.password.setText(PASSWORD)
        dialog.ok_button.click()

    return act


def _check_window_then_close(driver: _Driver, role: Role):  # noqa: ANN202
    def act(window: MainWindow) -> None:
        # The window is up; let the loop run a while longer, then look again: the app
        # must still be running with the window shown (the defect quit right here).
        def look_again() -> None:
            driver.seen["window_visible_later"] = window.isVisible()
            driver.seen["role"] = window._workspace.actor.role
            driver.seen["title"] = window.windowTitle()
            window.close()  # the user closes the main window: now the app ends

        QTimer.singleShot(1500, look_again)

    return act


def _start_and_login(url: str, username: str, role: Role, first_admin: bool = False) -> dict:
    steps: list = []
    driver = _Driver(steps)
    if first_admin:

        def create_admin(dialog: FirstAdminDialog) -> None:
            dialog.username.setText(username)
            dialog.password.setText(PASSWORD)
            dialog.repeat.setText(PASSWORD)
            dialog.ok_button.click()

        steps.append((_visible(FirstAdminDialog), create_admin))
    steps.append((_visible(LoginDialog), _login_as(username)))
    steps.append((_visible(MainWindow), _check_window_then_close(driver, role)))
    driver.start()
    try:
        driver.seen["exit_code"] = cli.main(["--db", url])
    finally:
        driver.stop()
    return driver.seen


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_a_correct_login_on_a_real_store_opens_the_main_window(qapp, tmp_path, role):
    # Given a real store file with an account for every role
    url = f"sqlite:///{(tmp_path / 'ret.sqlite').as_posix()}"
    store = Store.open(url)
    make_actors(store)
    store.close()
    # When the user starts RET Desk on it and logs in with the right password
    seen = _start_and_login(url, role.value, role)
    # Then the main window opens for that role and the app keeps running until it is closed
    assert "gave_up_with_steps_left" not in seen, seen
    assert seen["window_visible_later"] is True
    assert seen["role"] is role
    assert role.value in seen["title"]
    assert seen["exit_code"] == 0


def test_first_start_creates_the_administrator_then_logs_in(qapp, tmp_path):
    # Given a brand-new store file (no accounts yet)
    url = f"sqlite:///{(tmp_path / 'nieuw.sqlite').as_posix()}"
    # When the user creates the administrator and logs in with it
    seen = _start_and_login(url, "beheer", Role.ADMIN, first_admin=True)
    # Then the main window opens as administrator and stays open
    assert "gave_up_with_steps_left" not in seen, seen
    assert seen["window_visible_later"] is True
    assert seen["role"] is Role.ADMIN
    assert seen["exit_code"] == 0

"""The application object and the start-up sequence: open store → first admin → login →
main window. Every step that touches the store runs through the background helper.

Until the main window is shown, the start-up sequence, not Qt, decides when the app ends.
Between one step and the next (the login dialog has closed, the workspace is still loading
in the background) no window is visible; with Qt's default "quit when the last window
closes" that gap ended the app after every correct login on a real store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.resources import files
from typing import TypeVar

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from ret_desk.domain.actor import Actor
from ret_desk.services.admin import accounts, reference
from ret_desk.services.context import Workspace, open_workspace
from ret_desk.services.demo.demo_mode import open_demo_workspace
from ret_desk.services.side_files import remove_leftovers_at_start
from ret_desk.ui.accessibility import install_polisher
from ret_desk.ui.errors import user_message
from ret_desk.ui.gc_guard import GarbageCollector
from ret_desk.ui.i18n import install_dutch
from ret_desk.ui.login import FirstAdminDialog, LoginDialog
from ret_desk.ui.main_window import APP, ORG, MainWindow
from ret_desk.ui.ops import Op

T = TypeVar("T")


class RetDeskApp(QApplication):
    """App-wide signals live here, so that workspaces stay unaware of each other."""

    case_changed = Signal(str)

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.setOrganizationName(ORG)
        self.setApplicationName(APP)
        self.setApplicationDisplayName(APP)
        self.setStyleSheet(files("ret_desk.resources").joinpath("style.qss").read_text("utf-8"))
        self.garbage_collector = GarbageCollector(self)
        self.translators = install_dutch(self)  # Qt's own dialogs and numbers in Dutch
        self.polisher = install_polisher(self)  # names, keyboard and screen fit for every window


def _after_leftovers(fn: Callable[[], T]) -> Callable[[], T]:
    """`fn` after removing the side files a killed export or save left (issue 11 §4)."""

    def run() -> T:
        remove_leftovers_at_start()
        return fn()

    return run


class Startup:
    """Drives the start-up dialogs; `window` is the main window once logged in."""

    def __init__(self, url: str | None, demo: bool) -> None:
        self.url, self.demo = url, demo
        self.door: Workspace | None = None  # nobody logged in yet
        self.window: MainWindow | None = None
        self.exit_code = 0
        self.dialog = None
        self.progress = QProgressDialog("Opslag openen en bijwerken…", "", 0, 0)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle("RET Desk")

    def begin(self) -> None:
        # Only an explicit decision ends the app during start-up (cancel, fatal error);
        # `_show_window` hands that back to Qt once the main window is up.
        QApplication.setQuitOnLastWindowClosed(False)
        self.progress.show()
        if self.demo:
            Op(None, _after_leftovers(open_demo_workspace)).success(self._on_demo).failure(self._fatal).run()
        else:
            opening = _after_leftovers(lambda: open_workspace(self.url))
            Op(None, opening).success(self._on_store).failure(self._fatal).run()

    def _on_demo(self, result: tuple[Workspace, Actor]) -> None:
        self.door, actor = result
        self._on_login(actor)

    def _on_store(self, door: Workspace) -> None:
        self.door = door
        if door.personal_logins:  # a team store: the first administrator is the owner's work
            self._on_has_accounts(True)
            return
        Op(None, lambda: door.call_anonymous(accounts.has_accounts)).success(self._on_has_accounts).failure(
            self._fatal
        ).run()

    def _on_has_accounts(self, has: bool) -> None:
        self.progress.hide()
        if has:
            self._ask_login()
            return
        self.dialog = FirstAdminDialog(self.door)
        self.dialog.accepted.connect(self._ask_login)
        self.dialog.rejected.connect(self._quit)
        self.dialog.open()

    def _ask_login(self) -> None:
        self.dialog = LoginDialog(self.door)
        self.dialog.logged_in.connect(self._on_login)
        self.dialog.rejected.connect(self._quit)
        self.dialog.open()

    def _on_login(self, actor: Actor) -> None:
        self.progress.setLabelText(self.progress.tr("Werkruimte openen…"))
        self.progress.show()
        assert self.door is not None
        workspace = self.door.logged_in(actor)

        def load():  # noqa: ANN202  (reference data for the pick lists: municipalities, routes)
            call = workspace.call_anonymous
            return call(reference.municipalities), call(reference.routes)

        Op(None, load).success(lambda items: self._show_window(workspace, *items)).failure(self._fatal).run()

    def _show_window(self, workspace: Workspace, municipalities, routes) -> None:  # noqa: ANN001
        self.progress.hide()
        self.window = MainWindow(workspace, municipalities, routes=routes)
        self.window.relogin_requested.connect(self._relogin)
        if self.demo:  # no accounts and only fictitious data: the lock needs no password
            self.window.idle_lock.without_password()
        self.window.show()
        QApplication.setQuitOnLastWindowClosed(True)
        self.window.start()

    def _relogin(self) -> None:
        """The server refused the login of the open window (account deactivated, password
        changed): close the window and ask to log in again (a new login replaces the
        person's store, Workspace.authenticate)."""
        QApplication.setQuitOnLastWindowClosed(False)
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        self._ask_login()

    def _fatal(self, exc: BaseException) -> None:
        self.progress.hide()
        QMessageBox.critical(None, "RET Desk kan niet starten", user_message(exc))
        self.exit_code = 1
        QApplication.quit()

    def dispose(self) -> None:
        """Hand the start-up dialogs to Qt for deletion (deleteLater), and close the store.
        The app does this once at exit; a test that drives several start-ups does it per
        start-up, so that no dialog is deleted by Python's collector while Qt still knows it."""
        for widget in (self.dialog, self.progress):
            if widget is not None and shiboken6.isValid(widget):
                widget.hide()
                widget.deleteLater()
        self.dialog = None
        if self.door is not None:
            self.door.close()

    def _quit(self) -> None:
        self.progress.hide()
        QApplication.quit()


def run_app(*, url: str | None, demo: bool = False) -> int:
    app = QApplication.instance() or RetDeskApp(sys.argv[:1])
    startup = Startup(url, demo)
    startup.begin()
    code = app.exec()
    startup.dispose()
    return startup.exit_code or code

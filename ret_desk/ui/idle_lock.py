"""The idle lock of the main window (issue 11 §3): after the region's number of minutes
without input (`idle_lock_minutes`, 15 by default) the window shows only its lock screen
(ui/lock_screen.py) until the user types their password.

- Input anywhere in the app (key, mouse, wheel, touch; an application-wide event filter)
  starts the wait again. Only spontaneous events count, those of the window system:
  a list reloading under a still mouse pointer is no input.
- While locked: the window's own content (every workspace) sits on a hidden page of a
  stack, menus, tool bar and status bar are hidden, the title names no one; every other
  window and dialog is hidden, and shown again after the unlock as it was (unsaved input
  intact). A window that opens meanwhile (a background operation's message) is hidden at
  once and shown after the unlock too. Popups close; a file or print dialog (run with
  `exec()`, which ends when hidden) is cancelled. No shortcut outside the lock screen works.
- Background operations and the live refresh keep running.
- The password is checked by the one login path (`Workspace.authenticate`), off the GUI
  thread, so a wrong one counts as a failed login (and toward the account's lockout).
  The lock and the unlock are audited (`screen_lock`, `screen_unlock`).
- In the demo mode (no accounts, fictitious data) the window locks the same way and the
  button alone unlocks it (`without_password`).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ret_desk.domain.errors import AccountDisabled, AuthenticationFailed, PasswordChangeRequired
from ret_desk.services.admin import screen_lock
from ret_desk.services.context import Workspace
from ret_desk.ui.errors import user_message
from ret_desk.ui.lock_screen import LockScreen
from ret_desk.ui.ops import Op

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)
_POPUPS = (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
_HIDDEN_TITLE = "RET Desk"


class IdleLock(QObject):
    """Locks `window` after idle time; `around(content)` gives the window its central widget."""

    #: One minute of the setting, in milliseconds (a test makes a minute short).
    MINUTE_MS = 60_000

    def __init__(self, window: QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self._window, self._workspace = window, workspace
        self.minutes = screen_lock.IDLE_LOCK_DEFAULT
        self.locked = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        self.screen = LockScreen(workspace.actor)
        self.screen.unlock_requested.connect(self._on_unlock_requested)
        self.screen.quit_requested.connect(window.close)
        self._password_needed = True
        self._title = ""
        self._hidden: list[tuple[QWidget, str]] = []
        self._bars: list[QWidget] = []
        self._active: QWidget | None = None

    def around(self, content: QWidget) -> QWidget:
        """The window's central widget: its content, with the lock screen on a second page."""
        self.pages = QStackedWidget()
        self.pages.addWidget(content)
        self.pages.addWidget(self.screen)
        return self.pages

    def without_password(self) -> None:
        """The demo mode: nobody has a password (ui/app.py)."""
        self._password_needed = False
        self.screen.without_password()

    @property
    def interval_ms(self) -> int:
        return self.minutes * self.MINUTE_MS

    def start(self) -> None:
        """Watch the input of the whole app, learn the region's time, and start waiting."""
        if self._running:
            return
        self._running = True
        # Input before the setting is read restarts this wait, never a timer of 0 ms.
        self._timer.setInterval(self.interval_ms)
        QApplication.instance().installEventFilter(self)
        self._learn_minutes()

    def stop(self) -> None:
        """No more locking: the window closes, or the server refused the login
        (ui/main_window.lock_out, which removes the windows itself). The window's bars and
        title come back, nothing else."""
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)
        if self.locked:
            self.locked = False
            self._show_bars()
            self._window.setWindowTitle(self._title)
            self._forget_hidden()

    def _learn_minutes(self) -> None:
        """The region's setting, read at login and again after each unlock (so a change by
        the administrator applies from the next wait on)."""
        ws = self._workspace
        Op(self, lambda: ws.call_anonymous(screen_lock.idle_lock_minutes)).success(self._arm).failure(
            lambda _exc: self._arm(self.minutes)  # the store is out of reach: the last known time
        ).run()

    def _arm(self, minutes: int) -> None:
        self.minutes = minutes
        if self._running and not self.locked:
            self._timer.start(self.interval_ms)

    # -- watching ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _INPUT:
            if not self.locked and event.spontaneous():
                self._timer.start()
            return False
        if kind == QEvent.Type.Close and watched is self._window:
            self.stop()  # closing: the bars come back first, so the tool bar is kept for the next start
            return False
        if not self.locked:
            return False
        if kind == QEvent.Type.Shortcut:
            return not self._on_screen(watched)  # only the lock screen's own keys work
        if kind == QEvent.Type.Show and self._foreign_window(watched):
            self._put_away(watched)  # a window opened while locked waits for the unlock
        return False

    def _foreign_window(self, obj: QObject) -> bool:
        return (
            isinstance(obj, QWidget)
            and obj.isWindow()
            and obj is not self._window
            and not self._on_screen(obj)
        )

    def _on_screen(self, obj: QObject) -> bool:
        widget = obj.parent() if isinstance(obj, QShortcut) else obj
        return isinstance(widget, QWidget) and (widget is self.screen or self.screen.isAncestorOf(widget))

    # -- locking ----------------------------------------------------------------------
    def lock(self) -> None:
        """Hide everything with a child's data; show the lock screen."""
        if self.locked or not self._running or getattr(self._window, "locked", False):
            return
        self.locked = True
        self._timer.stop()
        window = self._window
        self._active = QApplication.activeWindow()
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                self._put_away(widget)
        self._title = window.windowTitle()
        window.setWindowTitle(self.tr("RET Desk — vergrendeld"))
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        bars = [window.menuBar(), window.statusBar(), *window.findChildren(QToolBar, options=direct)]
        self._bars = [
            bar for bar in [*bars, *window.findChildren(QDockWidget, options=direct)] if bar.isVisible()
        ]
        for bar in self._bars:
            bar.hide()
        self.pages.setCurrentWidget(self.screen)
        self.screen.reset()
        window.raise_()
        window.activateWindow()  # the dialog that had the keyboard is gone: typing goes here
        ws, minutes = self._workspace, self.minutes
        Op(self, lambda: ws.call(screen_lock.record_screen_lock, minutes=minutes)).failure(
            lambda _exc: None  # the lock holds whether or not the store heard of it
        ).run()

    def _put_away(self, widget: QWidget) -> None:
        if widget.windowType() in _POPUPS:
            widget.close()  # a menu or tool tip: gone, as after a click elsewhere
            return
        if isinstance(widget, (QFileDialog, QAbstractPrintDialog)):
            widget.reject()  # run by exec(), which ends when it is hidden: cancelled
            return
        if any(w is widget for w, _ in self._hidden):
            return
        self._hidden.append((widget, widget.windowTitle()))
        widget.setWindowTitle(_HIDDEN_TITLE)  # a window title may name a child
        if isinstance(widget, QDialog):
            widget.finished.connect(self._on_hidden_finished)
        widget.hide()

    def _on_hidden_finished(self) -> None:
        """A hidden dialog's work ended (its save succeeded meanwhile): it stays closed."""
        done = self.sender()
        for pair in list(self._hidden):
            if pair[0] is done:
                self._hidden.remove(pair)
                pair[0].setWindowTitle(pair[1])
                pair[0].finished.disconnect(self._on_hidden_finished)

    # -- unlocking --------------------------------------------------------------------
    def _on_unlock_requested(self, password: str) -> None:
        if not self.locked:
            return
        if not self._password_needed:
            self._unlock()
            return
        self.screen.set_busy(True)
        ws = self._workspace
        me = ws.actor
        Op(self.screen, lambda: ws.authenticate(me.username, password, on_behalf_of=me.on_behalf_of)).success(
            lambda _actor: self._unlock()
        ).failure(self._on_refused).run()

    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, (AccountDisabled, PasswordChangeRequired)) or not isinstance(
            exc, AuthenticationFailed
        ):
            text = user_message(exc)  # what the login would say; the server out of reach
        else:
            text = self.tr("Het wachtwoord klopt niet. Het scherm blijft vergrendeld.")
        self.screen.refuse(text)

    def _unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.pages.setCurrentIndex(0)
        self._show_bars()
        self._window.setWindowTitle(self._title)
        self.screen.reset()
        hidden, self._hidden = self._hidden, []
        for widget, title in hidden:
            if not shiboken6.isValid(widget):
                continue
            if isinstance(widget, QDialog):
                widget.finished.disconnect(self._on_hidden_finished)
            if widget.windowTitle() == _HIDDEN_TITLE:
                widget.setWindowTitle(title)
            widget.show()
        active = self._active
        self._active = None
        if active is not None and shiboken6.isValid(active) and active.isVisible():
            active.raise_()
            active.activateWindow()
        ws = self._workspace
        Op(self, lambda: ws.call(screen_lock.record_screen_unlock)).failure(lambda _exc: None).run()
        self._learn_minutes()

    def _show_bars(self) -> None:
        bars, self._bars = self._bars, []
        for bar in bars:
            if shiboken6.isValid(bar):
                bar.show()

    def _forget_hidden(self) -> None:
        hidden, self._hidden = self._hidden, []
        for widget, title in hidden:
            if shiboken6.isValid(widget):
                widget.setWindowTitle(title)
                if isinstance(widget, QDialog):
                    widget.finished.disconnect(self._on_hidden_finished)

"""Live in a team, in the window (issue 10 §5): other users' changes and the connection's
state, delivered on the main thread.

`LiveRefresh` subscribes through the Workspace (services/live.py; the listener runs on a
thread of its own) and re-emits on the main thread: `changed(Change)`, several changes
within `GATHER_MS` merged into one so that a burst of writes costs one reload, and
`online_changed(bool)`. The main window hands a change to each workspace it has loaded;
each reloads what the change touches and keeps its selection and scroll position. An
open form dialog holds its own copy of what it edits, so a refresh never overwrites what
the user is typing; a save against a changed record is refused as stale (FormDialog's
"Opnieuw laden").

`ConnectionBanner` is the line at the top of the main window while the server is out of
reach: the listener retries by itself, open windows stay open, and a save fails with a
Dutch message and keeps what was typed. When the server refuses the login itself (the
account was deactivated, the password changed) there is no retrying: `locked_out` is
emitted once, and the main window locks its data away (MainWindow.lock_out).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ret_desk.services.context import Workspace
from ret_desk.services.live import Change, Topic

__all__ = ["GATHER_MS", "Change", "ConnectionBanner", "LiveRefresh", "Topic"]

GATHER_MS = 150


class LiveRefresh(QObject):
    changed = Signal(object)  # Change, on the main thread
    online_changed = Signal(bool)
    locked_out = Signal()  # the server refuses this login: log in again
    _heard = Signal(object)  # emitted on the listener's thread, delivered queued
    _status = Signal(bool)
    _refused = Signal()

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.online = True
        self._pending: Change | None = None
        self._timer = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._timer.timeout.connect(self._deliver)
        self._heard.connect(self._on_heard, Qt.ConnectionType.QueuedConnection)
        self._status.connect(self._on_status, Qt.ConnectionType.QueuedConnection)
        self._refused.connect(self.locked_out, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = workspace.subscribe_changes(
            self._from_thread, self._status_from_thread, self._refused_from_thread
        )

    def stop(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()

    # -- on the listener's thread: only hand over ---------------------------------------
    def _from_thread(self, change: Change) -> None:
        if shiboken6.isValid(self):
            self._heard.emit(change)

    def _status_from_thread(self, online: bool) -> None:
        if shiboken6.isValid(self):
            self._status.emit(online)

    def _refused_from_thread(self) -> None:
        if shiboken6.isValid(self):
            self._refused.emit()

    # -- on the main thread -----------------------------------------------------------
    @Slot(object)
    def _on_heard(self, change: Change) -> None:
        self._pending = change if self._pending is None else self._pending.merged(change)
        if not self._timer.isActive():
            self._timer.start()

    def _deliver(self) -> None:
        change, self._pending = self._pending, None
        if change is not None:
            self.changed.emit(change)

    @Slot(bool)
    def _on_status(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)


class ConnectionBanner(QFrame):
    """A line at the top of the main window while the connection to the server is lost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(
            "#connectionBanner { background: #fde2e1; border: 1px solid #a40000; border-radius: 3px; }"
            "#connectionBanner QLabel { color: #5c0000; }"
        )
        self.label = QLabel(
            self.tr(
                "<b>Geen verbinding met de server.</b> RET Desk probeert het elke paar seconden "
                "opnieuw. Uw vensters en wat u typte blijven staan; opslaan lukt pas weer als de "
                "verbinding terug is."
            )
        )
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName(self.tr("Verbindingsmelding"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        self.hide()

    def set_online(self, online: bool) -> None:
        self.setVisible(not online)

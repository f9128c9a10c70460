"""The page the main window shows while it is locked after idle time (issue 11 §3): the
app's name, who is logged in, a password field, "Ontgrendelen" and "Afsluiten", and
nothing of a child. The behaviour (when to lock, checking the password) is in
ui/idle_lock.py; this is layout only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ret_desk.domain.actor import Actor


class LockScreen(QWidget):
    #: The user asks to unlock, with the password typed ('' without a password field).
    unlock_requested = Signal(str)
    #: The user chose "Afsluiten".
    quit_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLock")
        self._build(actor)
        self._connect()

    def _build(self, actor: Actor) -> None:
        self.logo = QLabel("RET Desk")
        font = QFont(self.logo.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.logo.setFont(font)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("color: #00508c;")
        self.heading = QLabel(self.tr("RET Desk is vergrendeld"))
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        self.heading.setFont(heading_font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = self.tr("Ingelogd als %1 (%2)").replace("%1", actor.username).replace("%2", actor.role.label)
        if actor.on_behalf_of:
            who += ", " + self.tr("werkt namens %1").replace("%1", actor.on_behalf_of)
        self.who = QLabel(who)
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.intro = QLabel(self.tr("Vul uw wachtwoord in om verder te werken."))
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Wachtwoord"))
        self.password.setPlaceholderText(self.tr("Wachtwoord"))
        self.password.setMinimumWidth(280)
        self.message = QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("&Ontgrendelen"))
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Afsluiten"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        field_row = QHBoxLayout()
        field_row.addStretch(1)
        field_row.addWidget(self.password)
        field_row.addStretch(1)
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMaximumWidth(560)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(32, 24, 32, 24)
        inner.setSpacing(12)
        for widget in (self.logo, self.heading, self.who, self.intro):
            inner.addWidget(widget)
        inner.addLayout(field_row)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(panel, 3)
        centred.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(centred)
        column.addStretch(2)

    def _connect(self) -> None:
        self.password.returnPressed.connect(self._on_unlock)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.quit_button.clicked.connect(self.quit_requested)

    def without_password(self) -> None:
        """The demo mode has no accounts and only fictitious data: the button alone unlocks."""
        self.password.hide()
        self.intro.setText(
            self.tr("Demomodus: alleen fictieve gegevens en geen accounts; ontgrendelen zonder wachtwoord.")
        )

    def reset(self) -> None:
        """Ready for the user who comes back: empty field, no message, focus in the field."""
        self.password.clear()
        self.message.clear()
        self.set_busy(False)
        (self.password if self.password.isVisibleTo(self) else self.unlock_button).setFocus()

    def refuse(self, text: str) -> None:
        """A refused password: say why, clear the field, and keep the focus there."""
        self.set_busy(False)
        self.password.clear()
        self.message.setText(text)
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.password.setReadOnly(busy)

    def _on_unlock(self) -> None:
        if self.unlock_button.isEnabled():
            self.unlock_requested.emit(self.password.text())

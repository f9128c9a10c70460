"""The login dialog, and the first-start dialog that creates the administrator."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import InvalidInput, PasswordChangeRequired
from ret_desk.services.admin import accounts
from ret_desk.services.context import Workspace
from ret_desk.ui.errors import user_message
from ret_desk.ui.form_dialog import grow_to_fit
from ret_desk.ui.ops import Op


class _CredentialsDialog(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #a40000;")
        self.message.setWordWrap(True)
        self.form = QFormLayout(self)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        self.form.addRow(intro_label)
        self.form.addRow("&Gebruikersnaam", self.username)
        self.form.addRow("&Wachtwoord", self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.message)
        self.form.addRow(self.buttons)

    def _say(self, text: str) -> None:
        """Show a message under the fields; the dialog grows so that a wrapped message is
        never cut off (Qt keeps a window at the size it had)."""
        self.message.setText(text)
        grow_to_fit(self)

    def _busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)

    def _on_ok(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _fail(self, exc: BaseException) -> None:
        self._busy(False)
        self._say(user_message(exc))


class LoginDialog(_CredentialsDialog):
    logged_in = Signal(object)  # Actor

    def __init__(self, door: Workspace, parent: QWidget | None = None) -> None:
        """`door`: the workspace with nobody logged in yet (services.context.open_workspace)."""
        super().__init__("Inloggen bij RET Desk", "Log in met uw RET Desk-account.", parent)
        self._door = door
        self.ok_button.setText("&Inloggen")
        self.actor: Actor | None = None
        # NEN 7513: whoever acts for someone else (e.g. for the RET duty officer) says so once.
        self.on_behalf_of = QLineEdit(placeholderText=self.tr("optioneel: naam van wie u vervangt"))
        self.on_behalf_of.setAccessibleName(self.tr("Werkt namens"))
        self.on_behalf_of.setMaxLength(100)
        self.form.addRow(self.tr("Werkt na&mens"), self.on_behalf_of)
        self.finish()
        self.new_password: QLineEdit | None = None
        self.repeat_new: QLineEdit | None = None

    def _on_ok(self) -> None:
        door, name, password = self._door, self.username.text(), self.password.text()
        if self.new_password is not None:
            self._change_and_log_in()
            return
        self._busy(True)
        self._say("")
        namens = self.on_behalf_of.text()
        Op(self, lambda: door.authenticate(name, password, on_behalf_of=namens)).success(self._ok).failure(
            self._fail
        ).run()

    def _fail(self, exc: BaseException) -> None:
        super()._fail(exc)
        if isinstance(exc, PasswordChangeRequired) and self.new_password is None:
            self._ask_new_password()

    def _ask_new_password(self) -> None:
        """After a reset: the same dialog asks for a new password twice, then logs in."""
        self.new_password, self.repeat_new = QLineEdit(), QLineEdit()
        row = self.form.rowCount() - 2  # above the message and the buttons
        for offset, (label, field, name) in enumerate(
            (
                (self.tr("&Nieuw wachtwoord"), self.new_password, self.tr("Nieuw wachtwoord")),
                (self.tr("He&rhaal nieuw wachtwoord"), self.repeat_new, self.tr("Herhaal nieuw wachtwoord")),
            )
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            self.form.insertRow(row + offset, label, field)
        self.new_password.setPlaceholderText(self.tr("minstens 12 tekens"))
        self.username.setReadOnly(True)
        self.password.setReadOnly(True)
        self.ok_button.setText(self.tr("Wachtwoord wijzigen en &inloggen"))
        self.new_password.setFocus()

    def _change_and_log_in(self) -> None:
        assert self.new_password is not None and self.repeat_new is not None
        if self.new_password.text() != self.repeat_new.text():
            self._say(self.tr("De nieuwe wachtwoorden zijn niet gelijk."))
            return
        door, name, current, new = (
            self._door,
            self.username.text(),
            self.password.text(),
            self.new_password.text(),
        )
        namens = self.on_behalf_of.text()

        def change_then_log_in() -> Actor:
            door.change_own_password(username=name, current=current, new=new)
            return door.authenticate(name, new, on_behalf_of=namens)

        self._busy(True)
        self._say("")
        Op(self, change_then_log_in).success(self._ok).failure(self._fail).run()

    def _ok(self, actor: Actor) -> None:
        self.actor = actor
        self.logged_in.emit(actor)
        self.accept()


class FirstAdminDialog(_CredentialsDialog):
    """Shown once, on a store without accounts."""

    def __init__(self, door: Workspace, parent: QWidget | None = None) -> None:
        """`door`: the workspace with nobody logged in yet (services.context.open_workspace)."""
        super().__init__(
            "Eerste start: beheerder aanmaken",
            "Deze opslag heeft nog geen accounts. Maak het account van de beheerder aan; "
            "daarmee voegt u daarna de andere gebruikers toe.",
            parent,
        )
        self._door = door
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("&Herhaal wachtwoord", self.repeat)
        self.ok_button.setText("&Aanmaken")
        self.finish()

    def _on_ok(self) -> None:
        if self.password.text() != self.repeat.text():
            self._say("De wachtwoorden zijn niet gelijk.")
            return
        door, name, password = self._door, self.username.text(), self.password.text()
        self._busy(True)
        Op(
            self,
            lambda: door.call_anonymous(
                accounts.create_account, actor=None, username=name, password=password, role=Role.ADMIN
            ),
        ).success(lambda _: self.accept()).failure(self._fail).run()

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, InvalidInput):
            self._busy(False)
            self._say("\n".join(e.message for e in exc.errors))
        else:
            super()._fail(exc)

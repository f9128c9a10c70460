"""The dialogs of the account list: add an account, change a role, reset a password.
Each calls its service in the background and closes only when it succeeded."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ret_desk.domain.enums import Role
from ret_desk.services import accounts
from ret_desk.services.admin import account_admin
from ret_desk.services.admin.account_admin import AccountRow
from ret_desk.services.context import Workspace
from ret_desk.ui.admin.password_dialog import password_field
from ret_desk.ui.admin.service_dialog import ServiceDialog


def role_combo() -> QComboBox:
    """Roles with their Dutch label; starts empty, so that nobody gets a role by default."""
    box = QComboBox()
    for role in Role:
        box.addItem(role.label, role.value)
    box.setCurrentIndex(-1)
    box.setPlaceholderText(QComboBox.tr("Kies een rol"))
    return box


class AddAccountDialog(ServiceDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Account toevoegen"))
        self._workspace = workspace
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = role_combo()
        self.password = password_field()
        self.repeat = password_field()
        for label, widget, name in (
            (self.tr("&Gebruikersnaam"), self.username, self.tr("Gebruikersnaam")),
            (self.tr("&Naam"), self.display_name, self.tr("Naam")),
            (self.tr("&Rol"), self.role, self.tr("Rol")),
            (self.tr("&Wachtwoord"), self.password, self.tr("Wachtwoord")),
            (self.tr("&Herhaal wachtwoord"), self.repeat, self.tr("Herhaal wachtwoord")),
        ):
            widget.setAccessibleName(name)
            self.form.addRow(label, widget)
        self.finish(self.tr("Account &toevoegen"))
        self.username.setFocus()

    def _work(self):  # noqa: ANN202
        if self.role.currentIndex() < 0:
            return self.tr("Kies een rol.")
        if self.password.text() != self.repeat.text():
            return self.tr("De wachtwoorden zijn niet gelijk.")
        ws = self._workspace
        name, display, password = self.username.text(), self.display_name.text(), self.password.text()
        role = Role(self.role.currentData())
        return lambda: accounts.create_account(
            uow=ws.uow(), actor=ws.actor, username=name, password=password, role=role, display_name=display
        )


class RoleDialog(ServiceDialog):
    def __init__(self, workspace: Workspace, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Rol wijzigen van %1").replace("%1", row.username))
        self._workspace, self._row = workspace, row
        self.role = role_combo()
        self.role.setCurrentIndex(self.role.findData(row.role.value))
        self.role.setAccessibleName(self.tr("Nieuwe rol"))
        note = QLabel(self.tr("De nieuwe rol geldt vanaf de volgende keer dat dit account inlogt."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.form.addRow(self.tr("&Rol"), self.role)
        self.finish(self.tr("Rol &wijzigen"))
        self.role.setFocus()

    def _work(self):  # noqa: ANN202
        if self.role.currentIndex() < 0:
            return self.tr("Kies een rol.")
        ws, row, role = self._workspace, self._row, Role(self.role.currentData())
        return lambda: account_admin.set_role(
            uow=ws.uow(), actor=ws.actor, username=row.username, role=role, version=row.version
        )


class ResetPasswordDialog(ServiceDialog):
    def __init__(self, workspace: Workspace, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Wachtwoord herstellen van %1").replace("%1", row.username))
        self._workspace, self._row = workspace, row
        note = QLabel(
            self.tr(
                "Geef een tijdelijk wachtwoord en geef het de gebruiker persoonlijk door. Het huidige "
                "wachtwoord werkt daarna niet meer; bij de volgende login kiest de gebruiker een nieuw."
            )
        )
        note.setWordWrap(True)
        self.temporary = password_field()
        self.repeat = password_field()
        self.temporary.setAccessibleName(self.tr("Tijdelijk wachtwoord"))
        self.repeat.setAccessibleName(self.tr("Herhaal tijdelijk wachtwoord"))
        self.form.addRow(note)
        self.form.addRow(self.tr("&Tijdelijk wachtwoord"), self.temporary)
        self.form.addRow(self.tr("&Herhaal"), self.repeat)
        self.finish(self.tr("Wachtwoord her&stellen"))
        self.temporary.setFocus()

    def _work(self):  # noqa: ANN202
        if self.temporary.text() != self.repeat.text():
            return self.tr("De wachtwoorden zijn niet gelijk.")
        ws, row, temporary = self._workspace, self._row, self.temporary.text()
        return lambda: account_admin.reset_password(
            uow=ws.uow(), actor=ws.actor, username=row.username, temporary=temporary, version=row.version
        )

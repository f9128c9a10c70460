"""The dialogs of the account list: add an account, change a role, reset a password.
Each is a FormDialog: it calls its service in the background and closes only when it succeeded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from ret_desk.domain.enums import Role
from ret_desk.domain.errors import FieldError
from ret_desk.services.admin import account_admin, accounts
from ret_desk.services.admin.account_admin import AccountRow
from ret_desk.services.context import Workspace
from ret_desk.ui.admin.password_dialog import password_field
from ret_desk.ui.form_dialog import FormDialog


def role_combo() -> QComboBox:
    """Roles with their Dutch label; starts empty, so that nobody gets a role by default."""
    box = QComboBox()
    for role in Role:
        box.addItem(role.label, role.value)
    box.setCurrentIndex(-1)
    box.setPlaceholderText(QComboBox.tr("Kies een rol"))
    return box


def _role_problems(box: QComboBox) -> list[FieldError]:
    return [FieldError("role", box.tr("Kies een rol."))] if box.currentIndex() < 0 else []


def _form(dialog: FormDialog) -> QFormLayout:
    dialog.setMinimumWidth(440)
    return QFormLayout(dialog)


class AddAccountDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, save_text=QCoreApplication.translate("AddAccountDialog", "Account &toevoegen")
        )
        self.setWindowTitle(self.tr("Account toevoegen"))
        self._workspace = workspace
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.role = role_combo()
        self.password = password_field(new=True)
        self.repeat = password_field()
        form = _form(self)
        for label, widget, name, key in (
            (self.tr("&Gebruikersnaam"), self.username, self.tr("Gebruikersnaam"), ""),
            (self.tr("&Naam"), self.display_name, self.tr("Naam"), ""),
            (self.tr("&Rol"), self.role, self.tr("Rol"), "role"),
            (self.tr("&Wachtwoord"), self.password, self.tr("Wachtwoord"), ""),
            (self.tr("&Herhaal wachtwoord"), self.repeat, self.tr("Herhaal wachtwoord"), "repeat"),
        ):
            widget.setAccessibleName(name)
            self.add_field(form, label, widget, key)
        self.add_buttons(form)
        self.set_save(self._work)
        self.username.setFocus()

    def problems(self) -> list[FieldError]:
        errors = _role_problems(self.role)
        if self.password.text() != self.repeat.text():
            errors.append(FieldError("repeat", self.tr("De wachtwoorden zijn niet gelijk.")))
        return errors

    def _work(self):  # noqa: ANN202
        ws = self._workspace
        name, display, password = self.username.text(), self.display_name.text(), self.password.text()
        role = Role(self.role.currentData())
        return lambda: ws.call(
            accounts.create_account, username=name, password=password, role=role, display_name=display
        )


class RoleDialog(FormDialog):
    def __init__(self, workspace: Workspace, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=QCoreApplication.translate("RoleDialog", "Rol &wijzigen"))
        self.setWindowTitle(self.tr("Rol wijzigen van %1").replace("%1", row.username))
        self._workspace, self._row = workspace, row
        self.role = role_combo()
        self.role.setCurrentIndex(self.role.findData(row.role.value))
        self.role.setAccessibleName(self.tr("Nieuwe rol"))
        note = QLabel(self.tr("De nieuwe rol geldt vanaf de volgende keer dat dit account inlogt."))
        note.setWordWrap(True)
        form = _form(self)
        form.addRow(note)
        self.add_field(form, self.tr("&Rol"), self.role, "role")
        self.add_buttons(form)
        self.set_save(self._work)
        self.role.setFocus()

    def problems(self) -> list[FieldError]:
        return _role_problems(self.role)

    def _work(self):  # noqa: ANN202
        ws, row, role = self._workspace, self._row, Role(self.role.currentData())
        return lambda: ws.call(account_admin.set_role, username=row.username, role=role, version=row.version)


class ResetPasswordDialog(FormDialog):
    def __init__(self, workspace: Workspace, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, save_text=QCoreApplication.translate("ResetPasswordDialog", "Wachtwoord her&stellen")
        )
        self.setWindowTitle(self.tr("Wachtwoord herstellen van %1").replace("%1", row.username))
        self._workspace, self._row = workspace, row
        note = QLabel(
            self.tr(
                "Geef een tijdelijk wachtwoord en geef het de gebruiker persoonlijk door. Het huidige "
                "wachtwoord werkt daarna niet meer; bij de volgende login kiest de gebruiker een nieuw."
            )
        )
        note.setWordWrap(True)
        self.temporary = password_field(new=True)
        self.repeat = password_field()
        self.temporary.setAccessibleName(self.tr("Tijdelijk wachtwoord"))
        self.repeat.setAccessibleName(self.tr("Herhaal tijdelijk wachtwoord"))
        form = _form(self)
        form.addRow(note)
        self.add_field(form, self.tr("&Tijdelijk wachtwoord"), self.temporary)
        self.add_field(form, self.tr("&Herhaal"), self.repeat, "repeat")
        self.add_buttons(form)
        self.set_save(self._work)
        self.temporary.setFocus()

    def problems(self) -> list[FieldError]:
        if self.temporary.text() != self.repeat.text():
            return [FieldError("repeat", self.tr("De wachtwoorden zijn niet gelijk."))]
        return []

    def _work(self):  # noqa: ANN202
        ws, row, temporary = self._workspace, self._row, self.temporary.text()
        return lambda: ws.call(
            account_admin.reset_password, username=row.username, temporary=temporary, version=row.version
        )

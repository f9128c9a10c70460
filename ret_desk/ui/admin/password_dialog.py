"""Every user's own password change (Bestand → Wachtwoord wijzigen…): the current
password, then the new one twice. The dialog stays open until the change succeeded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.services.context import Workspace
from ret_desk.ui.form_dialog import FormDialog


def password_field(*, new: bool = False) -> QLineEdit:
    """A field that hides what is typed; a `new` one says what a new password needs
    (services/admin/password_policy.py)."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if new:
        field.setPlaceholderText(QCoreApplication.translate("password_field", "minstens 12 tekens"))
    return field


class ChangePasswordDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, save_text=QCoreApplication.translate("ChangePasswordDialog", "Wachtwoord &wijzigen")
        )
        self.setWindowTitle(self.tr("Wachtwoord wijzigen"))
        self.setMinimumWidth(440)
        self._workspace = workspace
        self.current = password_field()
        self.new = password_field(new=True)
        self.repeat = password_field()
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Huidig wachtwoord"), self.current)
        self.add_field(form, self.tr("&Nieuw wachtwoord"), self.new)
        self.add_field(form, self.tr("He&rhaal nieuw wachtwoord"), self.repeat, "repeat")
        for field, name in (
            (self.current, self.tr("Huidig wachtwoord")),
            (self.new, self.tr("Nieuw wachtwoord")),
            (self.repeat, self.tr("Herhaal nieuw wachtwoord")),
        ):
            field.setAccessibleName(name)
        self.add_buttons(form)
        self.set_save(self._work)
        self.current.setFocus()

    def problems(self) -> list[FieldError]:
        if self.new.text() != self.repeat.text():
            return [FieldError("repeat", self.tr("De nieuwe wachtwoorden zijn niet gelijk."))]
        return []

    def _work(self):  # noqa: ANN202
        ws, name = self._workspace, self._workspace.actor.username
        current, new = self.current.text(), self.new.text()
        return lambda: ws.change_own_password(username=name, current=current, new=new, logged_in=True)

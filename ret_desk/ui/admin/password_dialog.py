"""Every user's own password change (Bestand → Wachtwoord wijzigen…): the current
password, then the new one twice. The dialog stays open until the change succeeded."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ret_desk.services.admin import account_admin
from ret_desk.services.context import Workspace
from ret_desk.ui.admin.service_dialog import ServiceDialog


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePasswordDialog(ServiceDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Wachtwoord wijzigen"))
        self._workspace = workspace
        self.current = password_field()
        self.new = password_field()
        self.repeat = password_field()
        self.form.addRow(self.tr("&Huidig wachtwoord"), self.current)
        self.form.addRow(self.tr("&Nieuw wachtwoord"), self.new)
        self.form.addRow(self.tr("He&rhaal nieuw wachtwoord"), self.repeat)
        for field, name in (
            (self.current, self.tr("Huidig wachtwoord")),
            (self.new, self.tr("Nieuw wachtwoord")),
            (self.repeat, self.tr("Herhaal nieuw wachtwoord")),
        ):
            field.setAccessibleName(name)
        self.finish(self.tr("Wachtwoord &wijzigen"))
        self.current.setFocus()

    def _work(self):  # noqa: ANN202
        if self.new.text() != self.repeat.text():
            return self.tr("De nieuwe wachtwoorden zijn niet gelijk.")
        uow, name = self._workspace.uow(), self._workspace.actor.username
        current, new = self.current.text(), self.new.text()
        return lambda: account_admin.change_own_password(uow=uow, username=name, current=current, new=new)

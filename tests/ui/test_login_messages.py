"""A refusal at login is shown whole: the dialog grows for a message that wraps onto
more lines, instead of cutting its first and last line off. A deactivated account gets the
one answer to every refused login (issue 11 §3)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ret_desk.domain.enums import Role
from ret_desk.services.admin import account_admin
from ret_desk.services.context import Workspace
from ret_desk.ui.login import LoginDialog
from tests.conftest import PASSWORD

WAIT = 10_000


def test_a_deactivated_account_gets_the_one_refusal_in_full(qtbot, sqlite_store, actors_sqlite):
    # Given a deactivated chair account
    admin = actors_sqlite[Role.ADMIN]
    account_admin.set_active(uow=sqlite_store.uow(), actor=admin, username="chair", active=False)
    dialog = LoginDialog(Workspace(sqlite_store))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    height_before = dialog.height()
    # When the chair logs in with the right password
    qtbot.keyClicks(dialog.username, "chair")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=WAIT)
    # Then the whole message shows: the label is as tall as its wrapped text needs
    label = dialog.message
    # (a deactivated account gets the one answer to every refused login: issue 11 §3)
    assert label.text() == "Onbekende gebruikersnaam of onjuist wachtwoord."
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=WAIT)
    assert dialog.height() >= height_before and dialog.isVisible()

"""The login dialog's "Werkt namens" and a failed login, from the real dialog to the row
in audit_event (NEN 7513, issue 10 §3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.services.context import Workspace
from ret_desk.ui.login import LoginDialog
from tests.conftest import PASSWORD

WAIT = 10_000


def _last(store, action: str):
    with store.uow() as uow:
        return uow.session.execute(
            select(AuditEvent.actor_name, AuditEvent.on_behalf_of, AuditEvent.detail)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.id.desc())
        ).first()


def test_a_wrong_password_then_logging_in_on_behalf_of_someone(qtbot, sqlite_store, actors_sqlite):
    dialog = LoginDialog(Workspace(sqlite_store))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    # When the chair types a wrong password
    qtbot.keyClicks(dialog.username, "chair")
    qtbot.keyClicks(dialog.password, "fout-fout-fout")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=WAIT)
    # Then the failed attempt is in the log
    failed = _last(sqlite_store, "login_failed")
    assert (failed.actor_name, failed.detail) == ("chair", "onjuist wachtwoord")
    # When the chair logs in with the right password, working for the duty officer
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.on_behalf_of, "Dienstdoende RET")
    dialog.grab().save("/tmp/chain-login.png")
    with qtbot.waitSignal(dialog.logged_in, timeout=WAIT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # Then the session's actor and its login event say so
    assert dialog.actor.on_behalf_of == "Dienstdoende RET"
    login = _last(sqlite_store, "login")
    assert (login.actor_name, login.on_behalf_of) == ("chair", "Dienstdoende RET")

"""The login dialog on a team's PostgreSQL store (issue 10 §2): the person's own login is
what PostgreSQL checks; a wrong password shows the usual Dutch message, the right one logs
in with the account's role, and the workspace the app gets reads through that login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ret_desk.db import gate
from ret_desk.domain.enums import Role
from ret_desk.services.cases import case_detail
from ret_desk.services.context import open_workspace
from ret_desk.ui.login import LoginDialog
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg
WAIT = 10_000


def test_the_login_dialog_connects_as_the_person(qtbot, team: Team, monkeypatch, tmp_path) -> None:
    failed: list[str] = []
    monkeypatch.setattr(
        gate, "record_failed_login", lambda url, username, workstation: failed.append(username)
    )
    door = open_workspace(team.team_url)
    try:
        dialog = LoginDialog(door)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
        name = team.names[Role.COORDINATOR]
        # When a wrong password is typed
        qtbot.keyClicks(dialog.username, name)
        qtbot.keyClicks(dialog.password, "niet-het-wachtwoord")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=WAIT)
        # Then the dialog says so in Dutch, and the gate heard of it
        assert dialog.message.text() == "Onbekende gebruikersnaam of onjuist wachtwoord."
        assert failed == [name]
        dialog.grab().save(str(tmp_path / "team-login-refused.png"))
        # When the right one is typed
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, PW)
        with qtbot.waitSignal(dialog.logged_in, timeout=WAIT) as blocker:
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        actor = blocker.args[0]
        assert (actor.username, actor.role) == (name, Role.COORDINATOR)
        # And the app's workspace reads the case through the coordinator's own login
        workspace = door.logged_in(actor)
        assert workspace.call(case_detail.get_case, number=team.case_number).number == team.case_number
        assert workspace.store is not door.store
    finally:
        door.close()

"""A deactivated account in a window that is already open (issue 10, a tester's finding):
on a team's PostgreSQL store the server ends the person's connections and refuses the
login from then on. The window then stops retrying, says so in Dutch, and locks the
children's data away (no workspace, no dialog left) until the person logs in again."""

from __future__ import annotations

import psycopg
import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy.engine import make_url

from ret_desk.db.login_roles import role_name
from ret_desk.domain.enums import Role
from ret_desk.services import live
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.context import open_workspace
from ret_desk.ui.errors import user_message
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg
WAIT = 10_000
MESSAGE = "Uw account is gedeactiveerd of uw wachtwoord is gewijzigd; log opnieuw in."


def _as_owner(team: Team, sql: str) -> None:
    owner = make_url(team.owner_url).username
    where = {"host": team.host, "port": team.port, "dbname": team.dbname}
    with psycopg.connect(**where, user=owner, autocommit=True) as c:
        c.execute(sql)


def _municipalities(*, uow):  # noqa: ANN001, ANN202
    from ret_desk.services.admin.reference import municipalities

    return municipalities(uow=uow)


def test_a_deactivated_login_locks_the_open_window(qtbot, team: Team, tmp_path) -> None:
    door = open_workspace(team.team_url)
    name = team.names[Role.COORDINATOR]
    login = role_name(name)
    win = None
    try:
        workspace = door.logged_in(door.authenticate(name, PW))
        live.listener_of(workspace.store).retry = 0.3
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        win = MainWindow(workspace, workspace.call_anonymous(_municipalities), settings)
        qtbot.addWidget(win)
        win.resize(1024, 768)
        win.show()
        qtbot.waitExposed(win)
        win.start()
        model = win.cases.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
        qtbot.waitUntil(lambda: win.live.online, timeout=WAIT)
        win.cases.table.selectRow(0)
        qtbot.waitUntil(lambda: win.cases.detail.detail is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        win.cases.detail._on_edit()
        dialog = win.cases.detail.active_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        # When the account is deactivated on the server and its open connections are ended
        # (what `user disable` does on a team store; the owner's SQL is in migration 0007)
        _as_owner(team, f'ALTER ROLE "{login}" NOLOGIN')
        _as_owner(team, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{login}'")
        # Then the window stops retrying, says why in Dutch, and shows no child's data
        qtbot.waitUntil(lambda: win.locked, timeout=WAIT)
        assert win.locked_message.text() == MESSAGE
        assert win.cases is None
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT)
        assert not [d for d in win.findChildren(QDialog) if d.isVisible()]
        texts = " ".join(label.text() for label in win.findChildren(QLabel) if label.isVisible())
        assert team.case_number not in texts and "Geen verbinding" not in texts
        assert live.listener_of(workspace.store).locked_out
        win.grab().save(str(tmp_path / "locked-out.png"))
        win.grab().save("/tmp/fxlive-locked-out.png")
        # And a service call meanwhile gets the same message, not "Geen verbinding"
        with pytest.raises(Exception) as refused:  # noqa: PT011 - the driver's error, wrapped
            workspace.call(get_case, number=team.case_number)
        assert user_message(refused.value) == MESSAGE
        # And "Opnieuw inloggen" asks the app for the login dialog
        with qtbot.waitSignal(win.relogin_requested, timeout=WAIT):
            qtbot.mouseClick(win.relogin_button, Qt.MouseButton.LeftButton)
    finally:
        _as_owner(team, f'ALTER ROLE "{login}" LOGIN')
        if win is not None and shiboken6.isValid(win):
            win.close()
        door.close()

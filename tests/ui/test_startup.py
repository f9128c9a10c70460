"""Start-up as a user meets it: the first start asks for an administrator; demo mode opens
a filled store logged in as the demo coordinator."""

from __future__ import annotations

from ret_desk.domain.enums import Role
from ret_desk.ui.app import Startup
from ret_desk.ui.login import FirstAdminDialog, LoginDialog

WAIT = 30_000


def test_first_start_on_an_empty_store_asks_for_an_admin(qtbot, tmp_path):
    startup = Startup(f"sqlite:///{tmp_path / 'nieuw.sqlite'}", demo=False)
    startup.begin()
    qtbot.waitUntil(lambda: isinstance(startup.dialog, FirstAdminDialog), timeout=WAIT)
    assert startup.dialog.isVisible()
    startup.dialog.close()
    startup.dispose()


def test_a_store_with_accounts_asks_for_login(qtbot, sqlite_store, actors_sqlite):
    startup = Startup(sqlite_store.url, demo=False)
    startup.begin()
    qtbot.waitUntil(lambda: isinstance(startup.dialog, LoginDialog), timeout=WAIT)
    startup.dialog.close()
    startup.dispose()


def test_demo_mode_opens_the_main_window_as_demo_coordinator(qtbot):
    startup = Startup(None, demo=True)
    startup.begin()
    qtbot.waitUntil(lambda: startup.window is not None, timeout=WAIT)
    window = startup.window
    qtbot.addWidget(window)
    assert window._workspace.actor.role is Role.COORDINATOR
    assert "demo-coordinator" in window.windowTitle()
    qtbot.waitUntil(lambda: window.cases.model.total > 0, timeout=WAIT)
    window.close()
    startup.dispose()


def test_an_unusable_store_is_reported_not_raised(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    startup = Startup(r"sqlite:///\\fs01\jeugd\ret.sqlite", demo=False)
    startup.begin()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert "PostgreSQL" in shown[0] and startup.exit_code == 1

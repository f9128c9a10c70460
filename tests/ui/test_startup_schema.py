"""The app meets a PostgreSQL store whose schema is not its own (issue 10 §4): it says so
in Dutch and does not start, and it never upgrades the store itself."""

from __future__ import annotations

import pytest

from ret_desk.db import migrate
from ret_desk.db.store import Store
from ret_desk.ui.app import Startup
from tests.support.schema import PREVIOUS, make_store_at, pretend_newer

pytestmark = pytest.mark.pg
WAIT = 30_000


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    from tests.conftest import _pg_url

    return _pg_url(request)


def _start(qtbot, monkeypatch, url: str) -> tuple[list[str], Startup]:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    startup = Startup(url, demo=False)
    startup.begin()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    startup.dispose()
    return shown, startup


def test_the_app_refuses_an_older_postgresql_store_without_upgrading_it(qtbot, monkeypatch, pg_url):
    make_store_at(pg_url)
    shown, startup = _start(qtbot, monkeypatch, pg_url)
    assert shown[0].startswith("De opslag moet eerst worden bijgewerkt door een beheerder")
    assert startup.exit_code == 1
    store = Store.open(pg_url, upgrade=False)
    assert migrate.current_revision(store.engine) == PREVIOUS
    store.close()


def test_the_app_refuses_a_newer_postgresql_store(qtbot, monkeypatch, pg_url):
    Store.open(pg_url).close()
    pretend_newer(pg_url)
    shown, startup = _start(qtbot, monkeypatch, pg_url)
    assert shown[0].startswith("Deze versie van RET Desk is ouder dan de opslag") and startup.exit_code == 1

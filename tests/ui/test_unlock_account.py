"""Beheer → Ontgrendelen (issue 11 §3): the account list shows an account locked after 5
wrong passwords, and the administrator lifts the lock with one button."""

# ruff: noqa: F811 - the fixture `admin_window` comes from tests/ui/test_admin_desk.py

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import accounts
from tests.conftest import PASSWORD
from tests.ui.test_admin_desk import admin_window  # noqa: F401 - fixture

WAIT = 30_000


@pytest.fixture
def locked_chair(sqlite_store, actors_sqlite) -> None:
    for _ in range(5):
        with pytest.raises(LoginRefused):
            accounts.authenticate(uow=sqlite_store.uow(), username="chair", password="fout-wachtwoord-123")


def test_the_administrator_sees_the_lock_and_unlocks(qtbot, locked_chair, admin_window, sqlite_store):
    tab = admin_window.admin.accounts
    # Given the account list with the locked chair selected
    tab.select("chair")
    row = tab.table.currentIndex().row()
    assert "vergrendeld tot" in tab.model.index(row, 3).data()
    assert tab.unlock_button.isEnabled() and tab.unlock_button.text() == "Ont&grendelen"
    admin_window.grab().save("/tmp/pt-lockout-unlock.png")
    # When the administrator clicks Ontgrendelen
    qtbot.mouseClick(tab.unlock_button, Qt.MouseButton.LeftButton)
    # Then the list no longer says locked, the button greys out, and the chair logs in again
    qtbot.waitUntil(lambda: tab.selected() is not None and not tab.selected().locked, timeout=WAIT)
    assert "vergrendeld" not in tab.model.index(tab.table.currentIndex().row(), 3).data()
    assert not tab.unlock_button.isEnabled()
    assert (
        accounts.authenticate(uow=sqlite_store.uow(), username="chair", password=PASSWORD).username == "chair"
    )
    # And the other accounts never offer it
    tab.select("coordinator")
    assert not tab.unlock_button.isEnabled()

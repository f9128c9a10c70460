"""The Logboek workspace driven as an auditor would: filter by a youth's BSN across two
cases, export the result as CSV, and find one's own reading in the log. Also the Beheer
workspace's settings and back-up."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.services.admin import settings as admin_settings
from ret_desk.services.context import Workspace
from ret_desk.ui.audit.log_model import COL_ACTION, COL_CASE, COL_YOUTH
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.admin import BSN_A, two_cases_of_one_youth
from tests.support.tables import cell

WAIT = 30_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_auditor_filters_by_bsn_across_two_cases_exports_and_sees_own_reading(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings, tmp_path, monkeypatch
):
    # Given one youth with two cases and another youth with one
    first, second, other = two_cases_of_one_youth(sqlite_store, actors_sqlite[Role.COORDINATOR])
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.start()
    log = window.audit
    assert window.stack.currentWidget() is log
    qtbot.waitUntil(lambda: log.model.total > 0, timeout=WAIT)
    # When the auditor types the youth's BSN and presses Enter
    log.youth.setFocus()
    qtbot.keyClicks(log.youth, BSN_A)
    qtbot.keyClick(log.youth, Qt.Key.Key_Return)
    # Then the events of both of that youth's cases show, and not the other youth's
    qtbot.waitUntil(lambda: log.model.total == 2 and not log.model.is_loading, timeout=WAIT)
    assert set(column(log.model, COL_CASE)) == {first, second} and other not in column(log.model, COL_CASE)
    assert set(column(log.model, COL_YOUTH)) == {"Sanne Veenstra"}
    assert set(column(log.model, COL_ACTION)) == {"aanmelding geregistreerd"}
    assert log.total_label.text() == "2 gebeurtenissen"
    qtbot.waitUntil(lambda: log.user.completer() is not None, timeout=WAIT)
    assert "coordinator" in log.user.completer().model().stringList()
    # When the auditor exports what is shown
    target = tmp_path / "logboek.csv"
    monkeypatch.setattr(log, "choose_export_path", lambda: target)
    qtbot.mouseClick(log.export_button, CLICK)
    qtbot.waitUntil(lambda: target.exists() and log.export_button.isEnabled(), timeout=WAIT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 3 and {r[7] for r in rows[1:]} == {first, second}
    # When the auditor clears the filter and searches again
    log.youth.clear()
    qtbot.mouseClick(log.search_button, CLICK)
    qtbot.waitUntil(
        lambda: not log.model.is_loading and "logboek ingezien" in column(log.model, COL_ACTION), timeout=WAIT
    )
    # Then their own readings and export are in the log: filters recorded, never the BSN
    with sqlite_store.uow() as uow:
        events = uow.session.execute(
            select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.actor_name == "auditor")
        ).all()
    views = [detail for action, detail in events if action == "audit_view"]
    assert "jeugdige" in views and all(BSN_A not in d for _, d in events)
    assert any(action == "audit_export" for action, _ in events)
    idle(qtbot)


def test_period_and_action_filters_from_the_keyboard(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings
):
    two_cases_of_one_youth(sqlite_store, actors_sqlite[Role.COORDINATOR])
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    log = window.audit
    qtbot.waitUntil(lambda: log.model.total > 0 and not log.model.is_loading, timeout=WAIT)
    log.action.setCurrentIndex(log.action.findData("login"))
    qtbot.mouseClick(log.use_to, CLICK)
    log.date_to.setDate(log.date_to.date().addDays(-1))  # up to yesterday: nothing yet
    qtbot.mouseClick(log.search_button, CLICK)
    qtbot.waitUntil(lambda: not log.model.is_loading and log.model.total == 0, timeout=WAIT)
    log.date_to.setDate(log.date_to.date().addDays(1))  # up to and including today
    qtbot.mouseClick(log.search_button, CLICK)
    qtbot.waitUntil(lambda: not log.model.is_loading and log.model.total == 5, timeout=WAIT)
    assert set(column(log.model, COL_ACTION)) == {"ingelogd"}
    idle(qtbot)


def test_admin_changes_a_deadline_term_and_backs_up_the_store(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings, tmp_path, monkeypatch
):
    admin = actors_sqlite[Role.ADMIN]
    window = MainWindow(Workspace(sqlite_store, admin), municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    tab = window.admin.settings
    qtbot.waitUntil(lambda: len(tab.terms) == 6, timeout=WAIT)
    # When the administrator changes the Regie-op-plaatsing term from the keyboard
    row = next(i for i, t in enumerate(tab.terms) if t.route_key == "rop")
    tab.terms_table.selectRow(row)
    qtbot.mouseClick(tab.edit_terms, CLICK)
    dialog = tab.active_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.focusWidget() is dialog.start_days, timeout=WAIT)
    dialog.start_days.selectAll()
    qtbot.keyClicks(dialog.start_days, "35")
    qtbot.keyClick(dialog.start_days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: cell(tab.terms_table, row, 1) == "35", timeout=WAIT)
    stored = {
        t.route_key: t.start_days for t in admin_settings.deadline_terms(uow=sqlite_store.uow(), actor=admin)
    }
    assert stored["rop"] == 35
    # When the administrator makes a back-up of the SQLite store
    store_tab = window.admin.store
    window.admin.tabs.setCurrentWidget(store_tab)
    qtbot.waitUntil(lambda: store_tab.info is not None, timeout=WAIT)
    assert "actueel" in store_tab.revision.text()
    target = tmp_path / "kopie.sqlite"
    monkeypatch.setattr(store_tab, "choose_target", lambda: target)
    qtbot.mouseClick(store_tab.backup_button, CLICK)
    qtbot.waitUntil(
        lambda: target.exists() and "Back-up gemaakt" in store_tab.backup_note.text(), timeout=WAIT
    )
    idle(qtbot)


def test_export_follows_the_period_switched_off_after_a_refused_search(
    qtbot, sqlite_store, actors_sqlite, municipalities, settings, tmp_path, monkeypatch
):
    two_cases_of_one_youth(sqlite_store, actors_sqlite[Role.COORDINATOR])
    window = MainWindow(Workspace(sqlite_store, actors_sqlite[Role.AUDITOR]), municipalities, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    log = window.audit
    qtbot.waitUntil(lambda: log.model.total > 0 and not log.model.is_loading, timeout=WAIT)
    # Given a period that runs backwards: the search is refused
    qtbot.mouseClick(log.use_from, CLICK)
    qtbot.mouseClick(log.use_to, CLICK)
    log.date_from.setDate(log.date_to.date().addDays(3))
    qtbot.mouseClick(log.search_button, CLICK)
    idle(qtbot)
    # When the auditor switches the period off again, searches and exports
    qtbot.mouseClick(log.use_from, CLICK)
    qtbot.mouseClick(log.use_to, CLICK)
    qtbot.mouseClick(log.search_button, CLICK)
    qtbot.waitUntil(lambda: not log.model.is_loading and log.model.total > 0, timeout=WAIT)
    target = tmp_path / "logboek.csv"
    monkeypatch.setattr(log, "choose_export_path", lambda: target)
    qtbot.mouseClick(log.export_button, CLICK)
    # Then the file holds what the list shows
    qtbot.waitUntil(lambda: target.exists() and log.export_button.isEnabled(), timeout=WAIT)
    with target.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) > 1
    idle(qtbot)

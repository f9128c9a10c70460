"""Beheer › Bewaartermijnen (issue 12 §3), as the administrator sees it: the dossier past
its term listed by case number without a name, the backups named, and "Dossier
vernietigen…" with its second confirmation and last Ja/Nee, after which the row is gone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from ret_desk.db.models import Case, RouteAssignment, StatusChange, Youth
from ret_desk.domain.enums import Role
from ret_desk.domain.retention import add_years
from ret_desk.services.admin import store_admin
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.drafts import draft

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def _aged_case(store, coordinator) -> str:  # noqa: ANN001
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(family_name="Oudhof")
    ).number
    at = datetime.combine(add_years(date.today(), -21), time(12), UTC)
    with store.uow() as uow:
        s = uow.session
        case_id = s.scalar(select(Case.id).where(Case.number == number))
        s.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(created_at=at, updated_at=at, referral_date=at.date())
        )
        s.execute(update(RouteAssignment).where(RouteAssignment.case_id == case_id).values(at=at))
        s.execute(update(StatusChange).where(StatusChange.case_id == case_id).values(at=at))
        uow.commit()
    return number


def test_the_admin_sees_the_due_dossier_and_destroys_it(qtbot, sqlite_store, actors_sqlite, municipalities,
                                                        settings, tmp_path, monkeypatch):  # fmt: skip
    monkeypatch.setenv("RET_DESK_BACKUP_DIR", str(tmp_path / "backups"))
    number = _aged_case(sqlite_store, actors_sqlite[Role.COORDINATOR])
    admin = Workspace(sqlite_store, actors_sqlite[Role.ADMIN])
    admin.call_store(store_admin.backup, target=tmp_path / "eerder.sqlite")
    window = MainWindow(admin, municipalities, settings)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.start()
    tab = window.admin.retention
    window.admin.tabs.setCurrentWidget(tab)
    # Then the dossier is listed by case number, without the name
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and Op.pending() == 0, timeout=WAIT)
    cells = [tab.model.display(tab.model.rows[0], c) for c in range(5)]
    assert cells[0] == number and "20 jaar" in cells[3] and not any("Oudhof" in c for c in cells)
    assert "eerder.sqlite" in tab.backups.text() and "Vernietig hem" in tab.backups.text()
    assert "1 dossier" in tab.count.text()
    tab.grab().save(str(tmp_path / "retention.png"))
    # When the admin picks the row and opens "Dossier vernietigen…"
    tab.view.selectRow(0)
    dialog = tab.open_destroy()
    assert dialog.which.text() == number
    qtbot.keyClicks(dialog.reason, "bewaartermijn verstreken")
    qtbot.keyClicks(dialog.again, "RET-fout")
    qtbot.mouseClick(dialog.save_button, CLICK)
    # a wrong confirmation is refused in the dialog
    assert dialog.active_confirm is None and "komt niet overeen" in dialog.error_labels["again"].text()
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, number.lower())
    qtbot.mouseClick(dialog.save_button, CLICK)
    box = dialog.active_confirm
    yes = next(b for b in box.buttons() if b.text() == "&Ja")
    qtbot.mouseClick(yes, CLICK)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    # Then the dossier is destroyed, the report says so, and the list is empty
    qtbot.waitUntil(lambda: "vernietigd" in tab.report.text() and tab.model.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    with sqlite_store.uow() as uow:
        assert uow.session.scalar(select(Youth.family_name).where(Youth.family_name == "Oudhof")) is None

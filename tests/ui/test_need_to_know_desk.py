"""Need-to-know in the case workspace (issue 12 §2): a placement officer's list shows only
the cases their work needs; "Noodtoegang…" asks for a case number and a reason, then the
case opens and the log has the reason. A coordinator has no such button (every case is
theirs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Case, Route
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.drafts import draft

WAIT = 10_000


def test_placement_staff_see_their_rows_and_open_another_case_with_a_reason(
    qtbot, sqlite_store, actors_sqlite, workspace, municipalities, settings
):
    placing = workspace.call(intake.register_referral, draft=draft(given_name="Plaatsing")).number
    other = workspace.call(intake.register_referral, draft=draft(given_name="Anders", bsn=None)).number
    with sqlite_store.uow() as uow:
        case = uow.session.scalar(select(Case).where(Case.number == placing))
        case.current_route = uow.session.scalar(select(Route.key).where(Route.kind == "placement"))
        uow.commit()
    staff = Workspace(sqlite_store, actors_sqlite[Role.PLACEMENT_OFFICER])
    win = MainWindow(staff, municipalities, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.start()
    cases = win.cases
    win.choose_workspace(win.stack.indexOf(cases))
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1 and Op.pending() == 0, timeout=WAIT)
    assert cases.model.data(cases.model.index(0, 0)) == placing
    # "Noodtoegang…": the number and a reason; Enter saves
    assert cases.emergency_button.isVisible()
    cases.emergency_button.click()
    dialog = cases.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.keyClicks(dialog.number, other)
    qtbot.keyClicks(dialog.reason, "kort")
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)  # too short a reason: the dialog says so
    qtbot.waitUntil(lambda: "minstens 10 tekens" in dialog.error_labels["reason"].text(), timeout=WAIT)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason, ", crisisplaatsing nodig vannacht")
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: cases.detail.detail is not None and cases.detail.detail.number == other, timeout=WAIT
    )
    qtbot.waitUntil(lambda: cases.model.rowCount() == 2 and Op.pending() == 0, timeout=WAIT)
    with sqlite_store.uow() as uow:
        event = uow.session.scalar(select(AuditEvent).where(AuditEvent.action == "emergency_access"))
        assert (event.actor_name, event.case_number) == ("placement_officer", other)
        assert event.detail == "noodtoegang: kort, crisisplaatsing nodig vannacht"


def test_a_coordinator_has_no_emergency_button(qtbot, workspace, municipalities, settings):
    win = MainWindow(workspace, municipalities, settings)
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert win.cases.emergency_button.isHidden()
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)

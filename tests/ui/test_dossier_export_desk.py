"""Inspection from the case workspace (issue 12 §3): the coordinator presses "Dossier
exporteren (inzage)…", picks a file, and the PDF of the whole dossier lands there in the background,
with a message saying where; the export is in the log. Other roles do not see the button."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_query import AuditFilter, open_log
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.main_window import MainWindow
from ret_desk.ui.ops import Op
from tests.support.drafts import draft
from tests.support.need_to_know import on_agenda_of, on_placement_route

WAIT = 10_000


def _window(qtbot, ws: Workspace, municipalities, settings) -> MainWindow:  # noqa: ANN001
    win = MainWindow(ws, municipalities, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.start()
    cases = win.cases
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=WAIT)
    cases.table.selectRow(0)
    qtbot.waitUntil(lambda: cases.detail.detail is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    return win


def test_the_coordinator_saves_the_dossier_from_the_case(
    qtbot, workspace, municipalities, settings, tmp_path, monkeypatch, actors_sqlite
):
    number = workspace.call(
        intake.register_referral, draft=draft(help_question="Hulpvraag voor de inzage.")
    ).number
    win = _window(qtbot, workspace, municipalities, settings)
    detail = win.cases.detail
    target = tmp_path / "inzage"  # without .pdf: the app adds it
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF-bestanden (*.pdf)")
    )
    assert detail.dossier_button.isVisible() and detail.dossier_button.isEnabled()
    detail.dossier_button.click()

    def told() -> bool:
        return isinstance(detail.active_dialog, QMessageBox) and detail.active_dialog.isVisible()

    qtbot.waitUntil(told, timeout=WAIT)
    saved = Path(f"{target}.pdf")
    assert str(saved) in detail.active_dialog.text() and number in detail.active_dialog.text()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(saved).pages).split())
    assert "Hulpvraag voor de inzage." in text and "Wie het dossier heeft ingezien" in text
    auditor = actors_sqlite[Role.AUDITOR]
    _, events = workspace.call_anonymous(open_log, actor=auditor, flt=AuditFilter(case_number=number))
    assert "dossier_export" in [e.action for e in events]
    detail.active_dialog.accept()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PLACEMENT_OFFICER])
def test_other_roles_have_no_dossier_button(qtbot, sqlite_store, actors_sqlite, workspace, role):
    number = workspace.call(intake.register_referral, draft=draft()).number
    on_agenda_of(sqlite_store, actors_sqlite[Role.CHAIR], number)  # a case both roles may read
    on_placement_route(sqlite_store, number)
    view = CaseDetailView(Workspace(sqlite_store, actors_sqlite[role]))
    qtbot.addWidget(view)
    view.show()
    view.show_case(number)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT)
    assert not view.dossier_button.isVisible() and not view.dossier_button.isEnabled()

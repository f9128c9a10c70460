"""The chair's Experttafel desk, driven as a chair would: plan a sitting, put two cases
on the agenda, record advice with an action point, preview the summary and the pack."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.experttafel import AdviceType
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.ui.experttafel.workspace import ExperttafelWorkspace
from ret_desk.ui.ops import Op
from tests.reports.pdf_text import flat
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.support.tables import cell_editor

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


@pytest.fixture
def numbers(sqlite_store, actors_sqlite) -> list[str]:
    coordinator = actors_sqlite[Role.COORDINATOR]
    return [
        intake.register_referral(
            uow=sqlite_store.uow(),
            actor=coordinator,
            draft=draft(bsn=bsn, given_name=name, route="experttafel"),
        ).number
        for bsn, name in (("999990019", "Sanne"), ("999990020", "Daan"))
    ]


@pytest.fixture
def desk(qtbot, sqlite_store, actors_sqlite) -> ExperttafelWorkspace:
    desk = ExperttafelWorkspace(Workspace(sqlite_store, actors_sqlite[Role.CHAIR]))
    qtbot.addWidget(desk)
    desk.resize(1300, 800)
    desk.show()
    desk.start()
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    return desk


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def plan_sitting(qtbot, desk, held_on: date) -> None:
    qtbot.mouseClick(desk.new_button, CLICK)
    dialog = desk.active_dialog
    dialog.held_on.setDate(QDate(held_on.year, held_on.month, held_on.day))
    assert save_is_refused(qtbot, dialog)  # no chair yet
    qtbot.keyClicks(dialog.chair, "Ineke Bos")
    qtbot.keyClicks(dialog.place, "Provinciehuis Assen")
    qtbot.mouseClick(dialog.add_member, CLICK)
    cell_editor(dialog.members, 0, 0).setText("Dr. Aydın")  # QTest types Latin-1 only
    assert save_is_refused(qtbot, dialog)  # the member's discipline starts empty
    qtbot.keyClick(cell_editor(dialog.members, 0, 1), Qt.Key.Key_Down)
    assert dialog.problems() == []
    qtbot.mouseClick(dialog.save_button, CLICK)
    qtbot.waitUntil(lambda: desk.view.detail is not None, timeout=WAIT)
    idle(qtbot)


def add_case(qtbot, desk, number: str, question: str) -> None:
    qtbot.mouseClick(desk.view.add_button, CLICK)
    dialog = desk.active_dialog
    qtbot.keyClicks(dialog.number, number)
    qtbot.keyClicks(dialog.question, question)
    rows = len(desk.view.model.rows)
    qtbot.mouseClick(dialog.buttons.buttons()[0], CLICK)
    qtbot.waitUntil(lambda: len(desk.view.model.rows) == rows + 1, timeout=WAIT)
    idle(qtbot)


def test_plan_a_sitting_add_two_cases_record_advice_and_preview(qtbot, desk, numbers, sqlite_store, tmp_path):
    # Given a chair at an empty Experttafel desk
    assert desk.sessions.rowCount() == 0 and not desk.view.add_button.isEnabled()
    # When she plans a sitting (yesterday, so advice can be recorded) and puts two cases on it
    plan_sitting(qtbot, desk, date.today() - timedelta(days=1))
    assert desk.sessions.rowCount() == 1 and "Dr. Aydın (GGZ)" not in desk.view.header.text()
    assert "Dr. Aydın" in desk.view.header.text() and "Provinciehuis Assen" in desk.view.header.text()
    add_case(qtbot, desk, numbers[0], "Welke plek past bij Sanne?")
    add_case(qtbot, desk, numbers[1], "Is RST nodig?")
    rows = desk.view.model.rows
    assert [(r.position, r.case_number, r.slot_start) for r in rows] == [
        (1, numbers[0], "09:30"),
        (2, numbers[1], "10:00"),
    ]
    assert desk.view.model.index(0, 3).data().startswith("Sanne Veenstra")
    # And records advice on the first, with an action point that was due yesterday
    desk.view.table.selectRow(0)
    qtbot.mouseClick(desk.view.advice_button, CLICK)
    dialog = desk.active_dialog
    dialog.advice_type.setCurrentIndex(dialog.advice_type.findData(AdviceType.PLACEMENT_VIA_ROP.value))
    qtbot.keyClicks(dialog.advice_text, "Zoek via ROP een gezinshuis bij school.")
    qtbot.keyClicks(dialog.new_description, "Plaatsingsverzoek indienen")
    qtbot.keyClicks(dialog.new_owner, "Casusregisseur")
    yesterday = date.today() - timedelta(days=1)
    dialog.new_due.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    qtbot.mouseClick(dialog.add_action, CLICK)
    assert dialog.actions.model().rowCount() == 1
    qtbot.mouseClick(dialog.buttons.buttons()[0], CLICK)
    qtbot.waitUntil(lambda: desk.view.model.rows[0].advice_type is AdviceType.PLACEMENT_VIA_ROP, timeout=WAIT)
    idle(qtbot)
    # Then the advice shows with its signal, in the agenda and in the follow-up list
    assert desk.view.model.index(0, 5).data() == AdviceType.PLACEMENT_VIA_ROP.label
    assert desk.view.model.index(0, 6).data() == "Actiepunt verlopen"
    assert desk.follow_up_list.count() == 1 and numbers[0] in desk.follow_up_list.item(0).text()
    # When she opens the pseudonymised summary of the first case
    desk.view.table.selectRow(0)
    assert desk.view.pseudonymised.isChecked()
    qtbot.mouseClick(desk.view.summary_print, CLICK)
    qtbot.waitUntil(lambda: desk.printer.preview is not None, timeout=WAIT)
    preview = desk.printer.preview
    qtbot.waitUntil(lambda: preview.pdf.pageCount() >= 1, timeout=WAIT)
    # Then the preview shows the document, and saving it writes the PDF and logs it
    assert "Casus " + numbers[0] in " ".join(preview.pdf.getAllText(0).text().split())
    target = tmp_path / "overzicht.pdf"
    preview.save_to(target)
    idle(qtbot)
    text = flat(target.read_bytes())
    assert "Zoek via ROP een gezinshuis bij school." in text and "Sanne" not in text
    with sqlite_store.uow() as uow:
        exported = uow.session.scalars(
            select(AuditEvent.case_number).where(AuditEvent.action == "case_export")
        )
        assert list(exported) == [numbers[0]]
    preview.close()


def test_the_pack_builds_in_the_background_can_be_cancelled_and_prints(
    qtbot, desk, numbers, sqlite_store, tmp_path
):
    plan_sitting(qtbot, desk, date.today() + timedelta(days=3))
    add_case(qtbot, desk, numbers[0], "Vraag een")
    add_case(qtbot, desk, numbers[1], "Vraag twee")
    # A cancelled pack: nothing opens
    qtbot.mouseClick(desk.view.pack_print, CLICK)
    desk.printer.pack_op.cancel()
    idle(qtbot)
    assert desk.printer.preview is None and desk.printer.progress is None
    # A finished pack opens in the preview with the agenda first
    qtbot.mouseClick(desk.view.pack_print, CLICK)
    qtbot.waitUntil(lambda: desk.printer.preview is not None, timeout=WAIT)
    preview = desk.printer.preview
    qtbot.waitUntil(lambda: preview.pdf.pageCount() >= 3, timeout=WAIT)
    assert "Agenda Experttafel" in preview.pdf.getAllText(0).text()
    # Printing renders every page (here to a PDF printer) and logs a print per case
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    umask = os.umask(0o022)  # a permissive umask: Qt alone would write the file 0644
    try:
        preview.print_to(printer)
    finally:
        os.umask(umask)
    idle(qtbot)
    assert len(PdfReader(tmp_path / "afdruk.pdf").pages) == preview.pdf.pageCount()
    if os.name == "posix":  # printed to a file: the user's alone (issue 11 §4)
        assert stat.S_IMODE((tmp_path / "afdruk.pdf").stat().st_mode) == 0o600
    with sqlite_store.uow() as uow:
        printed = uow.session.scalars(select(AuditEvent.case_number).where(AuditEvent.action == "case_print"))
        assert sorted(printed) == sorted(numbers)
    preview.close()


def test_a_case_off_the_experttafel_route_is_refused_in_the_dialog_which_stays_open(
    qtbot, desk, sqlite_store, actors_sqlite
):
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=actors_sqlite[Role.COORDINATOR], draft=draft(route="rop")
    ).number
    plan_sitting(qtbot, desk, date.today() + timedelta(days=3))
    qtbot.mouseClick(desk.view.add_button, CLICK)
    dialog = desk.active_dialog
    assert not dialog.route_reason.isVisibleTo(dialog)  # a chair does not route
    # When the chair types the case number and asks a question (a case that is not the
    # chair's is not among the completer's names: need-to-know, issue 12 §2)
    dialog.number.setFocus()
    qtbot.keyClicks(dialog.number, "veenstra")
    qtbot.wait(400)
    assert dialog.number.suggestions.rowCount() == 0
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, number)
    qtbot.keyClicks(dialog.question, "Welke school past?")
    qtbot.mouseClick(dialog.save_button, CLICK)
    # Then the refusal shows in the dialog, which stays open with the question intact
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "niet op de route Experttafel" in dialog.refusal.text()
    assert dialog.isVisible() and dialog.question.toPlainText() == "Welke school past?"
    assert dialog.number.text() == number and dialog.save_button.isEnabled()
    assert desk.view.model.rows == []

"""The case detail's placement side, driven by placement staff: a logged match is placed
from the case ("Plaatsen", filled in), a placement is ended after a Ja (its reason starts
empty), its end is corrected with a reason; a refused start stays in its dialog."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Placement
from ret_desk.domain.enums import Role
from ret_desk.domain.placement import EndReason
from ret_desk.services.context import Workspace
from ret_desk.services.placement import match, placements
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.ops import Op
from ret_desk.ui.placement.placement_dialogs import CorrectEndDialog, StartPlacementDialog
from tests.support.forms import save_is_refused
from tests.support.rop import case_with_open_request
from tests.support.tables import cell

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def staff(actors_sqlite):
    return actors_sqlite[Role.PLACEMENT_OFFICER]


@pytest.fixture
def matched(sqlite_store, actors_sqlite, staff, tmp_path) -> str:
    """A case with a logged match (rank 2, with its rationale) that is not placed yet."""
    number = case_with_open_request(sqlite_store, actors_sqlite[Role.COORDINATOR], staff, tmp_path)
    second = match.match_case(uow=sqlite_store.uow(), actor=staff, number=number).result.candidates[1]
    match.log_decision(
        uow=sqlite_store.uow(), actor=staff, number=number, location_agb=second.offer.location_agb,
        type_code=second.offer.type_code, rationale="Broertje woont hier.",
    )  # fmt: skip
    return number


def open_detail(qtbot, sqlite_store, staff, number) -> CaseDetailView:
    view = CaseDetailView(Workspace(sqlite_store, staff))
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    view.show_case(number)
    qtbot.waitUntil(lambda: view.placement_section.picture is not None, timeout=WAIT)
    idle(qtbot)
    return view


def answer_yes(qtbot, parent) -> None:
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is not None, timeout=WAIT)
    qtbot.keyClick(parent.findChild(QMessageBox, "confirmDialog"), Qt.Key.Key_J)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is None, timeout=WAIT)


def stored_placements(sqlite_store) -> list[tuple]:
    with sqlite_store.uow() as uow:
        return uow.session.execute(
            select(Placement.started_on, Placement.ended_on, Placement.end_reason).order_by(Placement.id)
        ).all()


def actions(sqlite_store, number: str) -> list[str]:
    with sqlite_store.uow() as uow:
        return list(uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_number == number)))


def test_place_a_logged_match_from_the_case_then_end_and_correct_it(qtbot, sqlite_store, staff, matched):
    view = open_detail(qtbot, sqlite_store, staff, matched)
    section = view.placement_section
    # The match decision shows with its rank, rationale and top 5
    section.tabs.setCurrentIndex(2)
    assert section.decisions.model().rowCount() == 1 and cell(section.decisions, 0, 4) == "2"
    assert "Broertje woont hier." in section.decision_text.text() and "Top 5" in section.decision_text.text()
    decision = section.selected_decision()
    # When staff press "Plaatsen" (keyboard: the button has focus, Space presses it)
    section.place_button.setFocus()
    qtbot.keyClick(section.place_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(section.active_dialog, StartPlacementDialog), timeout=WAIT)
    start = section.active_dialog
    # Then the start dialog is filled with the case, location and type; nothing to retype
    assert (start.case.text(), start.location_agb.text(), start.type.currentData()) == (
        matched,
        decision.location_agb,
        decision.placement_type,
    )
    began = date.today() - timedelta(days=40)
    start.started_on.setDate(QDate(began.year, began.month, began.day))
    qtbot.mouseClick(start.save_button, CLICK)
    qtbot.waitUntil(lambda: section.placements.model().rowCount() == 1, timeout=WAIT)
    idle(qtbot)
    assert stored_placements(sqlite_store) == [(began, None, None)]
    assert section.tabs.tabToolTip(0) == "Plaatsingen: 1" and not section.place_button.isEnabled()
    # End it through the service (the desk's own flow is tested elsewhere), then correct the end
    ended = date.today() - timedelta(days=5)
    placements.end_placement(
        uow=sqlite_store.uow(), actor=staff, number=matched, ended_on=ended, reason=EndReason.MISMATCH
    )
    view.show_case(matched)
    qtbot.waitUntil(lambda: cell(section.placements, 0, 4) == EndReason.MISMATCH.label, timeout=WAIT)
    idle(qtbot)
    section.tabs.setCurrentIndex(0)
    section.placements.selectRow(0)
    qtbot.mouseClick(section.correct_button, CLICK)
    dialog = section.active_dialog
    assert isinstance(dialog, CorrectEndDialog) and dialog.reason.currentData() == EndReason.MISMATCH.value
    assert save_is_refused(qtbot, dialog)  # the reason for the correction is missing
    dialog.reason.setFocus()
    dialog.reason.setCurrentIndex(dialog.reason.findData(EndReason.PLANNED.value))
    qtbot.keyClicks(dialog.why, "Einde was gepland; verkeerd gekozen.")
    qtbot.keyClick(dialog.why, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(section.placements, 0, 4) == EndReason.PLANNED.label, timeout=WAIT)
    idle(qtbot)
    assert stored_placements(sqlite_store) == [(began, ended, EndReason.PLANNED.value)]
    assert "placement_correct" in actions(sqlite_store, matched)
    assert "Reden: Einde was gepland; verkeerd gekozen." in view.browser.toPlainText()


def test_a_refused_start_stays_in_its_dialog_with_what_was_typed(qtbot, sqlite_store, staff, matched):
    view = open_detail(qtbot, sqlite_store, staff, matched)
    section = view.placement_section
    section.tabs.setCurrentIndex(2)
    qtbot.mouseClick(section.place_button, CLICK)
    qtbot.waitUntil(lambda: isinstance(section.active_dialog, StartPlacementDialog), timeout=WAIT)
    start = section.active_dialog
    # When staff change the place to a location that does not offer this type
    start.location_agb.selectAll()
    qtbot.keyClicks(start.location_agb, "21000099")
    qtbot.keyClicks(start.rationale, "Toch elders")
    qtbot.mouseClick(start.save_button, CLICK)
    # Then the refusal is in the dialog; it stays open and keeps what was typed
    qtbot.waitUntil(lambda: start.refusal.isVisibleTo(start), timeout=WAIT)
    idle(qtbot)
    assert "biedt geen" in start.refusal.text() and start.isVisible()
    assert (start.location_agb.text(), start.rationale.text()) == ("21000099", "Toch elders")
    assert stored_placements(sqlite_store) == []


def test_ending_a_placement_needs_a_chosen_reason_and_a_ja(qtbot, sqlite_store, staff, matched):
    from ret_desk.ui.placement.placement_dialogs import EndPlacementDialog
    from ret_desk.ui.placement.workspace import PlacementWorkspace

    began = date.today() - timedelta(days=30)
    placements.start_placement(
        uow=sqlite_store.uow(), actor=staff, number=matched, location_agb="21000001", type_code="pleeggezin",
        started_on=began, rationale="Rang 1 na afwijzing",
    )  # fmt: skip
    desk = PlacementWorkspace(Workspace(sqlite_store, staff))
    qtbot.addWidget(desk)
    desk.resize(1300, 800)
    desk.show()
    desk.start()
    desk.tabs.setCurrentWidget(desk.timeline)
    # Staff pick the case in the history tab by name, through the completer
    desk.timeline.number.setFocus()
    qtbot.keyClicks(desk.timeline.number, "sanne")
    popup = desk.timeline.number.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(desk.timeline.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.timeline.history is not None, timeout=WAIT)
    idle(qtbot)
    with sqlite_store.uow() as uow:
        searches = list(
            uow.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "case_list"))
        )
    assert searches and all(d.startswith("casuskiezer") and "sanne" not in d.lower() for d in searches)
    qtbot.mouseClick(desk.timeline.end_button, CLICK)
    dialog = desk.active_dialog
    assert isinstance(dialog, EndPlacementDialog)
    # The reason starts empty: Save waits for it
    assert dialog.reason.currentText() == "— kies —" and save_is_refused(qtbot, dialog)
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    assert dialog.end_reason() is list(EndReason)[0] and dialog.save_button.isEnabled()
    # Nee (Enter) leaves everything as it was, and the dialog open
    qtbot.mouseClick(dialog.save_button, CLICK)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "confirmDialog") is not None, timeout=WAIT)
    qtbot.keyClick(dialog.findChild(QMessageBox, "confirmDialog"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "confirmDialog") is None, timeout=WAIT)
    idle(qtbot)
    assert dialog.isVisible() and stored_placements(sqlite_store)[-1][1] is None
    # Ja ends it
    qtbot.mouseClick(dialog.save_button, CLICK)
    answer_yes(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    idle(qtbot)
    assert stored_placements(sqlite_store)[-1] == (began, date.today(), list(EndReason)[0].value)
    assert "placement_end" in actions(sqlite_store, matched)

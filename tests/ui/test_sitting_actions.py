"""Irreversible sitting actions ask first (Ja/Nee, Nee the default); a sitting in the
future cannot be marked held (the button says why); a chair reopens a held sitting that
has no advice yet; a stale sitting edit is refused in the dialog, which keeps what was typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.experttafel import SessionStatus
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.ui.experttafel.workspace import ExperttafelWorkspace
from ret_desk.ui.ops import Op
from tests.db.test_experttafel import sitting

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def chair(actors_sqlite):
    return actors_sqlite[Role.CHAIR]


def open_desk(qtbot, sqlite_store, chair) -> ExperttafelWorkspace:
    desk = ExperttafelWorkspace(Workspace(sqlite_store, chair))
    qtbot.addWidget(desk)
    desk.resize(1300, 800)
    desk.show()
    desk.start()
    qtbot.waitUntil(lambda: desk.view.detail is not None, timeout=WAIT)
    idle(qtbot)
    return desk


def answer(qtbot, parent, yes: bool) -> None:
    """Enter answers the default (Nee); J, the mnemonic of Ja, answers Ja."""
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is not None, timeout=WAIT)
    box = parent.findChild(QMessageBox, "confirmDialog")
    assert [b.text() for b in box.buttons()] == ["&Ja", "&Nee"] and box.defaultButton().text() == "&Nee"
    qtbot.keyClick(box, Qt.Key.Key_J if yes else Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "confirmDialog") is None, timeout=WAIT)


def audited(sqlite_store, action: str) -> list[str]:
    with sqlite_store.uow() as uow:
        return list(uow.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == action)))


def status_of(sqlite_store, chair, session_id: int) -> SessionStatus:
    rows = experttafel.list_sessions(uow=sqlite_store.uow(), actor=chair)
    return next(r.status for r in rows if r.id == session_id)


def test_marking_held_asks_first_then_the_chair_reopens_it(qtbot, sqlite_store, chair):
    sid = experttafel.plan_session(uow=sqlite_store.uow(), actor=chair, data=sitting())  # last week
    desk = open_desk(qtbot, sqlite_store, chair)
    view = desk.view
    assert view.held_button.isEnabled() and not view.reopen_button.isVisible()
    # When the chair clicks "gehouden" and answers Nee (Enter): nothing changes
    qtbot.mouseClick(view.held_button, CLICK)
    answer(qtbot, desk, yes=False)
    idle(qtbot)
    assert status_of(sqlite_store, chair, sid) is SessionStatus.PLANNED
    # With Ja the sitting is held, in the store and on screen
    qtbot.mouseClick(view.held_button, CLICK)
    answer(qtbot, desk, yes=True)
    qtbot.waitUntil(lambda: view.detail.status is SessionStatus.HELD, timeout=WAIT)
    idle(qtbot)
    assert status_of(sqlite_store, chair, sid) is SessionStatus.HELD
    # It has no advice, so the chair can reopen it; that is audited
    assert view.reopen_button.isVisible() and view.reopen_button.isEnabled()
    qtbot.mouseClick(view.reopen_button, CLICK)
    qtbot.waitUntil(lambda: view.detail.status is SessionStatus.PLANNED, timeout=WAIT)
    idle(qtbot)
    assert audited(sqlite_store, "session_reopen") == [f"zitting {sid}: gehouden -> gepland"]


def test_a_future_sitting_cannot_be_held_and_cancelling_asks_first(qtbot, sqlite_store, chair):
    sid = experttafel.plan_session(
        uow=sqlite_store.uow(), actor=chair, data=sitting(held_on=date.today() + timedelta(days=3))
    )
    desk = open_desk(qtbot, sqlite_store, chair)
    view = desk.view
    # The held action is disabled, and says why
    assert not view.held_button.isEnabled() and "in de toekomst" in view.held_button.toolTip()
    # Cancelling asks; Ja cancels it
    qtbot.mouseClick(view.cancel_button, CLICK)
    answer(qtbot, desk, yes=True)
    qtbot.waitUntil(lambda: view.detail.status is SessionStatus.CANCELLED, timeout=WAIT)
    idle(qtbot)
    assert status_of(sqlite_store, chair, sid) is SessionStatus.CANCELLED
    assert audited(sqlite_store, "session_status") == [f"zitting {sid}: gepland -> geannuleerd"]


def test_a_stale_sitting_edit_stays_in_the_dialog_with_what_was_typed(qtbot, sqlite_store, chair):
    sid = experttafel.plan_session(uow=sqlite_store.uow(), actor=chair, data=sitting())
    desk = open_desk(qtbot, sqlite_store, chair)
    # Given a colleague edits the sitting after it was shown
    experttafel.update_session(
        uow=sqlite_store.uow(),
        actor=chair,
        session_id=sid,
        data=sitting(place="Zaal 3"),
        expected_version=None,
    )
    qtbot.mouseClick(desk.view.edit_button, CLICK)
    dialog = desk.active_dialog
    dialog.place.selectAll()
    qtbot.keyClicks(dialog.place, "Gemeentehuis Emmen")
    qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
    # Then the refusal shows in the dialog, which stays open with the typed place
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "Iemand anders heeft zitting" in dialog.refusal.text() and dialog.isVisible()
    assert dialog.place.text() == "Gemeentehuis Emmen"
    detail = experttafel.list_sessions(uow=sqlite_store.uow(), actor=chair)[0]
    assert detail.place == "Zaal 3"


def test_advice_waits_for_the_sitting_and_says_so(qtbot, sqlite_store, chair, actors_sqlite):
    from ret_desk.services.cases import intake
    from ret_desk.services.experttafel import agenda
    from tests.support.drafts import draft

    # Given a sitting in three days with one case on its agenda
    sid = experttafel.plan_session(
        uow=sqlite_store.uow(), actor=chair, data=sitting(held_on=date.today() + timedelta(days=3))
    )
    coordinator = actors_sqlite[Role.COORDINATOR]
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=coordinator, draft=draft(route="experttafel")
    ).number
    agenda.add_to_agenda(
        uow=sqlite_store.uow(),
        actor=chair,
        session_id=sid,
        number=number,
        data=agenda.AgendaInput(question="?"),
    )
    # When the chair selects the agenda item
    desk = open_desk(qtbot, sqlite_store, chair)
    view = desk.view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT)
    view.table.selectRow(0)
    # Then recording advice is not offered yet, and the button says why
    assert view.selected_item() is not None
    assert not view.advice_button.isEnabled() and "nog niet geweest" in view.advice_button.toolTip()

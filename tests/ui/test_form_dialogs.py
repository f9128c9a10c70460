"""The form-dialog base as a user meets it: errors speak once a field is left (or a save
was tried), not before anything is typed; a refusal from the service stays in the dialog
with everything typed (new referral, advice)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ret_desk.domain.enums import Role, Route
from ret_desk.domain.experttafel import AdviceType
from ret_desk.services.cases import intake
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import advice, agenda
from ret_desk.services.experttafel import sittings as experttafel
from ret_desk.ui.cases.action_dialogs import NoteDialog
from ret_desk.ui.cases.new_referral import NewReferralDialog
from ret_desk.ui.experttafel.workspace import ExperttafelWorkspace
from ret_desk.ui.ops import Op
from tests.db.test_experttafel import sitting
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.ui.test_case_desk import fill_referral

WAIT = 10_000


def idle(qtbot) -> None:
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def visible_errors(dialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.error_labels.items() if label.isVisibleTo(dialog)}


def test_errors_speak_once_a_field_is_left_or_a_save_is_tried(qtbot, workspace, municipalities):
    dialog = NewReferralDialog(workspace, municipalities)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    # Before anything is typed: no errors shown
    assert visible_errors(dialog) == {} and dialog.summary.text() == ""
    # Leaving the family name empty (Tab) makes its error speak, and only that one
    dialog.form.family_name.setFocus()
    qtbot.waitUntil(dialog.form.family_name.hasFocus, timeout=WAIT)
    qtbot.keyClick(dialog.form.family_name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "family_name" in visible_errors(dialog), timeout=WAIT)
    assert set(visible_errors(dialog)) == {"family_name"}
    # A note dialog: Save with nothing typed (programmatic "try") shows the error at once
    note = NoteDialog("RET-2026-00001")
    qtbot.addWidget(note)
    note.accept()
    assert visible_errors(note) == {"text": "Schrijf de aantekening."}


def test_a_refused_referral_stays_in_the_dialog_with_everything_typed(qtbot, sqlite_store, actors_sqlite,
                                                                      municipalities):  # fmt: skip
    # Given a dialog opened by someone whose role may not register (the service decides)
    chair = Workspace(sqlite_store, actors_sqlite[Role.CHAIR])
    dialog = NewReferralDialog(chair, municipalities)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_referral(qtbot, dialog.form)
    assert dialog.save_button.isEnabled()
    # When they save
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Then the refusal is in the dialog, which stays open with what was typed
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "mag geen aanmeldingen registreren" in dialog.refusal.text() and dialog.isVisible()
    assert (dialog.form.family_name.text(), dialog.form.bsn.text()) == ("Zwiers", "999990019")
    assert dialog.form.help_question.toPlainText() == "Thuiszitter; hulp loopt vast."


def test_a_stale_advice_stays_in_the_dialog_with_the_typed_advice(qtbot, sqlite_store, actors_sqlite):
    chair = actors_sqlite[Role.CHAIR]
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=actors_sqlite[Role.COORDINATOR], draft=draft(route=Route.EXPERTTAFEL)
    ).number
    sid = experttafel.plan_session(uow=sqlite_store.uow(), actor=chair, data=sitting())
    item = agenda.add_to_agenda(
        uow=sqlite_store.uow(), actor=chair, session_id=sid, number=number, data=agenda.AgendaInput("Vraag?")
    )
    desk = ExperttafelWorkspace(Workspace(sqlite_store, chair))
    qtbot.addWidget(desk)
    desk.show()
    desk.start()
    qtbot.waitUntil(lambda: desk.view.model.rows != [], timeout=WAIT)
    idle(qtbot)
    desk.view.table.selectRow(0)
    qtbot.keyClick(desk.view.advice_button, Qt.Key.Key_Space)
    dialog = desk.active_dialog
    # The advice type starts empty
    assert dialog.advice_type.currentIndex() == 0 and save_is_refused(qtbot, dialog)
    # Meanwhile a colleague records advice on the same item
    earlier = advice.AdviceInput(AdviceType.OTHER, "Eerder.")
    advice.record_advice(
        uow=sqlite_store.uow(), actor=chair, item_id=item, data=earlier, expected_version=None
    )
    dialog.advice_type.setFocus()
    qtbot.keyClick(dialog.advice_type, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.advice_text, "Zoek een gezinshuis.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal.isVisibleTo(dialog), timeout=WAIT)
    idle(qtbot)
    assert "Iemand anders" in dialog.refusal.text() and dialog.isVisible()
    assert (
        dialog.advice_text.toPlainText() == "Zoek een gezinshuis." and dialog.advice_type.currentIndex() == 1
    )


def test_save_is_disabled_while_the_call_runs_and_the_dialog_closes_only_on_success(qtbot):
    import threading

    from PySide6.QtWidgets import QMessageBox, QWidget

    from ret_desk.domain.errors import RuleViolation

    owner = QWidget()
    qtbot.addWidget(owner)
    release, calls = threading.Event(), []

    def work() -> str:
        calls.append(1)
        release.wait(5)
        return "opgeslagen"

    dialog = NoteDialog("RET-2026-00001", owner)
    dialog.set_save(lambda: work)
    results = []
    dialog.saved.connect(results.append)
    dialog.show()
    qtbot.keyClicks(dialog.text, "Gesprek met school gehad.")
    # While the call runs: Save is disabled, a second save starts nothing, the dialog stays
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled() and dialog.busy and dialog.isVisible()
    dialog.accept()
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    idle(qtbot)
    assert results == ["opgeslagen"] and calls == [1]
    # Closed while a call runs that is then refused: the refusal still reaches the user
    refused = NoteDialog("RET-2026-00001", owner)
    gate = threading.Event()

    def refuse() -> None:
        gate.wait(5)
        raise RuleViolation("Deze casus is gesloten.")

    refused.set_save(lambda: refuse)
    refused.show()
    qtbot.keyClicks(refused.text, "Nog een aantekening.")
    refused.accept()
    refused.reject()
    gate.set()
    qtbot.waitUntil(lambda: owner.findChild(QMessageBox, "errorDialog") is not None, timeout=WAIT)
    idle(qtbot)
    assert owner.findChild(QMessageBox, "errorDialog").text() == "Deze casus is gesloten."


def test_a_problem_without_its_own_field_line_speaks_when_saving(qtbot, filled_desk):
    """The match dialog's "pick a place in the list" has no field line of its own: trying to
    log with nothing chosen says so above the buttons, instead of doing nothing silently."""
    from ret_desk.ui.placement.match_dialog import MatchDialog

    dialog = MatchDialog(filled_desk.match_view)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    dialog.candidates.clearSelection()
    dialog.candidates.setCurrentIndex(QModelIndex())
    assert dialog.chosen() is None and not dialog.other_errors.isVisible()  # nothing said yet
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.other_errors.isVisible() and dialog.other_errors.text() == "Kies een plek in de lijst."
    assert dialog.isVisible() and Op.pending() == 0

"""One youth in the window: the new-referral form with a known BSN or a look-alike youth,
and the merge dialog on the case detail, driven as a coordinator drives them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QRadioButton
from sqlalchemy import select

from ret_desk.db.models import Case, Youth
from ret_desk.domain.enums import Gender
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import YouthChoice
from ret_desk.ui.cases.new_referral import NewReferralDialog
from ret_desk.ui.cases.youth_dialogs import PossibleSameYouthDialog, YouthDifferencesDialog
from tests.support.drafts import draft
from tests.ui.test_case_desk import fill_referral

WAIT = 10_000

NOOR = dict(family_name="Zwiers", given_name="Noor", birth_date=date(2011, 2, 14), municipality_code="GM0114")


def stored(store) -> list[tuple[Youth, list[str]]]:
    with store.uow() as uow:
        found = []
        for youth in uow.session.scalars(select(Youth).order_by(Youth.id)):
            numbers = list(uow.session.scalars(select(Case.number).where(Case.youth_id == youth.id)))
            found.append((youth, numbers))
        uow.session.expunge_all()
        return found


def open_form(qtbot, workspace, municipalities) -> NewReferralDialog:
    dialog = NewReferralDialog(workspace, municipalities)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_and_wait_for(qtbot, dialog, kind):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: isinstance(dialog.active_dialog, kind) and dialog.active_dialog.isVisible(), timeout=WAIT
    )
    return dialog.active_dialog


def test_a_known_bsn_shows_the_differences_and_the_choice_per_field_is_stored(
    qtbot, workspace, municipalities, sqlite_store
):
    # Given Noor is stored with a BSN, as a girl at OBS De Tweemaster
    first = intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, gender=Gender.FEMALE)
    )
    # When a coordinator types a new referral with her BSN, as a boy at Esdal College
    dialog = open_form(qtbot, workspace, municipalities)
    fill_referral(qtbot, dialog.form)
    dialog.form.gender.setCurrentIndex(dialog.form.gender.findText("Man"))
    question = save_and_wait_for(qtbot, dialog, YouthDifferencesDialog)
    # Then the form shows the stored youth's case and both values of each differing field
    assert f"(casus {first.number}; gemeente Emmen)" in question.intro.text()
    texts = {f: (g.buttons()[0].text(), g.buttons()[1].text()) for f, g in question.table.groups.items()}
    assert texts == {"geslacht": ("Vrouw", "Man"), "school": ("OBS De Tweemaster", "Esdal College")}
    assert question.stored.case_numbers == (first.number,)
    shown = [w.text() for w in question.findChildren(QLabel)] + [
        w.text() for w in question.findChildren(QRadioButton)
    ]
    assert not any("999990019" in t for t in shown)  # the BSN is not repeated
    # When she keeps the gender (preselected) and takes the new school, with the keyboard
    question.table.right_buttons["school"].setFocus()
    qtbot.keyClick(question.table.right_buttons["school"], Qt.Key.Key_Space)
    qtbot.mouseClick(question.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    # Then the case is added to that youth, with her choice in the store
    [(youth, numbers)] = stored(sqlite_store)
    assert (youth.gender, youth.school) == ("v", "Esdal College") and len(numbers) == 2


def test_cancelling_the_choice_keeps_the_form_and_saves_nothing(
    qtbot, workspace, municipalities, sqlite_store
):
    intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, gender=Gender.FEMALE)
    )
    dialog = open_form(qtbot, workspace, municipalities)
    fill_referral(qtbot, dialog.form)
    question = save_and_wait_for(qtbot, dialog, YouthDifferencesDialog)
    question.reject()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=WAIT)
    assert dialog.isVisible() and dialog.form.family_name.text() == "Zwiers"
    [(_, numbers)] = stored(sqlite_store)
    assert len(numbers) == 1


def test_possible_same_youth_warns_and_links_or_makes_a_new_youth(
    qtbot, workspace, municipalities, sqlite_store
):
    # Given Noor is stored without a BSN
    first = intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, bsn=None, school="Esdal College")
    )
    # When a referral with the same name and birth date, and no BSN, is saved
    dialog = open_form(qtbot, workspace, municipalities)
    fill_referral(qtbot, dialog.form, bsn="")
    warning = save_and_wait_for(qtbot, dialog, PossibleSameYouthDialog)
    # Then the warning lists the candidate by case number and municipality, no BSN
    assert warning.windowTitle() == "Mogelijk dezelfde jeugdige"
    assert [warning.list.item(i).text() for i in range(warning.list.count())] == [
        f"Casus {first.number} — Emmen"
    ]
    # When the coordinator links it
    qtbot.mouseClick(warning.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    [(_, numbers)] = stored(sqlite_store)
    assert len(numbers) == 2
    # And a second referral confirmed as a new youth makes a second youth
    again = open_form(qtbot, workspace, municipalities)
    fill_referral(qtbot, again.form, bsn="")
    warning = save_and_wait_for(qtbot, again, PossibleSameYouthDialog)
    qtbot.mouseClick(warning.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=WAIT)
    assert [len(n) for _, n in stored(sqlite_store)] == [2, 1]


def test_a_new_youth_confirmed_in_the_service_needs_no_question(workspace, sqlite_store):
    intake.register_referral(uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, bsn=None))
    intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, bsn=None), youth=YouthChoice()
    )
    assert len(stored(sqlite_store)) == 2


def test_merge_dialog_picks_the_other_case_shows_differences_and_merges_after_confirming(
    qtbot, workspace, sqlite_store
):
    from ret_desk.db.models import AuditEvent
    from ret_desk.ui.cases.detail_view import CaseDetailView

    # Given two records of Noor: one with a BSN (a girl), one without (a boy), and a second case of A
    a = intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, gender=Gender.FEMALE)
    )
    a2 = intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR, gender=Gender.FEMALE)
    )
    b = intake.register_referral(
        uow=sqlite_store.uow(),
        actor=workspace.actor,
        draft=draft(**NOOR, bsn=None, gender=Gender.MALE),
        youth=YouthChoice(),
    )
    detail = CaseDetailView(workspace)
    qtbot.addWidget(detail)
    detail.show()
    with qtbot.waitSignal(detail.loaded, timeout=WAIT):
        detail.show_case(a.number)
    # When the coordinator opens "Jeugdige samenvoegen…" and first picks a case of the same youth
    qtbot.mouseClick(detail.merge_button, Qt.MouseButton.LeftButton)
    dialog = detail.active_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.picker.hasFocus, timeout=WAIT)  # the first field has focus
    qtbot.keyClicks(dialog.picker, a2.number)
    qtbot.keyClick(dialog.picker, Qt.Key.Key_Tab)  # leaving the field picks it (Enter does too)
    qtbot.waitUntil(lambda: "horen al bij dezelfde jeugdige" in dialog.refusal.text(), timeout=WAIT)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)  # nothing to merge yet
    assert dialog.active_confirm is None and "Kies de andere casus" in dialog.error_labels["case_b"].text()
    # ... then finds case B by name with the completer
    dialog.picker.clear()
    qtbot.keyClicks(dialog.picker, "zwiers")

    def offered(number: str) -> bool:
        return any(text.startswith(f"{number} — Noor Zwiers") for text in dialog.picker.texts())

    qtbot.waitUntil(lambda: offered(b.number), timeout=WAIT)
    assert not offered(a.number)  # not the case itself
    completer = dialog.picker.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=WAIT)  # the suggestions pop up
    popup, shown = completer.popup(), completer.completionModel()
    texts = [shown.index(i, 0).data() for i in range(shown.rowCount())]
    position = next(i for i, text in enumerate(texts) if text.startswith(f"{b.number} — Noor Zwiers"))
    for _ in range(position + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)  # arrow down to B
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    # Then both youths and the differing field show, A's value preselected
    assert (
        f"casussen {a.number}, {a2.number}" in dialog.sides.text()
        and f"casus {b.number}" in dialog.sides.text()
    )
    [(field, group)] = dialog.table.groups.items()
    assert field == "geslacht" and [x.text() for x in group.buttons()] == ["Vrouw", "Man"]
    assert group.buttons()[0].isChecked()
    # When she takes B's gender and confirms
    take_b = dialog.table.right_buttons["geslacht"]
    qtbot.mouseClick(take_b, Qt.MouseButton.LeftButton, pos=QPoint(6, take_b.height() // 2))  # on its circle
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    box = dialog.active_confirm
    assert box is not None and box.isVisible()
    assert stored(sqlite_store)[0][0].gender == "v"  # nothing merged before confirming
    qtbot.mouseClick(next(b for b in box.buttons() if b.text() == "&Ja"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    # Then one youth holds all three cases, with B's gender and A's BSN, and the merge is logged
    [(youth, numbers)] = stored(sqlite_store)
    assert sorted(numbers) == sorted([a.number, a2.number, b.number])
    assert (youth.gender, youth.bsn) == ("m", "999990019")
    with sqlite_store.uow() as uow:
        actions = set(uow.session.scalars(select(AuditEvent.action)))
    assert {"youth_merge", "youth_merged"} <= actions


def test_a_known_bsn_with_another_birth_date_is_shown_at_the_bsn_field(
    qtbot, workspace, municipalities, sqlite_store
):
    intake.register_referral(
        uow=sqlite_store.uow(), actor=workspace.actor, draft=draft(**NOOR | {"birth_date": date(2011, 2, 15)})
    )
    dialog = open_form(qtbot, workspace, municipalities)
    fill_referral(qtbot, dialog.form)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "andere geboortedatum" in dialog.error_labels["bsn"].text(), timeout=WAIT)
    assert dialog.isVisible() and dialog.active_dialog is None
    [(_, numbers)] = stored(sqlite_store)
    assert len(numbers) == 1


def test_only_a_coordinator_sees_the_merge_button(qtbot, sqlite_store, actors_sqlite):
    from ret_desk.domain.enums import Role
    from ret_desk.services.context import Workspace
    from ret_desk.ui.cases.detail_view import CaseDetailView

    for role, shown in ((Role.COORDINATOR, True), (Role.CHAIR, False), (Role.PLACEMENT_OFFICER, False)):
        detail = CaseDetailView(Workspace(sqlite_store, actors_sqlite[role]))
        qtbot.addWidget(detail)
        detail.show()
        assert detail.merge_button.isVisible() is shown, role

"""Finding a case to start with (issue 12 §2): a chair sees the candidates for an agenda
(cases on an advice-table route) without a name, BSN or birth date, finds them by number,
puts one on the agenda of their sitting, and from then on may read it. Also in the agenda
dialog's completer."""

from __future__ import annotations

from datetime import date, timedelta

from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_detail import get_case
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import agenda, sittings
from ret_desk.services.experttafel.candidates import agenda_candidates
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.ops import Op
from tests.support.drafts import draft

WAIT = 10_000


def test_a_chair_finds_a_candidate_without_its_name_and_then_it_is_theirs(sqlite_store, actors_sqlite):
    coordinator = Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR])
    chair = Workspace(sqlite_store, actors_sqlite[Role.CHAIR])
    table = coordinator.call(
        intake.register_referral, draft=draft(given_name="Zoëlinde", route="experttafel")
    )
    coordinator.call(intake.register_referral, draft=draft(given_name="Elders", bsn=None, route="rop"))
    rows = chair.call(agenda_candidates)
    assert [r.number for r in rows] == [table.number]
    text = repr(rows)
    assert "Zoëlinde" not in text and "Veenstra" not in text and "999990019" not in text
    assert rows[0].description.startswith(f"{rows[0].age} jaar, ")
    assert chair.call(agenda_candidates, text="Zoë") == []  # not by name
    sitting = chair.call(
        sittings.plan_session,
        data=sittings.SessionInput(held_on=date.today() + timedelta(days=2), start_time="10:00", chair="V"),
    )
    chair.call(agenda.add_to_agenda, session_id=sitting, number=table.number,
               data=agenda.AgendaInput(question="Welke hulp past?"))  # fmt: skip
    assert chair.call(get_case, number=table.number).number == table.number


def test_the_chairs_completer_shows_candidates_without_names(qtbot, sqlite_store, actors_sqlite):
    coordinator = Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR])
    table = coordinator.call(
        intake.register_referral, draft=draft(given_name="Zoëlinde", route="experttafel")
    )
    picker = CasePicker(Workspace(sqlite_store, actors_sqlite[Role.CHAIR]), candidates=True)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    qtbot.keyClicks(picker, table.number[:6])
    qtbot.waitUntil(lambda: picker.suggestions.rowCount() == 1 and Op.pending() == 0, timeout=WAIT)
    shown = picker.texts()[0]
    assert shown.startswith(f"{table.number} — ") and "jaar" in shown and "Zoëlinde" not in shown

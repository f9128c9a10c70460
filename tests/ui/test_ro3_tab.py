"""The RO3 tab in the case detail, driven as a coordinator does: add a party, an agreement,
mark it done or not kept, record a review; an overdue agreement is marked; after the case
moved on the tab is read-only; other roles only read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake, routing
from ret_desk.services.context import Workspace
from ret_desk.services.routes import ro3_plan
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.ops import Op
from ret_desk.ui.routes.ro3_dialogs import AgreementDialog, NotKeptDialog, PartyDialog, ReviewDialog
from ret_desk.ui.routes.ro3_models import OVERDUE_ROLE
from ret_desk.ui.routes.ro3_tab import Ro3Tab
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.support.need_to_know import on_agenda_of

WAIT = 10_000
CLICK = Qt.MouseButton.LeftButton


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def coordinator(actors_sqlite):
    return actors_sqlite[Role.COORDINATOR]


@pytest.fixture
def number(sqlite_store, coordinator) -> str:
    return intake.register_referral(
        uow=sqlite_store.uow(), actor=coordinator, draft=draft(gva_present=True, route="ro3")
    ).number


def open_tab(qtbot, store, actor, number) -> tuple[CaseDetailView, Ro3Tab]:  # noqa: ANN001
    view = CaseDetailView(Workspace(store, actor))
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    view.show_case(number)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT)
    idle(qtbot)
    tab = next(t for t in view.route_tabs if isinstance(t, Ro3Tab))
    view.record_tabs.setCurrentWidget(tab)
    return view, tab


def dialog_of(qtbot, tab, cls):  # noqa: ANN001, ANN202
    qtbot.waitUntil(
        lambda: isinstance(tab.active_dialog, cls) and tab.active_dialog.isVisible(), timeout=WAIT
    )
    return tab.active_dialog


def save(qtbot, tab, dialog) -> None:  # noqa: ANN001
    number = tab.detail.number
    with qtbot.waitSignal(tab.case_changed, timeout=WAIT) as changed:
        qtbot.mouseClick(dialog.save_button, CLICK)
    assert changed.args == [number]
    idle(qtbot)


def rows(store, *columns) -> list[tuple]:  # noqa: ANN001
    with store.uow() as uow:
        return [tuple(r) for r in uow.session.execute(select(*columns).order_by(columns[0].class_.id))]


def test_the_coordinator_builds_the_plan_in_the_tab(qtbot, sqlite_store, coordinator, number):
    view, tab = open_tab(qtbot, sqlite_store, coordinator, number)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))
    assert view.record_tabs.tabText(view.record_tabs.indexOf(tab)) == "RO3 (Regie op 3)"
    assert not tab.add_agreement_button.isEnabled()  # no party yet
    # Given a party, added through its dialog (an empty one is refused where the user sees it)
    tab.tabs.setCurrentIndex(1)
    qtbot.mouseClick(tab.add_party_button, CLICK)
    dialog = dialog_of(qtbot, tab, PartyDialog)
    assert save_is_refused(qtbot, dialog)
    dialog.organisation.setText("Wijkteam Assen")
    dialog.role.setCurrentText("wijkteam")
    dialog.contact.setText("Marieke Dijkstra")
    save(qtbot, tab, dialog)
    assert rows(sqlite_store, Ro3Party.organisation, Ro3Party.role, Ro3Party.contact) == [
        ("Wijkteam Assen", "wijkteam", "Marieke Dijkstra")
    ]
    assert tab.parties_model.rowCount() == 1
    # When an agreement is made for it
    tab.tabs.setCurrentIndex(0)
    qtbot.mouseClick(tab.add_agreement_button, CLICK)
    dialog = dialog_of(qtbot, tab, AgreementDialog)
    dialog.party.setCurrentIndex(1)
    dialog.what.setPlainText("Gezinscoach inzetten")
    dialog.due.setDate(QDate.currentDate().addDays(10))
    save(qtbot, tab, dialog)
    assert rows(sqlite_store, Ro3Agreement.what, Ro3Agreement.due_on) == [
        ("Gezinscoach inzetten", date.today() + timedelta(days=10))
    ]
    # And it is not kept: the consequence is required
    tab.agreements.selectRow(0)
    assert tab.not_kept_button.isEnabled()
    qtbot.mouseClick(tab.not_kept_button, CLICK)
    dialog = dialog_of(qtbot, tab, NotKeptDialog)
    assert save_is_refused(qtbot, dialog)
    dialog.consequence.setPlainText("Opschalen naar de gemeente")
    save(qtbot, tab, dialog)
    assert rows(sqlite_store, Ro3Agreement.status) == [("not_kept",)]
    status = tab.agreements_model.index(0, tab.agreements_model.COL_STATUS)
    assert "niet nagekomen" in status.data()
    assert "Gevolg: Opschalen naar de gemeente" in status.data(Qt.ItemDataRole.ToolTipRole)
    # And a review is recorded
    tab.tabs.setCurrentIndex(2)
    qtbot.mouseClick(tab.add_review_button, CLICK)
    dialog = dialog_of(qtbot, tab, ReviewDialog)
    dialog.report.setPlainText("Gesprek met school gepland")
    save(qtbot, tab, dialog)
    assert rows(sqlite_store, Ro3Review.report) == [("Gesprek met school gepland",)]
    assert tab.reviews_model.rowCount() == 1
    with sqlite_store.uow() as uow:
        logged = set(uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_number == number)))
    assert {"ro3_party_add", "ro3_agreement_add", "ro3_agreement_not_kept", "ro3_review_add"} <= logged


def test_an_overdue_agreement_is_marked_and_done_clears_it(qtbot, sqlite_store, coordinator, number):
    call = lambda fn, **kw: fn(uow=sqlite_store.uow(), actor=coordinator, number=number, **kw)  # noqa: E731
    call(ro3_plan.add_party, organisation="Jeugdbescherming Noord", role="GI")
    call(ro3_plan.add_agreement, party="Jeugdbescherming Noord", what="Raadsonderzoek aanvragen",
         due=date.today() - timedelta(days=3))  # fmt: skip
    view, tab = open_tab(qtbot, sqlite_store, coordinator, number)
    index = tab.agreements_model.index(0, tab.agreements_model.COL_STATUS)
    assert index.data(OVERDUE_ROLE) is True and "over de termijn" in index.data()
    assert "1 afspraak over de termijn" in tab.state.text()
    assert "Afspraak over de termijn: Afspraak van Jeugdbescherming Noord" in view.browser.toPlainText()
    tab.agreements.selectRow(0)
    qtbot.mouseClick(tab.done_button, CLICK)
    dialog = tab.active_dialog
    save(qtbot, tab, dialog)
    assert rows(sqlite_store, Ro3Agreement.status) == [("done",)]
    assert tab.agreements_model.index(0, 0).data(OVERDUE_ROLE) is False
    assert not tab.done_button.isEnabled()  # the selection is gone, and done is done


def test_after_rerouting_the_tab_is_read_only(qtbot, sqlite_store, coordinator, number):
    ro3_plan.add_party(uow=sqlite_store.uow(), actor=coordinator, number=number, organisation="GI", role="GI")
    routing.route_case(uow=sqlite_store.uow(), actor=coordinator, number=number, route="rst", reason="x")
    view, tab = open_tab(qtbot, sqlite_store, coordinator, number)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))
    assert tab.parties_model.rowCount() == 1
    assert tab.state.text().startswith(
        "Alleen in te zien: de casus staat niet meer op de route RO3 (Regie op 3)"
    )
    for button in (tab.add_party_button, tab.add_agreement_button, tab.add_review_button):
        assert not button.isEnabled() and button.toolTip() == tab.state.text()  # disabled, says why


def test_a_chair_reads_the_record_without_buttons(qtbot, sqlite_store, actors_sqlite, number):
    on_agenda_of(sqlite_store, actors_sqlite[Role.CHAIR], number)  # the chair's case (need-to-know)
    view, tab = open_tab(qtbot, sqlite_store, actors_sqlite[Role.CHAIR], number)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))
    assert (
        not tab.add_party_button.isEnabled()
        and tab.add_party_button.toolTip() == "Uw rol mag dit dossier niet bijwerken."
    )


def test_a_case_never_on_ro3_has_no_ro3_tab(qtbot, sqlite_store, coordinator):
    other = intake.register_referral(uow=sqlite_store.uow(), actor=coordinator, draft=draft(gva_present=True))
    view, tab = open_tab(qtbot, sqlite_store, coordinator, other.number)
    assert not view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))


def test_a_case_opens_on_its_routes_record_and_a_reload_keeps_the_users_tab(
    qtbot, sqlite_store, coordinator, number
):
    # Given a case on RO3 and one without a route
    other = intake.register_referral(uow=sqlite_store.uow(), actor=coordinator, draft=draft()).number
    view = CaseDetailView(Workspace(sqlite_store, coordinator))
    qtbot.addWidget(view)
    view.show()
    # When the RO3 case is chosen, its RO3 record is the tab shown, titled with its route
    view.show_case(number)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.number == number, timeout=WAIT)
    idle(qtbot)
    shown = view.record_tabs.currentWidget()
    assert isinstance(shown, Ro3Tab)
    assert view.record_tabs.tabToolTip(view.record_tabs.currentIndex()) == "RO3 (Regie op 3)"
    # And a reload after the user went to the placement tab keeps them there
    view.record_tabs.setCurrentWidget(view.placement_section)
    view.reload()
    idle(qtbot)
    assert view.record_tabs.currentWidget() is view.placement_section
    # And a case without a route opens on the placement tab
    view.record_tabs.setCurrentWidget(shown)
    view.show_case(other)
    qtbot.waitUntil(lambda: view.detail.number == other, timeout=WAIT)
    idle(qtbot)
    assert view.record_tabs.currentWidget() is view.placement_section

"""The RST tab in the case detail, driven as a coordinator: the deployments and totals, a
deployment recorded through "Inzet vastleggen…", inline refusals, and read-only history
after the case moved to another route."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, RstDeployment
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake, routing
from ret_desk.services.context import Workspace
from ret_desk.services.routes import rst
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.ops import Op
from ret_desk.ui.routes.rst_tab import DeploymentsModel, RstTab
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.support.need_to_know import on_agenda_of

WAIT = 10_000
DAY = date.today() - timedelta(days=2)


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


@pytest.fixture
def number(sqlite_store, actors_sqlite) -> str:
    coordinator = actors_sqlite[Role.COORDINATOR]
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=coordinator, draft=draft(gva_present=True, route="rst")
    ).number
    rst.record_deployment(
        uow=sqlite_store.uow(), actor=coordinator, number=number, discipline="ggz", where="school", on=DAY,
        hours="1,5", purpose="Observatie in de klas", outcome="Advies aan de mentor",
        placement_prevented="ja",
    )  # fmt: skip
    return number


def open_detail(qtbot, sqlite_store, actor, number) -> tuple[CaseDetailView, RstTab]:  # noqa: ANN001
    view = CaseDetailView(Workspace(sqlite_store, actor))
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    view.show_case(number)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT)
    idle(qtbot)
    tab = next(t for t in view.route_tabs if isinstance(t, RstTab))
    return view, tab


def choose(box: QComboBox, value: str) -> None:
    box.setCurrentIndex(box.findData(value))


def test_the_tab_shows_the_deployments_and_totals(qtbot, sqlite_store, actors_sqlite, number):
    view, tab = open_detail(qtbot, sqlite_store, actors_sqlite[Role.COORDINATOR], number)
    tabs = view.record_tabs
    assert (
        tabs.isTabVisible(tabs.indexOf(tab))
        and tabs.tabText(tabs.indexOf(tab)) == "Reizend Specialistisch Team"
    )
    tabs.setCurrentWidget(tab)
    model = tab.model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [
        f"{DAY:%d-%m-%Y}",
        "GGZ",
        "Op school",
        "1,5",
        "ja",
        "Observatie in de klas — Advies aan de mentor",
    ]
    assert tab.totals.text() == "1 inzet, 1,5 uur (GGZ 1×); plaatsing voorkomen bij 1"
    assert tab.deploy_button.isVisible() and tab.deploy_button.isEnabled()
    assert not tab.read_only_note.isVisible()
    if folder := os.environ.get("RET_DESK_PNG_DIR"):
        view.grab().save(os.path.join(folder, "rst-tab.png"))


def test_record_a_deployment_through_the_dialog(qtbot, sqlite_store, actors_sqlite, number):
    view, tab = open_detail(qtbot, sqlite_store, actors_sqlite[Role.COORDINATOR], number)
    view.record_tabs.setCurrentWidget(tab)
    changed = []
    view.case_changed.connect(changed.append)
    qtbot.mouseClick(tab.deploy_button, Qt.MouseButton.LeftButton)
    dialog = tab.active_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    # Nothing chosen yet, and hours that are no number: refused inline, nothing sent
    dialog.hours.setText("anderhalf")
    assert save_is_refused(qtbot, dialog)
    assert dialog.error_labels["discipline"].text() == "Kies de discipline."
    assert "Geen aantal uren" in dialog.error_labels["hours"].text()
    if folder := os.environ.get("RET_DESK_PNG_DIR"):
        dialog.grab().save(os.path.join(folder, "rst-dialog.png"))
    choose(dialog.discipline, "onderwijs")
    choose(dialog.where, "thuis")
    dialog.hours.setText("2,25")
    dialog.purpose.setPlainText("Huiswerkbegeleiding afstemmen")
    choose(dialog.prevented, "nee")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=WAIT)
    idle(qtbot)
    assert changed == [number]
    assert tab.totals.text() == "2 inzetten, 3,75 uur (GGZ 1×, Onderwijs 1×); plaatsing voorkomen bij 1"
    with sqlite_store.uow() as uow:
        stored = uow.session.execute(
            select(
                RstDeployment.discipline, RstDeployment.minutes, RstDeployment.placement_prevented
            ).order_by(RstDeployment.id.desc())
        ).first()
        assert tuple(stored) == ("onderwijs", 135, "nee")
        actions = uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_number == number)).all()
        assert "rst_deploy" in actions


def test_after_rerouting_the_tab_is_read_only_history(qtbot, sqlite_store, actors_sqlite, number):
    coordinator = actors_sqlite[Role.COORDINATOR]
    routing.route_case(uow=sqlite_store.uow(), actor=coordinator, number=number, route="rop", reason="Plek")
    view, tab = open_detail(qtbot, sqlite_store, coordinator, number)
    view.record_tabs.setCurrentWidget(tab)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))  # the record stays
    assert tab.model.rowCount() == 1 and not tab.editable()
    assert tab.read_only_note.isVisible() and "Alleen in te zien: de casus" in tab.read_only_note.text()
    assert not tab.deploy_button.isEnabled() and tab.deploy_button.toolTip() == tab.read_only_note.text()
    if folder := os.environ.get("RET_DESK_PNG_DIR"):
        tab.grab().save(os.path.join(folder, "rst-tab-read-only.png"))


def test_a_chair_sees_the_record_but_cannot_record(qtbot, sqlite_store, actors_sqlite, number):
    on_agenda_of(sqlite_store, actors_sqlite[Role.CHAIR], number)  # the chair's case (need-to-know)
    view, tab = open_detail(qtbot, sqlite_store, actors_sqlite[Role.CHAIR], number)
    view.record_tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 1 and not tab.deploy_button.isEnabled()
    assert tab.deploy_button.toolTip() == "Uw rol mag dit dossier niet bijwerken."


def test_a_case_elsewhere_without_a_record_has_no_rst_tab(qtbot, sqlite_store, actors_sqlite):
    coordinator = actors_sqlite[Role.COORDINATOR]
    other = intake.register_referral(uow=sqlite_store.uow(), actor=coordinator, draft=draft(gva_present=True))
    view, tab = open_detail(qtbot, sqlite_store, coordinator, other.number)
    assert not view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))


def test_the_model_alone():
    from ret_desk.domain.rst import make_deployment

    model = DeploymentsModel()
    model.set_rows([make_deployment(discipline="medisch", where="anders", on=DAY, hours="0,5", today=DAY)])
    assert model.rowCount() == 1 and model.columnCount() == 6
    assert model.headerData(DeploymentsModel.COL_PREVENTED, Qt.Orientation.Horizontal) == "Voorkomen"
    assert model.index(0, DeploymentsModel.COL_HOURS).data() == "0,5"
    assert model.index(0, DeploymentsModel.COL_PREVENTED).data() == "onbekend"
    tip = model.headerData(
        DeploymentsModel.COL_PREVENTED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "Is een verhuizing of plaatsing voorkomen?"


def test_purpose_and_outcome_share_a_column_with_both_in_full_in_the_tooltip():
    from ret_desk.domain.rst import make_deployment

    model = DeploymentsModel()
    model.set_rows(
        [
            make_deployment(
                discipline="ggz", where="school", on=DAY, hours="1", purpose="Observatie in de klas",
                outcome="Advies aan de mentor", today=DAY,
            )
        ]
    )  # fmt: skip
    index = model.index(0, DeploymentsModel.COL_NOTES)
    assert index.data() == "Observatie in de klas — Advies aan de mentor"
    assert (
        index.data(Qt.ItemDataRole.ToolTipRole)
        == "Doel: Observatie in de klas\nUitkomst: Advies aan de mentor"
    )

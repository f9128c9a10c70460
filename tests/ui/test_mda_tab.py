"""The MDA++ tab of the case detail, as the coordinator uses it: the record shows (phase,
members, risk assessments, the current plan with its version, conferences), each write goes
through its dialog and lands in the store, and the tab is read-only after the case moved on
or for a role that may not write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, MdaMember, MdaSafetyPlan
from ret_desk.domain.enums import Role
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel
from ret_desk.services.cases import intake, routing
from ret_desk.services.context import Workspace
from ret_desk.services.routes import mda_record
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.ops import Op
from ret_desk.ui.routes.mda_dialogs import MdaMemberDialog, MdaSafetyPlanDialog
from ret_desk.ui.routes.mda_tab import MdaTab
from tests.support.drafts import draft
from tests.support.forms import save_is_refused
from tests.support.need_to_know import on_agenda_of

WAIT = 10_000
TODAY = date.today()


@pytest.fixture
def number(sqlite_store, actors_sqlite) -> str:
    coordinator = actors_sqlite[Role.COORDINATOR]
    kw = {"uow": None, "actor": coordinator}
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=coordinator, draft=draft(gva_present=True)
    ).number
    routing.route_case(
        uow=sqlite_store.uow(), actor=coordinator, number=number, route="mda++", reason="Geweld"
    )

    def call(fn, **more):  # noqa: ANN001, ANN202
        return fn(**(kw | {"uow": sqlite_store.uow(), "number": number} | more))

    call(mda_record.add_member, name="Ilse Brink", role=MemberRole.OUDER, victim=True)
    call(mda_record.add_member, name="Ruud Brink", role=MemberRole.EX_PARTNER, perpetrator=True)
    call(mda_record.set_phase, phase=Phase.VEILIGHEID, on=TODAY - timedelta(days=30))
    call(mda_record.set_phase, phase=Phase.STABILISATIE, on=TODAY - timedelta(days=7))
    call(
        mda_record.add_risk_assessment, instrument="LIRIK", level=RiskLevel.HOOG, on=TODAY - timedelta(days=8)
    )
    call(mda_record.set_safety_plan, text="Ruud komt niet aan huis.\nOma haalt Sanne op van school.")
    call(
        mda_record.add_conference,
        on=TODAY - timedelta(days=6),
        participants="moeder, Sanne, wijkteam, Veilig Thuis",
        outcome="Contactverbod blijft; over zes weken evalueren.",
    )
    return number


def open_tab(qtbot, sqlite_store, actor, number) -> tuple[CaseDetailView, MdaTab]:  # noqa: ANN001
    view = CaseDetailView(Workspace(sqlite_store, actor))
    qtbot.addWidget(view)
    view.resize(700, 740)
    view.show()
    view.show_case(number)
    tab = next(t for t in view.route_tabs if isinstance(t, MdaTab))
    qtbot.waitUntil(lambda: tab.record is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    view.record_tabs.setCurrentWidget(tab)
    return view, tab


def test_the_tab_shows_the_record_and_adds_a_member(qtbot, sqlite_store, actors_sqlite, number):
    view, tab = open_tab(qtbot, sqlite_store, actors_sqlite[Role.COORDINATOR], number)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))
    assert "2 stabilisatie" in tab.summary.text() and "versie 1" in tab.summary.text()
    assert tab.members.rows == [
        ["Ilse Brink", "ouder", "slachtoffer"],
        ["Ruud Brink", "ex-partner", "pleger"],
    ]
    assert tab.assessments.rows[0][1:3] == ["hoog", "LIRIK"]
    assert tab.plan_text.toPlainText().startswith("Ruud komt niet aan huis.")
    assert tab.plan_label.text().startswith("Versie 1 van")
    assert tab.conferences.rows[0][1] == "moeder, Sanne, wijkteam, Veilig Thuis"
    assert tab.member_button.isEnabled() and not tab.read_only.isVisible()
    view.grab().save("/tmp/mda-tab.png")
    # Add a member through the dialog
    changed = []
    tab.case_changed.connect(changed.append)
    qtbot.mouseClick(tab.member_button, Qt.MouseButton.LeftButton)
    dialog = tab.active_dialog
    assert isinstance(dialog, MdaMemberDialog) and dialog.isVisible()
    assert save_is_refused(qtbot, dialog)  # no name, no role yet
    qtbot.keyClicks(dialog.name, "Daan Brink")
    dialog.role.setCurrentIndex(dialog.role.findData("broer_zus"))
    dialog.grab().save("/tmp/mda-member-dialog.png")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: changed == [number], timeout=WAIT)
    qtbot.waitUntil(lambda: len(tab.members.rows) == 3, timeout=WAIT)
    assert tab.members.rows[2] == ["Daan Brink", "broer of zus", "onbekend"]
    with sqlite_store.uow() as uow:
        assert uow.session.scalars(select(MdaMember.name).order_by(MdaMember.id)).all()[-1] == "Daan Brink"
        actions = uow.session.scalars(select(AuditEvent.action).where(AuditEvent.case_number == number)).all()
    assert actions.count("mda_member_add") == 3 and "mda_view" in actions


def test_a_new_plan_version_from_the_dialog(qtbot, sqlite_store, actors_sqlite, number):
    view, tab = open_tab(qtbot, sqlite_store, actors_sqlite[Role.COORDINATOR], number)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.active_dialog
    assert isinstance(dialog, MdaSafetyPlanDialog)
    assert dialog.text.toPlainText().startswith("Ruud komt niet aan huis.")
    assert save_is_refused(qtbot, dialog)  # unchanged: no new version
    dialog.grab().save("/tmp/mda-plan-dialog.png")
    dialog.text.appendPlainText("Ilse heeft een alarmknop.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.plan_label.text().startswith("Versie 2"), timeout=WAIT)
    assert tab.plan_text.toPlainText().endswith("Ilse heeft een alarmknop.")
    with sqlite_store.uow() as uow:
        assert uow.session.scalars(select(MdaSafetyPlan.version)).all() == [1, 2]


def test_read_only_after_rerouting_and_for_the_chair(qtbot, sqlite_store, actors_sqlite, number):
    on_agenda_of(sqlite_store, actors_sqlite[Role.CHAIR], number)  # the chair's case (need-to-know)
    _, chair_tab = open_tab(qtbot, sqlite_store, actors_sqlite[Role.CHAIR], number)
    assert not chair_tab.member_button.isEnabled() and not chair_tab.plan_button.isEnabled()
    assert len(chair_tab.members.rows) == 2  # the chair reads the record
    coordinator = actors_sqlite[Role.COORDINATOR]
    routing.route_case(uow=sqlite_store.uow(), actor=coordinator, number=number, route="rst", reason="Veilig")
    view, tab = open_tab(qtbot, sqlite_store, coordinator, number)
    assert view.record_tabs.isTabVisible(view.record_tabs.indexOf(tab))  # the record is history
    assert (
        tab.read_only.isVisible()
        and "Alleen in te zien: de casus staat niet meer op de route MDA++" in tab.read_only.text()
    )
    buttons = (tab.phase_button, tab.risk_button, tab.plan_button, tab.member_button, tab.conference_button)
    assert not any(b.isEnabled() for b in buttons)
    assert len(tab.members.rows) == 2
    view.grab().save("/tmp/mda-tab-readonly.png")


def test_the_signals_have_dutch_labels_in_the_window():
    from ret_desk.ui import labels

    assert labels.signal("SAFETY_ASSESSMENT_DUE") == "Nieuwe risicotaxatie nodig"
    assert labels.signal("HIGH_RISK_NO_PLAN") == "Hoog risico zonder veiligheidsplan"
    assert labels.label(MemberRole.BROER_ZUS) == "broer of zus"

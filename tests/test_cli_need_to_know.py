"""Need-to-know on a real SQLite store (issue 12 §2), through the real command line and the
services as the front ends call them (`Workspace.call`): each role reads the cases its
work needs. A chair: the cases on the agenda of a sitting they chair or attend, until 90
days (a region setting) after the advice. Placement staff: cases on a placement route or
with a request or placement. Outside those rows a read is refused in Dutch and logged; an
emergency access with a reason opens one case for 8 hours, logged with the reason."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from ret_desk.cli import main
from ret_desk.db.models import (
    Account,
    AgendaItem,
    AuditEvent,
    Case,
    EmergencyAccess,
    RegionSetting,
    Route,
    SessionMember,
    TableSession,
)
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import InvalidInput
from ret_desk.services.admin import accounts
from ret_desk.services.cases import intake
from ret_desk.services.cases.case_queries import CaseFilter, count_cases, list_cases
from ret_desk.services.context import Workspace
from tests.conftest import make_actors
from tests.support.drafts import draft

PW = "correct-paard-batterij"


def _route_of_kind(s, kind: str) -> str:  # noqa: ANN001
    return s.scalar(select(Route.key).where(Route.kind == kind).order_by(Route.position))


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    """Four cases: on the chair's agenda, on another sitting's agenda, on a placement route,
    and one on no route. A second chair attends the first sitting as a member."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store.open(url)
    actors = make_actors(store)
    coordinator = actors[Role.COORDINATOR]

    accounts.create_account(
        uow=store.uow(), actor=actors[Role.ADMIN], username="lid", password=PW, role=Role.CHAIR
    )
    numbers = [
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=draft(bsn=None, given_name=n)
        ).number
        for n in ("Agenda", "Elders", "Plaatsing", "Nergens")
    ]
    with store.uow() as uow:
        s = uow.session
        cases = {c.number: c for c in s.scalars(select(Case))}
        lid = s.scalar(select(Account.id).where(Account.username == "lid"))
        own = TableSession(held_on=date.today(), start_time="10:00", chair="Voorzitter", status="gepland",
                           chair_account_id=actors[Role.CHAIR].account_id)  # fmt: skip
        other = TableSession(
            held_on=date.today(), start_time="13:00", chair="Iemand anders", status="gepland"
        )
        s.add_all([own, other])
        s.flush()
        s.add(SessionMember(session_id=own.id, name="Lid", discipline="jeugdzorg", account_id=lid))
        s.add(AgendaItem(session_id=own.id, case_id=cases[numbers[0]].id, position=1, question="V"))
        s.add(AgendaItem(session_id=other.id, case_id=cases[numbers[1]].id, position=1, question="V"))
        cases[numbers[2]].current_route = _route_of_kind(s, "placement")
        uow.commit()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run, store, actors, numbers
    store.close()


def _listed(store: Store, actor) -> set[str]:  # noqa: ANN001
    ws = Workspace(store, actor)
    rows = ws.call(list_cases, flt=CaseFilter(open_only=False))
    assert ws.call(count_cases, flt=CaseFilter(open_only=False)) == len(rows)
    return {r.number for r in rows}


def test_each_role_lists_the_cases_its_work_needs(world):
    _run, store, actors, (agenda, elders, plaatsing, nergens) = world
    assert _listed(store, actors[Role.COORDINATOR]) == {agenda, elders, plaatsing, nergens}
    assert _listed(store, actors[Role.CHAIR]) == {agenda}
    assert _listed(store, actors[Role.PLACEMENT_OFFICER]) == {plaatsing}


def test_a_member_of_the_sitting_sees_its_agenda_too(world):
    run, _store, _actors, (agenda, elders, *_rest) = world
    assert run("case", "show", agenda, user="lid")[0] == 0
    code, _out, err = run("case", "show", elders, user="lid")
    assert code == 1 and "niet op de agenda van een zitting die u voorzit of bijwoont" in err


@pytest.mark.parametrize(
    ("user", "index", "why"),
    [
        ("chair", 1, "niet op de agenda van een zitting die u voorzit of bijwoont"),
        ("chair", 3, "niet op de agenda"),
        ("placement_officer", 0, "niet op een route van Regie op plaatsing"),
        ("placement_officer", 3, "geen plaatsingsverzoek of plaatsing"),
    ],
)
def test_a_read_outside_the_rows_is_refused_with_the_reason_and_logged(world, tmp_path, user, index, why):
    run, store, _actors, numbers = world
    number = numbers[index]
    code, out, err = run("case", "show", number, user=user)
    assert code == 1 and why in err and "noodtoegang" in err and "Traceback" not in err
    assert out == ""
    with store.uow() as uow:
        refused = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "refused", AuditEvent.case_number == number)
        ).all()
        assert [e.actor_name for e in refused] == [user]
        viewed = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case_view", AuditEvent.case_number == number)
        ).all()
        assert viewed == []


def test_the_chair_prints_only_their_agenda(world, tmp_path):
    run, _store, _actors, (agenda, elders, *_rest) = world
    out = tmp_path / "x.pdf"
    assert run("report", "case-summary", agenda, "--pseudonymised", "--out", str(out), user="chair")[0] == 0
    other = tmp_path / "y.pdf"
    code, _out, err = run(
        "report", "case-summary", elders, "--pseudonymised", "--out", str(other), user="chair"
    )
    assert code == 1 and "geen toegang tot casus" in err and not other.exists()


def test_ninety_days_after_the_advice_the_case_closes_to_the_chair(world):
    run, store, _actors, (agenda, *_rest) = world
    with store.uow() as uow:
        item = uow.session.scalar(select(AgendaItem).join(Case).where(Case.number == agenda))
        item.advice_text, item.advice_recorded_at = "Advies", datetime.now(UTC) - timedelta(days=89)
        uow.commit()
    assert run("case", "show", agenda, user="chair")[0] == 0
    with store.uow() as uow:
        item = uow.session.scalar(select(AgendaItem).join(Case).where(Case.number == agenda))
        item.advice_recorded_at = datetime.now(UTC) - timedelta(days=91)
        uow.commit()
    assert run("case", "show", agenda, user="chair")[0] == 1
    with store.uow() as uow:  # the region's own term: 120 days
        uow.session.add(RegionSetting(key="chair_access_days", value=120))
        uow.commit()
    assert run("case", "show", agenda, user="chair")[0] == 0


def test_emergency_access_opens_one_case_with_a_logged_reason_for_eight_hours(world):
    run, store, actors, (_agenda, elders, *_rest) = world
    code, _out, err = run("case", "show", elders, "--noodtoegang", "kort", user="chair")
    assert code == 1 and "minstens 10 tekens" in err
    reason = "Crisis: jeugdige vermist, voorzitter is dienstdoende"
    code, out, err = run("case", "show", elders, "--noodtoegang", reason, user="chair")
    assert code == 0 and elders in out and "Noodtoegang tot" in err
    assert elders in _listed(store, actors[Role.CHAIR])  # and the list shows it now
    with store.uow() as uow:
        events = uow.session.scalars(select(AuditEvent).where(AuditEvent.action == "emergency_access")).all()
        assert [(e.actor_name, e.case_number, e.detail) for e in events] == [
            ("chair", elders, f"noodtoegang: {reason}")
        ]
        access = uow.session.scalar(select(EmergencyAccess))
        assert timedelta(hours=7, minutes=59) < access.expires_at - access.granted_at <= timedelta(hours=8)
        access.expires_at = datetime.now(UTC) - timedelta(minutes=1)  # eight hours later
        uow.commit()
    assert run("case", "show", elders, user="chair")[0] == 1
    # another person's emergency access opens nothing for the placement officer
    assert run("case", "show", elders, user="placement_officer")[0] == 1


@pytest.mark.parametrize("user", ["auditor", "beheer", "coordinator"])
def test_no_emergency_access_for_roles_outside_it(world, user):
    run, _store, _actors, (_agenda, elders, *_rest) = world
    code, _out, err = run("case", "show", elders, "--noodtoegang", "Een reden van genoeg tekens", user=user)
    assert code == 1 and "mag geen casus buiten de eigen rijen openen met noodtoegang" in err


def test_the_auditor_lists_emergency_access_and_accounts_made_by_the_administrator(world):
    run, _store, _actors, (_agenda, elders, *_rest) = world
    reason = "Crisis: jeugdige vermist, voorzitter is dienstdoende"
    assert run("case", "show", elders, "--noodtoegang", reason, user="chair")[0] == 0
    code, out, _err = run("audit", "noodtoegang", user="auditor")
    assert code == 0 and f"noodtoegang: {reason}" in out and elders in out and "chair" in out
    # the account "lid" (a chair) was made by the administrator: flagged, and it read a case since
    assert run("case", "show", _agenda, user="lid")[0] == 0
    code, out, _err = run("audit", "accounts-door-beheer", "--json", user="auditor")
    flagged = {row["account"]: row for row in json.loads(out)}
    assert code == 0 and flagged["lid"]["door"] == "beheer" and "aangemaakt" in flagged["lid"]["wat"]
    assert flagged["lid"]["kindgegevens_gelezen_sindsdien"] >= 1
    assert flagged["auditor"]["kindgegevens_gelezen_sindsdien"] == 0
    assert "beheer" not in flagged  # the first administrator made itself
    assert run("audit", "noodtoegang", user="chair")[0] == 1  # the log is the auditor's


def test_the_administrator_sets_the_chairs_term_in_the_region_settings(world):
    run, store, actors, (agenda, *_rest) = world
    from ret_desk.services.admin import settings

    admin = Workspace(store, actors[Role.ADMIN])
    row = next(r for r in admin.call(settings.region_settings) if r.key == "chair_access_days")
    assert (row.value, row.version) == (90, 0) and "Voorzitter" in row.label
    with pytest.raises(InvalidInput):
        admin.call(settings.set_region_setting, key="chair_access_days", value=4000, version=0)
    admin.call(settings.set_region_setting, key="chair_access_days", value=10, version=0)
    with store.uow() as uow:
        item = uow.session.scalar(select(AgendaItem).join(Case).where(Case.number == agenda))
        item.advice_recorded_at = datetime.now(UTC) - timedelta(days=11)
        uow.commit()
    assert run("case", "show", agenda, user="chair")[0] == 1  # 11 days after the advice: closed

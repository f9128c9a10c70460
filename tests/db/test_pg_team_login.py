"""Logging in to a team's PostgreSQL store as oneself (issue 10 §2): the command line with
`--user` and the password, and the workspaces the app gets, on a server that checks SCRAM
passwords. Each role does its work through its own login; a wrong password is refused in
Dutch, without a traceback, and reaches the failed-login gate."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

import pytest

from ret_desk.cli.entry import main
from ret_desk.db import gate
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import (
    AuthenticationFailed,
    PasswordChangeRequired,
    PermissionDenied,
)
from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import account_admin, audit_query
from ret_desk.services.cases import case_detail, notes
from ret_desk.services.context import open_workspace
from ret_desk.services.experttafel import agenda, sittings
from ret_desk.services.placement import capacity
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg
WRONG = "Onbekende gebruikersnaam of onjuist wachtwoord."


@pytest.fixture
def failed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """What reached the failed-login gate (url, user name, workstation)."""
    calls: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        gate,
        "record_failed_login",
        lambda url, username, workstation: calls.append((url, username, workstation)),
    )
    return calls


@pytest.fixture
def cli(team: Team, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def run(user: str, password: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("RET_DESK_PASSWORD", password)
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", team.team_url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_the_command_line_logs_in_with_the_persons_own_login(team: Team, cli, failed) -> None:
    # Given a team URL without a user name, when the coordinator logs in with the password
    code, out, err = cli(team.names[Role.COORDINATOR], PW, "case", "show", team.case_number)
    # Then the case shows, read through the coordinator's own login
    assert (code, err) == (0, "") and team.case_number in out
    # And a wrong password is refused in Dutch, no traceback, and goes to the gate
    code, out, err = cli(
        team.names[Role.COORDINATOR], "niet-het-goede-wachtwoord", "case", "show", team.case_number
    )
    assert code == 1 and err.strip() == f"Fout: {WRONG}" and "Traceback" not in err and out == ""
    assert [(u, n) for u, n, _ in failed] == [(team.team_url, team.names[Role.COORDINATOR])]
    # An unknown user gets the very same message
    code, _, err = cli("niemand-hier", PW, "case", "show", team.case_number)
    assert code == 1 and err.strip() == f"Fout: {WRONG}"


def test_the_auditor_reads_the_log_by_bsn_on_the_command_line(team: Team, cli) -> None:
    code, out, err = cli(team.names[Role.AUDITOR], PW, "audit", "show", "--bsn", "999990019")
    assert (code, err) == (0, "") and team.case_number in out
    code, _, err = cli(team.names[Role.AUDITOR], PW, "case", "show", team.case_number)
    assert code == 1 and "Fout:" in err and "Traceback" not in err


def test_each_role_works_through_its_own_login(team: Team) -> None:
    door = open_workspace(team.team_url)
    try:
        assert door.personal_logins
        coordinator = door.logged_in(door.authenticate(team.names[Role.COORDINATOR], PW))
        assert coordinator.call(case_detail.get_case, number=team.case_number).number == team.case_number
        coordinator.call(notes.add_note, number=team.case_number, text="Gebeld met school.")

        chair = door.logged_in(door.authenticate(team.names[Role.CHAIR], PW))
        sitting = sittings.SessionInput(
            held_on=date.today() + timedelta(days=7), start_time="09:30", chair="Voorzitter"
        )
        sitting_id = chair.call(sittings.plan_session, data=sitting)
        assert sitting_id > 0
        # the chair puts the case (a candidate: on the Experttafel's route) on the agenda: now it is theirs
        chair.call(agenda.add_to_agenda, session_id=sitting_id, number=team.case_number,
                         data=agenda.AgendaInput(question="Welke hulp past?"))  # fmt: skip
        chair.call(notes.add_note, number=team.case_number, text="Besproken in het vooroverleg.")

        placement = door.logged_in(door.authenticate(team.names[Role.PLACEMENT_OFFICER], PW))
        placement.call(capacity.list_capacity, flt=capacity.CapacityFilter())

        auditor = door.logged_in(door.authenticate(team.names[Role.AUDITOR], PW))
        total, rows = auditor.call(audit_query.open_log, flt=audit_query.AuditFilter(bsn="999990019"))
        assert total > 0 and {r.youth_name for r in rows} == {"Sanne Veenstra"}
        actors = {r.actor for r in auditor.call(audit_query.open_log, flt=audit_query.AuditFilter())[1]}
        assert {team.names[Role.CHAIR], team.names[Role.COORDINATOR]} <= actors

        admin = door.logged_in(door.authenticate(team.names[Role.ADMIN], PW))
        assert team.names[Role.CHAIR] in [r.username for r in admin.call(account_admin.list_accounts)]
        # the app's own check still refuses first: the admin reads no case
        with pytest.raises(PermissionDenied):
            admin.call(case_detail.get_case, number=team.case_number)
    finally:
        door.close()


def test_the_admin_disables_changes_and_resets_through_the_functions(team: Team) -> None:
    door = open_workspace(team.team_url)
    chair_name = team.names[Role.CHAIR]
    try:
        admin = door.logged_in(door.authenticate(team.names[Role.ADMIN], PW))
        # Disabled: PostgreSQL itself no longer lets the login in
        admin.call(account_admin.set_active, username=chair_name, active=False)
        # (told like a wrong password: one answer for every refusal, issue 11 §3)
        with pytest.raises(LoginRefused, match="onjuist wachtwoord") as refused:
            door.authenticate(chair_name, PW)
        assert refused.value.reason == "account gedeactiveerd"
        with pytest.raises(AuthenticationFailed, match="onjuist wachtwoord"):
            door.authenticate(chair_name, "een-ander-wachtwoord")
        admin.call(account_admin.set_active, username=chair_name, active=True)
        # A new role moves the login to the other group
        admin.call(account_admin.set_role, username=chair_name, role=Role.COORDINATOR)
        assert door.authenticate(chair_name, PW).role is Role.COORDINATOR
        # A reset: the temporary password logs in only to choose a new one
        temporary, new = "tijdelijk-wachtwoord-1", "mijn-nieuwe-wachtwoord"
        admin.call(account_admin.reset_password, username=chair_name, temporary=temporary)
        with pytest.raises(AuthenticationFailed):
            door.authenticate(chair_name, PW)
        with pytest.raises(PasswordChangeRequired):
            door.authenticate(chair_name, temporary)
        door.change_own_password(username=chair_name, current=temporary, new=new)
        assert door.authenticate(chair_name, new).username == chair_name
        with pytest.raises(AuthenticationFailed):
            door.change_own_password(username=chair_name, current=temporary, new="nog-een-wachtwoord")
    finally:
        door.close()


def test_a_working_day_through_each_login(team: Team) -> None:
    """The grants are enough for the work: the owner loads fictitious data, then each role
    does its own writes and reads through its own login (refusals would raise)."""
    from ret_desk.db.store import Store
    from ret_desk.services.admin import accounts
    from ret_desk.services.cases import case_queries, intake, routing
    from ret_desk.services.demo import demo_capacity, demo_data, demo_mda, demo_ro3, demo_rst, demo_sittings
    from ret_desk.services.placement import placement_requests
    from tests.support.drafts import draft

    owner = Store.open(team.owner_url)
    try:
        admin = accounts.authenticate(uow=owner.uow(), username=team.names[Role.ADMIN], password=PW)
        demo_data.generate(uow=owner.uow(), actor=admin, youths=60, seed=7)
        demo_capacity.generate_capacity(uow=owner.uow(), actor=admin, locations=10, seed=7)
    finally:
        owner.close()
    door = open_workspace(team.team_url)
    try:
        chair = door.logged_in(door.authenticate(team.names[Role.CHAIR], PW))
        assert demo_sittings.plan_demo_sittings(store_uow=chair.store.uow, chair=chair.actor) > 0
        assert chair.call(sittings.list_sessions)

        staff = door.logged_in(door.authenticate(team.names[Role.PLACEMENT_OFFICER], PW))
        assert demo_capacity.open_demo_requests(store_uow=staff.store.uow, staff=staff.actor) > 0
        assert staff.call(placement_requests.list_requests)
        assert staff.call(case_queries.list_cases, flt=case_queries.CaseFilter())

        coordinator = door.logged_in(door.authenticate(team.names[Role.COORDINATOR], PW))
        rows = coordinator.call(case_queries.list_cases, flt=case_queries.CaseFilter())
        assert len(rows) > 1
        new = coordinator.call(
            intake.register_referral, draft=draft(bsn=None, family_name="Bakker", gva_present=True)
        )
        coordinator.call(routing.route_case, number=new.number, route="rop", reason="Plaatsing nodig.")
        coordinator.call(notes.add_note, number=new.number, text="Ouders gebeld.")
        with coordinator.store.uow() as uow:  # the route records the coordinator keeps
            added = demo_mda.add_demo_mda_records(uow.session, seed=7)
            added += demo_ro3.add_demo_ro3(uow.session, date.today(), seed=7)
            added += demo_rst.add_demo_deployments(uow.session, coordinator.actor, date.today(), seed=7)
            uow.commit()
        assert added > 0
        assert coordinator.call(sittings.list_sessions)
        assert coordinator.call(capacity.list_capacity, flt=capacity.CapacityFilter())

        auditor = door.logged_in(door.authenticate(team.names[Role.AUDITOR], PW))
        total, _ = auditor.call(
            audit_query.open_log, flt=audit_query.AuditFilter(case_number=team.case_number)
        )
        assert total > 0
    finally:
        door.close()


def test_what_the_server_refuses_reaches_the_user_in_dutch(team: Team, cli) -> None:
    # The app lets an administrator load demo data, but on a team store that writes
    # children's records, which the admin's login may not: the server refuses, in Dutch.
    code, out, err = cli(team.names[Role.ADMIN], PW, "demo-data", "--youths", "2")
    assert code == 1 and out == "" and "Traceback" not in err
    assert err.strip() == "Fout: de opslag weigert dit; uw rol heeft er geen recht op."


def test_region_and_schema_version_on_a_team_url_need_a_login(team: Team, cli) -> None:
    code, out, err = cli(team.names[Role.CHAIR], PW, "region", "show")
    assert (code, err) == (0, "") and "Regio: " in out
    code, out, err = cli(team.names[Role.ADMIN], PW, "db", "current")
    assert (code, err) == (0, "") and "Schemaversie: " in out


def test_a_refused_password_reaches_the_log_through_the_real_gate(team: Team, cli) -> None:
    # Given a server that checks passwords (SCRAM), and the real gate (not a stand-in)
    import psycopg

    def failures() -> list[tuple[str, str]]:
        owner = team.owner_url.split("//", 1)[1].split("@", 1)[0]
        with psycopg.connect(host=team.host, port=team.port, dbname=team.dbname, user=owner) as c:
            rows = c.execute(
                "SELECT actor_name, workstation FROM audit_event WHERE action = 'login_failed' ORDER BY id"
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    before = failures()
    # When the placement officer types a wrong password on the command line
    code, _, err = cli(
        team.names[Role.PLACEMENT_OFFICER], "niet-het-goede-wachtwoord", "case", "show", team.case_number
    )
    # Then the answer is the one for every refusal, and the server's log names the attempt
    assert code == 1 and err.strip() == f"Fout: {WRONG}"
    added = failures()[len(before) :]
    assert [name for name, _ in added] == [team.names[Role.PLACEMENT_OFFICER]]
    # And the log is still one intact chain with that event in it
    code, out, err = cli(team.names[Role.AUDITOR], PW, "audit", "verify")
    assert (code, err) == (0, "") and out.startswith("logboek intact:")

"""Account administration, region settings, store information and the audit log query,
on both stores."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from ret_desk.db.models import AuditEvent
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    PasswordChangeRequired,
    PermissionDenied,
    RuleViolation,
    StaleEdit,
)
from ret_desk.domain.lockout import LoginRefused
from ret_desk.services.admin import (
    account_admin,
    accounts,
    audit_export,
    audit_query,
    settings,
    store_admin,
    store_info,
)
from ret_desk.services.cases import case_detail
from tests.conftest import PASSWORD, make_actors
from tests.support.admin import BSN_A, two_cases_of_one_youth

NEW = "een-heel-nieuw-wachtwoord"


def _actions(store, action):
    with store.uow() as uow:
        rows = uow.session.execute(
            select(AuditEvent.actor_name, AuditEvent.detail)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.id)
        )
        return [SimpleNamespace(actor_name=name, detail=detail) for name, detail in rows]


def test_list_accounts_and_disable_refuses_login_until_enabled(store, actors):
    admin = actors[Role.ADMIN]
    rows = account_admin.list_accounts(uow=store.uow(), actor=admin)
    assert [r.username for r in rows] == sorted(r.username for r in rows)
    assert {r.to_json()["username"]: r.to_json()["active"] for r in rows}["chair"] is True
    account_admin.set_active(uow=store.uow(), actor=admin, username="chair", active=False)
    # The right password on a deactivated account gets the same answer as a wrong one
    with pytest.raises(LoginRefused, match="^Onbekende gebruikersnaam of onjuist wachtwoord.$"):
        accounts.authenticate(uow=store.uow(), username="chair", password=PASSWORD)
    assert _actions(store, "login_failed")[-1].detail == "account gedeactiveerd"
    # A wrong password on a disabled account says nothing about the account.
    with pytest.raises(AuthenticationFailed, match="onjuist wachtwoord"):
        accounts.authenticate(uow=store.uow(), username="chair", password="fout-wachtwoord")
    account_admin.set_active(uow=store.uow(), actor=admin, username="chair", active=True)
    assert accounts.authenticate(uow=store.uow(), username="chair", password=PASSWORD).role is Role.CHAIR
    assert [e.detail for e in _actions(store, "account_disable")] == ["account chair"]
    assert len(_actions(store, "account_enable")) == 1


def test_admin_cannot_disable_self_nor_remove_the_last_admin(store, actors):
    admin = actors[Role.ADMIN]
    with pytest.raises(RuleViolation, match="eigen account"):
        account_admin.set_active(uow=store.uow(), actor=admin, username="beheer", active=False)
    with pytest.raises(RuleViolation, match="eigen rol"):
        account_admin.set_role(uow=store.uow(), actor=admin, username="beheer", role=Role.AUDITOR)
    # A second admin may demote the first, but not the last one standing.
    account_admin.set_role(uow=store.uow(), actor=admin, username="auditor", role=Role.ADMIN)
    second = accounts.authenticate(uow=store.uow(), username="auditor", password=PASSWORD)
    account_admin.set_active(uow=store.uow(), actor=second, username="beheer", active=False)
    with pytest.raises(RuleViolation, match="eigen account"):
        account_admin.set_active(uow=store.uow(), actor=second, username="auditor", active=False)
    assert [e.detail for e in _actions(store, "account_role")] == ["account auditor: auditor -> admin"]


def test_last_active_admin_cannot_lose_the_role(store, actors):
    admin = actors[Role.ADMIN]
    account_admin.set_role(uow=store.uow(), actor=admin, username="chair", role=Role.ADMIN)
    other = accounts.authenticate(uow=store.uow(), username="chair", password=PASSWORD)
    account_admin.set_active(uow=store.uow(), actor=admin, username="chair", active=False)
    with pytest.raises(RuleViolation, match="laatste actieve beheerder"):
        account_admin.set_role(uow=store.uow(), actor=other, username="beheer", role=Role.CHAIR)


def test_only_admins_manage_accounts_and_stale_edits_are_refused(store, actors):
    with pytest.raises(PermissionDenied):
        account_admin.list_accounts(uow=store.uow(), actor=actors[Role.AUDITOR])
    admin = actors[Role.ADMIN]
    row = next(r for r in account_admin.list_accounts(uow=store.uow(), actor=admin) if r.username == "chair")
    account_admin.set_role(uow=store.uow(), actor=admin, username="chair", role=Role.COORDINATOR)
    with pytest.raises(StaleEdit, match="Iemand anders"):
        account_admin.set_active(
            uow=store.uow(), actor=admin, username="chair", active=False, version=row.version
        )
    with pytest.raises(NotFound):
        account_admin.set_active(uow=store.uow(), actor=admin, username="niemand", active=False)


def test_reset_password_forces_a_change_at_next_login(store, actors):
    admin = actors[Role.ADMIN]
    account_admin.reset_password(
        uow=store.uow(), actor=admin, username="chair", temporary="tijdelijk-paraplu-2026"
    )
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(uow=store.uow(), username="chair", password=PASSWORD)
    with pytest.raises(PasswordChangeRequired, match="nieuw wachtwoord"):
        accounts.authenticate(uow=store.uow(), username="chair", password="tijdelijk-paraplu-2026")
    with pytest.raises(InvalidInput, match="ander wachtwoord"):
        account_admin.change_own_password(
            uow=store.uow(), username="chair", current="tijdelijk-paraplu-2026", new="tijdelijk-paraplu-2026"
        )
    account_admin.change_own_password(
        uow=store.uow(), username="chair", current="tijdelijk-paraplu-2026", new=NEW
    )
    assert accounts.authenticate(uow=store.uow(), username="chair", password=NEW).role is Role.CHAIR
    assert len(_actions(store, "account_password_reset")) == 1
    assert [e.actor_name for e in _actions(store, "password_change")] == ["chair"]
    with pytest.raises(InvalidInput, match="12 tekens"):
        account_admin.reset_password(uow=store.uow(), actor=admin, username="chair", temporary="kort")


def test_change_own_password_needs_the_current_one(store, actors):
    with pytest.raises(AuthenticationFailed, match="onjuist wachtwoord"):
        account_admin.change_own_password(
            uow=store.uow(), username="chair", current="fout-fout-fout", new=NEW
        )  # at the login: the message does not say which part was wrong
    with pytest.raises(AuthenticationFailed, match="^Het huidige wachtwoord is onjuist.$"):
        account_admin.change_own_password(
            uow=store.uow(), username="chair", current="fout-fout-fout", new=NEW, logged_in=True
        )
    account_admin.change_own_password(uow=store.uow(), username="chair", current=PASSWORD, new=NEW)
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(uow=store.uow(), username="chair", password=PASSWORD)


def test_deadline_terms_and_region_settings_are_versioned_and_audited(store, actors):
    admin = actors[Role.ADMIN]
    terms = settings.deadline_terms(uow=store.uow(), actor=admin)
    assert terms[0].route_key == "onverdeeld" and {t.route_key for t in terms} >= {"rop", "experttafel"}
    rop = next(t for t in terms if t.route_key == "rop")
    changed = settings.set_deadline_terms(
        uow=store.uow(),
        actor=admin,
        route_key="rop",
        start_days=30,
        no_progress_months=2,
        version=rop.version,
    )
    assert (changed.start_days, changed.no_progress_months) == (30, 2)
    with pytest.raises(StaleEdit):
        settings.set_deadline_terms(
            uow=store.uow(),
            actor=admin,
            route_key="rop",
            start_days=31,
            no_progress_months=2,
            version=rop.version,
        )
    with pytest.raises(InvalidInput):
        settings.set_deadline_terms(
            uow=store.uow(), actor=admin, route_key="rop", start_days=0, no_progress_months=2,
            version=changed.version,
        )  # fmt: skip
    limit = next(
        s for s in settings.region_settings(uow=store.uow(), actor=admin) if s.key == "distance_limit_km"
    )
    assert limit.label == "Afstandsgrens (km)"
    settings.set_region_setting(uow=store.uow(), actor=admin, key=limit.key, value=55, version=limit.version)
    with pytest.raises(StaleEdit):
        settings.set_region_setting(
            uow=store.uow(), actor=admin, key=limit.key, value=60, version=limit.version
        )
    details = [e.detail for e in _actions(store, "setting_change")]
    assert details == [
        "termijnen rop: start 42 -> 30 dagen, geen voortgang 3 -> 2 maanden",
        "distance_limit_km: 40 -> 55",
    ]
    with pytest.raises(PermissionDenied):
        settings.region_settings(uow=store.uow(), actor=actors[Role.COORDINATOR])


def test_store_information_hides_the_password(store, actors):
    info = store_info.store_info(store=store, actor=actors[Role.ADMIN])
    assert info.revision == info.head and info.revision is not None
    if store.is_sqlite:
        assert info.kind.startswith("SQLite") and info.size_bytes > 0
    else:
        assert info.kind.startswith("PostgreSQL") and info.size_bytes is None
    with pytest.raises(PermissionDenied):
        store_info.store_info(store=store, actor=actors[Role.AUDITOR])


def test_store_url_with_password_is_masked(sqlite_store, monkeypatch):
    from sqlalchemy import create_engine

    from ret_desk.db import migrate

    # A PostgreSQL URL with a password; nothing connects (the revision is asked separately).
    monkeypatch.setattr(migrate, "current_revision", lambda engine: "0005")
    pg = type(sqlite_store)("x", create_engine("postgresql+psycopg://anne:geheim@db.example/ret"))
    actor = make_actors(sqlite_store)[Role.ADMIN]
    info = store_info.store_info(store=pg, actor=actor)
    assert "geheim" not in info.url and "anne" in info.url and info.size_bytes is None


def test_audit_log_by_youth_across_cases_by_user_period_and_action(store, actors, coordinator):
    first, second, other = two_cases_of_one_youth(store, coordinator)
    chair = actors[Role.CHAIR]
    case_detail.get_case(uow=store.uow(), actor=chair, number=second)
    case_detail.get_case(uow=store.uow(), actor=chair, number=other)
    auditor = actors[Role.AUDITOR]

    def shown(**kw):
        return audit_query.open_log(uow=store.uow(), actor=auditor, flt=audit_query.AuditFilter(**kw))

    total, rows = shown(youth=BSN_A)
    assert total == 3 and {r.case_number for r in rows} == {first, second}
    assert rows[0].action == "case_view" and rows[0].youth_name == "Sanne Veenstra"
    assert shown(youth=first)[0] == 3  # a case number finds the youth, then all their cases
    assert shown(youth="veenstra")[0] == 3
    assert shown(bsn=BSN_A)[0] == 3
    assert shown(case_number=first)[0] == 1  # --case: only that case, as before
    assert shown(username="chair")[0] == 3  # login and two case views
    assert shown(username="chair", youth=BSN_A)[0] == 1
    assert {"beheer", "chair", "coordinator"} <= set(audit_query.known_users(uow=store.uow(), actor=auditor))
    assert shown(action="case_create")[0] == 3
    today = date.today()
    assert shown(date_from=today, date_to=today, action="case_create")[0] == 3  # both inclusive
    assert shown(date_to=today - timedelta(days=1), action="case_create")[0] == 0
    with pytest.raises(NotFound):
        shown(bsn="999990032")
    with pytest.raises(InvalidInput):
        shown(bsn="123456789")
    with pytest.raises(InvalidInput):
        shown(date_from=today, date_to=today - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        audit_query.open_log(uow=store.uow(), actor=coordinator, flt=audit_query.AuditFilter())
    # Reading the log is logged: which filters, never the BSN or name typed.
    views = _actions(store, "audit_view")
    assert views and all(BSN_A not in v.detail and "veenstra" not in v.detail.lower() for v in views)
    assert "jeugdige" in views[0].detail and views[0].actor_name == "auditor"


def test_dates_are_inclusive_at_the_day_edges(store, actors):
    auditor = actors[Role.AUDITOR]
    day = date(2026, 3, 10)
    start = datetime(2026, 3, 10, 0, 0, 1).astimezone().astimezone(UTC)
    end = datetime(2026, 3, 10, 23, 59, 59).astimezone().astimezone(UTC)
    with store.uow() as uow:
        ids = list(uow.session.scalars(select(AuditEvent.id).order_by(AuditEvent.id).limit(2)))
        uow.session.execute(update(AuditEvent).where(AuditEvent.id == ids[0]).values(at=start))
        uow.session.execute(update(AuditEvent).where(AuditEvent.id == ids[1]).values(at=end))
        uow.commit()
    flt = audit_query.AuditFilter(date_from=day, date_to=day)
    total, _ = audit_query.open_log(uow=store.uow(), actor=auditor, flt=flt)
    assert total == 2


def test_paging_goes_back_in_time_by_id(store, actors, coordinator):
    two_cases_of_one_youth(store, coordinator)
    auditor = actors[Role.AUDITOR]
    flt = audit_query.AuditFilter()
    total, page = audit_query.open_log(uow=store.uow(), actor=auditor, flt=flt, limit=3)
    rest = audit_query.next_page(uow=store.uow(), actor=auditor, flt=flt, before_id=page[-1].id, limit=1000)
    ids = [e.id for e in page + rest]
    assert ids == sorted(ids, reverse=True) and len(ids) == total


def test_csv_export_is_formula_safe_and_logged(store, actors, coordinator, tmp_path):
    two_cases_of_one_youth(store, coordinator)
    with store.uow() as uow:
        uow.session.add(
            AuditEvent(
                actor_name="=cmd|' /C calc'!A0", workstation="@werkplek", action="login", detail="-1+1"
            )
        )
        uow.commit()
    path = tmp_path / "logboek.csv"
    count = audit_export.export_csv(
        uow=store.uow(), actor=actors[Role.AUDITOR], flt=audit_query.AuditFilter(), path=path
    )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["tijdstip", "gebruiker", "namens"] and len(rows) == count + 1
    hostile = next(r for r in rows if "calc" in r[1])
    assert hostile[1].startswith("'=") and hostile[3] == "'@werkplek" and hostile[8] == "'-1+1"
    assert any(r[4] == "aanmelding geregistreerd" and r[6] == "Sanne Veenstra" for r in rows)
    assert _actions(store, "audit_export")[0].detail.startswith("logboek.csv: ")
    assert not list(tmp_path.glob("*.deel"))


def test_backup_through_the_store_service(store, actors, tmp_path):
    if not store.is_sqlite:
        pytest.skip("back-up vanuit RET Desk is voor SQLite")
    target = store_admin.backup(store=store, actor=actors[Role.ADMIN], target=tmp_path / "b.sqlite")
    assert target.exists()


def test_an_older_store_upgrades_with_accounts_that_need_no_password_change(tmp_path):
    from pathlib import Path

    from ret_desk.db.store import Store

    # Given a store as schema 0002 left it, with two accounts
    shipped = Path(__file__).parent / "stores" / "schema_0002.sqlite"
    path = tmp_path / "schema_0002.sqlite"
    path.write_bytes(shipped.read_bytes())
    # When RET Desk opens it (upgrading through 0005)
    store = Store.open(f"sqlite:///{path}")
    try:
        with store.engine.connect() as conn:
            flags = conn.exec_driver_sql("SELECT username, must_change_password FROM account").all()
            versions = conn.exec_driver_sql("SELECT DISTINCT version FROM region_setting").scalars().all()
        # Then nobody is forced to change their password, and every region setting is at version 1
        assert sorted(flags) == [("beheer", 0), ("voorzitter", 0)]
        assert versions == [1]
    finally:
        store.close()

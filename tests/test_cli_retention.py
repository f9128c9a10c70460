"""`ret-desk retention due [--json]` on a real store (SQLite and PostgreSQL), and the
retention terms as region data (issue 12 §3): a dossier whose last change is 20 years and
a day ago is listed, one of 20 years less a day is not; a guardianship is kept until the
youth is 48; the list holds no name or BSN; only the administrator and the coordinator."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select, update

from ret_desk.cli import main
from ret_desk.db.models import AuditEvent, Case, RouteAssignment, StatusChange
from ret_desk.db.region_data import read_region
from ret_desk.db.store import Store
from ret_desk.domain.enums import LegalFramework, Role
from ret_desk.domain.region_file import RegionFileError, parse_region
from ret_desk.domain.retention import FrameworkTerm, RetentionTerms, add_years, due_on
from ret_desk.services.cases import intake
from tests.conftest import make_actors
from tests.support.drafts import draft

PW = "correct-paard-batterij"


def _age(store: Store, number: str, day: date) -> None:
    """Every write of the case dated `day` (as if nothing changed since)."""
    at = datetime.combine(day, time(12), UTC)
    with store.uow() as uow:
        s = uow.session
        case_id = s.scalar(select(Case.id).where(Case.number == number))
        s.execute(
            update(Case).where(Case.id == case_id).values(created_at=at, updated_at=at, referral_date=day)
        )
        s.execute(update(RouteAssignment).where(RouteAssignment.case_id == case_id).values(at=at))
        s.execute(update(StatusChange).where(StatusChange.case_id == case_id).values(at=at))
        uow.commit()


@pytest.fixture
def due_cli(store_url, monkeypatch, capsys):
    store = Store.open(store_url)
    actors = make_actors(store)
    today = date.today()
    made = {}
    for key, days, bsn, framework in (
        ("old", 1, "999990019", LegalFramework.VOLUNTARY),
        ("young", -1, "999990020", LegalFramework.VOLUNTARY),
        ("guardianship", 1, "999990032", LegalFramework.GUARDIANSHIP),
    ):
        number = intake.register_referral(
            uow=store.uow(), actor=actors[Role.COORDINATOR],
            draft=draft(bsn=bsn, family_name=f"Termijn{key}", legal_framework=framework),
        ).number  # fmt: skip
        _age(store, number, add_years(today, -20) - timedelta(days=days))
        made[key] = number
    store.close()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str = "beheer") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", store_url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run, made, store_url


def test_due_lists_what_is_past_twenty_years_and_nothing_else(due_cli):
    run, made, url = due_cli
    code, out, err = run("retention", "due", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["case_numbers"] for r in rows] == [[made["old"]]]
    row = rows[0]
    assert set(row) == {"youth_id", "case_numbers", "legal_framework", "last_change", "term_years", "term",
                        "due_since"}  # fmt: skip
    assert row["last_change"] == (add_years(date.today(), -20) - timedelta(days=1)).isoformat()
    assert row["due_since"] == (date.today() - timedelta(days=1)).isoformat()
    assert row["term_years"] == 20
    assert "Termijn" not in out and "999990019" not in out  # no name, no BSN
    code, out, _ = run("retention", "due", user="coordinator")
    assert code == 0 and made["old"] in out and made["young"] not in out and "1 dossier(s)" in out
    # the region's terms show with the region, in a region file's words (a round trip)
    code, out, _ = run("region", "show", "--json", user="coordinator")
    assert code == 0 and json.loads(out)["retention"] == _drenthe_json()["retention"]
    code, _, err = run("retention", "due", user="chair")
    assert code == 1 and "bewaartermijn niet inzien" in err
    store = Store.open(url, upgrade=False)
    try:
        with store.uow() as uow:
            assert uow.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "retention_due"))
    finally:
        store.close()


def test_a_later_change_restarts_the_term(due_cli):
    run, made, url = due_cli
    store = Store.open(url, upgrade=False)
    try:
        _age(store, made["old"], date.today() - timedelta(days=3))
    finally:
        store.close()
    assert json.loads(run("retention", "due", "--json")[1]) == []


def test_terms_are_region_data_with_twenty_years_by_default():
    drenthe = read_region("drenthe")
    assert drenthe.retention.term("vrijwillig") == FrameworkTerm(20, None)
    assert drenthe.retention.term("voogdij") == FrameworkTerm(20, 48)
    # a region file of before issue 12 has no retention: 20 years for every framework
    data = json.loads(json.dumps({k: v for k, v in _drenthe_json().items() if k != "retention"}))
    assert parse_region(data).retention == RetentionTerms()
    # a term shorter than the law's is refused, named
    data["retention"] = {"years": 15, "legal_frameworks": {"onbekend": {"years": 30}}}
    with pytest.raises(RegionFileError) as refused:
        parse_region(data)
    assert "20 of meer" in str(refused.value) and "onbekend wettelijk kader" in str(refused.value)
    # the longer of years-after-the-change and until-an-age
    term = FrameworkTerm(20, 48)
    assert due_on(term, date(2000, 5, 1), 2010) == date(2059, 1, 1)
    assert due_on(term, date(2040, 5, 1), 1990) == date(2060, 5, 1)
    assert add_years(date(2004, 2, 29), 20) == date(2024, 2, 29)
    assert add_years(date(2004, 2, 29), 21) == date(2025, 2, 28)


def _drenthe_json() -> dict:
    from importlib.resources import files

    return json.loads(files("ret_desk.resources").joinpath("region/drenthe.json").read_text("utf-8"))


def test_the_admin_cannot_shorten_a_term_below_the_law(store, actors):
    from ret_desk.domain.errors import InvalidInput
    from ret_desk.services.admin.settings import region_settings, set_region_setting

    admin = actors[Role.ADMIN]
    row = next(r for r in region_settings(uow=store.uow(), actor=admin) if r.key == "retention_years")
    assert row.value == 20 and "Bewaartermijn" in row.label
    with pytest.raises(InvalidInput, match="20 tot 120 jaar"):
        set_region_setting(uow=store.uow(), actor=admin, key="retention_years", value=5, version=row.version)
    done = set_region_setting(
        uow=store.uow(), actor=admin, key="retention_years", value=25, version=row.version
    )
    assert done.value == 25

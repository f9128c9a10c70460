"""`ret-desk dossier destroy` end to end on a real SQLite file (issue 12 §3): a youth whose
name and BSN are in many places is destroyed through the CLI; afterwards the raw bytes of
the store (and its -wal/-shm) hold neither, the tombstone still counts, the audit chain
verifies, and no command or search finds the youth. Also the refusals."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ret_desk.cli import main
from ret_desk.db.audit import record
from ret_desk.db.models import (
    AgendaItem,
    AuditEvent,
    Case,
    CaseChange,
    FamilyMember,
    Location,
    MatchDecision,
    MdaMember,
    Placement,
    PlacementRequest,
    Ro3Party,
    TableSession,
    Youth,
)
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import NotFound
from ret_desk.services.admin.audit_query import AuditFilter, open_log
from ret_desk.services.cases import intake, notes
from ret_desk.services.cases.case_queries import CaseFilter, count_cases
from ret_desk.services.placement import location_import
from tests.conftest import make_actors
from tests.support.drafts import draft
from tests.support.rop import write_locations

PW = "correct-paard-batterij"
GIVEN, FAMILY, BSN = "Zoëlinde", "Quaxenburg", "999973009"
SIBLING, CONTACT = "Brechtje Quaxenburg", "Meester Ulbe Tjoelker"


def _spread(store: Store, actors: dict, folder: Path) -> tuple[int, str]:
    """A youth whose name and BSN sit in every kind of record; (youth id, case number)."""
    coordinator = actors[Role.COORDINATOR]
    location_import.import_locations(
        uow=store.uow(), actor=actors[Role.PLACEMENT_OFFICER], path=write_locations(folder / "l.csv")
    )
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator,
        draft=draft(given_name=GIVEN, family_name=FAMILY, bsn=BSN, address="Kerkstraat 12",
                    postcode="9401 AB", residence="Assen", referrer_contact=CONTACT,
                    help_question=f"{GIVEN} {FAMILY} ({BSN}) loopt vast.", gva_present=True),
    ).number  # fmt: skip
    notes.add_note(
        uow=store.uow(), actor=coordinator, number=number, text=f"Gesprek met {GIVEN} en {SIBLING}."
    )
    with store.uow() as uow:
        s = uow.session
        case = s.scalar(select(Case).where(Case.number == number))
        youth_id, now = case.youth_id, datetime.now(UTC)
        s.add(FamilyMember(youth_id=youth_id, name=SIBLING, relation="zus"))
        s.add(
            Ro3Party(case_id=case.id, organisation="School", role="school", contact=CONTACT, created_by="x")
        )
        s.add(MdaMember(case_id=case.id, name=SIBLING, role="broer_zus"))
        s.add(CaseChange(case_id=case.id, youth_id=youth_id, by_name="x", field="given_name",
                         old_value="Zoe", new_value=GIVEN))  # fmt: skip
        sitting = TableSession(held_on=date.today(), start_time="10:00", chair="Voorzitter", status="gepland")
        s.add(sitting)
        s.flush()
        s.add(AgendaItem(session_id=sitting.id, case_id=case.id, position=1, question=f"Wat helpt {GIVEN}?",
                         advice_text=f"{GIVEN} {FAMILY} naar pleeggezin.", advice_type="plaatsing_rop",
                         advice_recorded_at=now))  # fmt: skip
        location = s.scalar(select(Location).limit(1))
        request = PlacementRequest(case_id=case.id, desired_start=date.today(), urgency="hoog",
                                   type_code="pleeggezin", contra_indications=f"{FAMILY}: geen",
                                   status="geplaatst", waiting_since=date.today())  # fmt: skip
        s.add(request)
        s.flush()
        s.add(MatchDecision(request_id=request.id, by_name="x", location_id=location.id,
                            type_code="pleeggezin", rank=1, score=0.9,
                            snapshot=json.dumps([{"youth": f"{GIVEN} {FAMILY}"}]),
                            rationale=f"Past bij {GIVEN}."))  # fmt: skip
        s.add(Placement(case_id=case.id, youth_id=youth_id, request_id=request.id, location_id=location.id,
                        type_code="pleeggezin", rung=3, started_on=date.today(), distance_km=4.0,
                        rationale=f"{FAMILY} woont dichtbij."))  # fmt: skip
        record(s, coordinator, "case_view", youth_id=youth_id, case_id=case.id, case_number=number,
               detail=f"gezocht op '{FAMILY}'")  # fmt: skip
        record(s, coordinator, "case_search", detail=f"zoekopdracht {BSN}")  # an event about no case
        uow.commit()
    return youth_id, number


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    path = tmp_path / "store.sqlite"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("RET_DESK_BACKUP_DIR", str(tmp_path / "backups"))
    store = Store.open(url)
    actors = make_actors(store)
    youth_id, number = _spread(store, actors, tmp_path)
    store.close()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str = "beheer") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run, path, url, youth_id, number, actors


def _raw(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def _residue(path: Path, case_id_sql: str) -> None:
    """Free pages that still hold the name: rows written and deleted with secure_delete off
    (as a SQLite built without SQLITE_SECURE_DELETE leaves them)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA secure_delete=OFF")
        case_id = conn.execute(case_id_sql).fetchone()[0]
        for i in range(40):
            conn.execute(
                "INSERT INTO note (case_id, noted_on, created_at, author_name, text, version) "
                "VALUES (?, '2026-01-01', '2026-01-01 00:00:00', 'x', ?, 1)",
                (case_id, f"{i} {GIVEN} {FAMILY} {BSN} " * 20),
            )
        conn.commit()
        conn.execute("DELETE FROM note WHERE author_name = 'x'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _leaks(data: bytes) -> list[str]:
    found = []
    for word in (GIVEN, FAMILY, BSN, SIBLING, CONTACT, "Kerkstraat"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if word.encode(encoding) in data:
                found.append(f"{word} ({encoding})")
    return found


def test_a_destroyed_dossier_leaves_nothing_in_the_file_and_the_tombstone_counts(world):
    run, path, url, youth_id, number, actors = world
    # Given the youth's data in the file, and a backup made before
    assert run("case", "show", number, user="coordinator")[0] == 0
    _residue(path, f"SELECT id FROM ret_case WHERE number = '{number}'")
    assert _leaks(_raw(path))
    assert run("db", "backup", str(path.parent / "voor.sqlite"))[0] == 0
    # When the administrator destroys the dossier, confirming the BSN
    code, out, err = run("dossier", "destroy", "--bsn", BSN, "--reden", "verzoek van de ouders",
                         "--bevestig", "9999 73 009")  # fmt: skip
    assert code == 0, err
    assert f"Dossier vernietigd: jeugdige {youth_id}, casus(sen) {number}." in out
    assert "voor.sqlite" in out and "Vernietig hem" in out
    assert "geredigeerd" in out and "audit verify" in out
    # Then the raw bytes hold no trace of the name (UTF-8, UTF-16), BSN, family or contact
    assert _leaks(_raw(path)) == []
    # and the chain still verifies, with the destruction itself an event without the name
    code, out, err = run("audit", "verify")
    assert code == 0, out + err
    store = Store.open(url)
    try:
        with store.uow() as uow:
            s = uow.session
            youth = s.get(Youth, youth_id)
            assert (youth.family_name, youth.given_name, youth.bsn, youth.address) == ("", "", None, "")
            assert youth.birth_year == 2012 and youth.birth_date == date(2012, 1, 1)
            assert youth.destroyed_at is not None and youth.municipality.cbs_code == "GM0106"
            case = s.scalar(select(Case).where(Case.number == number))
            assert case.referral_date == draft().referral_date and case.current_route == "experttafel"
            assert case.help_question == ""
            placement = s.scalar(select(Placement).where(Placement.case_id == case.id))
            assert placement.started_on == date.today() and placement.rung == 3 and placement.rationale == ""
            assert s.scalar(select(func.count()).select_from(FamilyMember)) == 0
            assert s.scalar(select(func.count()).select_from(MdaMember)) == 0
            event = s.scalar(select(AuditEvent).where(AuditEvent.action == "dossier_destroy"))
            assert event.youth_id == youth_id and "verzoek van de ouders" in event.detail
            redacted = s.scalar(select(func.count()).where(AuditEvent.redacted_at.is_not(None)))
            assert redacted >= 4
    finally:
        store.close()


def test_after_destruction_no_command_or_search_finds_the_youth(world):
    run, path, url, youth_id, number, actors = world
    assert (
        run("dossier", "destroy", "--casus", number, "--reden", "bewaartermijn", "--bevestig", number)[0] == 0
    )
    code, _, err = run("case", "show", number, user="coordinator")
    assert code == 1 and "vernietigd" in err
    store = Store.open(url)
    try:
        other = intake.register_referral(
            uow=store.uow(), actor=actors[Role.COORDINATOR], draft=draft(bsn="999973010")
        ).number
    finally:
        store.close()
    code, _, err = run("youth", "merge", other, number, "--verschillen", user="coordinator")
    assert code == 1 and f"Casus {number} is vernietigd" in err
    code, _, err = run("audit", "show", "--bsn", BSN)
    assert code == 1 and "geen jeugdige" in err
    store = Store.open(url)
    try:
        coordinator, admin = actors[Role.COORDINATOR], actors[Role.ADMIN]
        for text in (FAMILY, GIVEN, BSN, number):
            assert count_cases(uow=store.uow(), actor=coordinator, flt=CaseFilter(search=text)) == 0
        for text in (FAMILY, f"{GIVEN} {FAMILY}"):
            try:
                total, rows = open_log(uow=store.uow(), actor=admin, flt=AuditFilter(youth=text))
            except NotFound:
                continue
            assert total == 0 and rows == []
    finally:
        store.close()
    # and the coordinator's export of all cases leaves the tombstone out
    exported = path.with_name("alle.csv")
    assert run("export", "cases", str(exported), user="coordinator")[0] == 0
    assert number not in exported.read_text(encoding="utf-8-sig")
    # a second destruction finds nothing to destroy
    code, _, err = run("dossier", "destroy", "--casus", number, "--reden", "nogmaals", "--bevestig", number)
    assert code == 1 and "geen (niet vernietigd) dossier" in err


def test_the_second_confirmation_and_the_role_are_required(world):
    run, path, url, youth_id, number, actors = world
    code, _, err = run("dossier", "destroy", "--bsn", BSN, "--reden", "verzoek")
    assert code == 1 and "--bevestig" in err
    code, _, err = run("dossier", "destroy", "--bsn", BSN, "--reden", "verzoek", "--bevestig", "999973010")
    assert code == 1 and "komt niet overeen" in err
    code, _, err = run("dossier", "destroy", "--bsn", BSN, "--reden", "verzoek", "--bevestig", BSN,
                       user="coordinator")  # fmt: skip
    assert code == 1 and "mag geen dossier vernietigen" in err
    code, _, err = run("dossier", "destroy", "--bsn", BSN, "--reden", "", "--bevestig", BSN)
    assert code == 1 and "reden" in err
    # nothing was destroyed: the name is still found
    assert run("case", "show", number, user="coordinator")[0] == 0
    assert GIVEN.encode() in _raw(path)


def test_a_youth_without_bsn_is_destroyed_by_case_number(world):
    run, path, url, youth_id, number, actors = world
    store = Store.open(url)
    try:
        other = intake.register_referral(
            uow=store.uow(), actor=actors[Role.COORDINATOR],
            draft=draft(given_name="Wubbolt", family_name="Knoppersma", bsn=None),
        ).number  # fmt: skip
    finally:
        store.close()
    code, out, err = run("dossier", "destroy", "--casus", other.lower(), "--reden", "verzoek jeugdige",
                         "--bevestig", other, "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["case_numbers"] == [other]
    data = _raw(path)
    assert b"Knoppersma" not in data and b"Wubbolt" not in data
    assert GIVEN.encode() in data  # the other youth is untouched

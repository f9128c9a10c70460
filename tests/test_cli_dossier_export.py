"""`ret-desk dossier export` end to end on a real SQLite file (issue 12 §3, inspection):
a youth with a working note, an RO3 party, MDA++ safety plan versions, an advice, a match
decision and a placement is exported by a coordinator through the CLI; the PDF's text
holds every section and the list of who accessed the dossier, and no other youth's name.
The export is audited; other roles and bad input are refused in Dutch."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from ret_desk.cli import main
from ret_desk.db.models import (
    AgendaItem,
    AuditEvent,
    Case,
    Location,
    MatchDecision,
    MdaSafetyPlan,
    Placement,
    PlacementRequest,
    Ro3Party,
    TableSession,
)
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake, notes
from ret_desk.services.placement import location_import
from tests.conftest import make_actors
from tests.support.drafts import draft
from tests.support.rop import write_locations

PW = "correct-paard-batterij"
BSN, OTHER_BSN = "999973009", "999900018"


def _plant(store: Store, actors: dict, folder) -> tuple[str, str]:  # noqa: ANN001
    coordinator = actors[Role.COORDINATOR]
    location_import.import_locations(
        uow=store.uow(), actor=actors[Role.PLACEMENT_OFFICER], path=write_locations(folder / "l.csv")
    )
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator,
        draft=draft(given_name="Zoëlinde", family_name="Quaxenburg", bsn=BSN,
                    help_question="Vastgelopen na drie wisselingen van school.", gva_present=True),
    ).number  # fmt: skip
    other = intake.register_referral(
        uow=store.uow(), actor=coordinator,
        draft=draft(given_name="Berendina", family_name="Wolthuisen", bsn=OTHER_BSN, gva_present=True),
    ).number  # fmt: skip
    notes.add_note(
        uow=store.uow(), actor=coordinator, number=number, text="Werkaantekening: moeder belde terug."
    )
    with store.uow() as uow:
        s = uow.session
        case = s.scalar(select(Case).where(Case.number == number))
        other_case = s.scalar(select(Case).where(Case.number == other))
        s.add(Ro3Party(case_id=case.id, organisation="Wijkteam Assen", role="wijkteam", contact="J. Hofstee",
                       created_by="x"))  # fmt: skip
        for version, text in ((1, "Planversie een: oma haalt op."), (2, "Planversie twee: buurvrouw belt.")):
            s.add(MdaSafetyPlan(case_id=case.id, version=version, text=text, written_on=date.today(),
                                author="coordinator"))  # fmt: skip
        sitting = TableSession(held_on=date.today(), start_time="10:00", chair="Voorzitter", status="gepland")
        s.add(sitting)
        s.flush()
        now = datetime.now(UTC)
        s.add(AgendaItem(session_id=sitting.id, case_id=case.id, position=1, question="Welke plek past?",
                         advice_text="Advies: pleeggezin in de buurt van school.",
                         advice_type="plaatsing_rop", advice_recorded_at=now))  # fmt: skip
        s.add(AgendaItem(session_id=sitting.id, case_id=other_case.id, position=2, question="Andere vraag"))
        location = s.scalar(select(Location).limit(1))
        request = PlacementRequest(case_id=case.id, desired_start=date.today(), urgency="hoog",
                                   type_code="pleeggezin", status="geplaatst",
                                   waiting_since=date.today())  # fmt: skip
        s.add(request)
        s.flush()
        snapshot = [{"rank": 1, "location_agb": location.agb, "placement_type": "pleeggezin", "score": 0.9,
                     "distance_km": 4.0}]  # fmt: skip
        s.add(MatchDecision(request_id=request.id, by_name="plaatser", location_id=location.id,
                            type_code="pleeggezin", rank=1, score=0.9, snapshot=json.dumps(snapshot),
                            rationale="Matchtoelichting: dicht bij de oude school."))  # fmt: skip
        s.add(Placement(case_id=case.id, youth_id=case.youth_id, request_id=request.id,
                        location_id=location.id, type_code="pleeggezin", rung=3, started_on=date.today(),
                        distance_km=4.0))  # fmt: skip
        uow.commit()
    return number, other


@pytest.fixture
def world(tmp_path, monkeypatch, capsys):
    path = tmp_path / "store.sqlite"
    url = f"sqlite:///{path}"
    store = Store.open(url)
    actors = make_actors(store)
    number, other = _plant(store, actors, tmp_path)
    store.close()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str = "coordinator") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run, url, number, other


def _text(path) -> str:  # noqa: ANN001
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _events(url: str, action: str) -> list[tuple]:
    """(case number, actor, youth id, detail) of the events with `action`."""
    store = Store.open(url)
    try:
        with store.uow() as uow:
            query = select(
                AuditEvent.case_number, AuditEvent.actor_name, AuditEvent.youth_id, AuditEvent.detail
            )
            return [tuple(row) for row in uow.session.execute(query.where(AuditEvent.action == action))]
    finally:
        store.close()


def test_the_export_holds_everything_and_who_accessed_it(world, tmp_path):
    run, url, number, _other = world
    assert run("case", "show", number)[0] == 0  # an earlier read the access list must show
    out = tmp_path / "inzage.pdf"
    code, stdout, err = run("dossier", "export", number, "--out", str(out))
    assert code == 0, err
    assert f"Dossier ({number}) opgeslagen in {out}" in stdout
    assert out.stat().st_mode & 0o777 == 0o600
    text = " ".join(_text(out).split())
    for expected in (
        "Dossier van Zoëlinde Quaxenburg",
        BSN,
        "Vastgelopen na drie wisselingen van school.",
        "Werkaantekening: moeder belde terug.",
        "Wijkteam Assen",
        "Planversie een: oma haalt op.",
        "Planversie twee: buurvrouw belt.",
        "Advies: pleeggezin in de buurt van school.",
        "Matchtoelichting: dicht bij de oude school.",
        "Plaatsingsverzoeken en matchbesluiten",
        "Wie het dossier heeft ingezien of gewijzigd",
        "casus ingezien",
    ):
        assert expected in text, expected
    assert "Berendina" not in text and "Wolthuisen" not in text and OTHER_BSN not in text


def test_by_bsn_and_the_export_is_audited_on_the_youths_trail(world, tmp_path):
    run, url, number, _other = world
    out = tmp_path / "d.pdf"
    assert run("dossier", "export", "--bsn", BSN, "--out", str(out))[0] == 0
    events = _events(url, "dossier_export")
    assert [(e[0], e[1]) for e in events] == [(number, "coordinator")]
    assert events[0][2] is not None and "inzage" in events[0][3]
    # and the next export lists the first one among the accesses
    again = tmp_path / "again.pdf"
    assert run("dossier", "export", number, "--out", str(again))[0] == 0
    assert "dossier geëxporteerd (inzage)" in " ".join(_text(again).split())


@pytest.mark.parametrize("user", ["chair", "placement_officer", "auditor", "beheer"])
def test_other_roles_are_refused(world, tmp_path, user):
    run, url, number, _other = world
    out = tmp_path / "d.pdf"
    code, _out, err = run("dossier", "export", number, "--out", str(out), user=user)
    assert code == 1 and "mag het hele dossier van een jeugdige niet exporteren" in err
    assert not out.exists() and _events(url, "dossier_export") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--bsn", "123456789"), "geen geldig BSN"),
        (("--bsn", "999900031"), "Er is geen jeugdige met dit BSN."),
        (("RET-0000-999",), "bestaat niet"),
        ((), "Geef een casusnummer of --bsn"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_no_file(world, tmp_path, args, message):
    run, _url, number, _other = world
    out = tmp_path / "d.pdf"
    code, _out, err = run("dossier", "export", *args, "--out", str(out))
    assert code == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_a_bsn_typed_with_spaces_finds_the_youth(world, tmp_path):
    run, _url, _number, _other = world
    out = tmp_path / "d.pdf"
    code, _out, err = run("dossier", "export", "--bsn", "9999 73 009", "--out", str(out))
    assert code == 0, err
    assert "Dossier van Zoëlinde Quaxenburg" in " ".join(PdfReader(out).pages[0].extract_text().split())

"""The route records name their route by the store's region label (issue 9, tester's
findings): in a Flevoland store the casusregie record is "Procesregie bij excessen", never
"RO3", in `case show`, the case summary and the refusals; a refusal says whether the case
was never on such a route, moved on (read-only), or the region has no such route. Through
`ret_desk.cli.main` on a real store."""

from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from ret_desk.cli import main
from ret_desk.db.region_data import read_region
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.experttafel.printing import case_summary_pdf
from tests.conftest import make_actors
from tests.support.drafts import draft

PW = "correct-paard-batterij"


@pytest.fixture
def flevoland(sqlite_url, monkeypatch, capsys):
    """A Flevoland store with a case from Almere on procesregie and one on raadpleging;
    returns (run, store url, procesregie case, raadpleging case)."""
    store = Store.open(sqlite_url, region=read_region("flevoland"))
    coordinator = make_actors(store)[Role.COORDINATOR]
    numbers = [
        intake.register_referral(
            uow=store.uow(),
            actor=coordinator,
            draft=draft(municipality_code="GM0034", route=route, bsn=bsn, gva_present=True),
        ).number
        for route, bsn in (("procesregie", "999990019"), ("raadpleging", "999990020"))
    ]
    store.close()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", sqlite_url, "--user", "coordinator", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    run.coordinator = coordinator
    return run, sqlite_url, *numbers


def test_case_show_and_the_summary_name_procesregie_not_ro3(flevoland):
    run, url, number, _ = flevoland
    party = ("--organisatie", "Jeugdbescherming Flevoland", "--rol", "GI")
    assert run("ro3", "party", "add", number, *party)[0] == 0
    code, out, _ = run("case", "show", number)
    assert code == 0 and "Procesregie bij excessen:" in out
    assert "RO3" not in out and "Regie op 3" not in out
    code, out, _ = run("case", "show", number, "--json")
    data = json.loads(out)
    assert code == 0 and data["ro3"]["parties"][0]["organisation"] == "Jeugdbescherming Flevoland"
    assert "record_labels" not in data and "route_labels" not in data  # JSON keys unchanged
    store = Store.open(url)
    try:
        pdf = case_summary_pdf(uow=store.uow(), actor=run.coordinator, number=number).pdf
    finally:
        store.close()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Procesregie bij excessen" in text and "Jeugdbescherming Flevoland" in text
    assert "RO3" not in text and "Regie op 3" not in text


def test_a_case_never_on_procesregie_is_told_to_route_there(flevoland):
    run, _, _, other = flevoland
    code, _, err = run("ro3", "party", "add", other, "--organisatie", "GI", "--rol", "GI")
    assert code == 1 and "staat niet op de route Procesregie bij excessen" in err
    assert "routeer de casus eerst naar procesregie bij excessen" in err.lower()
    assert "RO3" not in err and "niet meer" not in err and "alleen in te zien" not in err
    # and the route the message names is one `case route` knows
    assert run("case", "route", other, "procesregie", "--reason", "Excess")[0] == 0
    assert run("ro3", "party", "add", other, "--organisatie", "GI", "--rol", "GI")[0] == 0


def test_after_moving_on_the_refusal_says_read_only(flevoland):
    run, _, number, _ = flevoland
    assert run("ro3", "party", "add", number, "--organisatie", "GI", "--rol", "GI")[0] == 0
    code, _, err = run("case", "route", number, "logeren", "--reason", "Logeerplek")
    assert code == 0, err
    code, _, err = run("ro3", "party", "add", number, "--organisatie", "Wijkteam", "--rol", "wijkteam")
    assert code == 1 and "staat niet meer op de route Procesregie bij excessen" in err
    assert "alleen in te zien" in err and "RO3" not in err
    code, out, _ = run("case", "show", number)
    assert "Procesregie bij excessen (alleen in te zien: de casus staat niet meer op de route" in out


def test_a_region_without_safety_or_travelling_team_says_so(flevoland):
    run, _, number, _ = flevoland
    code, _, err = run("mda", "phase", number, "veiligheid", "--datum", date.today().isoformat())
    assert code == 1 and "Deze regio heeft geen route voor veiligheid" in err
    assert "MDA++" not in err
    code, _, err = run(
        "rst", "deploy", number, "--discipline", "ggz", "--waar", "school",
        "--datum", date.today().isoformat(), "--uren", "1",
    )  # fmt: skip
    assert code == 1 and "Deze regio heeft geen route voor reizend team" in err
    assert "Reizend Specialistisch Team" not in err

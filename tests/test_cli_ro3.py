"""`ret-desk ro3 ...` end to end through `ret_desk.cli.main` on a real store (SQLite and
PostgreSQL): the commands, their Dutch output and refusals, `case show` and the audit."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta

import pytest

from ret_desk.cli import main
from ret_desk.db.store import Store
from ret_desk.services.cases import intake
from tests.conftest import make_actors
from tests.support.drafts import draft

PW = "correct-paard-batterij"


@pytest.fixture
def ro3_cli(store_url, monkeypatch, capsys):
    """A store with an account per role and one case on RO3; returns (run, number)."""
    store = Store.open(store_url)  # a new PostgreSQL store is made as `db upgrade` makes it
    actors = make_actors(store)
    from ret_desk.domain.enums import Role

    coordinator = actors[Role.COORDINATOR]
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(gva_present=True, route="ro3")
    ).number
    store.close()
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str = "coordinator") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(["--db", store_url, "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run, number


def test_the_whole_plan_on_the_command_line(ro3_cli):
    run, number = ro3_cli
    due = (date.today() + timedelta(days=21)).isoformat()
    # Given two parties
    gi = ("--organisatie", "Jeugdbescherming Noord", "--rol", "GI", "--contact", "Marieke Dijkstra")
    code, out, _ = run("ro3", "party", "add", number, *gi)
    assert code == 0 and "Partij Jeugdbescherming Noord toegevoegd" in out
    assert run("ro3", "party", "add", number, "--organisatie", "Wijkteam Assen", "--rol", "wijkteam")[0] == 0
    # When agreements are made, each prints its id
    code, out, _ = run("ro3", "agreement", "add", number, "--partij", "Wijkteam Assen", "--wat",
                       "Gezinscoach inzetten", "--uiterlijk", due)  # fmt: skip
    assert code == 0 and out.strip().isdigit()
    first = out.strip()
    code, out, _ = run("ro3", "agreement", "add", number, "--partij", "Jeugdbescherming Noord", "--wat",
                       "Raadsonderzoek aanvragen", "--uiterlijk", due)  # fmt: skip
    second = out.strip()
    assert code == 0 and second != first
    assert run("ro3", "agreement", "done", number, first)[0] == 0
    code, out, _ = run(
        "ro3", "agreement", "not-kept", number, second, "--gevolg", "Opschalen naar de gemeente"
    )
    assert code == 0 and "niet nagekomen" in out
    code, out, _ = run(
        "ro3", "review", number, "--datum", date.today().isoformat(), "--verslag", "Loopt weer"
    )
    assert code == 0 and "Evaluatie" in out
    # Then case show --json has the record
    code, out, _ = run("case", "show", number, "--json")
    shown = json.loads(out)["ro3"]
    assert [(a["id"], a["party"], a["status"]) for a in shown["agreements"]] == [
        (int(first), "Wijkteam Assen", "done"),
        (int(second), "Jeugdbescherming Noord", "not_kept"),
    ]
    assert all({"id", "party", "what", "due", "status"} <= set(a) for a in shown["agreements"])
    assert [p["organisation"] for p in shown["parties"]] == ["Jeugdbescherming Noord", "Wijkteam Assen"]
    assert [(r["date"], r["report"]) for r in shown["reviews"]] == [(date.today().isoformat(), "Loopt weer")]
    # And the plain text shows it too
    code, out, _ = run("case", "show", number)
    assert "RO3 (Regie op 3)" in out and "Gevolg: Opschalen naar de gemeente".lower() in out.lower()
    # And the auditor sees every write
    code, out, _ = run("audit", "show", "--case", number, "--json", user="auditor")
    actions = {e["action"] for e in json.loads(out)}
    assert {"ro3_party_add", "ro3_agreement_add", "ro3_agreement_done", "ro3_agreement_not_kept",
            "ro3_review_add"} <= actions  # fmt: skip


def test_an_unknown_party_is_refused_with_the_parties_listed(ro3_cli):
    run, number = ro3_cli
    run("ro3", "party", "add", number, "--organisatie", "Wijkteam Assen", "--rol", "wijkteam")
    code, out, err = run("ro3", "agreement", "add", number, "--partij", "School", "--wat", "x",
                         "--uiterlijk", "2026-12-01")  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith("Fout: ") and "kies uit: Wijkteam Assen" in err and "Traceback" not in err


def test_refusals_exit_1_in_dutch(ro3_cli, capsys):
    run, number = ro3_cli
    code, _, err = run("ro3", "agreement", "not-kept", number, "99", "--gevolg", "x")
    assert code == 1 and "Fout: " in err and "geen RO3-afspraak 99" in err
    code, _, err = run("ro3", "party", "add", number, "--organisatie", "X", "--rol", "GI", user="chair")
    assert code == 1 and "mag geen partijen, afspraken en evaluaties van RO3 vastleggen" in err
    run("ro3", "party", "add", number, "--organisatie", "Wijkteam Assen", "--rol", "wijkteam")
    with pytest.raises(SystemExit) as usage:  # argparse: a usage error exits with 2
        run(
            "ro3",
            "agreement",
            "add",
            number,
            "--partij",
            "Wijkteam Assen",
            "--wat",
            "x",
            "--uiterlijk",
            "morgen",
        )
    assert usage.value.code == 2 and "geen datum: 'morgen'" in capsys.readouterr().err


def test_after_rerouting_writes_are_refused(ro3_cli):
    run, number = ro3_cli
    run("ro3", "party", "add", number, "--organisatie", "Wijkteam Assen", "--rol", "wijkteam")
    assert run("case", "route", number, "rst", "--reason", "Specialist nodig")[0] == 0
    code, _, err = run("ro3", "review", number, "--datum", date.today().isoformat())
    assert code == 1 and "staat niet meer op de route RO3 (Regie op 3)" in err
    code, out, _ = run("case", "show", number, "--json")
    assert json.loads(out)["ro3"]["parties"][0]["organisation"] == "Wijkteam Assen"

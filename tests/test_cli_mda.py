"""`ret-desk mda ...` end to end on a real store: what the user sees (stdout, stderr, exit
code), what `case show --json` then says, the audit trail, and the read-only record after the
case moved on."""

from __future__ import annotations

import io
import json
import sys
from datetime import date, timedelta

import pytest

from ret_desk.cli import main
from tests.db.test_import_export import GOOD, write_csv

TODAY = date.today()
PW = "een-lang-wachtwoord"


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `ret-desk --db <tmp store> ...` in-process; returns (code, stdout, stderr)."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def on_mda(cli, tmp_path):
    assert cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    for name, role in (("anne", "coordinator"), ("ineke", "chair"), ("ad", "auditor")):
        assert cli("--user", "beheer", "user", "add", name, "--role", role, stdin=f"{PW}\n" * 2)[0] == 0
    assert cli("--user", "anne", "import", "cases", str(write_csv(tmp_path / "in.csv", [GOOD])))[0] == 0
    code, _, err = cli("--user", "anne", "case", "route", "IMP-0001", "mda++", "--reason", "Huiselijk geweld")
    assert code == 0, err
    return cli


def test_the_whole_record_from_the_command_line(on_mda):
    cli = on_mda
    code, out, err = cli(
        "--user",
        "anne",
        "mda",
        "member",
        "add",
        "IMP-0001",
        "--naam",
        "Ilse Brink",
        "--rol",
        "ouder",
        "--slachtoffer",
    )
    assert code == 0, err
    assert out.strip() == "Casus IMP-0001: lid van het huishouden toegevoegd (ouder, slachtoffer)."
    assert (
        cli(
            "--user",
            "anne",
            "mda",
            "member",
            "add",
            "IMP-0001",
            "--naam",
            "Ruud Brink",
            "--rol",
            "ex-partner",
            "--pleger",
        )[0]
        == 0
    )
    code, out, _ = cli("--user", "anne", "mda", "phase", "IMP-0001", "veiligheid", "--datum", day(10))
    assert code == 0 and "fase 1 directe veiligheid per" in out
    code, out, _ = cli(
        "--user",
        "anne",
        "mda",
        "risk",
        "IMP-0001",
        "--instrument",
        "LIRIK",
        "--niveau",
        "hoog",
        "--datum",
        day(9),
    )
    assert code == 0 and "risicotaxatie (LIRIK, hoog)" in out
    shown = json.loads(cli("--user", "anne", "case", "show", "IMP-0001", "--json")[1])
    assert "HIGH_RISK_NO_PLAN" in [s["code"] for s in shown["signals"]]
    code, out, _ = cli(
        "--user", "anne", "mda", "safety-plan", "IMP-0001", "--tekst", "Ruud komt niet aan huis."
    )
    assert code == 0 and out.strip() == "Casus IMP-0001: veiligheidsplan versie 1 vastgelegd."
    code, out, _ = cli("--user", "anne", "mda", "safety-plan", "IMP-0001", "--tekst", "Ook niet bij school.")
    assert "versie 2" in out
    code, out, _ = cli(
        "--user",
        "anne",
        "mda",
        "conference",
        "IMP-0001",
        "--datum",
        day(1),
        "--deelnemers",
        "moeder, Sanne, wijkteam",
        "--uitkomst",
        "Afspraken herzien",
    )
    assert code == 0 and "systeemgesprek van" in out
    code, out, _ = cli("--user", "anne", "mda", "phase", "IMP-0001", "stabilisatie", "--datum", day(0))
    shown = json.loads(cli("--user", "anne", "case", "show", "IMP-0001", "--json")[1])
    mda = shown["mda"]
    assert {"phase", "members", "risk_assessments", "safety_plan", "conferences"} <= set(mda)
    assert mda["phase"] == "stabilisatie" and mda["phase_since"] == day(0)
    assert [m["role"] for m in mda["members"]] == ["ouder", "ex-partner"]
    assert mda["risk_assessments"] == [
        {"instrument": "LIRIK", "level": "hoog", "date": day(9), "assessor": "anne"}
    ]
    assert mda["safety_plan"]["version"] == 2 and mda["safety_plan"]["text"] == "Ook niet bij school."
    assert mda["conferences"] == [
        {"date": day(1), "participants": "moeder, Sanne, wijkteam", "outcome": "Afspraken herzien"}
    ]
    assert "HIGH_RISK_NO_PLAN" not in [s["code"] for s in shown["signals"]]
    # The plain text shows the record too
    code, text, _ = cli("--user", "anne", "case", "show", "IMP-0001")
    assert "MDA++" in text and "2 stabilisatie" in text and "Veiligheidsplan (versie 2, " in text
    assert f"Systeemgesprek {TODAY - timedelta(days=1):%d-%m-%Y}: moeder, Sanne" in text
    # Every write is in the log
    code, out, _ = cli("--user", "ad", "audit", "show", "--case", "IMP-0001", "--json")
    actions = [e["action"] for e in json.loads(out)]
    for action, count in (
        ("mda_member_add", 2),
        ("mda_phase", 2),
        ("mda_risk", 1),
        ("mda_safety_plan", 2),
        ("mda_conference", 1),
    ):
        assert actions.count(action) == count, action


def test_refusals_are_one_dutch_line_and_exit_1(on_mda):
    cli = on_mda
    code, out, err = cli(
        "--user",
        "anne",
        "mda",
        "risk",
        "IMP-0001",
        "--instrument",
        " ",
        "--niveau",
        "laag",
        "--datum",
        day(0),
    )
    assert code == 1 and err.startswith("Fout: ") and "instrument" in err and "Traceback" not in err
    code, _, err = cli("--user", "anne", "mda", "phase", "IMP-0001", "herstel", "--datum", day(-3))
    assert code == 1 and "toekomst" in err
    code, _, err = cli("--user", "ineke", "mda", "safety-plan", "IMP-0001", "--tekst", "x")
    assert code == 1 and "Fout: Uw rol" in err
    code, _, err = cli("--user", "anne", "mda", "phase", "NIET-1", "herstel", "--datum", day(0))
    assert code == 1 and "Casus NIET-1 bestaat niet" in err
    with pytest.raises(SystemExit) as usage:
        cli(
            "--user",
            "anne",
            "mda",
            "member",
            "add",
            "IMP-0001",
            "--naam",
            "X",
            "--rol",
            "ouder",
            "--slachtoffer",
            "--pleger",
        )
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        cli(
            "--user",
            "anne",
            "mda",
            "risk",
            "IMP-0001",
            "--instrument",
            "X",
            "--niveau",
            "extreem",
            "--datum",
            day(0),
        )
    assert usage.value.code == 2


def test_after_rerouting_the_record_is_read_only(on_mda):
    cli = on_mda
    assert cli("--user", "anne", "mda", "safety-plan", "IMP-0001", "--tekst", "Plan")[0] == 0
    assert cli("--user", "anne", "case", "route", "IMP-0001", "rst", "--reason", "Veilig; nu RST")[0] == 0
    code, _, err = cli("--user", "anne", "mda", "safety-plan", "IMP-0001", "--tekst", "Nieuw plan")
    assert code == 1 and "niet meer op de route MDA++" in err and "alleen in te zien" in err
    shown = json.loads(cli("--user", "anne", "case", "show", "IMP-0001", "--json")[1])
    assert shown["mda"]["safety_plan"]["text"] == "Plan" and shown["mda"]["editable"] is False


def test_help_is_dutch(on_mda, capsys):
    with pytest.raises(SystemExit):
        on_mda("mda", "member", "add", "--help")
    shown = capsys.readouterr().out
    assert "dit lid is slachtoffer" in shown and "jeugdige,ouder,partner,ex-partner,broer_zus,anders" in shown

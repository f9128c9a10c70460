"""The command line end to end: exit codes 0/1/2, Dutch errors, no tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ret_desk.cli import main
from tests.db.test_import_export import GOOD, second, write_csv

PW = "een-lang-wachtwoord"


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
def with_users(cli):
    assert cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    assert (
        cli("--user", "beheer", "user", "add", "anne", "--role", "coordinator", stdin=f"{PW}\n" * 2)[0] == 0
    )
    assert cli("--user", "beheer", "user", "add", "ad", "--role", "auditor", stdin=f"{PW}\n" * 2)[0] == 0
    return cli


def test_first_user_needs_no_login_the_second_does(cli):
    assert cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    code, _, err = cli("user", "add", "anne", "--role", "coordinator", stdin=f"{PW}\n" * 2)
    assert code == 1 and "--user" in err


def test_import_show_route_and_audit(with_users, tmp_path):
    cli = with_users
    path = write_csv(tmp_path / "in.csv", [GOOD, second()])
    code, out, _ = cli("--user", "anne", "import", "cases", str(path))
    assert code == 0 and "2 casussen geïmporteerd" in out
    code, out, _ = cli("--user", "anne", "case", "route", "IMP-0001", "rst", "--reason", "Specialist nodig")
    assert code == 0
    code, out, _ = cli("--user", "anne", "case", "show", "IMP-0001", "--json")
    shown = json.loads(out)
    assert {"number", "status", "route", "youth", "referral", "gva", "signals", "route_history"} <= set(shown)
    assert shown["route"] == "rst" and [h["to"] for h in shown["route_history"]] == ["rop", "rst"]
    assert all(set(s) == {"code", "message"} for s in shown["signals"])
    code, out, _ = cli("--user", "ad", "audit", "show", "--case", "IMP-0001", "--json")
    actions = [e["action"] for e in json.loads(out)]
    assert code == 0 and actions[:2] == ["case_view", "case_route"] and "case_create" in actions


def test_invalid_import_lists_errors_and_exits_1(with_users, tmp_path):
    path = write_csv(tmp_path / "in.csv", [GOOD, second(geboortedatum="gisteren", gemeente="Parijs")])
    code, out, err = with_users("--user", "anne", "import", "cases", str(path))
    assert code == 1 and "Niets geïmporteerd" in out
    assert "rij 3, kolom geboortedatum" in err and "rij 3, kolom gemeente" in err


def test_dry_run_and_skip_invalid(with_users, tmp_path):
    path = write_csv(tmp_path / "in.csv", [GOOD, second(gemeente="Parijs")])
    code, out, _ = with_users("--user", "anne", "import", "cases", str(path), "--dry-run")
    assert code == 1 and out.strip() == "Proefimport: 2 rijen, 1 geldig, 1 fout."
    code, out, _ = with_users("--user", "anne", "import", "cases", str(path), "--skip-invalid")
    assert code == 0 and out.strip() == "1 casus geïmporteerd (2 rijen)."


def test_refusals_exit_1_in_dutch(with_users):
    code, _, err = with_users("--user", "anne", "case", "show", "BESTAAT-NIET")
    assert code == 1 and "bestaat niet" in err
    code, _, err = with_users("--user", "ad", "case", "show", "X")
    assert code == 1 and "Uw rol" in err
    os.environ["RET_DESK_PASSWORD"] = "verkeerd-wachtwoord"
    code, _, err = with_users("--user", "anne", "case", "show", "X")
    assert code == 1 and "onjuist wachtwoord" in err


def test_usage_errors_exit_2(cli):
    with pytest.raises(SystemExit) as caught:
        cli("case", "route", "X", "--reason", "r")  # no route given
    assert caught.value.code == 2


def test_an_unknown_route_is_refused_naming_the_regions_routes(with_users):
    # Routes are region data: the store, not the parser, knows them (issue 9)
    code, _, err = with_users("--user", "anne", "case", "route", "X", "nergens", "--reason", "r")
    assert code == 1 and "Onbekende route 'nergens'. Kies uit: experttafel, ro3, rop, mda++, rst." in err


def test_db_commands(with_users, tmp_path):
    code, out, _ = with_users("--user", "beheer", "db", "current")
    assert code == 0 and "actueel" in out
    code, out, _ = with_users("--user", "beheer", "db", "backup", str(tmp_path / "b.sqlite"))
    assert code == 0 and (tmp_path / "b.sqlite").exists()
    # every child's data: readable by the owner only, also a folder made for it
    code, out, _ = with_users("--user", "beheer", "db", "backup", str(tmp_path / "nieuw" / "b.sqlite"))
    assert code == 0 and (tmp_path / "nieuw" / "b.sqlite").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "nieuw").stat().st_mode & 0o777 == 0o700
    code, _, err = with_users("--user", "beheer", "db", "backup", str(tmp_path / "b.sqlite"))
    assert code == 1 and "bestaat al" in err
    code, _, err = with_users("--user", "anne", "db", "backup", str(tmp_path / "c.sqlite"))
    assert code == 1 and "Uw rol" in err


def test_demo_data_and_export(with_users, tmp_path):
    code, out, _ = with_users("--user", "beheer", "demo-data", "--youths", "25", "--seed", "3")
    assert code == 0 and "25 fictieve" in out
    code, out, _ = with_users("--user", "anne", "export", "cases", str(tmp_path / "uit.xlsx"))
    assert code == 0 and "25 casussen" in out


def test_real_entry_point_prints_no_traceback(tmp_path):
    env = dict(os.environ, RET_DESK_DB=f"sqlite:///{tmp_path / 'x.sqlite'}", RET_DESK_PASSWORD="x")
    result = subprocess.run(
        [sys.executable, "-m", "ret_desk", "--user", "niemand", "case", "show", "1"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Fout:" in result.stderr


def test_network_share_store_is_refused_on_the_command_line(capsys):
    code = main(["--db", r"sqlite:///\\fs01\jeugd\ret.sqlite", "user", "add", "x", "--role", "admin"])
    assert code == 1 and "PostgreSQL" in capsys.readouterr().err


def test_db_option_and_env_resolution(monkeypatch):
    from ret_desk.config import Settings, default_store_url

    assert Settings.resolve("sqlite:///a", {"RET_DESK_DB": "sqlite:///b"}).store_url == "sqlite:///a"
    assert Settings.resolve(None, {"RET_DESK_DB": "sqlite:///b"}).store_url == "sqlite:///b"
    assert Settings.resolve(None, {}).store_url == default_store_url()
    assert Path(default_store_url().removeprefix("sqlite:///")).name == "ret-desk.sqlite"


@pytest.fixture
def with_table(with_users):
    cli = with_users
    assert cli("--user", "beheer", "user", "add", "ineke", "--role", "chair", stdin=f"{PW}\n" * 2)[0] == 0
    return cli


def test_experttafel_from_the_command_line(with_table, tmp_path):
    from pypdf import PdfReader

    cli = with_table
    path = write_csv(tmp_path / "in.csv", [GOOD, second()])
    assert cli("--user", "anne", "import", "cases", str(path))[0] == 0
    # Plan a sitting in the past (so advice can be recorded), put a case on it, record advice
    code, out, _ = cli(
        "--user", "ineke", "session", "add", "--date", "2026-01-05", "--time", "9:30", "--chair", "Ineke Bos",
        "--place", "Assen", "--member", "Dr. Aydın:ggz",
    )  # fmt: skip
    assert code == 0 and "Zitting 1 gepland op 05-01-2026 om 09:30" in out
    code, _, err = cli(
        "--user", "ineke", "session", "agenda", "1", "add", "IMP-0001", "--question", "Wat past?"
    )
    assert code == 1 and "niet op de route Experttafel" in err
    code, out, _ = cli(
        "--user", "anne", "session", "agenda", "1", "add", "IMP-0001", "--question", "Wat past?",
        "--route-reason", "Advies nodig",
    )  # fmt: skip
    assert code == 0
    code, out, _ = cli(
        "--user", "ineke", "session", "advice", "1", "IMP-0001", "--type", "plaatsing_rop", "--text",
        "Gezinshuis zoeken", "--follow-up", "01-02-2026",
    )  # fmt: skip
    assert code == 0 and "Advies over casus IMP-0001 vastgelegd" in out
    code, out, _ = cli("--user", "ineke", "session", "list", "--json")
    assert json.loads(out) == [
        {"id": 1, "date": "2026-01-05", "time": "09:30", "place": "Assen", "chair": "Ineke Bos",
         "status": "gepland", "items": 1, "advised": 1}
    ]  # fmt: skip
    # Every report lands as a real PDF
    for args in (
        ["case-summary", "IMP-0001", "--pseudonymised"],
        ["agenda", "1"],
        ["pack", "1", "--pseudonymised"],
        ["advice", "1", "IMP-0001"],
    ):
        out_file = tmp_path / f"{args[0]}.pdf"
        code, out, err = cli("--user", "ineke", "report", *args, "--out", str(out_file))
        assert code == 0, err
        text = " ".join(p.extract_text() for p in PdfReader(out_file).pages)
        assert "Vertrouwelijk" in text and ("IMP-0001" in text)
    assert "Gezinshuis zoeken" in " ".join(p.extract_text() for p in PdfReader(tmp_path / "advice.pdf").pages)
    code, out, _ = cli("--user", "ad", "audit", "show", "--case", "IMP-0001", "--json")
    actions = [e["action"] for e in json.loads(out)]
    assert actions.count("case_export") == 4  # summary, agenda, pack and letter were saved


def test_report_errors_are_dutch_and_write_nothing(with_table, tmp_path):
    cli = with_table
    out_file = tmp_path / "x.pdf"
    code, _, err = cli("--user", "ineke", "report", "agenda", "7", "--out", str(out_file))
    assert code == 1 and "Zitting 7 bestaat niet" in err and not out_file.exists()
    with pytest.raises(SystemExit) as usage:
        cli("--user", "ineke", "session", "add", "--date", "morgen", "--time", "9:30", "--chair", "X")
    assert usage.value.code == 2
    code, _, err = cli(
        "--user", "anne", "session", "add", "--date", "2026-01-05", "--time", "9:30", "--chair", "X"
    )
    assert code == 1 and "mag geen zittingen van de Experttafel plannen" in err


def test_regie_op_plaatsing_from_the_command_line(with_users, tmp_path):
    import csv

    from ret_desk.services.placement import placement_requests
    from tests.support.rop import write_locations

    cli = with_users
    assert (
        cli("--user", "beheer", "user", "add", "rop", "--role", "placement_officer", stdin=f"{PW}\n" * 2)[0]
        == 0
    )
    assert (
        cli("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD, second()])))[0] == 0
    )
    code, out, _ = cli("--user", "rop", "import", "locations", str(write_locations(tmp_path / "l.csv")))
    assert code == 0 and "6 regels geïmporteerd" in out
    requests = tmp_path / "r.csv"
    with requests.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(placement_requests.COLUMNS)
        writer.writerow(
            [
                "IMP-0001",
                "01-12-2026",
                "hoog",
                "pleeggezin",
                "Netwerk past niet",
                "trauma",
                "open",
                "nee",
                "",
                "50",
            ]
        )
        writer.writerow(["IMP-0002", "01-12-2026", "normaal", "gezinshuis", "", "", "open", "nee", "", ""])
    # One bad row (no reason for rung 5): nothing is written, every error is listed
    code, out, err = cli("--user", "rop", "import", "requests", str(requests))
    assert code == 1 and "rij 3, kolom reden_hogere_trede" in err and "Niets geïmporteerd" in out
    code, out, err = cli("--user", "rop", "import", "requests", str(requests), "--skip-invalid")
    assert code == 0 and "1 verzoek geïmporteerd (" in out
    code, out, _ = cli("--user", "rop", "match", "IMP-0001", "--json")
    shown = json.loads(out)
    assert shown["candidates"][0]["location_agb"] == "21000001" and shown["candidates"][0]["rank"] == 1
    assert {"location", "location_agb", "placement_type", "reasons"} == set(shown["excluded"][0])
    code, out, _ = cli("--user", "rop", "match", "--all", "--json")
    assert [p["case"] for p in json.loads(out)["proposals"]] == ["IMP-0001"]
    # Place, move (needs a reason), end, and read the history
    code, _, _ = cli("--user", "rop", "placement", "start", "IMP-0001", "21000001", "--type", "pleeggezin",
                     "--date", "2026-01-10")  # fmt: skip
    assert code == 0
    code, _, err = cli("--user", "rop", "placement", "start", "IMP-0001", "21000002", "--type", "gezinshuis",
                       "--date", "2026-03-01")  # fmt: skip
    assert code == 1 and "doorplaatsing" in err
    code, _, _ = cli("--user", "rop", "placement", "start", "IMP-0001", "21000002", "--type", "gezinshuis",
                     "--date", "2026-03-01", "--end-reason", "mismatch")  # fmt: skip
    assert code == 0
    assert (
        cli("--user", "rop", "placement", "end", "IMP-0001", "--date", "2026-06-01", "--reason", "gepland")[0]
        == 0
    )
    code, out, _ = cli("--user", "rop", "placement", "history", "IMP-0001", "--json")
    history = json.loads(out)
    assert history["moves"] == 1 and history["first_time_right"] is False
    assert [p["end_reason"] for p in history["placements"]] == ["mismatch", "gepland"]
    code, _, err = cli(
        "--user", "anne", "placement", "end", "IMP-0001", "--date", "2026-06-01", "--reason", "gepland"
    )
    assert code == 1 and "Uw rol" in err


def test_a_reader_that_stops_early_gets_no_error(tmp_path, monkeypatch, capsys):
    """`ret-desk … | head`: the pipe closes before we are done; that is not an error."""
    import io

    from ret_desk import cli as cli_module

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    url = f"sqlite:///{(tmp_path / 'pijp.sqlite').as_posix()}"
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = cli_module.main(["--db", url, "db", "upgrade"])  # a new store: no login needed
    assert (code, capsys.readouterr().err) == (0, "")


def test_an_unreachable_server_is_one_dutch_line(capsys):
    from ret_desk import cli as cli_module

    code = cli_module.main(["--db", "postgresql+psycopg://niemand@127.0.0.1:1/ret", "db", "current"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("Fout: de opslag is niet bereikbaar") and "Traceback" not in err

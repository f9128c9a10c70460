"""A refused placement start leaves nothing behind, on SQLite and PostgreSQL (issue 10 §1):
the match decision, the request's status, the placement, the count and the audit are one
transaction, so "Er is niets opgeslagen" is true."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import create_engine, text

from ret_desk.cli.entry import main
from tests.db.test_import_export import GOOD, second, write_csv
from tests.support.rop import LOCATIONS, write_locations
from tests.test_cli_placement_rules import _write_request

PW = "een-lang-wachtwoord"


@pytest.fixture
def cli(store_url, monkeypatch, capsys):
    """`ret-desk --db <store> ...` in-process on SQLite or PostgreSQL; (code, out, err)."""
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", store_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("db", "upgrade")[0] == 0
    assert run("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    for name, role in (("anne", "coordinator"), ("rop", "placement_officer")):
        assert run("--user", "beheer", "user", "add", name, "--role", role, stdin=f"{PW}\n" * 2)[0] == 0
    return run


def _state(store_url: str) -> tuple:
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            return tuple(
                conn.execute(text(query)).all()
                for query in (
                    "SELECT * FROM match_decision ORDER BY id",
                    "SELECT id, case_id, status, version FROM placement_request ORDER BY id",
                    "SELECT * FROM placement ORDER BY id",
                    "SELECT id, places_free, places_taken, places_total, version FROM location_offer "
                    "ORDER BY id",
                    "SELECT count(*) FROM audit_event WHERE action IN ('match_decision', 'placement_start')",
                )
            )
    finally:
        engine.dispose()


def test_a_refused_start_leaves_no_decision_no_status_and_no_placement(cli, store_url, tmp_path):
    def ok(user: str, *args: str) -> bool:
        return cli("--user", user, *args)[0] == 0

    assert ok("anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD, second()])))
    assert ok("rop", "import", "locations", str(write_locations(tmp_path / "l.csv")))
    # Given one place taken at Pleeggezinnen Assen
    start = ("placement", "start", "IMP-0001", "21000001", "--type", "pleeggezin", "--date", "2026-01-10")
    assert ok("rop", *start)
    # and the provider's import setting that offer to 1 place, 1 of them free
    rows = [list(r) for r in LOCATIONS if r[3] == "21000001" and r[8] == "pleeggezin"]
    assert len(rows) == 1
    rows[0][9], rows[0][10] = "1", "1"  # plekken_totaal, plekken_vrij
    assert ok("rop", "import", "locations", str(write_locations(tmp_path / "l1.csv", rows)))
    # and an open request for the second case
    assert ok("rop", "import", "requests", str(_write_request(tmp_path / "r.csv", "IMP-0002")))
    before = _state(store_url)
    assert before[1][-1][2] == "open"

    # When the second youth is placed there
    code, out, err = cli(
        "--user", "rop", "placement", "start", "IMP-0002", "21000001", "--type", "pleeggezin",
        "--date", "2026-01-11", "--rationale", "Dichtbij school",
    )  # fmt: skip

    # Then the start is refused naming the rule, and truly nothing was saved
    assert code == 1 and "Traceback" not in out + err, (out, err)
    assert "Regel: nooit meer plaatsingen dan plekken" in err and "Er is niets opgeslagen" in err
    assert _state(store_url) == before

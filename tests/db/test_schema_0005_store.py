"""The store as the last release (schema 0005) left it, with 30 fictitious demo cases and
only its administrator, upgraded by the real command line and then worked in: the region's
routes are there, and cases on RO3, MDA++ and RST take their new records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ret_desk.cli import main

SHIPPED = Path(__file__).parent / "stores" / "schema_0005.sqlite"
ADMIN_PW = "oud-wachtwoord-123"  # the shipped store's administrator (fictitious)
PW = "nieuw-wachtwoord-456"


def _case_on(path: Path, route: str) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT number FROM ret_case WHERE current_route = ? AND status != 'afgesloten' ORDER BY number",
            (route,),
        ).fetchone()[0]


def test_a_schema_0005_store_upgrades_and_its_cases_take_route_records(tmp_path, monkeypatch, capsys):
    # Given a copy of the shipped schema 0005 store
    path = tmp_path / "ret.sqlite"
    path.write_bytes(SHIPPED.read_bytes())
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT number, current_route, status FROM ret_case ORDER BY number").fetchall()
    url = f"sqlite:///{path}"

    def run(*args: str, user: str | None = "coord", stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", __import__("io").StringIO(stdin))
        capsys.readouterr()
        code = main(["--db", url, *(["--user", user] if user else []), *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    # When its administrator upgrades it and adds a coordinator
    monkeypatch.setenv("RET_DESK_PASSWORD", ADMIN_PW)
    code, out = run("db", "upgrade", user="beheer")
    assert code == 0, out
    assert "actueel" in run("db", "current", user="beheer")[1]
    assert run("user", "add", "coord", "--role", "coordinator", user="beheer", stdin=f"{PW}\n" * 2)[0] == 0
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    # Then every case is still there, on its own route, and the region's routes are rows
    with sqlite3.connect(path) as conn:
        after = conn.execute("SELECT number, current_route, status FROM ret_case ORDER BY number").fetchall()
    assert after == before and len(after) == 30
    region = json.loads(run("region", "show", "--json", user=None)[1])
    assert [(r["key"], r["kind"]) for r in region["routes"]] == [
        ("experttafel", "advice_table"),
        ("ro3", "casusregie"),
        ("rop", "placement"),
        ("mda++", "safety"),
        ("rst", "travelling_team"),
    ]

    # And its cases on RO3, MDA++ and RST take their records through the command line
    ro3, mda, rst = (_case_on(path, key) for key in ("ro3", "mda++", "rst"))
    assert run("ro3", "party", "add", ro3, "--organisatie", "Wijkteam Emmen", "--rol", "wijkteam")[0] == 0
    code, out = run("ro3", "agreement", "add", ro3, "--partij", "Wijkteam Emmen", "--wat", "Huisbezoek",
                    "--uiterlijk", "2026-12-01")  # fmt: skip
    assert code == 0 and out.strip().isdigit()
    assert (
        run("mda", "risk", mda, "--instrument", "LIRIK", "--niveau", "verhoogd", "--datum", "2026-11-20")[0]
        == 0
    )
    code, out = run("rst", "deploy", rst, "--discipline", "lvb", "--waar", "school", "--datum", "2026-11-20",
                    "--uren", "2")  # fmt: skip
    assert code == 0, out
    shown = {n: json.loads(run("case", "show", n, "--json")[1]) for n in (ro3, mda, rst)}
    assert shown[ro3]["ro3"]["agreements"][0]["what"] == "Huisbezoek"
    assert shown[mda]["mda"]["risk_assessments"][0]["level"] == "verhoogd"
    assert shown[rst]["rst"]["total_hours"] == 2


@pytest.mark.parametrize("route", ["ro3", "mda++", "rst"])
def test_the_shipped_0005_store_has_open_cases_on_every_new_record_route(route):
    # The test above needs them; a regenerated store without them would test nothing.
    with sqlite3.connect(SHIPPED) as conn:
        count = conn.execute(
            "SELECT count(*) FROM ret_case WHERE current_route = ? AND status != 'afgesloten'", (route,)
        ).fetchone()[0]
    assert count >= 1

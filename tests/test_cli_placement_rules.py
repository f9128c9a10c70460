"""The placement rules on the command line when the Python checks miss (issue 10 §1): the
store refuses, the user reads a Dutch message naming the rule (exit 1, no traceback), and
the store is unchanged."""

from __future__ import annotations

import csv
import sqlite3

from ret_desk.services.placement import placement_requests, placements
from tests.db.test_import_export import GOOD, second, write_csv
from tests.support.rop import write_locations
from tests.test_cli import PW, cli, with_users  # noqa: F401 - fixtures


def _placing(path) -> tuple:  # noqa: ANN001
    """What the rules are about: placements, requests and the board's counts."""
    with sqlite3.connect(path) as conn:
        return tuple(
            conn.execute(query).fetchall()
            for query in (
                "SELECT * FROM placement ORDER BY id",
                "SELECT * FROM placement_request ORDER BY id",
                "SELECT id, places_free, places_taken, places_total, version FROM location_offer ORDER BY id",
            )
        )


def _write_request(path, number: str):  # noqa: ANN001
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(placement_requests.COLUMNS)
        writer.writerow(
            [number, "01-12-2026", "hoog", "pleeggezin", "Netwerk past niet", "", "open", "nee", "", ""]
        )
    return path


def _refused(run, *args: str) -> str:  # noqa: ANN001
    code, out, err = run("--user", "rop", *args)
    assert code == 1 and "Traceback" not in out + err and "IntegrityError" not in out + err, (out, err)
    return err


def test_the_store_refuses_what_the_python_checks_miss_in_dutch(with_users, tmp_path, monkeypatch):  # noqa: F811
    run, db = with_users, tmp_path / "cli.sqlite"
    assert (
        run("--user", "beheer", "user", "add", "rop", "--role", "placement_officer", stdin=f"{PW}\n" * 2)[0]
        == 0
    )
    assert (
        run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD, second()])))[0] == 0
    )
    assert run("--user", "rop", "import", "locations", str(write_locations(tmp_path / "l.csv")))[0] == 0
    # Given IMP-0001 placed in a foster family, and the checks in Python switched off
    start = ("placement", "start", "IMP-0001", "21000001", "--type", "pleeggezin", "--date", "2026-01-10")
    assert run("--user", "rop", *start)[0] == 0
    monkeypatch.setattr(placements, "running_placement", lambda session, youth_id: None)
    monkeypatch.setattr(placement_requests, "open_request", lambda session, case: None)
    before = _placing(db)

    # When the youth is placed a second time without ending the first: one running placement
    err = _refused(
        run,
        "placement",
        "start",
        "IMP-0001",
        "21000001",
        "--type",
        "netwerkpleeggezin",
        "--date",
        "2026-01-11",
    )
    assert "Regel: één lopende plaatsing per jeugdige" in err
    assert _placing(db) == before  # nothing written

    # When a place whose total is taken is used, though its provider still reports a free place
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE location_offer SET places_taken = places_total WHERE type_code = 'gezinshuis' AND "
            "location_id = (SELECT id FROM location WHERE agb = '21000002')"
        )
    before = _placing(db)
    err = _refused(
        run, "placement", "start", "IMP-0002", "21000002", "--type", "gezinshuis", "--date", "2026-01-11"
    )
    assert "Regel: nooit meer plaatsingen dan plekken" in err
    assert _placing(db) == before  # nothing written

    # When a case gets a second open request
    requests = _write_request(tmp_path / "r.csv", "IMP-0002")
    assert run("--user", "rop", "import", "requests", str(requests))[0] == 0
    before = _placing(db)
    err = _refused(run, "import", "requests", str(requests))
    assert "Regel: één open plaatsingsverzoek per casus" in err
    assert _placing(db) == before  # nothing written

"""`ret-desk match NUMMER --log [--json]`: the logged match decisions of one case, with
rank, score, the top-5 snapshot and the rationale; the read is audited."""

from __future__ import annotations

import csv
import json

from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store
from ret_desk.services.placement import placement_requests
from tests.db.test_import_export import GOOD, second, write_csv
from tests.support.rop import write_locations
from tests.test_cli import PW, cli, with_users  # noqa: F401 - fixtures


def test_match_log_lists_the_decisions_with_snapshot_and_rationale(with_users, tmp_path):  # noqa: F811
    run = with_users
    assert (
        run("--user", "beheer", "user", "add", "rop", "--role", "placement_officer", stdin=f"{PW}\n" * 2)[0]
        == 0
    )
    assert (
        run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD, second()])))[0] == 0
    )
    assert run("--user", "rop", "import", "locations", str(write_locations(tmp_path / "l.csv")))[0] == 0
    requests = tmp_path / "r.csv"
    with requests.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(placement_requests.COLUMNS)
        writer.writerow(
            ["IMP-0001", "01-12-2026", "hoog", "pleeggezin", "Netwerk past niet", "", "open", "nee", "", "50"]
        )
    assert run("--user", "rop", "import", "requests", str(requests))[0] == 0
    # Given no decision yet: an empty list, and a plain sentence without --json
    code, out, _ = run("--user", "rop", "match", "IMP-0001", "--log", "--json")
    assert code == 0 and json.loads(out) == []
    # When staff place on rank 2 with a rationale (this logs the match decision)
    code, out, _ = run("--user", "rop", "match", "IMP-0001", "--json")
    second_choice = json.loads(out)["candidates"][1]
    code, _, err = run(
        "--user", "rop", "placement", "start", "IMP-0001", second_choice["location_agb"],
        "--type", second_choice["placement_type"], "--date", "2026-01-10", "--rationale", "Dicht bij school",
    )  # fmt: skip
    assert code == 0, err
    # Then the log shows it with rank, score, the top 5 and the rationale
    code, out, _ = run("--user", "anne", "match", "IMP-0001", "--log", "--json")
    [decision] = json.loads(out)
    assert code == 0 and decision["rank"] == 2 and decision["rationale"] == "Dicht bij school"
    assert decision["location_agb"] == second_choice["location_agb"] and decision["score"] > 0
    assert decision["by"] == "rop" and decision["request_status"] == "geplaatst"
    assert [s["rank"] for s in decision["snapshot"]][:2] == [1, 2] and len(decision["snapshot"]) <= 5
    assert {"rank", "location_agb", "location", "placement_type", "score", "distance_km"} == set(
        decision["snapshot"][0]
    )
    code, out, _ = run("--user", "anne", "match", "IMP-0001", "--log")
    assert code == 0 and "rang 2" in out and "onderbouwing: Dicht bij school" in out
    # And the reads are audited for the case, without the contents
    store = Store.open(f"sqlite:///{tmp_path / 'cli.sqlite'}")
    try:
        with store.uow() as uow:
            events = uow.session.execute(
                select(AuditEvent.actor_name, AuditEvent.detail).where(
                    AuditEvent.action == "match_view", AuditEvent.case_number == "IMP-0001"
                )
            ).all()
    finally:
        store.close()
    assert ("anne", "matchbesluiten: 1") in events
    # --log belongs to one case; an unknown case is refused in Dutch
    assert run("--user", "anne", "match", "--all", "--log")[0] == 2
    code, _, err = run("--user", "anne", "match", "GEEN-0001", "--log")
    assert code == 1 and "GEEN-0001" in err and "Traceback" not in err

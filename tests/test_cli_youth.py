"""`import cases` with a known youth, and `youth merge`, end to end through `main`."""

from __future__ import annotations

import json

from tests.db.test_import_export import GOOD, write_csv
from tests.test_cli import cli, with_users  # noqa: F401 (fixtures)


def youth_of(run, number: str) -> dict:
    code, out, _ = run("--user", "anne", "case", "show", number, "--json")
    assert code == 0
    return json.loads(out)["youth"]


def test_import_refuses_updates_and_warns_then_merge_joins_two_records(with_users, tmp_path):  # noqa: F811
    run = with_users
    assert run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "a.csv", [GOOD])))[0] == 0
    # A known BSN with another gender and municipality is refused, naming the fields
    changed = write_csv(
        tmp_path / "b.csv", [dict(GOOD, casusnummer="IMP-0002", geslacht="m", gemeente="Assen")]
    )
    code, out, err = run("--user", "anne", "import", "cases", str(changed))
    assert code == 1 and "Niets geïmporteerd" in out
    assert "rij 2, kolom geslacht: wijkt af van de opgeslagen jeugdige" in err
    assert "rij 2, kolom gemeente:" in err and "--werk-jeugdige-bij" in err
    assert youth_of(run, "IMP-0001")["gender"] == "v"
    # ... and with --werk-jeugdige-bij the row updates the youth
    code, out, _ = run("--user", "anne", "import", "cases", str(changed), "--werk-jeugdige-bij")
    assert code == 0 and out.strip() == "1 casus geïmporteerd (1 rij)."
    assert youth_of(run, "IMP-0001")["gender"] == "m"
    # The same name and birth date without a BSN: "mogelijk dezelfde jeugdige"
    look_alike = write_csv(
        tmp_path / "c.csv", [dict(GOOD, casusnummer="IMP-0003", bsn="", achternaam="DIJKSTRA")]
    )
    code, _, err = run("--user", "anne", "import", "cases", str(look_alike))
    assert code == 1
    assert "rij 2, kolom achternaam: mogelijk dezelfde jeugdige als casus IMP-0001, IMP-0002 (Assen)" in err
    assert run("--user", "anne", "import", "cases", str(look_alike), "--nieuwe-jeugdige")[0] == 0
    # Merging the two records: differences listed and refused until chosen
    code, _, err = run("--user", "anne", "youth", "merge", "IMP-0001", "IMP-0003")
    assert code == 1
    assert "Geslacht verschilt: A Man, B Vrouw." in err and "Gemeente verschilt: A Assen, B Emmen." in err
    code, out, _ = run("--user", "anne", "youth", "merge", "IMP-0001", "IMP-0003", "--verschillen")
    assert code == 0 and "geslacht: A Man | B Vrouw" in out and "casussen IMP-0001, IMP-0002" in out
    code, _, err = run("--user", "anne", "youth", "merge", "IMP-0001", "IMP-0003", "--neem", "geslacht")
    assert code == 2 and "VELD=A" in err
    choose = ("--neem", "geslacht=B", "--neem", "gemeente=a", "--neem", "achternaam=A")
    code, out, _ = run("--user", "anne", "youth", "merge", "IMP-0001", "IMP-0003", *choose)
    assert code == 0 and "Samengevoegd: casussen IMP-0003" in out
    merged = youth_of(run, "IMP-0003")
    assert merged == youth_of(run, "IMP-0001") and merged["gender"] == "v" and merged["bsn"] == "999990019"
    code, _, err = run("--user", "anne", "youth", "merge", "IMP-0001", "IMP-0003")
    assert code == 1 and "horen al bij dezelfde jeugdige" in err
    code, out, _ = run("--user", "ad", "audit", "show", "--case", "IMP-0001", "--json")
    assert "youth_merge" in [e["action"] for e in json.loads(out)]


def test_only_coordinators_merge(with_users, tmp_path):  # noqa: F811
    code, _, err = with_users("--user", "ad", "youth", "merge", "IMP-0001", "IMP-0002")
    assert code == 1 and "jeugdigen samenvoegen" in err

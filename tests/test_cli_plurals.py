"""Counts in the command line's import and export messages read as Dutch: one row is
"1 rij", one error "1 fout", one case "1 casus", one request "1 verzoek"; more take the
plural ("2 rijen")."""

from __future__ import annotations

from ret_desk.domain.dutch_numbers import count_noun
from tests.db.test_import_export import GOOD, second, write_csv
from tests.support.rop import LOCATIONS, write_locations
from tests.test_cli import PW, cli, with_users  # noqa: F401 - fixtures
from tests.test_cli_placement_rules import _write_request


def test_count_noun_takes_the_singular_for_one_only():
    assert [count_noun(n, "rij", "rijen") for n in (0, 1, 2)] == ["0 rijen", "1 rij", "2 rijen"]


def test_case_import_and_export_messages_count_in_dutch(with_users, tmp_path):  # noqa: F811
    run = with_users
    one_bad = write_csv(tmp_path / "bad.csv", [second(gemeente="Parijs")])
    code, out, _ = run("--user", "anne", "import", "cases", str(one_bad), "--dry-run")
    assert code == 1 and out.strip() == "Proefimport: 1 rij, 0 geldig, 1 fout."
    code, out, _ = run("--user", "anne", "import", "cases", str(one_bad))
    assert code == 1 and out.strip() == "Niets geïmporteerd: 1 fout in 1 rij."
    code, out, _ = run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD])))
    assert code == 0 and out.strip() == "1 casus geïmporteerd (1 rij)."
    code, out, _ = run("--user", "anne", "export", "cases", str(tmp_path / "uit.csv"))
    assert code == 0 and out.strip() == f"1 casus geëxporteerd naar {tmp_path / 'uit.csv'}."


def test_placement_import_messages_count_in_dutch(with_users, tmp_path):  # noqa: F811
    run = with_users
    assert (
        run("--user", "beheer", "user", "add", "rop", "--role", "placement_officer", stdin=f"{PW}\n" * 2)[0]
        == 0
    )
    assert run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", [GOOD])))[0] == 0
    code, out, _ = run(
        "--user", "rop", "import", "locations", str(write_locations(tmp_path / "l.csv", LOCATIONS[:1]))
    )
    assert code == 0 and out.strip() == "1 regel geïmporteerd (1 rij)."
    code, out, _ = run(
        "--user", "rop", "import", "requests", str(_write_request(tmp_path / "r.csv", "IMP-0001"))
    )
    assert code == 0 and out.strip() == "1 verzoek geïmporteerd (1 rij)."

"""`ret-desk db upgrade --region` and `ret-desk region show [--json]` as a user types them,
on SQLite and PostgreSQL (issue 9 §2)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from ret_desk.cli.entry import main
from ret_desk.domain.enums import Role
from tests.db.test_import_export import GOOD, write_csv

PW = "een-lang-wachtwoord"


@pytest.fixture
def cli(store_url, monkeypatch, capsys):
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", store_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _users(cli) -> None:  # noqa: ANN001
    assert cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    role = Role.COORDINATOR.value
    assert cli("--user", "beheer", "user", "add", "anne", "--role", role, stdin=f"{PW}\n" * 2)[0] == 0


def test_a_new_store_for_flevoland_shows_its_region_as_json(cli):
    code, out, _ = cli("db", "upgrade", "--region", "flevoland")
    assert code == 0 and "regio Jeugdhulpregio Flevoland" in out
    code, out, _ = cli("region", "show", "--json")
    data = json.loads(out)
    assert code == 0 and data["name"] == "Jeugdhulpregio Flevoland"
    assert {"name", "routes", "municipalities"} <= set(data)
    assert all(set(r) >= {"key", "label", "kind", "terms"} for r in data["routes"])
    assert all(set(m) == {"code", "name", "lat", "lon"} for m in data["municipalities"])
    procesregie = next(r for r in data["routes"] if r["key"] == "procesregie")
    assert procesregie["kind"] == "casusregie" and procesregie["terms"]["start_days"] == 28
    almere = next(m for m in data["municipalities"] if m["code"] == "GM0034")
    assert (almere["name"], almere["lat"], almere["lon"]) == ("Almere", 52.37, 5.22)
    assert data["distance_limits"] == {"verblijf": 75, "scarce": 120, "lta": None}
    # And as text
    code, out, _ = cli("region", "show")
    assert code == 0 and "Regio: Jeugdhulpregio Flevoland (SDFL)" in out
    assert "procesregie" in out and "Procesregie bij excessen [casusregie]" in out and "GM0303 Dronten" in out
    assert "start binnen 28 dagen, geen voortgang na 3 maanden, evaluatie binnen 42 dagen" in out
    assert "[advice_table]" not in out and "start_days" not in out and "ro3_review_days" not in out
    assert "[adviestafel]" in out and "[casusregie]" in out and "[veiligheid]" not in out


def test_the_default_region_is_drenthe(cli):
    assert cli("db", "upgrade")[0] == 0
    data = json.loads(cli("region", "show", "--json")[1])
    assert data["name"] == "Jeugdhulpregio Drenthe" and len(data["municipalities"]) == 12
    assert [r["key"] for r in data["routes"]] == ["experttafel", "ro3", "rop", "mda++", "rst"]


def test_changing_the_region_of_a_store_with_cases_is_refused(cli, tmp_path):
    assert cli("db", "upgrade", "--region", "rijnmond")[0] == 0
    _users(cli)
    # Without cases the administrator may still choose another region
    code, out, _ = cli("--user", "beheer", "db", "upgrade", "--region", "flevoland")
    assert code == 0 and "Regio van de opslag gewijzigd in Jeugdhulpregio Flevoland." in out
    # Once a case is in, the region stays
    rows = [GOOD | {"gemeente": "Almere", "route": "procesregie"}]
    assert cli("--user", "anne", "import", "cases", str(write_csv(tmp_path / "c.csv", rows)))[0] == 0
    code, _, err = cli("--user", "beheer", "db", "upgrade", "--region", "drenthe")
    assert (
        code == 1 and "Fout: Deze opslag bevat al casussen; de regio kan niet meer worden gewijzigd." in err
    )
    assert "Traceback" not in err
    assert json.loads(cli("region", "show", "--json")[1])["name"] == "Jeugdhulpregio Flevoland"
    # The same region again is no change, and no refusal
    assert cli("--user", "beheer", "db", "upgrade", "--region", "flevoland")[0] == 0


def test_a_bad_region_file_is_refused_naming_every_error(cli, tmp_path):
    path = tmp_path / "eigen.json"
    path.write_text(
        json.dumps(
            {
                "code": "EIGEN",
                "name": "Eigen regio",
                "routes": [{"key": "tafel", "label": "Tafel", "kind": "tafel", "terms": {"start_days": 28}}],
                "unrouted": {"start_days": 14, "no_progress_months": 3},
                "municipalities": [{"code": "GM01", "name": "Ergens", "lat": 52, "lon": 6}],
            }  # fmt: skip
        ),
        encoding="utf-8",
    )
    code, _, err = cli("db", "upgrade", "--region", str(path))
    assert code == 1 and "Het regiobestand (eigen.json) bevat 3 fout(en):" in err
    assert "Route 'tafel': onbekende soort (kind) 'tafel'" in err
    assert "Route 'tafel': de termijn 'no_progress_months' ontbreekt." in err
    assert "Gemeente 'Ergens': ongeldige CBS-code 'GM01'" in err
    code, _, err = cli("db", "upgrade", "--region", "atlantis")
    assert code == 1 and "Onbekende regio 'atlantis'" in err and "drenthe, flevoland, rijnmond" in err


def test_a_region_file_of_ones_own_makes_the_store(cli, tmp_path):
    data = json.loads(
        (Path(__file__).parents[1] / "resources" / "region" / "flevoland.json").read_text("utf-8")
    )
    data |= {"code": "EIGEN", "name": "Eigen regio"}
    path = tmp_path / "eigen.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("db", "upgrade", "--region", str(path))[0] == 0
    assert json.loads(cli("region", "show", "--json")[1])["name"] == "Eigen regio"


@pytest.mark.parametrize("args", [["--help"], ["db", "upgrade", "--help"], ["region", "show", "--help"]])
def test_cli_help_names_no_region(capsys, args):
    with pytest.raises(SystemExit):
        main(args)
    out = capsys.readouterr().out.lower()
    assert not [name for name in ("drenthe", "flevoland", "rijnmond") if name in out]

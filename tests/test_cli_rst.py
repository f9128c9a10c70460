"""`ret-desk rst deploy` end to end on a real store: confirmation, `case show` (text and
JSON), the audit log, Dutch refusals with exit 1, and read-only after re-routing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import cli, with_users  # noqa: F401  (fixtures)

YESTERDAY = date.today() - timedelta(days=1)


@pytest.fixture
def on_rst(with_users, tmp_path):  # noqa: F811
    """A case IMP-0001 routed to the RST by coordinator anne."""
    run = with_users
    assert (
        run("--user", "anne", "import", "cases", str(write_csv(tmp_path / "in.csv", [GOOD, second()])))[0]
        == 0
    )
    assert (
        run("--user", "anne", "case", "route", "IMP-0001", "rst", "--reason", "Specialist naar school")[0]
        == 0
    )
    return run


def deploy(run, *extra: str, number: str = "IMP-0001"):  # noqa: ANN001, ANN201
    return run("--user", "anne", "rst", "deploy", number, *extra)


def test_deploy_prints_a_confirmation_and_case_show_json_has_it(on_rst):
    run = on_rst
    code, out, err = deploy(
        run, "--discipline", "ggz", "--waar", "school", "--datum", YESTERDAY.strftime("%d-%m-%Y"),
        "--uren", "1,5", "--doel", "Observatie in de klas", "--uitkomst", "Advies aan de mentor",
        "--plaatsing-voorkomen", "ja",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Inzet vastgelegd bij casus IMP-0001: GGZ, op school,") and "1,5 uur" in out
    code, out, _ = deploy(
        run, "--discipline", "lvb", "--waar", "thuis", "--datum", str(YESTERDAY), "--uren", "2"
    )
    assert code == 0 and "plaatsing voorkomen: onbekend" in out
    code, out, _ = run("--user", "anne", "case", "show", "IMP-0001", "--json")
    section = json.loads(out)["rst"]
    assert section["total_hours"] == 3.5
    assert section["deployments"] == [
        {
            "discipline": "ggz",
            "where": "school",
            "date": YESTERDAY.isoformat(),
            "hours": 1.5,
            "purpose": "Observatie in de klas",
            "outcome": "Advies aan de mentor",
            "placement_prevented": "ja",
        },
        {
            "discipline": "lvb",
            "where": "thuis",
            "date": YESTERDAY.isoformat(),
            "hours": 2,
            "purpose": "",
            "outcome": "",
            "placement_prevented": "onbekend",
        },
    ]
    code, out, _ = run("--user", "anne", "case", "show", "IMP-0001")
    assert "Reizend Specialistisch Team: 2 inzetten, 3,5 uur (GGZ 1×, LVB 1×)" in out
    assert "GGZ 1×" in out and "LVB 1×" in out


def test_case_show_json_has_no_rst_without_deployments(on_rst):
    code, out, _ = on_rst("--user", "anne", "case", "show", "IMP-0001", "--json")
    assert code == 0 and "rst" not in json.loads(out)
    _, out, _ = on_rst("--user", "anne", "case", "show", "IMP-0001")
    assert "Reizend Specialistisch Team:" not in out


def test_the_deployment_is_in_the_audit_log(on_rst):
    assert (
        deploy(
            on_rst, "--discipline", "medisch", "--waar", "aanbieder", "--datum", str(YESTERDAY), "--uren", "1"
        )[0]
        == 0
    )
    code, out, _ = on_rst("--user", "ad", "audit", "show", "--case", "IMP-0001", "--json")
    events = json.loads(out)
    assert code == 0 and events[0]["action"] == "rst_deploy" and events[0]["actor"] == "anne"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--discipline", "tandarts", "--waar", "thuis", "--uren", "1"), "kies uit: ggz, lvb"),
        (("--discipline", "ggz", "--waar", "kantoor", "--uren", "1"), "kies uit: thuis, school"),
        (("--discipline", "ggz", "--waar", "thuis", "--uren", "0"), "groter zijn dan 0"),
        (("--discipline", "ggz", "--waar", "thuis", "--uren", "30"), "hoogstens 24 uur"),
        (("--discipline", "ggz", "--waar", "thuis", "--uren", "twee"), "Geen aantal uren"),
        (
            ("--discipline", "ggz", "--waar", "thuis", "--uren", "1", "--plaatsing-voorkomen", "misschien"),
            "ja, nee, onbekend",
        ),
    ],
)
def test_wrong_values_exit_1_with_a_dutch_line(on_rst, args, message):
    code, out, err = deploy(on_rst, *args, "--datum", str(YESTERDAY))
    assert (code, out) == (1, "")
    assert err.startswith("Fout: ") and message in err and "Traceback" not in err


def test_a_future_date_and_a_missing_case_are_refused(on_rst):
    tomorrow = str(date.today() + timedelta(days=1))
    code, _, err = deploy(
        on_rst, "--discipline", "ggz", "--waar", "thuis", "--datum", tomorrow, "--uren", "1"
    )
    assert code == 1 and err == "Fout: De datum van de inzet ligt niet in de toekomst.\n"
    code, _, err = deploy(
        on_rst,
        "--discipline",
        "ggz",
        "--waar",
        "thuis",
        "--datum",
        str(YESTERDAY),
        "--uren",
        "1",
        number="IMP-9999",
    )
    assert code == 1 and "Casus IMP-9999 bestaat niet" in err


def test_after_rerouting_the_record_is_read_only(on_rst):
    run = on_rst
    assert (
        deploy(run, "--discipline", "ggz", "--waar", "thuis", "--datum", str(YESTERDAY), "--uren", "3")[0]
        == 0
    )
    assert (
        run("--user", "anne", "case", "route", "IMP-0001", "rop", "--reason", "Toch een plek nodig")[0] == 0
    )
    code, out, err = deploy(
        run, "--discipline", "ggz", "--waar", "thuis", "--datum", str(YESTERDAY), "--uren", "1"
    )
    assert code == 1 and out == "" and "alleen in te zien" in err
    _, out, _ = run("--user", "anne", "case", "show", "IMP-0001", "--json")
    assert json.loads(out)["rst"]["total_hours"] == 3


def test_the_auditor_may_not_record(on_rst):
    code, _, err = on_rst(
        "--user", "ad", "rst", "deploy", "IMP-0001", "--discipline", "ggz", "--waar", "thuis",
        "--datum", str(YESTERDAY), "--uren", "1",
    )  # fmt: skip
    assert code == 1 and "Uw rol" in err and "Reizend Specialistisch Team" in err


def test_a_missing_option_is_a_usage_error_in_dutch(on_rst):
    with pytest.raises(SystemExit) as caught:
        deploy(on_rst, "--discipline", "ggz")
    assert caught.value.code == 2

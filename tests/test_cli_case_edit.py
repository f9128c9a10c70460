"""`ret-desk case edit` end to end on a real store file: flags in the import's formats, every
error listed in Dutch with exit 1 and nothing written, and `case show --json` following."""

from __future__ import annotations

import json

import pytest

from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import cli, with_users  # noqa: F401  (fixtures)


@pytest.fixture
def imported(with_users, tmp_path):  # noqa: F811
    # IMP-0001 has its GVA; IMP-0002 has triggers 1,7 and no GVA, on the ROP route
    path = write_csv(tmp_path / "in.csv", [GOOD, second(gva_aanwezig="nee", geboortedatum="2010-01-10")])
    assert with_users("--user", "anne", "import", "cases", str(path))[0] == 0
    return with_users


def show(run, number):
    code, out, _ = run("--user", "anne", "case", "show", number, "--json")
    assert code == 0
    return json.loads(out)


def test_edit_every_kind_of_field_and_see_it_in_case_show(imported):
    run = imported
    assert {"GVA_MISSING", "TRANSITION_18"} <= {s["code"] for s in show(run, "IMP-0002")["signals"]}
    # When the coordinator records the GVA, the plan and more, in the import's formats
    code, out, err = run(
        "--user", "anne", "case", "edit", "IMP-0002",
        "--gva-aanwezig", "ja", "--gva-datum", "2026-11-01", "--gva-triggers", "1,3",
        "--casusregisseur", "Ria Bos", "--urgentie", "hoog", "--doelgroepen", "1,6",
        "--interventieniveau", "6", "--wettelijk-kader", "ots", "--gezinsregie", "kind_en_ouders",
        "--geen-school", "--thuiszitter-sinds", "01-09-2026",
        "--adres", "Brink 4", "--postcode", "7941ab", "--woonplaats", "Meppel",
        "--toekomstplan", "ja", "--toekomstplan-datum", "2026-11-10", "--toekomstplan-tekst", "Kamertraining",
        "--voornaam", "Femke", "--bsn", "999990020", "--reden", "Typefout in de aanmelding",
    )  # fmt: skip
    assert (code, err) == (0, "") and "IMP-0002 bijgewerkt" in out
    # Then case show reflects every change and the recomputed signals
    shown = show(run, "IMP-0002")
    assert shown["gva"] == {"triggers": [1, 3], "present": True, "date": "2026-11-01", "override": None}
    assert (shown["case_manager"], shown["urgency"], shown["target_groups"]) == ("Ria Bos", "hoog", [1, 6])
    assert (shown["intervention_level"], shown["family_participation"]) == (6, "kind_en_ouders")
    youth = shown["youth"]
    assert (youth["legal_framework"], youth["school"], youth["no_school"]) == ("ots", None, True)
    assert youth["out_of_school_since"] == "2026-09-01"
    assert (youth["address"], youth["postcode"], youth["residence"]) == ("Brink 4", "7941 AB", "Meppel")
    assert (youth["given_name"], youth["bsn"]) == ("Femke", "999990020")
    assert shown["future_plan"] and shown["future_plan_on"] == "2026-11-10"
    assert shown["future_plan_text"] == "Kamertraining"
    assert not {"GVA_MISSING", "TRANSITION_18"} & {s["code"] for s in shown["signals"]}
    assert {c["field"] for c in shown["changes"]} >= {"gva_present", "bsn", "future_plan", "no_school"}
    code, out, _ = run("--user", "anne", "case", "show", "IMP-0002")
    assert code == 0 and "Wijzigingen:" in out and "GVA aanwezig: nee → ja door anne" in out
    # And the log names fields, never the values
    code, out, _ = run("--user", "ad", "audit", "show", "--case", "IMP-0002", "--json")
    details = {e["action"]: e["detail"] for e in json.loads(out)}
    assert details["youth_correct"] == "velden: given_name, bsn"
    # (the auditor sees which youth an event is about; the details carry no values)
    assert not [d for d in details.values() if "Femke" in d or "999990020" in d]


def test_invalid_values_are_all_listed_and_nothing_is_written(imported):
    run = imported
    before = show(run, "IMP-0002")
    code, out, err = run(
        "--user", "anne", "case", "edit", "IMP-0002",
        "--gva-aanwezig", "misschien", "--gva-triggers", "1,9", "--urgentie", "spoed",
        "--thuiszitter-sinds", "gisteren", "--bsn", "999990011",
    )  # fmt: skip
    assert code == 1 and out == ""
    for flag in ("--gva-aanwezig", "--gva-triggers", "--urgentie", "--thuiszitter-sinds", "--bsn"):
        assert f"Fout: {flag}:" in err, flag
    assert "Traceback" not in err
    # Values that parse but break a rule are listed by the service, under their flag
    code, _, err = run(
        "--user", "anne", "case", "edit", "IMP-0002",
        "--postcode", "12AB", "--bsn", "999990011", "--reden", "x",
    )  # fmt: skip
    assert code == 1 and "Fout: --postcode:" in err and "Fout: --bsn: Dit BSN klopt niet (elfproef)." in err
    after = show(run, "IMP-0002")
    assert after["version"] == before["version"] and after["changes"] == []


def test_escape_sequences_and_invisible_characters_are_refused_and_nothing_is_written(imported):
    run = imported
    before = show(run, "IMP-0002")
    # When someone types an escape sequence (it would reach a terminal through `case show`)
    code, out, err = run(
        "--user", "anne", "case", "edit", "IMP-0002",
        "--achternaam", "Groot\x01\x1b[31m", "--woonplaats", "Assen\x07",
        "--toekomstplan-tekst", "pl\x0ban", "--casusregisseur", "Reg\u200bBos", "--reden", "t",
    )  # fmt: skip
    # Then each field is refused by name, and the store is unchanged
    assert code == 1 and out == "" and "Traceback" not in err
    for flag, found in (
        ("--achternaam", "U+0001"), ("--woonplaats", "U+0007"),
        ("--toekomstplan-tekst", "U+000B"), ("--casusregisseur", "U+200B"),
    ):  # fmt: skip
        assert f"Fout: {flag}:" in err and found in err, flag
    assert "\x1b" not in err  # the refusal never echoes the character itself
    after = show(run, "IMP-0002")
    assert after["version"] == before["version"] and after["changes"] == []


def test_usage_errors_exit_2(imported, capsys):
    run = imported
    with pytest.raises(SystemExit) as caught:
        run("--user", "anne", "case", "edit", "IMP-0002", "--school", "Esdal", "--geen-school")
    assert caught.value.code == 2
    assert "--geen-school: niet toegestaan samen met argument --school" in capsys.readouterr().err
    code, _, err = run("--user", "anne", "case", "edit", "IMP-0002")
    assert code == 2 and "ten minste één wijziging" in err


def test_the_gva_block_refuses_routing_until_a_coordinator_overrides(imported):
    run = imported
    code, _, err = run("--user", "anne", "case", "route", "IMP-0002", "rst", "--reason", "specialist")
    assert code == 1 and "kan alleen naar de route Experttafel" in err and "GVA_MISSING" in err
    code, out, _ = run(
        "--user", "anne", "case", "edit", "IMP-0002", "--gva-override", "Crisis, veiligheid eerst"
    )
    assert code == 0 and "Uitzondering GVA-blokkade" in out
    assert show(run, "IMP-0002")["gva"]["override"]["reason"] == "Crisis, veiligheid eerst"
    assert run("--user", "anne", "case", "route", "IMP-0002", "rst", "--reason", "specialist")[0] == 0

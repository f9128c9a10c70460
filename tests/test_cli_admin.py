"""Accounts and the audit log on the command line, end to end on a real store file."""

# ruff: noqa: F811 - the fixtures `cli` and `with_users` come from tests/test_cli.py

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import PW, cli, with_users  # noqa: F401 - fixtures

NEW = "mijn-eigen-nieuwe-wachtwoord"


def test_user_list_json_keys_and_text(with_users):
    code, out, _ = with_users("--user", "beheer", "user", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and all(set(item) == {"username", "role", "active", "locked_until"} for item in listed)
    assert {item["username"]: (item["role"], item["active"]) for item in listed} == {
        "ad": ("auditor", True),
        "anne": ("coordinator", True),
        "beheer": ("admin", True),
    }
    code, out, _ = with_users("--user", "beheer", "user", "list")
    assert code == 0 and "RET-coördinator" in out and "actief" in out
    code, _, err = with_users("--user", "anne", "user", "list")
    assert code == 1 and "Uw rol" in err


def test_disable_refuses_login_enable_restores_it(with_users):
    cli = with_users
    code, out, _ = cli("--user", "beheer", "user", "disable", "anne")
    assert code == 0 and "gedeactiveerd" in out
    code, _, err = cli("--user", "anne", "case", "show", "X")
    # the same answer as a wrong password (issue 11 §3); the log keeps the reason
    assert code == 1 and err.strip() == "Fout: Onbekende gebruikersnaam of onjuist wachtwoord."
    assert json.loads(cli("--user", "beheer", "user", "list", "--json")[1])[1]["active"] is False
    assert cli("--user", "beheer", "user", "enable", "anne")[0] == 0
    code, _, err = cli("--user", "anne", "case", "show", "X")
    assert code == 1 and "bestaat niet" in err  # logged in again; the case just does not exist


def test_admin_cannot_disable_self_or_the_last_admin(with_users):
    code, _, err = with_users("--user", "beheer", "user", "disable", "beheer")
    assert code == 1 and "eigen account" in err
    code, _, err = with_users("--user", "beheer", "user", "role", "beheer", "auditor")
    assert code == 1 and "eigen rol" in err
    code, _, err = with_users("--user", "beheer", "user", "disable", "niemand")
    assert code == 1 and "bestaat niet" in err


def test_role_change_applies_at_next_login(with_users):
    code, out, _ = with_users("--user", "beheer", "user", "role", "anne", "chair")
    assert code == 0 and "Voorzitter Experttafel" in out
    roles = {
        u["username"]: u["role"]
        for u in json.loads(with_users("--user", "beheer", "user", "list", "--json")[1])
    }
    assert roles["anne"] == "chair"
    code, _, err = with_users("--user", "anne", "import", "cases", "x.csv")
    assert code == 1 and "Uw rol (Voorzitter Experttafel)" in err


def test_reset_password_then_the_user_chooses_a_new_one(with_users, monkeypatch):
    cli = with_users
    code, out, _ = cli(
        "--user", "beheer", "user", "reset-password", "anne", stdin="tijdelijk-paraplu-2026\n" * 2
    )
    assert code == 0 and "volgende login" in out
    monkeypatch.setenv("RET_DESK_PASSWORD", "tijdelijk-paraplu-2026")
    code, _, err = cli("--user", "anne", "case", "show", "X")
    assert code == 1 and "user password" in err
    # Given the temporary password, when the new one is typed twice differently, nothing changes
    code, _, err = cli(
        "--user", "anne", "user", "password", stdin=f"tijdelijk-paraplu-2026\n{NEW}\nanders-anders\n"
    )
    assert code == 1 and "niet gelijk" in err
    code, out, _ = cli("--user", "anne", "user", "password", stdin=f"tijdelijk-paraplu-2026\n{NEW}\n{NEW}\n")
    assert code == 0 and "gewijzigd" in out
    monkeypatch.setenv("RET_DESK_PASSWORD", NEW)
    code, _, err = cli("--user", "anne", "case", "show", "X")
    assert code == 1 and "bestaat niet" in err


def test_own_password_needs_the_current_one(with_users, monkeypatch):
    code, _, err = with_users("--user", "anne", "user", "password", stdin=f"fout-fout-fout\n{NEW}\n{NEW}\n")
    assert code == 1 and "huidige wachtwoord is onjuist" in err
    code, _, _ = with_users("--user", "anne", "user", "password", stdin=f"{PW}\n{NEW}\n{NEW}\n")
    assert code == 0
    code, _, err = with_users("--user", "anne", "case", "show", "X")
    assert code == 1 and "onjuist wachtwoord" in err  # RET_DESK_PASSWORD still holds the old one


def test_audit_show_filters_with_inclusive_dates(with_users, tmp_path):
    cli = with_users
    # Given two cases of one youth (same BSN) and one of another youth
    path = write_csv(tmp_path / "in.csv", [GOOD, second(), {**GOOD, "casusnummer": "IMP-0003"}])
    assert cli("--user", "anne", "import", "cases", str(path))[0] == 0
    assert cli("--user", "anne", "case", "show", "IMP-0003")[0] == 0
    assert cli("--user", "anne", "case", "show", "IMP-0002")[0] == 0

    def shown(*flags):
        code, out, err = cli("--user", "ad", "audit", "show", *flags, "--json")
        assert code == 0, err
        return json.loads(out)

    # When the auditor filters on the youth's BSN, then both of that youth's cases show
    by_bsn = shown("--bsn", GOOD["bsn"])
    assert {e["case_number"] for e in by_bsn} == {"IMP-0001", "IMP-0003"}
    assert {e["action"] for e in by_bsn} == {"case_create", "case_view"}
    assert all(e["youth"] for e in by_bsn)
    assert {e["case_number"] for e in shown("--case", "IMP-0003")} == {"IMP-0003"}
    assert {e["actor"] for e in shown("--gebruiker", "anne")} == {"anne"}
    today = date.today()
    assert len(shown("--bsn", GOOD["bsn"], "--van", today.isoformat(), "--tot", today.isoformat())) == 3
    assert shown("--bsn", GOOD["bsn"], "--tot", (today - timedelta(days=1)).strftime("%d-%m-%Y")) == []
    assert shown("--bsn", GOOD["bsn"], "--van", (today + timedelta(days=1)).isoformat()) == []
    # Reading the log was logged, with the filters but not the BSN
    views = [e for e in shown("--gebruiker", "ad") if e["action"] == "audit_view"]
    assert views and all(GOOD["bsn"] not in e["detail"] for e in views)
    code, out, _ = cli("--user", "ad", "audit", "show", "--case", "IMP-0001")
    assert code == 0 and "IMP-0001" in out


def test_audit_show_refusals(with_users):
    code, _, err = with_users("--user", "ad", "audit", "show", "--bsn", "123456789")
    assert code == 1 and "BSN" in err
    code, _, err = with_users("--user", "ad", "audit", "show", "--case", "BESTAAT-NIET")
    assert code == 1 and "bestaat niet" in err
    code, _, err = with_users("--user", "anne", "audit", "show")
    assert code == 1 and "Uw rol" in err

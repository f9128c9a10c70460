"""NEN 7513 completeness from the command line (issue 10 §3), on both stores: a failed
login, a refused action, reading the log and "werkt namens" each leave a row in
audit_event, checked in the store itself."""

# ruff: noqa: F811 - the fixture `cli` comes from tests/db/test_audit_chain.py

from __future__ import annotations

from sqlalchemy import create_engine, text

from tests.db.test_audit_chain import cli  # noqa: F401 - fixture


def _events(store_url: str, action: str) -> list:
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text(
                    "SELECT actor_name, on_behalf_of, case_number, detail, chain_seq FROM audit_event "
                    "WHERE action = :a ORDER BY id"
                ),
                {"a": action},
            ).all()
    finally:
        engine.dispose()


def test_a_failed_login_is_logged_with_the_name_typed(cli, store_url, monkeypatch):
    monkeypatch.setenv("RET_DESK_PASSWORD", "niet-het-goede-wachtwoord")
    code, _, err = cli("--user", "anne", "case", "show", "X")
    assert code == 1 and "onjuist wachtwoord" in err
    code, _, _ = cli("--user", "niemand", "case", "show", "X")
    assert code == 1
    failed = _events(store_url, "login_failed")
    assert [(e.actor_name, e.detail) for e in failed] == [
        ("anne", "onjuist wachtwoord"),
        ("niemand", "onbekende gebruikersnaam"),
    ]
    assert all(e.chain_seq is not None for e in failed)


def test_a_refused_action_is_logged_with_its_case_number(cli, store_url):
    code, _, err = cli("--user", "ad", "case", "show", "RET-2026-0042")
    assert code == 1 and "Uw rol" in err
    code, _, err = cli("--user", "anne", "audit", "show")  # a streamed service refuses when read
    assert code == 1 and "Uw rol" in err
    refused = [e for e in _events(store_url, "refused") if e.actor_name in ("ad", "anne")]
    assert [(e.actor_name, e.case_number) for e in refused[-2:]] == [("ad", "RET-2026-0042"), ("anne", None)]
    assert refused[-2].detail.startswith("case_detail.get_case: ")
    assert refused[-1].detail.startswith("audit_query.iter_all: ")


def test_reading_and_checking_the_log_are_logged(cli, store_url):
    assert cli("--user", "ad", "audit", "show")[0] == 0
    assert cli("--user", "ad", "audit", "verify")[0] == 0
    assert [e.actor_name for e in _events(store_url, "audit_view")] == ["ad"]
    assert [e.actor_name for e in _events(store_url, "audit_verify")] == ["ad"]


def test_werkt_namens_goes_into_every_event_of_the_command(cli, store_url):
    code, _, _ = cli("--user", "anne", "--namens", "Piet Dienst", "case", "show", "RET-2026-0001")
    assert code == 1  # no such case; the login is logged all the same
    assert _events(store_url, "login")[-1].on_behalf_of == "Piet Dienst"
    code, _, _ = cli("--user", "anne", "--namens", "Piet Dienst", "audit", "show")
    assert code == 1
    assert _events(store_url, "refused")[-1].on_behalf_of == "Piet Dienst"
    code, _, _ = cli("--user", "anne", "case", "show", "RET-2026-0001")
    assert _events(store_url, "login")[-1].on_behalf_of == ""


def test_a_wrong_current_password_when_changing_it_is_a_failed_login(cli, store_url):
    code, _, err = cli("--user", "anne", "user", "password", stdin="fout-fout-fout\nx\nx\n")
    assert code == 1 and "huidige wachtwoord is onjuist" in err
    failed = _events(store_url, "login_failed")[-1]
    assert (failed.actor_name, failed.detail) == ("anne", "onjuist wachtwoord (wachtwoord wijzigen)")

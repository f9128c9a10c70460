"""Login that withstands guessing on the command line (issue 11 §3): the lock after 5
wrong passwords and `user unlock NAAM`, and new passwords asked twice, also when piped
(the first two lines of standard input), refused when weak."""

# ruff: noqa: F811 - the fixtures `cli` and `with_users` come from tests/test_cli.py

from __future__ import annotations

import json

import pytest

from tests.test_cli import PW, cli, with_users  # noqa: F401 - fixtures

REFUSED = "Fout: Onbekende gebruikersnaam of onjuist wachtwoord."


def test_five_wrong_passwords_lock_and_user_unlock_lifts_it(with_users, monkeypatch):
    run = with_users
    monkeypatch.setenv("RET_DESK_PASSWORD", "fout-wachtwoord-123")
    for _ in range(5):
        code, _, err = run("--user", "anne", "user", "list")
        assert (code, err.strip()) == (1, REFUSED)
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)
    # The right password now gets the very same answer
    code, _, err = run("--user", "anne", "user", "list")
    assert (code, err.strip()) == (1, REFUSED)
    code, out, _ = run("--user", "beheer", "user", "list")
    assert code == 0 and "vergrendeld tot" in next(
        line for line in out.splitlines() if line.startswith("anne")
    )
    assert json.loads(run("--user", "beheer", "user", "list", "--json")[1])[1]["locked_until"] is not None
    # Only an administrator unlocks, by the exact name
    code, _, err = run("--user", "ad", "user", "unlock", "anne")
    assert code == 1 and "Uw rol" in err
    code, _, err = run("--user", "beheer", "user", "unlock", "ann")
    assert code == 1 and "bestaat niet" in err and "Traceback" not in err
    code, out, _ = run("--user", "beheer", "user", "unlock", "anne")
    assert code == 0 and "Account anne is ontgrendeld" in out
    assert run("--user", "anne", "case", "show", "X")[2].strip() != REFUSED  # logged in again
    code, out, _ = run("--user", "ad", "audit", "show", "--gebruiker", "anne", "--json")
    actions = [e["action"] for e in json.loads(out)]
    assert actions.count("login_failed") == 6 and actions.count("account_locked") == 1


def test_a_piped_new_password_must_be_given_twice(cli):
    code, _, err = cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n")
    assert code == 1 and "twee keer" in err and "Traceback" not in err
    code, _, err = cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n{PW}x\n")
    assert code == 1 and "niet gelijk" in err
    assert cli("--user", "beheer", "user", "list")[0] == 1  # nothing was made
    assert cli("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n{PW}\n")[0] == 0


def test_reset_password_asks_twice_too(with_users):
    code, _, err = with_users(
        "--user", "beheer", "user", "reset-password", "anne", stdin="fiets-paraplu-42\n"
    )
    assert code == 1 and "niet gelijk" in err
    code, _, _ = with_users(
        "--user", "beheer", "user", "reset-password", "anne", stdin="fiets-paraplu-42\n" * 2
    )
    assert code == 0


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kort-maar", "minstens 12 tekens"),
        ("Welkom2024!!", "te makkelijk te raden"),
        ("nieuwe-collega-2026", "gebruikersnaam"),
    ],
)
def test_weak_new_passwords_are_refused(with_users, password, why):
    code, _, err = with_users(
        "--user", "beheer", "user", "add", "collega", "--role", "chair", stdin=f"{password}\n" * 2
    )
    assert code == 1 and why in err and "Traceback" not in err


def test_a_password_in_the_db_url_on_the_command_line_is_refused(tmp_path, capsys):
    from ret_desk.cli import main

    code = main(["--db", "postgresql+psycopg://ret_owner:geheim-wachtwoord@db.example/ret", "db", "current"])
    err = capsys.readouterr().err
    assert code == 1 and "Zet geen wachtwoord in --db" in err and "geheim-wachtwoord" not in err

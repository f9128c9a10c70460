"""Passwords and login for the command line: RET_DESK_PASSWORD, a prompt, or stdin."""

from __future__ import annotations

import getpass
import os
import sys

from ret_desk.config import ENV_PASSWORD
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import AuthenticationFailed, PasswordChangeRequired
from ret_desk.services.admin import accounts
from ret_desk.services.context import Workspace

_on_behalf_of = ""


def set_on_behalf_of(name: str | None) -> None:
    """`--namens NAAM`: whom this command's user works for; recorded in its every event."""
    global _on_behalf_of
    _on_behalf_of = name or ""


def login(store: Workspace, username: str | None) -> Actor:
    """Who `username` is, after the password; `store` is the workspace cli.entry opened,
    with nobody logged in yet."""
    if not username:
        if not store.personal_logins and not store.call_anonymous(accounts.has_accounts):
            raise AuthenticationFailed(
                "Deze opslag heeft nog geen accounts. Maak eerst een beheerder aan: "
                "ret-desk user add NAAM --role admin"
            )
        raise AuthenticationFailed("Log in met --user NAAM (wachtwoord via RET_DESK_PASSWORD).")
    try:
        return store.authenticate(username, ask_password(username), on_behalf_of=_on_behalf_of)
    except PasswordChangeRequired as exc:
        hint = f" Doe dat met: ret-desk --user {username} user password"
        raise PasswordChangeRequired(exc.message + hint) from None


def ask_password(username: str) -> str:
    """RET_DESK_PASSWORD, or a prompt at a terminal."""
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise AuthenticationFailed("Geen wachtwoord: zet RET_DESK_PASSWORD of gebruik een terminal.")
        password = getpass.getpass(f"Wachtwoord voor {username}: ")
    return password


def login_workspace(store: Workspace, username: str | None) -> Workspace:
    """Log in and return the workspace whose `call(fn, **kw)` runs the services (on a team
    PostgreSQL store connected with the user's own database login)."""
    return store.logged_in(login(store, username))


def new_password() -> str:
    """A new password, asked twice: at a terminal two prompts, otherwise the first two lines
    of standard input, which must be equal (a typo in a script is caught as well)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Nieuw wachtwoord: ")
        second = getpass.getpass("Herhaal het wachtwoord: ")
    else:
        first, second = (sys.stdin.readline().rstrip("\r\n") for _ in range(2))
    if first != second:
        raise AuthenticationFailed(
            "De wachtwoorden zijn niet gelijk. Geef het nieuwe wachtwoord twee keer "
            "(bij invoer via stdin: op de eerste twee regels)."
        )
    return first

"""The rules against password guessing (issue 11 §3): how many wrong passwords in a row
lock an account, for how long, and the one answer every refused login gets."""

from __future__ import annotations

from datetime import datetime, timedelta

from ret_desk.domain.errors import AuthenticationFailed

#: Wrong passwords in a row that lock the account (the count restarts after a lock or a
#: successful login). Migration 0008 repeats both numbers in its PostgreSQL functions.
MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=15)

#: The same words for a wrong password, an unknown name, a locked and a deactivated
#: account, so that the answer tells a guesser nothing (the audit event keeps the reason).
REFUSED = "Onbekende gebruikersnaam of onjuist wachtwoord."

# The reasons kept in the `login_failed` event (never shown at the login).
WRONG_PASSWORD = "onjuist wachtwoord"
UNKNOWN_USER = "onbekende gebruikersnaam"
DISABLED = "account gedeactiveerd"
LOCKED = "account vergrendeld"


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    """Whether a lock that lasts until `locked_until` still holds at `now`."""
    return locked_until is not None and now < locked_until


def lock_end(failed_in_a_row: int, now: datetime) -> datetime | None:
    """When the lock that this failure starts ends, or None when it starts none."""
    return now + LOCK_DURATION if failed_in_a_row >= MAX_FAILED_LOGINS else None


class LoginRefused(AuthenticationFailed):
    """A refused login: always the message REFUSED; `reason` is for the audit event only."""

    def __init__(self, reason: str) -> None:
        super().__init__(REFUSED)
        self.reason = reason

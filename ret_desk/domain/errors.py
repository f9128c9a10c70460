"""Errors the domain and services raise; every message is Dutch and fit for a user."""

from __future__ import annotations


class RetDeskError(Exception):
    """Base of every error that may be shown to a user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RuleViolation(RetDeskError):
    """A domain rule refuses the action (status change, referrer, ...)."""


class PermissionDenied(RetDeskError):
    """The actor's role does not allow the action."""


class StaleEdit(RetDeskError):
    """Someone else changed the record after it was read."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Iemand anders heeft deze gegevens intussen gewijzigd. "
            "Uw wijziging is niet opgeslagen; laad de gegevens opnieuw."
        )


class NotFound(RetDeskError):
    """The record asked for does not exist."""


class AuthenticationFailed(RetDeskError):
    """Wrong user name or password."""


class AccountDisabled(AuthenticationFailed):
    """The credentials are right, but an administrator deactivated the account."""


class PasswordChangeRequired(AuthenticationFailed):
    """The credentials are right, but the password was reset: choose a new one first."""


class StoreError(RetDeskError):
    """The store cannot be used (network share, wrong URL, failed upgrade)."""


class FieldError(RetDeskError):
    """One invalid input field; `field` names it for inline display."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class InvalidInput(RetDeskError):
    """Several field errors at once; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class Cancelled(RetDeskError):
    """The user cancelled long work (an import, a batch proposal, a PDF pack).

    The one way to cancel: the work's progress callback returns False, and
    `domain.progress.report_progress` raises this. Whoever started the work catches it;
    work inside a unit of work is rolled back, so nothing is half-written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "Afgebroken; er is niets opgeslagen.")

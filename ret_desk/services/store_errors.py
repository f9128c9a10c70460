"""Errors of the store itself (an outage, a failing statement) as one Dutch line, so that
the front ends report them without knowing SQLAlchemy (house plan: cli and ui import no
sqlalchemy)."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError, SQLAlchemyError


def store_error_message(exc: BaseException) -> str | None:
    """The message for an error of the store, or None when `exc` is not one."""
    if isinstance(exc, OperationalError):
        return f"Fout: de opslag is niet bereikbaar ({exc.orig})."
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":  # insufficient_privilege
        return "Fout: de opslag weigert dit; uw rol heeft er geen recht op."
    if isinstance(exc, SQLAlchemyError):
        return f"Fout in de opslag: {exc.__class__.__name__}."
    return None

"""The ro3 route record (issue 9; being built)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from ret_desk.db.models import Case
from ret_desk.reports.model import Section


def json_section(session: Session, case: Case) -> dict | None:
    """The record as `case show --json` gives it, or None when the case has none."""
    return None


def summary_section(session: Session, case: Case, scrub: Callable[[str], str]) -> Section | None:
    """The record as a section of the case summary (free text through `scrub`), or None."""
    return None


def case_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    """The record's signals on the case as (code, Dutch message)."""
    return []

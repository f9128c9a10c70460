"""Find a case by its number, or say in Dutch that it does not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import Case, Youth
from ret_desk.domain.errors import NotFound, StaleEdit
from ret_desk.services.access.rows import check_case


def case_by_number(
    session: Session, number: str, expected_version: int | None = None, *, rows: bool = True
) -> Case:
    """The case, checked against the version the caller saw (None: no check) and against
    the caller's rows (need-to-know; `rows=False` only where the caller checks otherwise)."""
    case = session.scalar(select(Case).where(Case.number == number.strip()))
    if case is None:
        raise NotFound(f"Casus {number} bestaat niet.")
    if session.scalar(select(Youth.destroyed_at).where(Youth.id == case.youth_id)) is not None:
        # a destroyed dossier (issue 12 §3) is a tombstone for the counts, not a case to open
        raise NotFound(f"Casus {case.number} is vernietigd; alleen de telling voor de monitor blijft.")
    if rows:
        check_case(session, case)  # need-to-know: the caller's rows (issue 12 §2)
    if expected_version is not None and case.version != expected_version:
        raise StaleEdit(
            f"Iemand anders heeft casus {case.number} intussen gewijzigd. Uw wijziging is "
            "niet opgeslagen; laad de casus opnieuw."
        )
    return case

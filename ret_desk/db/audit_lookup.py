"""The audit log's searches on PostgreSQL, where its readers (auditor, administrator) may
not read youth or case records (issue 10 §2): SECURITY DEFINER functions of migration 0007
turn a BSN, case number or name into ids, and ids into the name the log shows. The
SQLite store keeps its plain queries (services/admin/audit_query.py). Each lookup leaves
an `audit_lookup` event (written by the function, so also from psql); the services commit
them with their reading of the log."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from ret_desk.domain.bsn import bsn_error, is_valid_bsn, normalise_bsn
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound


def on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _ids(session: Session, bsn: str | None, case: str | None, name: str | None) -> list[int]:
    sql = text("SELECT * FROM ret_audit_youth_ids(:b, :c, :n)")
    return sorted(session.scalars(sql, {"b": bsn, "c": case, "n": name}))


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def youth_ids(session: Session, *, bsn: str, youth: str) -> list[int] | None:
    """The ids the filter means (as audit_query._youth_ids), or None without a youth filter."""
    if bsn.strip():
        digits = normalise_bsn(bsn.strip())
        if (problem := bsn_error(digits)) is not None:
            raise InvalidInput([FieldError("bsn", problem)])
        found = _ids(session, digits, None, None)
        if not found:
            raise NotFound("Er is geen jeugdige met dit BSN.")
        return found
    value = youth.strip()
    if not value:
        return None
    digits = normalise_bsn(value)
    if is_valid_bsn(digits):
        return _ids(session, digits, None, None)
    found = _ids(session, None, value, None)
    if found:
        return found
    if len(value) < 2:  # the server refuses a shorter name pattern (no walking the youths)
        raise InvalidInput([FieldError("youth", "Zoek op minstens twee tekens van een naam.")])
    return _ids(session, None, None, _like(value))


def case_ids(session: Session, youth: list[int]) -> list[int]:
    return list(session.scalars(text("SELECT * FROM ret_audit_case_ids(:ids)"), {"ids": youth}))


def case_id(session: Session, number: str) -> int | None:
    return session.scalar(text("SELECT ret_audit_case_id(:n)"), {"n": number})


class YouthNames:
    """The name of each youth an event is about, asked once per youth (active on PostgreSQL)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.active = on_postgresql(session)
        self._known: dict[int, str] = {}

    def name(self, youth_id: int | None, given: str | None, family: str | None) -> str:
        """The name to show; on SQLite the one the query joined (`given`, `family`)."""
        if not self.active:
            return f"{given} {family}" if family is not None else ""
        if youth_id is None:
            return ""
        if youth_id not in self._known:
            found = self._session.scalar(text("SELECT ret_audit_youth_name(:i)"), {"i": youth_id})
            self._known[youth_id] = found or ""
        return self._known[youth_id]

"""Case numbers that cannot collide (issue 10), on SQLite and on PostgreSQL.

Every path that creates a case draws its number here: intake, import (which may bring
its own numbers) and demo data. A series ("RET-2026", or "DEMO" for the demo serial) has
one counter row; drawing is `UPDATE ... SET last_number = last_number + n RETURNING
last_number` in the caller's transaction, which locks that row (PostgreSQL) or takes the
write lock (SQLite) until the caller commits, so a second intake waits and gets the next
number. A case stored with its own number in a series (an import) raises the counter to
it, so a later drawn number never hits it. Should a number still be taken (a store edited
by hand), drawing skips it.
"""

from __future__ import annotations

import re

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ret_desk.db.models import Case, CaseNumberCounter

DEMO_SERIES = "DEMO"
_NUMBER = re.compile(r"^(RET|DEMO)-(\d{4})-(\d{1,9})$")


def series_of(number: str) -> tuple[str, int] | None:
    """("RET-2026", 42) for "RET-2026-00042", ("DEMO", 7) for "DEMO-2025-000007";
    None for a number outside the generated series (an import's "X-17")."""
    match = _NUMBER.match(number.strip())
    if match is None:
        return None
    prefix, year, serial = match.groups()
    return (f"RET-{year}" if prefix == "RET" else DEMO_SERIES), int(serial)


def _highest_stored(session: Session, series: str) -> int:
    like = "DEMO-%" if series == DEMO_SERIES else f"{series}-%"
    found = (series_of(n) for n in session.scalars(select(Case.number).where(Case.number.like(like))))
    return max((s[1] for s in found if s and s[0] == series), default=0)


def _ensure_counter(session: Session, series: str) -> None:
    """Make the series' row, starting at its highest stored number; a concurrent first
    use of the series makes it too, so the second insert does nothing."""
    if session.get(CaseNumberCounter, series) is not None:
        return
    start = _highest_stored(session, series)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - RET Desk runs on these two stores only
        session.execute(insert(CaseNumberCounter).values(series=series, last_number=start))
        return
    stmt = dialect_insert(CaseNumberCounter).values(series=series, last_number=start)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["series"]))


def reserve(session: Session, series: str, count: int = 1) -> int:
    """Reserve `count` numbers of `series` in the caller's transaction; returns the first."""
    _ensure_counter(session, series)
    last = session.execute(
        update(CaseNumberCounter)
        .where(CaseNumberCounter.series == series)
        .values(last_number=CaseNumberCounter.last_number + count)
        .returning(CaseNumberCounter.last_number)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return last - count + 1


def _taken(session: Session, number: str) -> bool:
    return session.scalar(select(Case.id).where(Case.number == number)) is not None


def next_case_number(session: Session, year: int) -> str:
    """The next free RET-<year>-NNNNN, drawn in the caller's transaction."""
    while True:
        number = f"RET-{year}-{reserve(session, f'RET-{year}'):05d}"
        if not _taken(session, number):
            return number


def note_own_number(session: Session, number: str) -> None:
    """A case stored with its own `number`: a later drawn number must pass it."""
    found = series_of(number)
    if found is None:
        return
    series, serial = found
    _ensure_counter(session, series)
    session.execute(
        update(CaseNumberCounter)
        .where(CaseNumberCounter.series == series, CaseNumberCounter.last_number < serial)
        .values(last_number=serial)
        .execution_options(synchronize_session=False)
    )

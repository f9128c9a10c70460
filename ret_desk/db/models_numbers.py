"""The case-number counters (issue 10): one row per series, so that two intakes at once
can never be given the same number.

A number is drawn with `UPDATE case_number_counter SET last_number = last_number + 1
... RETURNING last_number` inside the intake's own transaction. On PostgreSQL that UPDATE
locks the series' row until the intake commits; on SQLite it takes the store's write
lock. Either way the next intake waits and then gets the next number
(services/cases/case_numbers.py).
"""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ret_desk.db.base import Base


class CaseNumberCounter(Base):
    """The highest number given out (or imported) in one series: "RET-2026" for
    RET-2026-00001 and on, "DEMO" for the demo cases' serial."""

    __tablename__ = "case_number_counter"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)

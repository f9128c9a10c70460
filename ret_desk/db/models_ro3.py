"""RO3 (Regie op 3): the parties around a case, the plan's agreements and the reviews.

All three hang on the case. They stay when the case moves to another route (routing keeps
every record); the services then read them but refuse writes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow


class Ro3Party(Base):
    """An organisation involved in the case, with its role and contact person."""

    __tablename__ = "ro3_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(60))
    contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("case_id", "organisation", name="uq_ro3_party_case_organisation"),)


class Ro3Agreement(Base):
    """One agreement of the plan: who (a party) does what by when, and how it ended."""

    __tablename__ = "ro3_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("ro3_party.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    consequence: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    not_kept_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    party: Mapped[Ro3Party] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Ro3Review(Base):
    """An evaluation moment (evaluatie) of the plan, with its report."""

    __tablename__ = "ro3_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    report: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))

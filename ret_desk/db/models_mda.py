"""The MDA++ record of a case: the household system's members, the phases with their dates,
the safety plan's versions, the risk assessments and the system conferences.

Every row hangs on the case; the record stays with the case after it moves to another route
(read-only then, which the services enforce)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ret_desk.db.base import Base, UTCDateTime, utcnow


class MdaMember(Base):
    """A member of the household system; victim or perpetrator where known, never both."""

    __tablename__ = "mda_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    victim: Mapped[bool] = mapped_column(Boolean, default=False)
    perpetrator: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("NOT (victim AND perpetrator)", name="not_both"),)


class MdaPhase(Base):
    """The case entered `phase` on `started_on`; the latest is the current phase."""

    __tablename__ = "mda_phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    phase: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    by_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MdaSafetyPlan(Base):
    """One version of the safety plan; a new text is a new version, older ones are kept."""

    __tablename__ = "mda_safety_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    written_on: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("case_id", "version"),)


class MdaRiskAssessment(Base):
    __tablename__ = "mda_risk_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    instrument: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MdaConference(Base):
    """A system conference (systeemgesprek): who took part, the family included, and its outcome."""

    __tablename__ = "mda_conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    by_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

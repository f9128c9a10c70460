"""The youth, the case with its referral, and the case's route, status and note history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow


class Youth(Base):
    __tablename__ = "youth"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date, index=True)
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)
    gender: Mapped[str] = mapped_column(String(1))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    postcode: Mapped[str] = mapped_column(String(7), default="", server_default="")
    residence: Mapped[str] = mapped_column(String(100), default="", server_default="")
    school: Mapped[str | None] = mapped_column(String(200))
    no_school: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_framework: Mapped[str] = mapped_column(String(20))
    out_of_school_since: Mapped[date | None] = mapped_column(Date)  # thuiszitter sinds
    # A destroyed dossier (issue 12 §3, migration 0011) is a tombstone: no name, no BSN, the
    # birth year kept (birth_date is then 1 January of it), and when it was destroyed.
    birth_year: Mapped[int | None] = mapped_column(Integer)
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    municipality = relationship("Municipality")
    cases: Mapped[list[Case]] = relationship(back_populates="youth")
    family: Mapped[list[FamilyMember]] = relationship(
        order_by="FamilyMember.id", back_populates="youth", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class FamilyMember(Base):
    """A parent, carer or other family member of the youth (left out of pseudonymised prints)."""

    __tablename__ = "family_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    youth_id: Mapped[int] = mapped_column(ForeignKey("youth.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    relation: Mapped[str] = mapped_column(String(50))
    has_authority: Mapped[bool] = mapped_column(Boolean, default=False)  # gezag
    youth: Mapped[Youth] = relationship(back_populates="family")


class Case(Base):
    __tablename__ = "ret_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    youth_id: Mapped[int] = mapped_column(ForeignKey("youth.id"), index=True)
    referral_date: Mapped[date] = mapped_column(Date, index=True)
    referrer_type: Mapped[str] = mapped_column(String(30))
    referrer_organisation: Mapped[str] = mapped_column(String(200))
    referrer_contact: Mapped[str] = mapped_column(String(200), default="")
    help_question: Mapped[str] = mapped_column(Text)
    gva_trigger_mask: Mapped[int] = mapped_column(Integer, default=0)
    gva_present: Mapped[bool] = mapped_column(Boolean, default=False)
    gva_date: Mapped[date | None] = mapped_column(Date)
    target_group_mask: Mapped[int] = mapped_column(Integer, default=0)
    intervention_level: Mapped[int | None] = mapped_column(Integer)
    family_participation: Mapped[str] = mapped_column(String(20))
    case_manager: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str | None] = mapped_column(String(20))
    current_route: Mapped[str | None] = mapped_column(String(20), index=True)
    urgency: Mapped[str] = mapped_column(String(10))
    care_started_on: Mapped[date | None] = mapped_column(Date)
    last_progress_on: Mapped[date] = mapped_column(Date, index=True)
    future_plan: Mapped[bool] = mapped_column(Boolean, default=False)
    future_plan_on: Mapped[date | None] = mapped_column(Date)
    future_plan_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A coordinator's recorded exception to the blocking GVA_MISSING signal (issue 8).
    gva_override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    gva_override_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    gva_override_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    youth: Mapped[Youth] = relationship(back_populates="cases")
    route_history: Mapped[list[RouteAssignment]] = relationship(
        order_by="RouteAssignment.id", back_populates="case"
    )
    status_history: Mapped[list[StatusChange]] = relationship(
        order_by="StatusChange.id", back_populates="case"
    )
    notes: Mapped[list[Note]] = relationship(order_by="Note.id", back_populates="case")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_ret_case_route_status", "current_route", "status"),)


class RouteAssignment(Base):
    __tablename__ = "route_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    from_route: Mapped[str | None] = mapped_column(String(20))
    to_route: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_account_id: Mapped[int | None] = mapped_column(Integer)
    by_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    case: Mapped[Case] = relationship(back_populates="route_history")


class StatusChange(Base):
    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_account_id: Mapped[int | None] = mapped_column(Integer)
    by_name: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    case: Mapped[Case] = relationship(back_populates="status_history")


class Note(Base):
    """A dated working note (werkaantekening); the youth may inspect it (DOMAIN rule 14)."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_account_id: Mapped[int | None] = mapped_column(Integer)
    author_name: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    case: Mapped[Case] = relationship(back_populates="notes")

    __mapper_args__ = {"version_id_col": version}

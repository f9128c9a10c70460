"""Placing a child: the request, every match decision with its reasons, and placements."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow
from ret_desk.db.models_capacity import Location
from ret_desk.db.models_case import Case

#: The statuses of a request still being worked on (domain.placement.RequestStatus OPEN and
#: MATCHED), as the partial index spells them; migration 0007 uses the same text.
OPEN_REQUEST_WHERE = "status IN ('open', 'gematcht')"
RUNNING_PLACEMENT_WHERE = "ended_on IS NULL"


class PlacementRequest(Base):
    __tablename__ = "placement_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    desired_start: Mapped[date] = mapped_column(Date)
    urgency: Mapped[str] = mapped_column(String(10))
    type_code: Mapped[str] = mapped_column(ForeignKey("placement_type.code"))
    rung: Mapped[int | None] = mapped_column(Integer)
    higher_rung_reason: Mapped[str] = mapped_column(Text, default="")
    specialisms: Mapped[str] = mapped_column(Text, default="")
    security: Mapped[str] = mapped_column(String(10), default="open")
    authorisation: Mapped[bool] = mapped_column(Boolean, default=False)
    sibling_cases: Mapped[str] = mapped_column(Text, default="")  # comma list of case numbers
    school_to_keep: Mapped[str] = mapped_column(String(200), default="")
    #: CBS code of the school's municipality: distance counts from there when the school is kept
    school_municipality: Mapped[str] = mapped_column(String(6), default="", server_default="")
    max_distance_km: Mapped[float | None] = mapped_column(Float)
    contra_indications: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), index=True)
    waiting_since: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    case: Mapped[Case] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # One open request per case, held by the store (issue 10): a partial unique index,
        # so that concurrent writers cannot both pass the Python check (migration 0007).
        Index(
            "uq_placement_request_open_case",
            "case_id",
            unique=True,
            sqlite_where=text(OPEN_REQUEST_WHERE),
            postgresql_where=text(OPEN_REQUEST_WHERE),
        ),
    )


class MatchDecision(Base):
    """A logged match: who chose which place, at what rank, why, and the provider's answer."""

    __tablename__ = "match_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("placement_request.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_account_id: Mapped[int | None] = mapped_column(Integer)
    by_name: Mapped[str] = mapped_column(String(100))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    type_code: Mapped[str] = mapped_column(String(30))
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON: the top candidates with their scores
    rationale: Mapped[str] = mapped_column(Text, default="")
    provider_answer: Mapped[str] = mapped_column(String(12), default="open")  # open, akkoord, afgewezen
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    request: Mapped[PlacementRequest] = relationship()
    location: Mapped[Location] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Placement(Base):
    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    youth_id: Mapped[int] = mapped_column(ForeignKey("youth.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("placement_request.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    type_code: Mapped[str] = mapped_column(String(30))
    rung: Mapped[int | None] = mapped_column(Integer)
    started_on: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(30))
    distance_km: Mapped[float] = mapped_column(Float)
    #: where distance_km counts from: thuis, or school when the request kept the school
    distance_from: Mapped[str] = mapped_column(String(10), default="thuis", server_default="thuis")
    stopgap: Mapped[bool] = mapped_column(Boolean, default=False)  # a noodoplossing, not a fit
    rationale: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[Location] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # One running placement per youth, held by the store (issue 10; migration 0007).
        Index(
            "uq_placement_running_youth",
            "youth_id",
            unique=True,
            sqlite_where=text(RUNNING_PLACEMENT_WHERE),
            postgresql_where=text(RUNNING_PLACEMENT_WHERE),
        ),
    )

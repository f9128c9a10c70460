"""Capacity: providers, their locations, what each location offers per placement type,
and the reference data matching runs on (placement types, weights, settings)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow


class PlacementType(Base):
    """A placement type with its rung on the HomeLikeLadder (None: off the ladder)."""

    __tablename__ = "placement_type"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    rung: Mapped[int | None] = mapped_column(Integer)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    label_en: Mapped[str] = mapped_column(String(100), default="", server_default="")
    #: verblijf, scarce or lta: which distance limit applies (domain/region_file.CARE_FORMS)
    care_form: Mapped[str] = mapped_column(String(10), default="verblijf", server_default="verblijf")


class MatchWeight(Base):
    __tablename__ = "match_weight"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[float] = mapped_column(Float)


class RegionSetting(Base):
    """Numbers the region sets (distance limit, stale days, waiting terms)."""

    __tablename__ = "region_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class Provider(Base):
    __tablename__ = "provider"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    agb: Mapped[str] = mapped_column(String(8), unique=True)
    contact: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    locations: Mapped[list[Location]] = relationship(back_populates="provider")

    __mapper_args__ = {"version_id_col": version}


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    agb: Mapped[str] = mapped_column(String(8), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    municipality: Mapped[str] = mapped_column(String(100), index=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    siblings_together: Mapped[bool] = mapped_column(Boolean, default=False)
    scarce: Mapped[str] = mapped_column(String(20), default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    provider: Mapped[Provider] = relationship(back_populates="locations")
    offers: Mapped[list[LocationOffer]] = relationship(
        back_populates="location", order_by="LocationOffer.type_code"
    )

    __mapper_args__ = {"version_id_col": version}


class LocationOffer(Base):
    """One placement type at one location: places, waiting time, who it is for."""

    __tablename__ = "location_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("placement_type.code"), index=True)
    places_total: Mapped[int] = mapped_column(Integer)
    places_free: Mapped[int] = mapped_column(Integer, index=True)
    #: running placements here; kept by the store's own triggers on placement in the same
    #: transaction as the placement (migration 0007), so that the CHECKs below hold under
    #: concurrent writers on both stores and no one can edit the count (issue 10)
    places_taken: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    waiting_days: Mapped[int] = mapped_column(Integer, default=0)
    age_min: Mapped[int] = mapped_column(Integer, default=0)
    age_max: Mapped[int] = mapped_column(Integer, default=23)
    gender: Mapped[str] = mapped_column(String(4), default="alle")
    specialisms: Mapped[str] = mapped_column(Text, default="")  # comma list, lower case
    security: Mapped[str] = mapped_column(String(10), default="open")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[Location] = relationship(back_populates="offers")
    placement_type: Mapped[PlacementType] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("location_id", "type_code"),
        # Free places never below zero; never more placements than places (issue 10).
        CheckConstraint("places_free >= 0", name="places_free_min"),
        CheckConstraint("places_taken >= 0 AND places_taken <= places_total", name="places_taken_max"),
    )

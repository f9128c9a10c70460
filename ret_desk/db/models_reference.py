"""Reference data shipped as data: the region, its municipalities, its routes (with their
kind and deadline terms) and the terms of cases that have no route yet."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base


class Region(Base):
    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    municipalities: Mapped[list[Municipality]] = relationship(back_populates="region")


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cbs_code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    region: Mapped[Region] = relationship(back_populates="municipalities")


class Route(Base):
    """One route of the region (issue 9): its key (what a case's current_route holds), Dutch
    label, kind (what the code keys behaviour on) and deadline terms; edited by an administrator."""

    __tablename__ = "route"

    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    start_days: Mapped[int] = mapped_column(Integer)
    no_progress_months: Mapped[int] = mapped_column(Integer)
    #: JSON object of the kind-specific terms (ro3_review_days, mda_assessment_days, ...)
    extra_terms: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class DeadlineSetting(Base):
    """The agreed terms of cases that have no route yet (key `onverdeeld`); a route's terms
    live on its `Route` row. Edited by an administrator."""

    __tablename__ = "deadline_setting"

    route_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    start_days: Mapped[int] = mapped_column(Integer)
    no_progress_months: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

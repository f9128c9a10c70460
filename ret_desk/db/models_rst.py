"""The RST record: the deployments (inzet) of the Reizend Specialistisch Team on a case."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow
from ret_desk.db.models_case import Case


class RstDeployment(Base):
    """One deployment: which discipline went where, when, for how long, and to what end."""

    __tablename__ = "rst_deployment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    discipline: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(20))
    deployed_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    placement_prevented: Mapped[str] = mapped_column(
        String(10), default="onbekend", server_default="onbekend"
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_account_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    case: Mapped[Case] = relationship()

    __mapper_args__ = {"version_id_col": version}

"""The change history of a case and its youth: who changed which field, when, old → new."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ret_desk.db.base import Base, UTCDateTime, utcnow


class CaseChange(Base):
    """One changed field. `youth_id` is set for fields of the youth, which every case of that
    youth shows; `case_id` is the case the edit was made from."""

    __tablename__ = "case_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    youth_id: Mapped[int | None] = mapped_column(ForeignKey("youth.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_account_id: Mapped[int | None] = mapped_column(Integer)
    by_name: Mapped[str] = mapped_column(String(100))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")

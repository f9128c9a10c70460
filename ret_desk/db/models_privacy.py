"""Need-to-know (issue 12 §2): an emergency access (NEN 7513 "noodtoegang") to a case
outside the rows a role's work needs, with the reason the person gave."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from ret_desk.db.base import Base, UTCDateTime, utcnow


class EmergencyAccess(Base):
    """One stated reason that opens one case to one account until `expires_at`.

    The row is what the store's row rules (and on PostgreSQL its row-level security)
    consult; the audit event `emergency_access` is what the auditor sees."""

    __tablename__ = "emergency_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (Index("ix_emergency_access_account_case", "account_id", "case_id", "expires_at"),)

"""Accounts with their role, and the NEN 7513 audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ret_desk.db.base import Base, UTCDateTime, utcnow


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(30))
    # Deferred: on PostgreSQL no group may select it (ret_desk/db/grants.py SECRET_COLUMNS).
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when an administrator resets the password: the next login must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AuditEvent(Base):
    """One logged read or write (NEN 7513). Youth and case are plain ids, not foreign
    keys: the log must outlive a dossier that is destroyed."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(64), index=True)
    on_behalf_of: Mapped[str] = mapped_column(String(100), default="")
    workstation: Mapped[str] = mapped_column(String(255))
    youth_id: Mapped[int | None] = mapped_column(Integer, index=True)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    case_number: Mapped[str | None] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")

"""Accounts with their role, and the NEN 7513 audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, FetchedValue, Integer, String, Text, false
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
    # Wrong passwords in a row, and the end of a lock (issue 11 §3, domain/lockout.py). Kept
    # apart from `version`: a stranger's failed login must not make an admin's edit stale.
    # Deferred and filled by the store: an administrator logs in to a store not yet upgraded
    # to 0008 (`db upgrade`), which lacks them (services/admin/accounts.lock_columns).
    failed_logins: Mapped[int] = mapped_column(Integer, server_default="0", deferred=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class AuditEvent(Base):
    """One logged read or write (NEN 7513). Youth and case are plain ids, not foreign
    keys: the log must outlive a dossier that is destroyed.

    The chain (issue 10, db/audit_chain.py): the store itself fills `content_digest`
    (SHA-256 of the content), `chain_seq` (the position, in commit order) and `chain_hash`
    (SHA-256 of the previous chain value and this digest) at insert; the app never sets them."""

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
    # FetchedValue: the app's INSERT leaves these out (the store fills them; and a store not
    # yet upgraded, where an administrator logs in to upgrade it, does not have them).
    chain_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True, server_default=FetchedValue())
    content_digest: Mapped[str | None] = mapped_column(String(64), server_default=FetchedValue())
    chain_hash: Mapped[str | None] = mapped_column(String(64), server_default=FetchedValue())
    # Set by a lawful redaction (a destroyed youth's details): the content no longer matches
    # its kept digest, but the chain over the digests still verifies.
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, server_default=FetchedValue())

    __mapper_args__ = {"eager_defaults": False}


class AuditChainHead(Base):
    """One row: the chain's last position and value. Inserting an event updates it under
    its row lock, so concurrent writers on PostgreSQL form one line; `audit verify` also
    checks that the last event is still there."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    chain_hash: Mapped[str] = mapped_column(String(64))

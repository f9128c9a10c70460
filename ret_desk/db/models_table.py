"""The Experttafel: sittings with their members, agenda items with advice and action points."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ret_desk.db.base import Base, UTCDateTime, utcnow
from ret_desk.db.models_case import Case


class TableSession(Base):
    """One sitting (zitting) of the Experttafel."""

    __tablename__ = "table_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5))  # "HH:MM", local time of the sitting
    place: Mapped[str] = mapped_column(String(200), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    chair: Mapped[str] = mapped_column(String(100))
    # The chair's account, where the chair has one (issue 12 §2): a chair sees the cases on
    # the agenda of the sittings they chair or attend.
    chair_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    minute_taker: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    members: Mapped[list[SessionMember]] = relationship(
        order_by="SessionMember.id", back_populates="session", cascade="all, delete-orphan"
    )
    items: Mapped[list[AgendaItem]] = relationship(
        order_by="AgendaItem.position", back_populates="session", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class SessionMember(Base):
    __tablename__ = "session_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("table_session.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    discipline: Mapped[str] = mapped_column(String(30))
    absent: Mapped[bool] = mapped_column(Boolean, default=False)
    # The member's account, where the member has one (issue 12 §2).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    session: Mapped[TableSession] = relationship(back_populates="members")


class AgendaItem(Base):
    """A case on a sitting's agenda, and after the sitting the table's advice on it."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("table_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ret_case.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    slot_start: Mapped[str] = mapped_column(String(5), default="")
    slot_minutes: Mapped[int] = mapped_column(Integer, default=30)
    question: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str] = mapped_column(String(100), default="")
    youth_attends: Mapped[bool] = mapped_column(Boolean, default=False)
    parents_attend: Mapped[bool] = mapped_column(Boolean, default=False)
    considerations: Mapped[str] = mapped_column(Text, default="")
    advice_text: Mapped[str] = mapped_column(Text, default="")
    advice_type: Mapped[str | None] = mapped_column(String(30))
    advice_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    referrer_accepted: Mapped[bool | None] = mapped_column(Boolean)
    follow_up_outcome: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[TableSession] = relationship(back_populates="items")
    case: Mapped[Case] = relationship()
    actions: Mapped[list[ActionItem]] = relationship(
        order_by="ActionItem.id", back_populates="item", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    # The rules the store holds (issue 10): one item per case per sitting (since 0002), and
    # since 0007 one item per position and per start time on a sitting (an item without a
    # time is not planned yet). services/experttafel/agenda.py locks the sitting to assign.
    __table_args__ = (
        UniqueConstraint("session_id", "case_id"),
        Index("uq_agenda_item_position", "session_id", "position", unique=True),
        Index(
            "uq_agenda_item_slot",
            "session_id",
            "slot_start",
            unique=True,
            sqlite_where=text("slot_start <> ''"),
            postgresql_where=text("slot_start <> ''"),
        ),
    )


class ActionItem(Base):
    """An action point (actiepunt) from the table's advice."""

    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100), default="")
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None] = mapped_column(Date)
    item: Mapped[AgendaItem] = relationship(back_populates="actions")

"""Booking slots (one row per unit, profession and start time, counting the seats taken) and the
bookings themselves."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow

OPEN_STATUSES = ("HELD", "CONFIRMED")
"""A booking that still holds its seat and is still to be used."""
_OPEN_SQL = "status IN ('HELD', 'CONFIRMED')"


class BookingSlot(Base):
    """A bookable slot of a unit and profession; ``taken`` counts the seats held or confirmed
    (and used).  Changed only by conditional updates: ``taken < capacity`` to take a seat."""

    __tablename__ = "booking_slots"
    __table_args__ = (
        UniqueConstraint("hcode", "profession", "starts_at"),
        CheckConstraint("taken >= 0", name="taken"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    profession: Mapped[str] = mapped_column(ForeignKey("professions.code"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class Booking(Base):
    """A citizen's booking: HELD (until ``held_until``) → CONFIRMED → USED by the unit's scan, or
    RELEASED (hold expired or given up) / CANCELLED (a confirmed one given up)."""

    __tablename__ = "bookings"
    __table_args__ = (
        Index("uq_bookings_open_per_day", "pid", "hcode", "day", unique=True,
              sqlite_where=text(_OPEN_SQL), postgresql_where=text(_OPEN_SQL)),
        CheckConstraint("status IN ('HELD', 'CONFIRMED', 'USED', 'RELEASED', 'CANCELLED')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(16), unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("booking_slots.id"), index=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    booked_by_pid: Mapped[str] = mapped_column(String(13))  # the citizen, or the relative who booked
    booked_by: Mapped[str] = mapped_column(String(64))  # the principal (line:<account id>)
    hcode: Mapped[str] = mapped_column(String(5), index=True)
    profession: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    phone: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="HELD")
    held_until: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claim_code: Mapped[str | None] = mapped_column(String(12))

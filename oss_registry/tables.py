"""The registry's tables: reference data, units, their managers, staff and schedules.

All on the one :class:`fvs_db.base.Base`; migration ``0002`` creates exactly these.
"""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fvs_db.base import Base, UtcDateTime, utcnow


class UnitType(Base):
    """A kind of innovation unit (pharmacy, dental clinic, …), from ``data/unit_types.json``."""

    __tablename__ = "unit_types"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Profession(Base):
    """A licensed health profession, from ``data/professions.json``."""

    __tablename__ = "professions"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    licence_pattern: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ProfessionUnitType(Base):
    """A profession may serve at units of this type."""

    __tablename__ = "profession_unit_types"

    profession_code: Mapped[str] = mapped_column(ForeignKey("professions.code"), primary_key=True)
    unit_type_code: Mapped[str] = mapped_column(ForeignKey("unit_types.code"), primary_key=True)


class Holiday(Base):
    """A Thai public holiday (``data/holidays/<year>.json``): schedules use day type HOL."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class Unit(Base):
    """An innovation unit, keyed by its 5-digit NHSO code (hcode)."""

    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint(
            "status IN ('applied', 'approved', 'active', 'suspended', 'withdrawn')", name="status"
        ),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates"),
        CheckConstraint("geofence_radius_m > 0", name="radius"),
    )

    hcode: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_type: Mapped[str] = mapped_column(ForeignKey("unit_types.code"), index=True)
    address: Mapped[str] = mapped_column(String(500))
    province: Mapped[str] = mapped_column(String(100), index=True)
    phone_officer: Mapped[str | None] = mapped_column(String(20))
    phone_public: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geofence_radius_m: Mapped[int] = mapped_column(Integer, default=100)
    status: Mapped[str] = mapped_column(String(16), default="applied", index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    staff: Mapped[list[Staff]] = relationship(back_populates="unit", order_by="Staff.id")


class UnitStatusEvent(Base):
    """One change of a unit's status: who, when, why (the audit trail)."""

    __tablename__ = "unit_status_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)


class UnitManager(Base):
    """A person who may act for a unit: its signatory or a delegate, identity verified (ThaID)."""

    __tablename__ = "unit_managers"
    __table_args__ = (
        UniqueConstraint("hcode", "pid"),
        CheckConstraint("role IN ('SIGNATORY', 'DELEGATE')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    pid: Mapped[str] = mapped_column(String(13), index=True)
    role: Mapped[str] = mapped_column(String(16))
    verified_via: Mapped[str] = mapped_column(String(32))
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Staff(Base):
    """A licensed practitioner working at a unit, for a period, in one profession."""

    __tablename__ = "staff"
    __table_args__ = (
        UniqueConstraint("hcode", "pid", "profession"),
        CheckConstraint("verification_status IN ('PENDING', 'VERIFIED', 'REJECTED')", name="verification"),
        CheckConstraint("registration_type IN ('FULL_TIME', 'PART_TIME')", name="registration_type"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    pid: Mapped[str] = mapped_column(String(13), index=True)
    title: Mapped[str] = mapped_column(String(40))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    profession: Mapped[str] = mapped_column(ForeignKey("professions.code"))
    licence_no: Mapped[str] = mapped_column(String(32))
    registration_type: Mapped[str] = mapped_column(String(16), default="FULL_TIME")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    verification_status: Mapped[str] = mapped_column(String(16), default="PENDING")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="staff")
    schedule_rows: Mapped[list[StaffSchedule]] = relationship(
        back_populates="staff", cascade="all, delete-orphan",
        order_by="[StaffSchedule.day_type, StaffSchedule.slot]",
    )


class StaffSchedule(Base):
    """One working time range of a staff member on a day type (MON..SUN or HOL), slot 1 or 2."""

    __tablename__ = "staff_schedules"
    __table_args__ = (
        UniqueConstraint("staff_id", "day_type", "slot"),
        CheckConstraint("day_type IN ('MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'HOL')", name="day_type"),
        CheckConstraint("slot IN (1, 2)", name="slot"),
        CheckConstraint("start_time < end_time", name="range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    day_type: Mapped[str] = mapped_column(String(3))
    slot: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    staff: Mapped[Staff] = relationship(back_populates="schedule_rows")


def string_limits(model: type[Base]) -> dict[str, int]:
    """The maximum length of each ``String`` column of ``model`` (validation mirrors the schema)."""
    return {c.name: c.type.length for c in model.__table__.columns
            if isinstance(c.type, String) and c.type.length is not None}

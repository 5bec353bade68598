"""The citizen registry's tables: rights, citizens with their person-panel fields, the rights
history, registered relatives, PDPA consents, and the audit of look-ups."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fvs_db.base import Base, UtcDateTime, utcnow


class Right(Base):
    """A main health-insurance right (UCS, SSS, OFC, LGO, …; ``NONE`` is สิทธิว่าง)."""

    __tablename__ = "rights"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SubRight(Base):
    """A sub-right within a main right (e.g. UCS 89: ages 12–59)."""

    __tablename__ = "sub_rights"

    right_code: Mapped[str] = mapped_column(ForeignKey("rights.code"), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class Citizen(Base):
    """A person who may be served, with the person panel of the NHSO screens; the PID is validated
    before it gets here.  The current right lives here; earlier ones in :class:`CitizenRight`."""

    __tablename__ = "citizens"
    __table_args__ = (
        CheckConstraint("sex IN ('M', 'F', 'U')", name="sex"),
        ForeignKeyConstraint(
            ["right_code", "sub_right_code"], ["sub_rights.right_code", "sub_rights.code"]
        ),
    )

    pid: Mapped[str] = mapped_column(String(13), primary_key=True)
    title_th: Mapped[str] = mapped_column(String(40))
    first_name_th: Mapped[str] = mapped_column(String(100))
    last_name_th: Mapped[str] = mapped_column(String(100))
    first_name_en: Mapped[str | None] = mapped_column(String(100))
    last_name_en: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str | None] = mapped_column(String(20))
    right_code: Mapped[str] = mapped_column(ForeignKey("rights.code"), index=True)
    sub_right_code: Mapped[str | None] = mapped_column(String(8))
    right_start_date: Mapped[date | None] = mapped_column(Date)
    sub_right_expiry: Mapped[date | None] = mapped_column(Date)
    insurance_card_no: Mapped[str | None] = mapped_column(String(20))
    registered_province: Mapped[str | None] = mapped_column(String(100))
    primary_hcode: Mapped[str | None] = mapped_column(String(5))
    referral_hcode: Mapped[str | None] = mapped_column(String(5))
    main_hcode: Mapped[str | None] = mapped_column(String(5), index=True)
    laser_code: Mapped[str | None] = mapped_column(String(12))  # back of the ID card (LINE registration proof)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    right: Mapped[Right] = relationship(lazy="joined")


class CitizenRight(Base):
    """A right the citizen held over a period (the rights-change history tab); ``end_date`` is
    inclusive, None while it lasts."""

    __tablename__ = "citizen_rights"
    __table_args__ = (
        ForeignKeyConstraint(["right_code", "sub_right_code"], ["sub_rights.right_code", "sub_rights.code"]),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    right_code: Mapped[str] = mapped_column(ForeignKey("rights.code"))
    sub_right_code: Mapped[str | None] = mapped_column(String(8))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    main_hcode: Mapped[str | None] = mapped_column(String(5))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


_ACTIVE = "revoked_at IS NULL"


class Relative(Base):
    """A registered relationship: ``relative_pid`` is the citizen's ``relation`` (PARENT, CHILD,
    …), registered by ``registered_by`` at ``registered_at``, proven by ``proof``."""

    __tablename__ = "relatives"
    __table_args__ = (
        Index("uq_relatives_active_pair", "pid", "relative_pid", unique=True,
              sqlite_where=text(_ACTIVE), postgresql_where=text(_ACTIVE)),
        CheckConstraint("pid <> relative_pid", name="not_self"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    relative_pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    proof: Mapped[str] = mapped_column(String(24))
    registered_by: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Consent(Base):
    """A citizen's consent for a processing purpose (PDPA s.26: biometric data)."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # FACE_VERIFICATION
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    granted_via: Mapped[str] = mapped_column(String(64))  # e.g. "unit:10662" or "line"
    notice_version: Mapped[str] = mapped_column(String(16))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CitizenLookup(Base):
    """Who looked up which citizen, when and why (PDPA audit of every citizen look-up)."""

    __tablename__ = "citizen_lookups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(String(13), index=True)
    principal_id: Mapped[str] = mapped_column(String(64))
    hcode: Mapped[str | None] = mapped_column(String(5), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # PERSON_PANEL, CLAIM_HISTORY, …
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

"""Citizens and their health-insurance rights (the citizen registry)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oss_registry.base import Base, UtcDateTime, utcnow


class Right(Base):
    """A main health-insurance right (UCS, SSS, OFC, LGO, …)."""

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
    """A person who may be served; the PID is validated before it gets here."""

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
    main_hcode: Mapped[str | None] = mapped_column(String(5), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    right: Mapped[Right] = relationship(lazy="joined")


class CitizenLookup(Base):
    """Who looked up which citizen, when and why (PDPA audit of every citizen look-up)."""

    __tablename__ = "citizen_lookups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(String(13), index=True)
    principal_id: Mapped[str] = mapped_column(String(64))
    hcode: Mapped[str | None] = mapped_column(String(5), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # PERSON_PANEL, CLAIM_HISTORY, …
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

"""Claim codes, their audit trail, service types and idempotency keys.

A claim code is what a unit bills NHSO with.  It is issued only by a passing verification and
records, as they were at that moment, the citizen's right, the unit, the profession and on-duty
staff member, the channel with its evidence (similarity, model, liveness, GPS, certifier) and
who recorded it.  At most one *live* code (not cancelled, not rejected on appeal) exists per
citizen, unit, service type and service date: a partial unique index enforces it.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow

LIVE_STATUSES = ("ACTIVE", "PENDING_APPEAL", "APPEAL_APPROVED")
"""Statuses that count as the one live code of a citizen/unit/service/date."""

_LIVE_SQL = "status IN ('ACTIVE', 'PENDING_APPEAL', 'APPEAL_APPROVED')"


class ServiceType(Base):
    """A billable service (``server/reference/service_types.json``); ``prefix`` starts its codes."""

    __tablename__ = "service_types"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2))
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    professions: Mapped[str] = mapped_column(Text, default="")  # comma-separated; empty = any
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(8), default="NHSO")  # NHSO, or FVS (codes "FVS-…")
    effective_from: Mapped[date | None] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)  # inclusive

    def in_effect_on(self, day: date) -> bool:
        """Whether a claim of this service may be issued for a service on ``day``."""
        return (self.active and (self.effective_from is None or self.effective_from <= day)
                and (self.effective_to is None or day <= self.effective_to))


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        Index("uq_claims_live_per_day", "pid", "hcode", "service_type", "service_date", unique=True,
              sqlite_where=text(_LIVE_SQL), postgresql_where=text(_LIVE_SQL)),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    service_type: Mapped[str] = mapped_column(ForeignKey("service_types.code"))
    profession: Mapped[str] = mapped_column(ForeignKey("professions.code"))
    staff_id: Mapped[int | None] = mapped_column(Integer)  # the on-duty staff member (no FK: staff may leave)
    staff_licence_no: Mapped[str | None] = mapped_column(String(32))
    right_code: Mapped[str] = mapped_column(String(8))
    sub_right_code: Mapped[str | None] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16), index=True)
    method: Mapped[str] = mapped_column(String(32))  # e.g. FACE_1TO1, LINE_QR_SELF, SMART_CARD_RELATIVE
    certifier: Mapped[str] = mapped_column(String(16), default="SELF")  # SELF, or GUARDIAN/CAREGIVER/RECORDING_STAFF
    certifier_pid: Mapped[str | None] = mapped_column(String(13))  # the relative who proved presence
    relation: Mapped[str] = mapped_column(String(16), default="SELF")  # their relation, from the relatives registry
    right_rule: Mapped[str] = mapped_column(String(8), default="ALLOW")  # ALLOW, or FLAG for NHSO to look at
    special_reason: Mapped[str | None] = mapped_column(String(32))  # why the smart card path was taken
    similarity: Mapped[float | None] = mapped_column(Float)
    face_threshold: Mapped[float | None] = mapped_column(Float)  # the age band's threshold it was held to
    model_id: Mapped[str | None] = mapped_column(String(64))
    liveness_score: Mapped[float | None] = mapped_column(Float)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    device_id: Mapped[str | None] = mapped_column(String(64))
    service_date: Mapped[date] = mapped_column(Date, index=True)
    service_at: Mapped[datetime] = mapped_column(UtcDateTime)
    phone: Mapped[str] = mapped_column(String(20))
    hn: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    appeal_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(64))
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class ClaimEvent(Base):
    """Audit: every change of a claim with who, when, why and the fields before and after (JSON)."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # ISSUED, EDITED, CANCELLED, APPEAL_APPROVED, …
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` a caller used for an issuing request, and the claim it produced."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (PrimaryKeyConstraint("principal", "key"),)

    principal: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

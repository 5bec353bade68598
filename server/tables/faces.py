"""Face templates (resting on a PDPA consent in the citizen registry), verification attempts,
and the tablets' last GPS fixes.

A template is an L2-normalised embedding stored as float32 bytes with the id of the model that
made it; templates of different models are never compared (changing the model means
re-enrolling).  No photo is ever stored.  A template may only exist while the citizen's consent
for face verification stands: withdrawing consent deletes the templates.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow


class FaceTemplate(Base):
    __tablename__ = "face_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    model_id: Mapped[str] = mapped_column(String(64), index=True)
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    quality: Mapped[float | None] = mapped_column(Float)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consents.id"))
    enrolled_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    enrolled_on: Mapped[date | None] = mapped_column(Date)  # the service date of the enrolment
    enrolled_age_years: Mapped[int | None] = mapped_column(Integer)  # the citizen's age then (template ageing)


class VerificationAttempt(Base):
    """Every verification attempt, passed or refused, for reviewers (never the photo)."""

    __tablename__ = "verification_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    pid: Mapped[str | None] = mapped_column(String(13), index=True)
    hcode: Mapped[str | None] = mapped_column(String(5), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))  # PASSED, REFUSED, ERROR
    reason_codes: Mapped[str] = mapped_column(Text, default="")  # comma-separated
    similarity: Mapped[float | None] = mapped_column(Float)
    face_threshold: Mapped[float | None] = mapped_column(Float)
    liveness_score: Mapped[float | None] = mapped_column(Float)
    model_id: Mapped[str | None] = mapped_column(String(64))
    distance_m: Mapped[float | None] = mapped_column(Float)
    claim_code: Mapped[str | None] = mapped_column(String(12))
    principal_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class LivenessChallenge(Base):
    """A one-time head-turn challenge the server gave a unit's tablet (single use, short-lived)."""

    __tablename__ = "liveness_challenges"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # random, URL-safe
    hcode: Mapped[str] = mapped_column(String(5))
    principal_id: Mapped[str] = mapped_column(String(64))
    steps: Mapped[str] = mapped_column(String(32))  # e.g. "left,right"
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DeviceFix(Base):
    """The last GPS fix each tablet sent, for the impossible-travel check."""

    __tablename__ = "device_fixes"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    fix_time: Mapped[datetime] = mapped_column(UtcDateTime)

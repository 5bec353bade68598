"""The LINE OA package's tables: consent decisions, LINE accounts (PIN hash and lockout), OTP
challenges, family members, and the counters that throttle identity checks."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow


class LineConsentDecision(Base):
    """A LINE user accepted or declined a version of the consent notice, at a time (PDPA)."""

    __tablename__ = "line_consent_decisions"
    __table_args__ = (CheckConstraint("decision IN ('ACCEPTED', 'DECLINED')", name="decision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line_user_id: Mapped[str] = mapped_column(String(64), index=True)
    notice_version: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(8))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LineAccount(Base):
    """A citizen's own LINE account: one LINE user, one PID, the verified mobile phone, the PIN
    (argon2) and its lockout."""

    __tablename__ = "line_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line_user_id: Mapped[str] = mapped_column(String(64), unique=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), unique=True)
    phone: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    pin_failures: Mapped[int] = mapped_column(Integer, default=0)
    lock_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    pin_changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    relinked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OtpChallenge(Base):
    """A one-time password sent to a phone: only its HMAC is kept, with the reference code the
    SMS shows, the expiry and the wrong attempts."""

    __tablename__ = "line_otp_challenges"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    line_user_id: Mapped[str] = mapped_column(String(64), index=True)
    purpose: Mapped[str] = mapped_column(String(16))  # REGISTER, RESET_PIN
    phone: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(8))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


_LISTED = "removed_at IS NULL"


class LineMember(Base):
    """Another person on a LINE account's member list ("เพิ่มบุคคลอื่น"): their contact phone and
    what the holder declared they are to the holder (``relation``: PARENT = the member is the
    holder's father or mother).  The relationship itself lives in the relatives registry."""

    __tablename__ = "line_members"
    __table_args__ = (
        Index("uq_line_members_listed", "account_id", "pid", unique=True,
              sqlite_where=text(_LISTED), postgresql_where=text(_LISTED)),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id"), index=True)
    pid: Mapped[str] = mapped_column(ForeignKey("citizens.pid"), index=True)
    phone: Mapped[str] = mapped_column(String(20))
    relation: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LineThrottle(Base):
    """Failed identity checks counted per key (a LINE user, a PID) within a window."""

    __tablename__ = "line_throttles"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

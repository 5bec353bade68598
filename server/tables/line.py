"""The server's tables for the citizens' LINE pages and the unit QR codes: citizen sessions (the
``fvs_line`` cookie) and each unit's QR settings."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import bookings.tables  # noqa: F401  (the booking package's tables join the one metadata here)
import line_oa.tables  # noqa: F401  (and the LINE OA package's)
from fvs_db.base import Base, UtcDateTime, utcnow


class LineSession(Base):
    """A citizen's session in the LINE pages: opened by a verified LIFF ID token (``line_user_id``),
    ``authenticated`` once the PIN (or a registration's OTP) was accepted.  The cookie holds the
    raw token; only its SHA-256 is stored.  ``draft`` keeps a registration or PIN reset in
    progress (JSON: PID, checks passed, the new PIN's hash, OTP challenge id)."""

    __tablename__ = "line_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    line_user_id: Mapped[str] = mapped_column(String(64), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("line_accounts.id"), index=True)
    authenticated: Mapped[bool] = mapped_column(Boolean, default=False)
    draft: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class UnitQrSetting(Base):
    """Which kinds of unit QR a unit accepts (the printed static QR, the rotating one its screen
    shows) and the version of its static QRs (raising it voids every QR printed before)."""

    __tablename__ = "unit_qr_settings"

    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), primary_key=True)
    accept_static: Mapped[bool] = mapped_column(Boolean, default=True)
    accept_rotating: Mapped[bool] = mapped_column(Boolean, default=True)
    static_version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

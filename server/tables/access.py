"""Who may call FVS: personal accounts and bearer tokens (unit devices and login sessions).

Tokens are shown once and stored only as a SHA-256 hash; a device token is scoped to one unit
(like NHSO's KIOSK tokens), revocable, and remembers when it was last used.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # UNIT_STAFF, UNIT_ADMIN, NHSO_REVIEWER, NHSO_ADMIN
    hcode: Mapped[str | None] = mapped_column(ForeignKey("units.hcode"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AccessToken(Base):
    __tablename__ = "access_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # DEVICE or SESSION
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists to tell tokens apart
    name: Mapped[str] = mapped_column(String(100))
    hcode: Mapped[str | None] = mapped_column(ForeignKey("units.hcode"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginThrottle(Base):
    """Failed logins per account (``user:<name>``) and per client address (``ip:<addr>``)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    locks: Mapped[int] = mapped_column(Integer, default=0)  # how often locked: each lock lasts longer
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)

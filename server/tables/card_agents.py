"""Card agents (a unit's smart-card reader service, known by its Ed25519 public key) and the
single-use nonces FVS issues them, so that a signed card read proves a fresh read.

A nonce is issued to one agent, expires ``NONCE_TTL`` after it was issued (see
``server/services/card_reads.py``) and is used at most once (``used_at``).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime, utcnow


class CardAgent(Base):
    __tablename__ = "card_agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hcode: Mapped[str] = mapped_column(ForeignKey("units.hcode"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32 raw Ed25519 bytes
    key_id: Mapped[str] = mapped_column(String(32), unique=True)  # sha256(raw key), 32 hex digits
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CardReadNonce(Base):
    __tablename__ = "card_read_nonces"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("card_agents.id"), index=True)
    issued_by: Mapped[str] = mapped_column(String(64))  # the device principal that asked (device:7)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

"""Signed card reads FVS accepted and acted on, kept as evidence.

A smart-card claim keeps the read of the card that proved presence (``HOLDER``) and, when one
was read, the certifier's (``CERTIFIER``); a chip-photo enrolment keeps the read whose photo it
compared (``CHIP_PHOTO``).  The row holds what the server verified — agent, reader, ATR, read
time, nonce, the card's PID, name, dates and photo hash — and the record exactly as signed with
its signature, so anyone holding the agent's public key can check it again later.  The photo
itself is never stored.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime


class CardReadRecord(Base):
    __tablename__ = "card_read_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    purpose: Mapped[str] = mapped_column(String(16))  # HOLDER, CERTIFIER, CHIP_PHOTO
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    face_template_id: Mapped[int | None] = mapped_column(Integer)  # no FK: erasing a face keeps the proof
    hcode: Mapped[str] = mapped_column(String(5))
    agent_id: Mapped[int] = mapped_column(ForeignKey("card_agents.id"))
    agent_key_id: Mapped[str] = mapped_column(String(32))
    pid: Mapped[str] = mapped_column(String(13), index=True)  # the card's
    name_th: Mapped[str] = mapped_column(String(400))
    birth_date: Mapped[str] = mapped_column(String(10))  # ISO, reduced for a partly unknown date
    sex: Mapped[str] = mapped_column(String(1))
    issue_date: Mapped[date] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)  # None: a lifelong card
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    reader: Mapped[str] = mapped_column(String(200))
    atr: Mapped[str] = mapped_column(String(200))
    nonce: Mapped[str] = mapped_column(String(200))
    read_at: Mapped[datetime] = mapped_column(UtcDateTime)
    record: Mapped[str] = mapped_column(Text)  # the canonical JSON that was signed
    signature: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)

"""Appeals of smart-card claims (อุทธรณ์): what the unit filed and the documents it attached.

A smart-card verification issues its claim as ``PENDING_APPEAL``; the claim's unit then files
one appeal (reason, free text, attachments) within the deadline of the policy data, and an NHSO
reviewer decides it (the decision is the claim's status, ``reviewed_by``/``reviewed_at`` and
``review_note``).  Every step is also a ``claim_events`` row.

Attachments are kept in the database with their content type (sniffed from the bytes, not the
client's word), size and SHA-256; their bytes are loaded only when one is downloaded.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fvs_db.base import Base, UtcDateTime


class Appeal(Base):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), unique=True)  # one appeal per claim
    reason_code: Mapped[str] = mapped_column(String(32))  # from the policy's smart_card.reasons
    text: Mapped[str] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(64))  # a principal of the claim's unit
    filed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the filing deadline in force when filed


class AppealAttachment(Base):
    __tablename__ = "appeal_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))  # as the unit named it, cleaned
    content_type: Mapped[str] = mapped_column(String(32))  # image/jpeg, image/png, application/pdf
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)

"""Keeping the signed card reads FVS acted on (:class:`~server.tables.CardReadRecord`).

:func:`keep` stores a read :func:`~server.services.card_reads.verify_signed_read` accepted,
with the record exactly as it was signed and its signature, linked to the claim it proved or
the face template it enrolled.  Nothing is logged but the row's id and purpose.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from card_agent.protocol import canonical_json
from server.services.card_reads import VerifiedCardRead
from server.tables import CardReadRecord

log = logging.getLogger("fvs.card_reads")


class ReadPurpose(StrEnum):
    HOLDER = "HOLDER"  # the card that proved presence on the smart-card path
    CERTIFIER = "CERTIFIER"  # the certifier's own card, when it was read
    CHIP_PHOTO = "CHIP_PHOTO"  # the card whose chip photo a face enrolment was compared with


def _name(read: VerifiedCardRead) -> str:
    parts = [read.first_name_th, read.middle_name_th, read.last_name_th]
    return (read.title_th or "") + " ".join(p for p in parts if p)


def keep(session: Session, *, read: VerifiedCardRead, signed: Mapping[str, object], purpose: ReadPurpose, by: str,
         now: datetime, claim_id: int | None = None, face_template_id: int | None = None) -> CardReadRecord:
    """Store an accepted read (``signed`` is the ``{record, signature}`` that was verified)."""
    record = signed["record"]
    assert isinstance(record, Mapping)
    row = CardReadRecord(
        purpose=purpose.value, claim_id=claim_id, face_template_id=face_template_id, hcode=read.hcode,
        agent_id=read.agent_id, agent_key_id=read.key_id, pid=read.pid, name_th=_name(read),
        birth_date=read.birth_date, sex=read.sex, issue_date=read.issue_date, expiry_date=read.expiry_date,
        photo_sha256=read.photo_sha256, reader=read.reader, atr=read.atr, nonce=read.nonce, read_at=read.read_at,
        record=canonical_json(record).decode("utf-8"), signature=str(signed["signature"]), recorded_by=by,
        recorded_at=now)
    session.add(row)
    session.flush()
    log.info("card read kept as %s (record %s)", purpose.value, row.id)
    return row


def for_claim(session: Session, *, claim_id: int) -> list[CardReadRecord]:
    """The reads a claim was issued on, the holder's first."""
    rows = session.scalars(select(CardReadRecord).where(CardReadRecord.claim_id == claim_id)
                           .order_by(CardReadRecord.id))
    return sorted(rows, key=lambda r: (r.purpose != ReadPurpose.HOLDER, r.id))

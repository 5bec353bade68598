"""PDPA consents: grant, look up, withdraw.  What a withdrawal erases (face templates) is the
business of the purpose's owner; the registry only records the consent and when it ended."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens.tables import Consent
from fvs_db.base import utcnow

FACE_PURPOSE = "FACE_VERIFICATION"
NOTICE_VERSION = "2569-1"  # the privacy notice text shown to the citizen (docs/privacy.md)


def active_consent(session: Session, pid: str, purpose: str = FACE_PURPOSE) -> Consent | None:
    return session.scalars(
        select(Consent)
        .where(Consent.pid == pid, Consent.purpose == purpose, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
    ).first()


def grant_consent(session: Session, pid: str, via: str, purpose: str = FACE_PURPOSE,
                  notice_version: str = NOTICE_VERSION) -> Consent:
    """Record consent (or return the standing one)."""
    existing = active_consent(session, pid, purpose)
    if existing is not None:
        return existing
    consent = Consent(pid=pid, purpose=purpose, granted_via=via, notice_version=notice_version)
    session.add(consent)
    session.flush()
    return consent


def withdraw_consent(session: Session, pid: str, purpose: str = FACE_PURPOSE,
                     at: datetime | None = None) -> Consent | None:
    """End the standing consent; returns it (None when there was none)."""
    consent = active_consent(session, pid, purpose)
    if consent is not None:
        consent.withdrawn_at = at or utcnow()
        session.flush()
    return consent

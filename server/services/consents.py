"""PDPA consent for biometric processing: grant, look up, withdraw (which erases templates)."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from oss_registry.base import utcnow
from server.tables import Consent, FaceTemplate

FACE_PURPOSE = "FACE_VERIFICATION"
NOTICE_VERSION = "2569-1"  # the privacy notice text shown to the citizen (docs/privacy.md)


def active_consent(session: Session, pid: str, purpose: str = FACE_PURPOSE) -> Consent | None:
    return session.scalars(
        select(Consent)
        .where(Consent.pid == pid, Consent.purpose == purpose, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
    ).first()


def grant_consent(session: Session, pid: str, via: str, purpose: str = FACE_PURPOSE) -> Consent:
    """Record consent (or return the standing one)."""
    existing = active_consent(session, pid, purpose)
    if existing is not None:
        return existing
    consent = Consent(pid=pid, purpose=purpose, granted_via=via, notice_version=NOTICE_VERSION)
    session.add(consent)
    session.flush()
    return consent


def withdraw_consent(session: Session, pid: str, purpose: str = FACE_PURPOSE) -> list[int]:
    """Withdraw consent and erase every face template resting on it; returns the erased ids."""
    consent = active_consent(session, pid, purpose)
    if consent is None:
        return []
    ids = list(session.scalars(select(FaceTemplate.id).where(FaceTemplate.pid == pid)))
    session.execute(delete(FaceTemplate).where(FaceTemplate.pid == pid))
    consent.withdrawn_at = utcnow()
    session.flush()
    return ids

"""Appeals (อุทธรณ์) of smart-card claims: the unit files, NHSO decides.

* A smart-card claim is issued ``PENDING_APPEAL``.  Its own unit — unit roles only, never NHSO
  — files **one** appeal (:func:`file_appeal`): the reason (the claim's special reason unless
  another from the policy's list is given, checked against the citizen's age), an explanation
  (length limits in the policy data) and attachments (JPEG, PNG or PDF by their bytes; count and
  size limits in the policy data), until the filing deadline (:mod:`server.services.appeal_policy`).
  Documents may be added until the same deadline (:func:`add_attachments`).
* NHSO reviewers decide with :func:`server.services.claims.review_appeal` (an unfiled appeal
  cannot be approved).  Every step is a ``claim_events`` row: ``APPEAL_FILED``,
  ``ATTACHMENT_ADDED``, ``APPEAL_APPROVED``/``APPEAL_REJECTED``.
* Attachments' bytes are never logged; the log names the claim code and counts only.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, undefer

from citizens.registry import get_citizen
from server.decision import load_policy
from server.decision.reasons import CATALOGUE as REASONS
from server.errors import CATALOGUE
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.appeal_errors import appeal_error
from server.services.appeal_policy import AppealPolicy, load_appeal_policy
from server.services.claim_status import ClaimStatus
from server.services.claims import get_claim
from server.tables import Appeal, AppealAttachment, Claim, ClaimEvent
from thai_civil.calendar import age_on, format_be_date, service_date

log = logging.getLogger("fvs.appeals")

UNIT_ROLES = (Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN)
UNDER_APPEAL = (ClaimStatus.PENDING_APPEAL, ClaimStatus.APPEAL_APPROVED, ClaimStatus.APPEAL_REJECTED)
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg", "jpg"), (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
          (b"%PDF-", "application/pdf", "pdf"))
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|]+")


class AppealStatus(StrEnum):
    NOT_FILED = "NOT_FILED"  # pending, the unit has not filed yet
    FILED = "FILED"  # pending, waiting for NHSO
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"  # the unit cancelled the claim after filing


@dataclass(frozen=True)
class Upload:
    """An attachment as the unit sent it (bytes read within the size limit at the edge)."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class AppealRow:
    """One line of an appeal list."""

    claim: Claim
    appeal: Appeal | None
    status: AppealStatus
    deadline: datetime  # the first late instant
    overdue: bool  # not filed, and the deadline has passed
    attachment_count: int

    @property
    def last_filing_day(self) -> date:
        return service_date(self.deadline - timedelta(microseconds=1))


def status_of(claim: Claim, appeal: Appeal | None) -> AppealStatus:
    if claim.status == ClaimStatus.PENDING_APPEAL:
        return AppealStatus.FILED if appeal is not None else AppealStatus.NOT_FILED
    if claim.status == ClaimStatus.APPEAL_APPROVED:
        return AppealStatus.APPROVED
    if claim.status == ClaimStatus.APPEAL_REJECTED:
        return AppealStatus.REJECTED
    return AppealStatus.CANCELLED


def appeal_of(session: Session, *, claim_id: int) -> Appeal | None:
    return session.scalars(select(Appeal).where(Appeal.claim_id == claim_id)).first()


def attachments_of(session: Session, *, appeal_id: int) -> list[AppealAttachment]:
    """The attachments' descriptions (their bytes stay in the database)."""
    return list(session.scalars(select(AppealAttachment).where(AppealAttachment.appeal_id == appeal_id)
                                .order_by(AppealAttachment.id)))


def _deadline_error(policy: AppealPolicy, claim: Claim) -> Exception:
    deadline = policy.filing_deadline(claim.service_date)
    return appeal_error("APPEAL_DEADLINE_PASSED", deadline=deadline.isoformat(),
                        deadline_be=format_be_date(policy.last_filing_day(claim.service_date)))


def _unit_claim(session: Session, principal: Principal, code: str, now: datetime) -> tuple[Claim, AppealPolicy]:
    """The claim a unit principal may appeal now: its own unit's, pending, within the deadline."""
    require_role(principal, *UNIT_ROLES)
    claim = get_claim(session, principal=principal, code=code)
    if claim.status != ClaimStatus.PENDING_APPEAL:
        raise CATALOGUE.error("NOT_PENDING_APPEAL", claim_status=claim.status)
    policy = load_appeal_policy()
    if now >= policy.filing_deadline(claim.service_date):
        raise _deadline_error(policy, claim)
    return claim, policy


def _sniff(data: bytes) -> tuple[str, str] | None:
    return next(((ctype, ext) for magic, ctype, ext in _MAGIC if data.startswith(magic)), None)


def _clean_name(name: str, ext: str, index: int) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE_NAME.sub("_", base).strip(" ._")[:200]
    return base or f"attachment-{index}.{ext}"


def _checked(policy: AppealPolicy, uploads: Sequence[Upload], already: int) -> list[tuple[Upload, str, str]]:
    if already + len(uploads) > policy.max_attachments:
        raise appeal_error("APPEAL_TOO_MANY_ATTACHMENTS", limit=policy.max_attachments, field="attachments")
    out = []
    for upload in uploads:
        if not upload.data:
            raise appeal_error("APPEAL_ATTACHMENT_EMPTY", field="attachments")
        if len(upload.data) > policy.max_attachment_bytes:
            raise appeal_error("APPEAL_ATTACHMENT_TOO_LARGE", limit_bytes=policy.max_attachment_bytes,
                               field="attachments")
        sniffed = _sniff(upload.data)
        if sniffed is None or sniffed[0] not in policy.attachment_types:
            raise appeal_error("APPEAL_ATTACHMENT_TYPE", accepted=sorted(policy.attachment_types),
                               field="attachments")
        out.append((upload, *sniffed))
    return out


def _event(session: Session, claim: Claim, action: str, by: str, at: datetime, reason: str | None = None,
           after: dict | None = None) -> None:
    session.add(ClaimEvent(claim_id=claim.id, action=action, by=by, at=at, reason=reason,
                           after=None if after is None else json.dumps(after, ensure_ascii=False)))


def _attach(session: Session, claim: Claim, appeal: Appeal, files: list[tuple[Upload, str, str]], *, by: str,
            now: datetime, first_index: int) -> None:
    for i, (upload, ctype, ext) in enumerate(files, start=first_index):
        row = AppealAttachment(appeal_id=appeal.id, filename=_clean_name(upload.filename, ext, i), content_type=ctype,
                               size_bytes=len(upload.data), sha256=hashlib.sha256(upload.data).hexdigest(),
                               content=upload.data, added_by=by, added_at=now)
        session.add(row)
        session.flush()
        _event(session, claim, "ATTACHMENT_ADDED", by, now, after={
            "attachment_id": row.id, "filename": row.filename, "content_type": ctype, "size_bytes": row.size_bytes,
            "sha256": row.sha256})


def _reason(session: Session, claim: Claim, code: str | None) -> str:
    chosen = load_policy().special_reason((code or claim.special_reason or "").strip().upper())
    if chosen is None:
        raise REASONS.error("SPECIAL_REASON_REQUIRED", field="reason_code")
    age = age_on(get_citizen(session, claim.pid).birth_date, claim.service_date).years
    if chosen.max_age is not None and age > chosen.max_age:
        raise REASONS.error("SPECIAL_REASON_NOT_FOR_AGE", field="reason_code")
    return chosen.code


def file_appeal(session: Session, *, principal: Principal, code: str, text: str, reason_code: str | None,
                attachments: Sequence[Upload], now: datetime) -> Appeal:
    """The claim's unit files its appeal, once, before the deadline (audited)."""
    claim, policy = _unit_claim(session, principal, code, now)
    if appeal_of(session, claim_id=claim.id) is not None:
        raise appeal_error("APPEAL_ALREADY_FILED", claim_code=claim.code)
    text = (text or "").strip()
    if not policy.text_min_chars <= len(text) <= policy.text_max_chars:
        raise appeal_error("APPEAL_TEXT_INVALID", min_chars=policy.text_min_chars, max_chars=policy.text_max_chars,
                           field="text")
    reason = _reason(session, claim, reason_code)
    files = _checked(policy, attachments, 0)
    deadline = policy.filing_deadline(claim.service_date)
    appeal = Appeal(claim_id=claim.id, reason_code=reason, text=text, filed_by=principal.id, filed_at=now,
                    due_at=deadline)
    session.add(appeal)
    session.flush()
    _event(session, claim, "APPEAL_FILED", principal.id, now, text,
           {"reason_code": reason, "attachments": len(files), "due_at": deadline.isoformat()})
    _attach(session, claim, appeal, files, by=principal.id, now=now, first_index=1)
    session.flush()
    log.info("appeal of %s filed by %s with %d attachment(s)", claim.code, principal.id, len(files))
    return appeal


def add_attachments(session: Session, *, principal: Principal, code: str, attachments: Sequence[Upload],
                    now: datetime) -> Appeal:
    """More documents for a filed appeal, by its unit, until the filing deadline (audited)."""
    claim, policy = _unit_claim(session, principal, code, now)
    appeal = appeal_of(session, claim_id=claim.id)
    if appeal is None:
        raise appeal_error("APPEAL_NOT_FILED", deadline=policy.filing_deadline(claim.service_date).isoformat(),
                           deadline_be=format_be_date(policy.last_filing_day(claim.service_date)))
    if not attachments:
        raise appeal_error("APPEAL_ATTACHMENT_EMPTY", field="attachments")
    already = len(attachments_of(session, appeal_id=appeal.id))
    _attach(session, claim, appeal, _checked(policy, attachments, already), by=principal.id, now=now,
            first_index=already + 1)
    session.flush()
    log.info("%d attachment(s) added to the appeal of %s by %s", len(attachments), claim.code, principal.id)
    return appeal


def attachment(session: Session, *, principal: Principal, code: str, attachment_id: int) -> AppealAttachment:
    """One attachment with its bytes: for NHSO, or for the claim's own unit."""
    claim = get_claim(session, principal=principal, code=code)
    appeal = appeal_of(session, claim_id=claim.id)
    row = None if appeal is None else session.scalars(
        select(AppealAttachment).options(undefer(AppealAttachment.content))
        .where(AppealAttachment.id == attachment_id, AppealAttachment.appeal_id == appeal.id)).first()
    if row is None:
        raise appeal_error("APPEAL_ATTACHMENT_NOT_FOUND", attachment_id=attachment_id)
    return row


_STATUS_SQL = {
    AppealStatus.NOT_FILED: and_(Claim.status == ClaimStatus.PENDING_APPEAL, Appeal.id.is_(None)),
    AppealStatus.FILED: and_(Claim.status == ClaimStatus.PENDING_APPEAL, Appeal.id.is_not(None)),
    AppealStatus.APPROVED: Claim.status == ClaimStatus.APPEAL_APPROVED,
    AppealStatus.REJECTED: Claim.status == ClaimStatus.APPEAL_REJECTED,
    AppealStatus.CANCELLED: and_(Claim.status == ClaimStatus.CANCELLED, Appeal.id.is_not(None)),
}


def _listing(status: AppealStatus | None, hcode: str | None) -> Select:
    q = (select(Claim, Appeal).outerjoin(Appeal, Appeal.claim_id == Claim.id)
         .where(or_(Claim.status.in_(UNDER_APPEAL), Appeal.id.is_not(None))))
    if status is not None:
        q = q.where(_STATUS_SQL[status])
    return q if hcode is None else q.where(Claim.hcode == hcode)


def list_appeals(session: Session, *, principal: Principal, status: AppealStatus | None, hcode: str | None,
                 now: datetime, limit: int = 50, offset: int = 0) -> tuple[int, list[AppealRow]]:
    """Smart-card claims and their appeals, the oldest first: NHSO sees every unit's, a unit its own."""
    if hcode:
        ensure_unit_access(principal, hcode)
    elif not principal.is_nhso:
        hcode = principal.hcode
    q = _listing(status, hcode or None)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    pairs = session.execute(q.order_by(Claim.created_at, Claim.id).limit(limit).offset(offset)).all()
    ids = [a.id for _, a in pairs if a is not None]
    counts = dict(session.execute(select(AppealAttachment.appeal_id, func.count()).where(
        AppealAttachment.appeal_id.in_(ids)).group_by(AppealAttachment.appeal_id)).all()) if ids else {}
    policy = load_appeal_policy()
    rows = []
    for claim, appeal in pairs:
        state = status_of(claim, appeal)
        deadline = policy.filing_deadline(claim.service_date)
        rows.append(AppealRow(claim, appeal, state, deadline, state is AppealStatus.NOT_FILED and now >= deadline,
                              counts.get(appeal.id, 0) if appeal else 0))
    return total, rows


__all__ = ["AppealRow", "AppealStatus", "Upload", "add_attachments", "appeal_of", "attachment", "attachments_of",
           "file_appeal", "list_appeals", "status_of"]

"""Claim codes: issue (once per idempotency key), read, edit, cancel, appeal review, history.

Every change writes a :class:`ClaimEvent` with who, when, why and the changed fields before
and after.  Unit principals only ever see and change their own unit's claims.  Status changes
follow :data:`server.services.claim_status.TRANSITIONS`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.decision.reasons import CATALOGUE as REASONS
from server.errors import CATALOGUE
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.appeal_errors import appeal_error
from server.services.appeal_policy import load_appeal_policy
from server.services.claim_codes import make_code
from server.services.claim_status import LIVE, ClaimAction, ClaimStatus, next_status
from server.tables import Appeal, Claim, ClaimEvent, IdempotencyKey, ServiceType
from thai_civil.calendar import format_be_date

MAX_CODE_ATTEMPTS = 8
EDITORS = (Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
REVIEWERS = (Role.NHSO_REVIEWER, Role.NHSO_ADMIN)


@dataclass(frozen=True)
class ClaimFacts:
    """What the channel proved, frozen into the claim (method, certifier, scores, GPS …)."""

    method: str
    certifier: str = "SELF"
    certifier_pid: str | None = None
    relation: str = "SELF"
    similarity: float | None = None
    face_threshold: float | None = None
    model_id: str | None = None
    liveness_score: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    distance_m: float | None = None
    device_id: str | None = None
    special_reason: str | None = None
    appeal_reason: str | None = None


@dataclass(frozen=True)
class ClaimDraft:
    """Everything a passing verification knows, to be frozen into a claim."""

    pid: str
    hcode: str
    service_type: str
    profession: str
    channel: str
    service_date: date
    service_at: datetime
    phone: str
    status: str
    right_code: str
    facts: ClaimFacts
    sub_right_code: str | None = None
    right_rule: str = "ALLOW"
    staff_id: int | None = None
    staff_licence_no: str | None = None
    hn: str | None = None

    def columns(self) -> dict[str, Any]:
        fields = {k: v for k, v in asdict(self).items() if k != "facts"}
        return {**fields, **asdict(self.facts)}


def get_service_type(session: Session, code: str) -> ServiceType:
    row = session.get(ServiceType, (code or "").strip().upper())
    if row is None:
        raise CATALOGUE.error("UNKNOWN_SERVICE_TYPE", service_type=code, field="service_type")
    return row


def service_allows(service: ServiceType, profession: str) -> bool:
    allowed = [p for p in service.professions.split(",") if p]
    return not allowed or profession in allowed


def live_claim(session: Session, *, pid: str, hcode: str, service_type: str, day: date) -> Claim | None:
    return session.scalars(select(Claim).where(
        Claim.pid == pid, Claim.hcode == hcode, Claim.service_type == service_type,
        Claim.service_date == day, Claim.status.in_(LIVE))).first()


def claim_exists(claim: Claim) -> Exception:
    return CATALOGUE.error("CLAIM_EXISTS", claim_code=claim.code)


def replayed_claim(session: Session, *, principal: Principal, key: str | None, request_hash: str) -> Claim | None:
    """The claim an earlier request with this ``Idempotency-Key`` produced (same body), else None."""
    if not key:
        return None
    row = session.get(IdempotencyKey, (principal.id, key))
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise CATALOGUE.error("IDEMPOTENCY_KEY_REUSED")
    return session.get(Claim, row.claim_id)


def _json(fields: dict | None) -> str | None:
    return None if fields is None else json.dumps(fields, ensure_ascii=False, default=str)


def _event(session: Session, claim: Claim, action: str, by: str, at: datetime, reason: str | None = None,
           before: dict | None = None, after: dict | None = None) -> None:
    session.add(ClaimEvent(claim_id=claim.id, action=action, by=by, at=at, reason=reason,
                           before=_json(before), after=_json(after)))


def issue(session: Session, draft: ClaimDraft, *, principal: Principal, idempotency_key: str | None = None,
          request_hash: str = "") -> Claim:
    """Insert the claim with a fresh unique code (retrying collisions) and remember the key."""
    prefix = get_service_type(session, draft.service_type).prefix
    for _ in range(MAX_CODE_ATTEMPTS):
        claim = Claim(code=make_code(prefix), created_by=principal.id, created_at=draft.service_at, **draft.columns())
        try:
            with session.begin_nested():
                session.add(claim)
                session.flush()
                if idempotency_key:
                    session.add(IdempotencyKey(principal=principal.id, key=idempotency_key,
                                               request_hash=request_hash, claim_id=claim.id))
                    session.flush()
        except IntegrityError:
            earlier = replayed_claim(session, principal=principal, key=idempotency_key, request_hash=request_hash)
            if earlier is not None:  # a concurrent retry with the same key won the race
                return earlier
            existing = live_claim(session, pid=draft.pid, hcode=draft.hcode, service_type=draft.service_type,
                                  day=draft.service_date)
            if existing is not None:
                raise claim_exists(existing) from None
            continue  # a code collision: draw another
        _event(session, claim, "ISSUED", principal.id, draft.service_at, after={"status": claim.status})
        session.flush()
        return claim
    raise CATALOGUE.error("CLAIM_CODE_EXHAUSTED")


def get_claim(session: Session, *, principal: Principal, code: str) -> Claim:
    claim = session.scalars(select(Claim).where(Claim.code == (code or "").strip().upper())).first()
    if claim is None:
        raise CATALOGUE.error("CLAIM_NOT_FOUND", claim_code=code)
    ensure_unit_access(principal, claim.hcode)
    return claim


def edit(session: Session, *, principal: Principal, code: str, changes: dict[str, Any], reason: str | None,
         now: datetime) -> Claim:
    """Change phone, HN and/or service type of a live claim (audited before/after)."""
    require_role(principal, *EDITORS)
    claim = get_claim(session, principal=principal, code=code)
    if claim.status not in LIVE:
        raise CATALOGUE.error("CLAIM_NOT_EDITABLE", claim_status=claim.status)
    changes = {k: v for k, v in changes.items() if v is not None and getattr(claim, k) != v}
    if "service_type" in changes:
        service = get_service_type(session, changes["service_type"])
        changes["service_type"] = service.code
        if not service.in_effect_on(claim.service_date):
            raise REASONS.error("SERVICE_TYPE_INACTIVE", field="service_type")
        if not service_allows(service, claim.profession):
            raise REASONS.error("PROFESSION_NOT_FOR_SERVICE", field="service_type")
        other = live_claim(session, pid=claim.pid, hcode=claim.hcode, service_type=service.code,
                           day=claim.service_date)
        if other is not None and other.id != claim.id:
            raise claim_exists(other)
    if not changes:
        return claim
    before = {k: getattr(claim, k) for k in changes}
    for k, v in changes.items():
        setattr(claim, k, v)
    claim.updated_by, claim.updated_at = principal.id, now
    _event(session, claim, "EDITED", principal.id, now, reason, before, changes)
    session.flush()
    return claim


def cancel(session: Session, *, principal: Principal, code: str, reason: str, now: datetime) -> Claim:
    require_role(principal, *EDITORS)
    claim = get_claim(session, principal=principal, code=code)
    target = next_status(claim.status, ClaimAction.CANCEL)
    if target is None:
        raise CATALOGUE.error("CLAIM_NOT_CANCELLABLE", claim_status=claim.status)
    before = {"status": claim.status}
    claim.status, claim.cancel_reason = target.value, reason
    claim.cancelled_by, claim.cancelled_at = principal.id, now
    _event(session, claim, "CANCELLED", principal.id, now, reason, before, {"status": target.value})
    session.flush()
    return claim


def review_appeal(session: Session, *, principal: Principal, code: str, approve: bool, note: str | None,
                  now: datetime) -> Claim:
    """An NHSO reviewer approves or rejects a smart-card verification's appeal (never a unit).

    Only an appeal the unit filed may be approved; one never filed may be rejected once its
    filing deadline has passed.  A rejection needs a note.
    """
    require_role(principal, *REVIEWERS)
    claim = get_claim(session, principal=principal, code=code)
    target = next_status(claim.status, ClaimAction.APPROVE if approve else ClaimAction.REJECT)
    if target is None:
        raise CATALOGUE.error("NOT_PENDING_APPEAL", claim_status=claim.status)
    note = (note or "").strip() or None
    if not approve and note is None:
        raise appeal_error("APPEAL_NOTE_REQUIRED", field="note")
    filed = session.scalars(select(Appeal.id).where(Appeal.claim_id == claim.id)).first() is not None
    deadline = load_appeal_policy().filing_deadline(claim.service_date)
    if not filed and (approve or now < deadline):
        last_day = load_appeal_policy().last_filing_day(claim.service_date)
        raise appeal_error("APPEAL_NOT_FILED", deadline=deadline.isoformat(), deadline_be=format_be_date(last_day))
    before = {"status": claim.status}
    claim.status, claim.review_note = target.value, note
    claim.reviewed_by, claim.reviewed_at = principal.id, now
    _event(session, claim, target.value, principal.id, now, note, before, {"status": target.value})
    session.flush()
    return claim


def events(session: Session, *, principal: Principal, code: str) -> list[ClaimEvent]:
    claim = get_claim(session, principal=principal, code=code)
    return list(session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id).order_by(ClaimEvent.id)))


__all__ = ["ClaimDraft", "ClaimFacts", "ClaimStatus", "cancel", "edit", "events", "get_claim", "get_service_type", "issue",
           "live_claim", "replayed_claim", "review_appeal", "service_allows"]

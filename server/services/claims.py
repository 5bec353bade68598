"""Claim codes: issue (once per idempotency key), read, edit, cancel, appeal review, history.

Every change writes a :class:`ClaimEvent` with who, when, why and the changed fields before
and after.  Unit principals only ever see and change their own unit's claims.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.claim_codes import make_code
from server.tables import Citizen, Claim, ClaimEvent, IdempotencyKey, ServiceType
from server.tables.claims import LIVE_STATUSES

MAX_CODE_ATTEMPTS = 8
EDITABLE = ("ACTIVE", "PENDING_APPEAL", "APPEAL_APPROVED")


@dataclass(frozen=True)
class ClaimDraft:
    """Everything a passing verification knows, to be frozen into a claim."""

    pid: str
    hcode: str
    service_type: str
    profession: str
    channel: str
    method: str
    service_date: date
    service_at: datetime
    phone: str
    status: str
    staff_id: int | None = None
    staff_licence_no: str | None = None
    certifier: str = "SELF"
    certifier_pid: str | None = None
    similarity: float | None = None
    model_id: str | None = None
    liveness_score: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    distance_m: float | None = None
    device_id: str | None = None
    hn: str | None = None
    appeal_reason: str | None = None


def get_service_type(session: Session, code: str) -> ServiceType:
    row = session.get(ServiceType, (code or "").strip().upper())
    if row is None:
        raise ApiError(422, "UNKNOWN_SERVICE_TYPE", "ไม่รู้จักประเภทบริการนี้", f"Unknown service type {code!r}",
                       field="service_type")
    return row


def service_allows(service: ServiceType, profession: str) -> bool:
    allowed = [p for p in service.professions.split(",") if p]
    return not allowed or profession in allowed


def live_claim(session: Session, pid: str, hcode: str, service_type: str, day: date) -> Claim | None:
    return session.scalars(select(Claim).where(
        Claim.pid == pid, Claim.hcode == hcode, Claim.service_type == service_type,
        Claim.service_date == day, Claim.status.in_(LIVE_STATUSES))).first()


def claim_exists(claim: Claim) -> ApiError:
    return ApiError(409, "CLAIM_EXISTS", "ผู้รับบริการมีรหัสเคลมของบริการนี้ในวันนี้แล้ว (ยกเลิกรหัสเดิมก่อนหากต้องการออกใหม่)",
                    "The citizen already has a live claim code for this service at this unit today "
                    "(cancel it first to issue another)", claim_code=claim.code)


def replayed_claim(session: Session, principal: Principal, key: str | None, request_hash: str) -> Claim | None:
    """The claim an earlier request with this ``Idempotency-Key`` produced (same body), else None."""
    if not key:
        return None
    row = session.get(IdempotencyKey, (principal.id, key))
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise ApiError(422, "IDEMPOTENCY_KEY_REUSED", "ใช้ Idempotency-Key ซ้ำกับคำขอที่ต่างกัน",
                       "This Idempotency-Key was already used for a different request")
    return session.get(Claim, row.claim_id)


def _json(fields: dict | None) -> str | None:
    return None if fields is None else json.dumps(fields, ensure_ascii=False, default=str)


def _event(session: Session, claim: Claim, action: str, by: str, at: datetime, reason: str | None = None,
           before: dict | None = None, after: dict | None = None) -> None:
    session.add(ClaimEvent(claim_id=claim.id, action=action, by=by, at=at, reason=reason,
                           before=_json(before), after=_json(after)))


def issue(session: Session, draft: ClaimDraft, principal: Principal, *, idempotency_key: str | None = None,
          request_hash: str = "") -> Claim:
    """Insert the claim with a fresh unique code (retrying collisions) and remember the key."""
    citizen = session.get(Citizen, draft.pid)
    prefix = get_service_type(session, draft.service_type).prefix
    for _ in range(MAX_CODE_ATTEMPTS):
        claim = Claim(code=make_code(prefix), right_code=citizen.right_code, sub_right_code=citizen.sub_right_code,
                      created_by=principal.id, created_at=draft.service_at, **asdict(draft))
        try:
            with session.begin_nested():
                session.add(claim)
                session.flush()
                if idempotency_key:
                    session.add(IdempotencyKey(principal=principal.id, key=idempotency_key,
                                               request_hash=request_hash, claim_id=claim.id))
                    session.flush()
        except IntegrityError:
            earlier = replayed_claim(session, principal, idempotency_key, request_hash)
            if earlier is not None:  # a concurrent retry with the same key won the race
                return earlier
            existing = live_claim(session, draft.pid, draft.hcode, draft.service_type, draft.service_date)
            if existing is not None:
                raise claim_exists(existing) from None
            continue  # a code collision: draw another
        _event(session, claim, "ISSUED", principal.id, draft.service_at, after={"status": claim.status})
        session.flush()
        return claim
    raise ApiError(503, "CLAIM_CODE_EXHAUSTED", "ออกรหัสเคลมไม่สำเร็จ กรุณาลองใหม่", "Could not draw a unique claim code; retry")


def get_claim(session: Session, principal: Principal, code: str) -> Claim:
    claim = session.scalars(select(Claim).where(Claim.code == (code or "").strip().upper())).first()
    if claim is None:
        raise ApiError(404, "CLAIM_NOT_FOUND", "ไม่พบรหัสเคลมนี้", f"No claim code {code!r}")
    ensure_unit_access(principal, claim.hcode)
    return claim


def edit(session: Session, principal: Principal, code: str, changes: dict[str, Any], reason: str | None,
         now: datetime) -> Claim:
    """Change phone, HN and/or service type of a live claim (audited before/after)."""
    require_role(principal, Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    claim = get_claim(session, principal, code)
    if claim.status not in EDITABLE:
        raise ApiError(409, "CLAIM_NOT_EDITABLE", "แก้ไขรหัสเคลมที่ถูกยกเลิกหรือไม่อนุมัติไม่ได้",
                       f"A {claim.status} claim cannot be edited", claim_status=claim.status)
    changes = {k: v for k, v in changes.items() if v is not None and getattr(claim, k) != v}
    if "service_type" in changes:
        service = get_service_type(session, changes["service_type"])
        changes["service_type"] = service.code
        if not service.active:
            raise ApiError(422, "SERVICE_TYPE_INACTIVE", "ประเภทบริการนี้ปิดใช้งาน", "This service type is not active")
        if not service_allows(service, claim.profession):
            raise ApiError(422, "PROFESSION_NOT_ALLOWED", "วิชาชีพนี้ให้บริการประเภทนี้ไม่ได้",
                           "This profession may not provide this service type")
        other = live_claim(session, claim.pid, claim.hcode, service.code, claim.service_date)
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


def cancel(session: Session, principal: Principal, code: str, reason: str, now: datetime) -> Claim:
    require_role(principal, Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    claim = get_claim(session, principal, code)
    if claim.status not in EDITABLE:
        raise ApiError(409, "CLAIM_NOT_CANCELLABLE", "รหัสเคลมนี้ถูกยกเลิกหรือไม่อนุมัติไปแล้ว",
                       f"A {claim.status} claim cannot be cancelled", claim_status=claim.status)
    before = {"status": claim.status}
    claim.status, claim.cancel_reason = "CANCELLED", reason
    claim.cancelled_by, claim.cancelled_at = principal.id, now
    _event(session, claim, "CANCELLED", principal.id, now, reason, before, {"status": "CANCELLED"})
    session.flush()
    return claim


def review_appeal(session: Session, principal: Principal, code: str, approve: bool, note: str | None,
                  now: datetime) -> Claim:
    """An NHSO reviewer approves or rejects a smart-card verification's appeal."""
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    claim = get_claim(session, principal, code)
    if claim.status != "PENDING_APPEAL":
        raise ApiError(409, "NOT_PENDING_APPEAL", "รหัสเคลมนี้ไม่ได้รอพิจารณาอุทธรณ์",
                       f"The claim is {claim.status}, not pending appeal", claim_status=claim.status)
    status = "APPEAL_APPROVED" if approve else "APPEAL_REJECTED"
    claim.status, claim.review_note = status, note
    claim.reviewed_by, claim.reviewed_at = principal.id, now
    _event(session, claim, status, principal.id, now, note, {"status": "PENDING_APPEAL"}, {"status": status})
    session.flush()
    return claim


def events(session: Session, principal: Principal, code: str) -> list[ClaimEvent]:
    claim = get_claim(session, principal, code)
    return list(session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id).order_by(ClaimEvent.id)))

"""Walk-in verification use cases, one per channel, ending in a claim code or a clear refusal.

Each channel gathers its evidence — who the citizen is and their age on the service date,
unit readiness, who of the chosen profession is on duty, the service type, the channel's own
proof (face + GPS, QR, smart card) — and hands it to the pure decision engine.  A pass issues a
claim (:mod:`server.services.claims`); a refusal answers 422 with every reason and the
channels the unit may try next.  Every attempt, passed or refused, is recorded for reviewers
(scores and codes, never the photo).

Retried requests carrying the same ``Idempotency-Key`` get the same claim back and do no work.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from models.errors import FaceError
from models.quality import GATE_ORDER
from oss_registry.duty import on_duty
from oss_registry.readiness import unit_readiness
from oss_registry.staff import get_profession
from oss_registry.tables import ProfessionUnitType, Staff, Unit
from oss_registry.thai_calendar import age_on, service_date
from oss_registry.units import get_unit
from server.decision import (
    Channel,
    Decision,
    Evidence,
    FaceEvidence,
    QrEvidence,
    SmartCardEvidence,
    decide,
    load_policy,
)
from server.decision.engine import BLOCKING
from server.db.engine import end_transaction
from server.errors import ApiError
from server.face_runtime import FaceRuntime
from server.services import claims, gps, qr_tokens
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.citizens import get_citizen
from server.services.faces import analyse, best_similarity, record_attempt
from server.tables import Citizen, Claim

QUALITY_CODES = frozenset({"NO_FACE", "MULTIPLE_FACES", *GATE_ORDER})
"""Face-core refusals that are a verdict on the photo (a decision reason), not a bad request."""


@dataclass(frozen=True)
class Visit:
    """What every channel's request says: who, where, which service, the contact phone."""

    pid: str
    hcode: str
    profession: str
    service_type: str
    phone: str | None
    hn: str | None = None
    service_date: date | None = None


@dataclass(frozen=True)
class Outcome:
    claim: Claim
    replayed: bool
    decision: Decision | None


@dataclass
class _Context:
    citizen: Citizen
    unit: Unit
    now: datetime
    day: date
    age_years: int
    staff: list[Staff]
    evidence: dict[str, Any]


def request_hash(channel: str, visit: Visit, **extra: Any) -> str:
    body = {"channel": channel, **asdict(visit), **extra}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _prepare(session: Session, principal: Principal, visit: Visit, channel: Channel, now: datetime) -> _Context:
    require_role(principal, Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN)
    ensure_unit_access(principal, visit.hcode)
    unit = get_unit(session, visit.hcode)
    citizen = get_citizen(session, visit.pid)
    profession = get_profession(session, visit.profession)
    service = claims.get_service_type(session, visit.service_type)
    today = service_date(now)
    day = visit.service_date or today
    existing = claims.live_claim(session, citizen.pid, unit.hcode, service.code, day)
    if existing is not None:
        raise claims.claim_exists(existing)
    try:
        age = age_on(citizen.birth_date, day).years
    except ValueError:
        raise ApiError(422, "INVALID_SERVICE_DATE", "วันที่รับบริการอยู่ก่อนวันเกิดของผู้รับบริการ",
                       "The service date is before the citizen's birth date") from None
    readiness = unit_readiness(session, unit.hcode, now)
    staff = on_duty(session, unit.hcode, profession.code, now)
    at_unit = session.get(ProfessionUnitType, (profession.code, unit.unit_type)) is not None
    evidence = dict(
        channel=channel, age_years=age, service_date=day, verified_on=today, phone=visit.phone,
        unit_ready=readiness.ready, unit_not_ready_reasons=tuple(readiness.reasons),
        staff_on_duty=tuple(s.id for s in staff),
        profession_allowed=at_unit and claims.service_allows(service, profession.code),
        service_type_active=service.active,
    )
    return _Context(citizen, unit, now, day, age, staff, evidence)


def _blocked(ctx: _Context) -> bool:
    """Whether a reason no channel can fix already fails (then the costly face step is skipped)."""
    probe = decide(Evidence(**ctx.evidence), load_policy())
    return any(r.code in BLOCKING for r in probe.reasons)


def _refuse(session: Session, decision: Decision, ctx: _Context) -> ApiError:
    first = decision.reasons[0]
    details: dict[str, Any] = {
        "reasons": [r.as_dict() for r in decision.reasons],
        "next_channels": [c.value for c in decision.next_channels],
        "age_group": decision.age_group,
    }
    if ctx.evidence["unit_not_ready_reasons"]:
        details["unit_reasons"] = list(ctx.evidence["unit_not_ready_reasons"])
    session.commit()  # the attempt stays on record although the request fails
    return ApiError(422, first.code, first.message_th, first.message_en, **details)


def _conclude(session: Session, principal: Principal, ctx: _Context, visit: Visit, evidence: Evidence,
              draft: dict[str, Any], key: str | None, digest: str, attempt: dict[str, Any]) -> Outcome:
    decision = decide(evidence, load_policy())
    attempt_row = dict(pid=visit.pid, hcode=visit.hcode, channel=evidence.channel.value,
                       principal_id=principal.id, **attempt)
    if not decision.passed:
        record_attempt(session, outcome="REFUSED", reason_codes=",".join(decision.codes), **attempt_row)
        raise _refuse(session, decision, ctx)
    staff = ctx.staff[0]
    claim = claims.issue(session, claims.ClaimDraft(
        pid=visit.pid, hcode=visit.hcode, service_type=visit.service_type.strip().upper(),
        profession=visit.profession.strip().upper(), service_date=ctx.day, service_at=ctx.now,
        phone=visit.phone or "", hn=visit.hn, status=decision.status or "ACTIVE",
        staff_id=staff.id, staff_licence_no=staff.licence_no, channel=evidence.channel.value, **draft,
    ), principal, idempotency_key=key, request_hash=digest)
    record_attempt(session, outcome="PASSED", reason_codes="", claim_code=claim.code, **attempt_row)
    return Outcome(claim, False, decision)


def _replay(session: Session, principal: Principal, key: str | None, digest: str) -> Outcome | None:
    earlier = claims.replayed_claim(session, principal, key, digest)
    return None if earlier is None else Outcome(earlier, True, None)


def _require_liveness(runtime: FaceRuntime) -> None:
    runtime.require()
    if runtime.liveness is None and load_policy().require_liveness:
        raise ApiError(503, "LIVENESS_UNAVAILABLE", "ระบบตรวจสอบใบหน้าจริง (liveness) ยังไม่พร้อมใช้งาน",
                       "The policy requires a liveness check but no liveness model is loaded (FVS_LIVENESS_DIR)")


def verify_face(session: Session, runtime: FaceRuntime, principal: Principal, visit: Visit,
                fix: gps.GpsFix | None, photo: bytes, now: datetime, *, device_id: str | None = None,
                idempotency_key: str | None = None) -> Outcome:
    """Face + GPS at the unit: geofence, unit readiness, on-duty staff, liveness and 1:1 match.

    Three phases, so that no database lock is held during inference: (1) read what the decision
    needs and end that transaction; (2) analyse the photo in an inference slot; (3) a short write
    transaction remembers the GPS fix and issues the claim or records the refusal.
    """
    digest = request_hash("FACE", visit, fix=asdict(fix) if fix else None,
                          photo=hashlib.sha256(photo).hexdigest())
    if (done := _replay(session, principal, idempotency_key, digest)) is not None:
        return done
    ctx = _prepare(session, principal, visit, Channel.FACE, now)
    blocked = _blocked(ctx)
    end_transaction(session)
    face: FaceEvidence | None = None
    model_id = similarity = liveness = None
    analysed = None
    if not blocked:
        _require_liveness(runtime)
        try:
            analysed = analyse(runtime, photo)
        except FaceError as exc:
            if exc.code not in QUALITY_CODES:
                raise
            face = FaceEvidence(None, runtime.engine.threshold, exc.code, exc.message_th, exc.message_en)
    device = device_id or principal.id
    geo = gps.check(session, ctx.unit, fix, device, now)
    if analysed is not None:
        model_id, liveness = analysed.result.model_id, analysed.liveness_score
        similarity = best_similarity(session, runtime, visit.pid, analysed.result.template)
        face = FaceEvidence(similarity, runtime.engine.threshold, liveness_score=analysed.liveness_score,
                            liveness_threshold=analysed.liveness_threshold)
    evidence = Evidence(**ctx.evidence, geofence=geo, face=face)
    draft = dict(method="FACE_1TO1", certifier="SELF", similarity=similarity, model_id=model_id,
                 liveness_score=liveness, latitude=fix.latitude if fix else None,
                 longitude=fix.longitude if fix else None, distance_m=geo.distance_m if geo else None,
                 device_id=device)
    attempt = dict(similarity=similarity, liveness_score=liveness, model_id=model_id,
                   distance_m=geo.distance_m if geo else None)
    return _conclude(session, principal, ctx, visit, evidence, draft, idempotency_key, digest, attempt)


def verify_qr(session: Session, principal: Principal, visit: Visit, channel: Channel, payload: str,
              relation: str, certifier_pid: str | None, secret: str, now: datetime, *,
              idempotency_key: str | None = None) -> Outcome:
    """LINE + unit QR (the citizen or a registered parent/child scanned it) or a booking QR."""
    digest = request_hash(channel.value, visit, qr=payload, relation=relation, certifier_pid=certifier_pid)
    if (done := _replay(session, principal, idempotency_key, digest)) is not None:
        return done
    ctx = _prepare(session, principal, visit, channel, now)
    kind = "U" if channel == Channel.LINE_QR else "B"
    valid = qr_tokens.check(secret, payload, kind=kind, hcode=visit.hcode, day=ctx.day, pid=visit.pid)
    relation = relation.strip().upper()
    evidence = Evidence(**ctx.evidence, qr=QrEvidence(valid, relation))
    method = f"{channel.value}_{relation}" if channel == Channel.LINE_QR else channel.value
    draft = dict(method=method, certifier=relation, certifier_pid=certifier_pid if relation != "SELF" else None)
    return _conclude(session, principal, ctx, visit, evidence, draft, idempotency_key, digest, {})


def verify_smart_card(session: Session, principal: Principal, visit: Visit, card_pid: str, holder_relation: str,
                      appeal_reason: str | None, now: datetime, *, idempotency_key: str | None = None) -> Outcome:
    """The special case: the citizen's own card or a direct relative's; the claim waits for appeal review."""
    digest = request_hash("SMART_CARD", visit, card_pid=card_pid, relation=holder_relation, appeal=appeal_reason)
    if (done := _replay(session, principal, idempotency_key, digest)) is not None:
        return done
    ctx = _prepare(session, principal, visit, Channel.SMART_CARD, now)
    relation = holder_relation.strip().upper()
    if relation == "SELF" and card_pid != visit.pid:
        raise ApiError(422, "CARD_PID_MISMATCH", "เลขบนบัตรไม่ตรงกับผู้รับบริการ",
                       "The card's PID is not the citizen's (say which relative's card it is)")
    evidence = Evidence(**ctx.evidence, smart_card=SmartCardEvidence(True, relation, appeal_reason))
    draft = dict(method="SMART_CARD_SELF" if relation == "SELF" else "SMART_CARD_RELATIVE", certifier=relation,
                 certifier_pid=card_pid if relation != "SELF" else None, appeal_reason=appeal_reason)
    return _conclude(session, principal, ctx, visit, evidence, draft, idempotency_key, digest, {})

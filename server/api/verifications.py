"""Verification per channel → 201 with the claim code, or 422 with reasons and next channels.

Send ``Idempotency-Key`` (any unique string per attempt, e.g. a UUID) so a retried request
returns the same claim instead of a second one.
"""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, File, Form, Header, Request, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session

from server.api.auth import NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.api.uploads import read_photo
from server.decision import Channel
from server.errors import CATALOGUE
from server.schemas.claims import (
    ChallengeIn,
    ChallengeOut,
    ClaimOut,
    QrVerificationIn,
    SmartCardVerificationIn,
    VerificationOut,
    VisitIn,
)
from server.schemas.common import ERROR_RESPONSES
from server.services import liveness_challenges as challenges
from server.services.access import Principal
from server.services.gps import GpsFix
from server.services.liveness_challenges import MAX_FRAMES
from server.services.verification import Outcome, Visit
from server.services.verify_card import verify_smart_card
from server.services.verify_face import verify_face
from server.services.verify_qr import verify_qr

router = APIRouter(prefix="/api/v1", tags=["verification"], responses=ERROR_RESPONSES)

IdempotencyKey = Header(None, alias="Idempotency-Key", max_length=128,
                        description="A unique key per attempt; a retry with the same key returns the same claim")


def _answer(outcome: Outcome, response: Response) -> VerificationOut:
    if outcome.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return VerificationOut(claim=ClaimOut.model_validate(outcome.claim), replayed=outcome.replayed,
                           age_group=outcome.decision.age_group if outcome.decision else None)


def _visit(body: VisitIn) -> Visit:
    return Visit(pid=body.pid, hcode=body.hcode, profession=body.profession, service_type=body.service_type,
                 phone=body.phone, hn=body.hn, service_date=body.service_date)


def _fix(latitude: float | None, longitude: float | None, accuracy_m: float | None, fix_time: datetime | None,
         mocked: bool) -> GpsFix | None:
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None or fix_time is None or accuracy_m is None:
        raise CATALOGUE.error("INVALID_GPS", reason_th="ต้องส่งละติจูด ลองจิจูด ความแม่นยำ และเวลาของพิกัดพร้อมกัน",
                              reason_en="send latitude, longitude, accuracy_m and fix_time together")
    if fix_time.tzinfo is None:
        raise CATALOGUE.error("INVALID_GPS", reason_th="เวลาของพิกัดต้องระบุเขตเวลา",
                              reason_en="fix_time needs a UTC offset")
    return GpsFix(latitude, longitude, accuracy_m, fix_time, mocked)


@router.post("/verifications/face", status_code=201, response_model=VerificationOut,
             summary="Face + GPS verification at the unit (tablet app)")
def verify_face_route(
    request: Request, response: Response,
    pid: str = Form(..., examples=["1101700203450"]), hcode: str = Form(..., examples=["77001"]),
    profession: str = Form(..., examples=["PHARMACIST"]), service_type: str = Form(..., examples=["PG0070001"]),
    phone: str | None = Form(None, examples=["0812345678"]), hn: str | None = Form(None),
    service_date: str | None = Form(None, description="ISO or dd/mm/2569; defaults to today"),
    latitude: float | None = Form(None, ge=-90, le=90), longitude: float | None = Form(None, ge=-180, le=180),
    accuracy_m: float | None = Form(None, ge=0, le=100000),
    fix_time: datetime | None = Form(None, description="When the GPS measured the position (ISO 8601 with offset)"),
    mocked: bool = Form(False), device_id: str | None = Form(None, max_length=64),
    photo: UploadFile = File(..., description="JPEG/PNG face photo"),
    challenge_id: str | None = Form(None, max_length=64, description="The head-turn challenge these frames answer"),
    frames: list[UploadFile] = File([], description="Frame 0 looking at the camera, then one after each step"),
    frames_mirrored: bool = Form(False, description="The frames are mirrored (a selfie preview)"),
    idempotency_key: str | None = IdempotencyKey,
    session: Session = SessionDep, principal: Principal = PrincipalDep, now: datetime = NowDep,
) -> VerificationOut:
    try:
        body = VisitIn(pid=pid, hcode=hcode, profession=profession, service_type=service_type, phone=phone, hn=hn,
                       service_date=service_date)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    fix = _fix(latitude, longitude, accuracy_m, fix_time, mocked)
    limit = request.app.state.settings.max_image_bytes
    if len(frames) > MAX_FRAMES:
        raise CATALOGUE.error("TOO_MANY_PHOTOS", limit=MAX_FRAMES, field="frames")
    data, frame_data = read_photo(photo, limit), [read_photo(f, limit) for f in frames]
    outcome = verify_face(session, request.app.state.face, principal=principal, visit=_visit(body), fix=fix,
                          photo=data, now=now, device_id=device_id, challenge_id=challenge_id, frames=frame_data,
                          mirrored=frames_mirrored, idempotency_key=idempotency_key)
    return _answer(outcome, response)


@router.post("/verifications/face/challenges", status_code=201, response_model=ChallengeOut,
             summary="A one-time head-turn challenge for the next face capture (active liveness)")
def face_challenge(body: ChallengeIn, session: Session = SessionDep, principal: Principal = PrincipalDep,
                   now: datetime = NowDep) -> ChallengeOut:
    c = challenges.issue(session, principal=principal, hcode=body.hcode, now=now)
    return ChallengeOut(challenge_id=c.id, steps=list(c.steps), expires_at=c.expires_at,
                        instructions_th=c.instructions_th, instructions_en=c.instructions_en)


@router.post("/verifications/qr", status_code=201, response_model=VerificationOut,
             summary="LINE + unit QR, or a booking QR, scanned by the citizen or a registered relative")
def verify_qr_route(body: QrVerificationIn, request: Request, response: Response,
                    idempotency_key: str | None = IdempotencyKey, session: Session = SessionDep,
                    principal: Principal = PrincipalDep, now: datetime = NowDep) -> VerificationOut:
    secret = request.app.state.settings.secret_key.get_secret_value()
    outcome = verify_qr(session, principal=principal, visit=_visit(body), channel=Channel(body.channel),
                        payload=body.qr, scanner_pid=body.scanner_pid, secret=secret, now=now,
                        idempotency_key=idempotency_key)
    return _answer(outcome, response)


@router.post("/verifications/smart-card", status_code=201, response_model=VerificationOut,
             summary="Smart card read by the unit's card agent (own or a registered direct relative's), with the "
                     "reason and certifier: the claim waits for NHSO's review of the appeal")
def verify_smart_card_route(body: SmartCardVerificationIn, response: Response,
                            idempotency_key: str | None = IdempotencyKey, session: Session = SessionDep,
                            principal: Principal = PrincipalDep, now: datetime = NowDep) -> VerificationOut:
    outcome = verify_smart_card(
        session, principal=principal, visit=_visit(body), card_read=body.card_read.model_dump(),
        card_holder_pid=body.card_holder_pid, certifier=body.certifier, certifier_pid=body.certifier_pid,
        certifier_card_read=body.certifier_card_read.model_dump() if body.certifier_card_read else None,
        reason_code=body.reason_code, reason_text=body.reason_text, now=now, idempotency_key=idempotency_key)
    return _answer(outcome, response)

# The unit's QR codes (GET /api/v1/units/{hcode}/qr, …/qr/rotating, …/qr-settings): server/api/unit_qr.py

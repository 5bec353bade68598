"""Face endpoints: enrol reference photos, erase them, verify 1:1, identify 1:N — NHSO roles only.

A unit never enrols, erases, compares or searches faces freely: its one path to enrolment is the
chip photo of the citizen's card (``POST /citizens/{pid}/faces/from-card``, unit roles: the live
capture must match the photo read from the card by the unit's agent).  The routes are plain ``def``, so
decoding and inference run in worker threads (bounded by ``FVS_FACE_CONCURRENCY``), never on the
event loop.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from sqlalchemy.orm import Session

from server.api.auth import NHSO_ADMIN_ONLY, NHSO_ONLY, NowDep, PrincipalDep
from server.api.deps import SessionDep, get_today
from server.api.uploads import read_photo
from server.errors import CATALOGUE
from server.schemas.chip_photo import ChipEnrolOut
from server.schemas.common import ERROR_RESPONSES, Pid
from server.schemas.faces import EnrolOut, ErasedOut, IdentifyOut, TemplateOut, VerifyOut
from server.services import faces as svc
from server.services.access import Principal
from server.services.card_read_errors import card_read_error
from server.services.chip_photo import enrol_from_card as enrol_from_chip

router = APIRouter(prefix="/api/v1", tags=["faces"], responses=ERROR_RESPONSES)
MAX_PHOTOS = 5
CAPTURE = File(..., description="The live JPEG/PNG capture")
CHIP_PHOTO = File(..., description="The JPEG read from the card's chip (the agent's `image`, base64-decoded)")


@router.post("/citizens/{pid}/faces", status_code=201, response_model=EnrolOut,
             summary="Enrol reference photo(s) of a citizen (NHSO admin)", dependencies=[NHSO_ADMIN_ONLY])
def enrol(
    pid: Pid, request: Request, photos: list[UploadFile] = File(..., description="1 to 5 JPEG/PNG photos"),
    consent: bool = Form(False, description="The citizen agreed to the privacy notice (PDPA)"),
    session: Session = SessionDep, principal: Principal = PrincipalDep, today: date = Depends(get_today),
) -> EnrolOut:
    if len(photos) > MAX_PHOTOS:
        raise CATALOGUE.error("TOO_MANY_PHOTOS", limit=MAX_PHOTOS, field="photos")
    limit = request.app.state.settings.max_image_bytes
    data = [read_photo(p, limit) for p in photos]
    rows, flags = svc.enrol(session, request.app.state.face, pid=pid, photos=data, consent=consent, via=principal.id,
                            on=today)
    return EnrolOut(pid=pid, templates=[TemplateOut(id=r.id, model_id=r.model_id, created_at=r.created_at)
                                        for r in rows], duplicate_flags=flags)


@router.post("/citizens/{pid}/faces/from-card", status_code=201, response_model=ChipEnrolOut,
             summary="A unit enrols a citizen's live capture when it matches the chip photo of the citizen's card, "
                     "read just now by the unit's agent (the unit's only way to enrol a face)")
def enrol_from_card(
    pid: Pid, request: Request, capture: UploadFile = CAPTURE, chip_photo: UploadFile = CHIP_PHOTO,
    card_read: str = Form(..., max_length=8000, description='The agent\'s signed read, {"record": {...}, '
                          '"signature": "..."}, whose record carries photo_sha256'),
    consent: bool = Form(False, description="The citizen agreed to the privacy notice (PDPA)"),
    session: Session = SessionDep, principal: Principal = PrincipalDep, now: datetime = NowDep,
) -> ChipEnrolOut:
    try:
        signed = json.loads(card_read)
    except ValueError:
        raise card_read_error("CARD_READ_MALFORMED", reason="card_read is not JSON") from None
    limit = request.app.state.settings.max_image_bytes
    done = enrol_from_chip(session, request.app.state.face, principal=principal, pid=pid,
                           capture=read_photo(capture, limit), chip_photo=read_photo(chip_photo, limit),
                           signed_read=signed, consent=consent, now=now)
    return ChipEnrolOut(pid=pid, template_id=done.template.id, model_id=done.model_id,
                        created_at=done.template.created_at, similarity=done.similarity, threshold=done.threshold,
                        liveness_score=done.liveness_score, duplicate_flags=done.duplicate_flags,
                        card_read_id=done.card_read_id)


@router.delete("/citizens/{pid}/faces", response_model=ErasedOut,
               summary="Withdraw face consent and erase every template (NHSO admin)",
               dependencies=[NHSO_ADMIN_ONLY])
def erase(pid: Pid, request: Request, session: Session = SessionDep) -> ErasedOut:
    return ErasedOut(pid=pid, erased=svc.erase(session, request.app.state.face, pid=pid))


@router.post("/faces/verify", response_model=VerifyOut, summary="1:1 — is this photo the citizen with this PID? (NHSO)",
             dependencies=[NHSO_ONLY])
def verify(request: Request, pid: Annotated[Pid, Form(examples=["1101700203450"])], photo: UploadFile = File(...),
           session: Session = SessionDep, today: date = Depends(get_today)) -> VerifyOut:
    data = read_photo(photo, request.app.state.settings.max_image_bytes)
    return VerifyOut(**asdict(svc.verify(session, request.app.state.face, pid=pid, photo=data, on=today)))


@router.post("/faces/identify", response_model=IdentifyOut, summary="1:N — who among enrolled citizens is this? (NHSO)",
             dependencies=[NHSO_ONLY])
def identify(request: Request, photo: UploadFile = File(...), k: int = Query(5, ge=1, le=20),
             session: Session = SessionDep) -> IdentifyOut:
    data = read_photo(photo, request.app.state.settings.max_image_bytes)
    return IdentifyOut(**asdict(svc.identify(session, request.app.state.face, photo=data, k=k)))

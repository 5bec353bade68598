"""Face endpoints: enrol reference photos, erase them, verify 1:1, identify 1:N."""
from __future__ import annotations

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from sqlalchemy.orm import Session

from server.api.auth import ANYONE, PrincipalDep, roles
from server.api.deps import SessionDep
from server.api.uploads import read_photo
from server.errors import ApiError
from server.schemas.common import ERROR_RESPONSES, Pid
from server.services import faces as svc
from server.services.access import Principal, Role

router = APIRouter(prefix="/api/v1", tags=["faces"], responses={**ERROR_RESPONSES, 401: {}, 403: {}, 413: {}, 503: {}},
                   dependencies=[ANYONE])
ENROLLERS = roles(Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
MAX_PHOTOS = 5


@router.post("/citizens/{pid}/faces", status_code=201, summary="Enrol reference photo(s) of a citizen",
             dependencies=[ENROLLERS])
async def enrol(
    pid: Pid, request: Request, photos: list[UploadFile] = File(..., description="1 to 5 JPEG/PNG photos"),
    consent: bool = Form(False, description="The citizen agreed to the privacy notice (PDPA)"),
    session: Session = SessionDep, principal: Principal = PrincipalDep,
) -> dict:
    if len(photos) > MAX_PHOTOS:
        raise ApiError(422, "TOO_MANY_PHOTOS", f"ส่งภาพได้ไม่เกิน {MAX_PHOTOS} ภาพ", f"At most {MAX_PHOTOS} photos")
    limit = request.app.state.settings.max_image_bytes
    data = [await read_photo(p, limit) for p in photos]
    rows, flags = svc.enrol(session, request.app.state.face, pid, data, consent, principal.id)
    return {"pid": pid, "templates": [{"id": r.id, "model_id": r.model_id, "created_at": r.created_at} for r in rows],
            "duplicate_flags": flags}


@router.delete("/citizens/{pid}/faces", summary="Withdraw face consent and erase every template",
               dependencies=[ENROLLERS])
def erase(pid: Pid, request: Request, session: Session = SessionDep) -> dict:
    return {"pid": pid, "erased": svc.erase(session, request.app.state.face, pid)}


@router.post("/faces/verify", summary="1:1 — is this photo the citizen with this PID?")
async def verify(request: Request, pid: Pid = Form(...), photo: UploadFile = File(...),
                 session: Session = SessionDep) -> dict:
    data = await read_photo(photo, request.app.state.settings.max_image_bytes)
    return svc.verify(session, request.app.state.face, pid, data)


@router.post("/faces/identify", summary="1:N — who among enrolled citizens is this?")
async def identify(request: Request, photo: UploadFile = File(...), k: int = Query(5, ge=1, le=20),
                   session: Session = SessionDep) -> dict:
    data = await read_photo(photo, request.app.state.settings.max_image_bytes)
    return svc.identify(session, request.app.state.face, data, k)

"""Citizen registry endpoints."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from server.api.auth import NHSO_ADMIN_ONLY, NHSO_ONLY, PrincipalDep
from server.api.deps import SessionDep, get_today
from server.errors import ApiError
from server.schemas.citizens import CitizenIn, CitizenOut, CitizenPage
from server.schemas.common import ERROR_RESPONSES, Pid
from server.services import citizens as svc
from server.services.access import Principal

router = APIRouter(prefix="/api/v1/citizens", tags=["citizens"], responses=ERROR_RESPONSES)


@router.put("/{pid}", response_model=CitizenOut, summary="Create or update a citizen (NHSO admin)",
            dependencies=[NHSO_ADMIN_ONLY])
def put_citizen(
    pid: Pid, body: CitizenIn, response: Response,
    session: Session = SessionDep, today: date = Depends(get_today),
) -> CitizenOut:
    if body.pid != pid:
        raise ApiError(422, "PID_MISMATCH", "เลขประจำตัวประชาชนใน URL และข้อมูลไม่ตรงกัน",
                       "The citizen ID in the URL and the body differ")
    citizen, created = svc.upsert_citizen(session, body, today)
    response.status_code = 201 if created else 200
    return svc.to_out(citizen, today)


@router.get("/{pid}", response_model=CitizenOut,
            summary="One citizen, with age on today's service date (every look-up is audited)")
def get_citizen(pid: Pid, session: Session = SessionDep, today: date = Depends(get_today),
                principal: Principal = PrincipalDep) -> CitizenOut:
    citizen = svc.get_citizen(session, pid)
    svc.record_lookup(session, pid, principal.id, principal.hcode, "PERSON_PANEL")
    return svc.to_out(citizen, today)


@router.get("", response_model=CitizenPage, summary="Search citizens by PID prefix or name (NHSO)",
            dependencies=[NHSO_ONLY])
def search(
    q: str | None = Query(None, max_length=100),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10**7),
    session: Session = SessionDep,
    today: date = Depends(get_today),
) -> CitizenPage:
    return svc.search_citizens(session, q, limit, offset, today)

"""Citizen registry endpoints: the person panel (every look-up audited), NHSO's create/update and
search, and the relatives registry."""
from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from server.api.auth import NHSO_ADMIN_ONLY, NHSO_ONLY, NowDep, PrincipalDep
from server.api.deps import SessionDep, get_today
from server.errors import CATALOGUE
from server.schemas.citizens import CitizenIn, CitizenOut, CitizenPage, RelativeIn, RelativeOut
from server.schemas.common import ERROR_RESPONSES, Pid
from server.services import citizens as svc
from server.services.access import Principal

router = APIRouter(prefix="/api/v1/citizens", tags=["citizens"], responses=ERROR_RESPONSES)


@router.put("/{pid}", response_model=CitizenOut, summary="Create or update a citizen (NHSO admin)",
            dependencies=[NHSO_ADMIN_ONLY], responses={201: {"model": CitizenOut, "description": "Created"}})
def put_citizen(pid: Pid, body: CitizenIn, response: Response, session: Session = SessionDep,
                today: date = Depends(get_today)) -> CitizenOut:
    if body.pid != pid:
        raise CATALOGUE.error("PID_MISMATCH", field="pid")
    panel, created = svc.save(session, data=body.data(), today=today)
    response.status_code = 201 if created else 200
    return CitizenOut.of(panel)


@router.get("/{pid}", response_model=CitizenOut,
            summary="The person panel, with the age on today's service date (every look-up is audited)")
def get_citizen(pid: Pid, history: bool = Query(False, description="Include the rights-change history"),
                session: Session = SessionDep, today: date = Depends(get_today),
                principal: Principal = PrincipalDep) -> CitizenOut:
    return CitizenOut.of(svc.look_up(session, principal=principal, pid=pid, today=today, with_history=history))


@router.get("", response_model=CitizenPage, summary="Search citizens by PID prefix or name (NHSO)",
            dependencies=[NHSO_ONLY])
def search(q: str | None = Query(None, max_length=100), limit: int = Query(50, ge=1, le=500),
           offset: int = Query(0, ge=0, le=10**7), session: Session = SessionDep,
           today: date = Depends(get_today)) -> CitizenPage:
    total, items = svc.search(session, q=q, limit=limit, offset=offset, today=today)
    return CitizenPage(items=[CitizenOut.of(p) for p in items], total=total)


@router.get("/{pid}/relatives", response_model=list[RelativeOut],
            summary="The citizen's registered relatives (audited)")
def list_relatives(pid: Pid, session: Session = SessionDep, principal: Principal = PrincipalDep) -> list[RelativeOut]:
    return [RelativeOut.of(r) for r in svc.relatives_of(session, principal=principal, pid=pid)]


@router.post("/{pid}/relatives", response_model=RelativeOut, status_code=201,
             summary="Register a relationship NHSO has checked (who may act for the citizen)")
def add_relative(pid: Pid, body: RelativeIn, session: Session = SessionDep, principal: Principal = PrincipalDep,
                 now: datetime = NowDep) -> RelativeOut:
    return RelativeOut.of(svc.register_relative(session, principal=principal, pid=pid, relative_pid=body.relative_pid,
                                                relation=body.relation, proof=body.proof, now=now))


@router.delete("/{pid}/relatives/{relative_pid}", status_code=204, summary="Revoke a registered relationship")
def revoke_relative(pid: Pid, relative_pid: Pid, session: Session = SessionDep, principal: Principal = PrincipalDep,
                    now: datetime = NowDep) -> Response:
    svc.revoke_relative(session, principal=principal, pid=pid, relative_pid=relative_pid, now=now)
    return Response(status_code=204)

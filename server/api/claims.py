"""Claim codes: search, read, edit, cancel, appeal review, audit trail, person history, report."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from citizens.lookups import record_lookup
from server.api.auth import NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.decision import Channel
from server.schemas.claims import (
    AppealReview,
    ClaimCancel,
    ClaimEdit,
    ClaimEventOut,
    ClaimOut,
    ClaimPage,
)
from server.schemas.common import ERROR_RESPONSES, BeDate, Pid
from server.services import claim_reports
from server.services import claims as svc
from server.services.access import Principal
from server.services.claim_search import ClaimFilter, person_history, search
from server.services.claim_status import ClaimStatus

router = APIRouter(prefix="/api/v1", tags=["claims"], responses=ERROR_RESPONSES)




def claim_filter(
    hcode: str | None = Query(None, pattern=r"^\d{5}$"), pid: Pid | None = Query(None),
    code: str | None = Query(None, max_length=12), service_type: str | None = Query(None, max_length=16),
    channel: Channel | None = None, method: str | None = Query(None, max_length=32),
    certifier: str | None = Query(None, max_length=16), status: ClaimStatus | None = None,
    created_by: str | None = Query(None, max_length=64, description="Who recorded the claim"),
    service_from: BeDate | None = Query(None, description="Service date from (ISO or dd/mm/2569)"),
    service_to: BeDate | None = Query(None), recorded_from: BeDate | None = Query(None),
    recorded_to: BeDate | None = Query(None),
) -> ClaimFilter:
    return ClaimFilter(hcode=hcode, pid=pid, code=code, service_type=service_type, channel=channel, method=method,
                       certifier=certifier, status=status, created_by=created_by, service_from=service_from,
                       service_to=service_to, recorded_from=recorded_from, recorded_to=recorded_to)


FilterDep = Depends(claim_filter)


@router.get("/claims", summary="Search claim codes (a unit sees only its own)")
def search_claims(f: ClaimFilter = FilterDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10**7),
                  session: Session = SessionDep, principal: Principal = PrincipalDep) -> ClaimPage:
    total, rows = search(session, principal=principal, f=f, limit=limit, offset=offset)
    return ClaimPage(total=total, items=[ClaimOut.model_validate(r) for r in rows])


@router.get("/claims/{code}", summary="One claim code")
def get_claim(code: str, session: Session = SessionDep, principal: Principal = PrincipalDep) -> ClaimOut:
    return ClaimOut.model_validate(svc.get_claim(session, principal=principal, code=code))


@router.patch("/claims/{code}", summary="Edit phone, HN or service type (audited)")
def edit_claim(code: str, body: ClaimEdit, session: Session = SessionDep, principal: Principal = PrincipalDep,
               now: datetime = NowDep) -> ClaimOut:
    changes = body.model_dump(exclude={"reason"}, exclude_none=True)
    return ClaimOut.model_validate(svc.edit(session, principal=principal, code=code, changes=changes,
                                            reason=body.reason, now=now))


@router.post("/claims/{code}/cancel", summary="Cancel a claim code with a reason (audited)")
def cancel_claim(code: str, body: ClaimCancel, session: Session = SessionDep, principal: Principal = PrincipalDep,
                 now: datetime = NowDep) -> ClaimOut:
    return ClaimOut.model_validate(svc.cancel(session, principal=principal, code=code, reason=body.reason, now=now))


@router.post("/claims/{code}/appeal-review", summary="NHSO reviewer approves or rejects a smart-card appeal")
def review_appeal(code: str, body: AppealReview, session: Session = SessionDep, principal: Principal = PrincipalDep,
                  now: datetime = NowDep) -> ClaimOut:
    return ClaimOut.model_validate(svc.review_appeal(session, principal=principal, code=code,
                                                     approve=body.decision == "APPROVE", note=body.note, now=now))


@router.get("/claims/{code}/events", summary="The claim's audit trail")
def claim_events(code: str, session: Session = SessionDep, principal: Principal = PrincipalDep) -> list[ClaimEventOut]:
    return [ClaimEventOut.model_validate(e) for e in svc.events(session, principal=principal, code=code)]


@router.get("/citizens/{pid}/claims", summary="A citizen's claim history (a unit sees the ones it issued)")
def citizen_claims(pid: Pid, session: Session = SessionDep, principal: Principal = PrincipalDep) -> list[ClaimOut]:
    rows = person_history(session, principal=principal, pid=pid)
    record_lookup(session, pid=pid, principal_id=principal.id, hcode=principal.hcode, purpose="CLAIM_HISTORY")
    return [ClaimOut.model_validate(r) for r in rows]


_MEDIA = {"csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@router.get("/reports/claims", summary="Claims report: JSON summary, or CSV / XLSX export (BE dates)",
            responses={200: {"content": {v: {} for v in _MEDIA.values()}}})
def claims_report(f: ClaimFilter = FilterDep, format: Literal["json", "csv", "xlsx"] = "json",
                  session: Session = SessionDep, principal: Principal = PrincipalDep, now: datetime = NowDep):
    data = claim_reports.rows(session, principal=principal, f=f)
    if format == "json":
        return {**claim_reports.summary(data), "rows": data}
    body = claim_reports.to_csv(data) if format == "csv" else claim_reports.to_xlsx(data)
    name = f"fvs-claims-{now:%Y%m%d%H%M}.{format}"
    return Response(body, media_type=_MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{name}"'})

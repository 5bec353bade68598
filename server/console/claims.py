"""Claim codes: search with the documents' filters, detail with the audit trail, edit, cancel."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console.appeals import appeal_panel
from server.console.claim_filters import STATUSES, read_filter, service_types
from server.console.config import get_console_settings
from server.console.csrf import FormDep
from server.console.errors import Problem, attempt, invalid_form
from server.console.forms import FormReader
from server.console.guards import CodePath
from server.console.ports import (
    EDITABLE_STATUSES,
    Profession,
    Role,
    SessionDep,
    Unit,
    claim_search,
    claims,
)
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render
from server.schemas.claims import ClaimCancel, ClaimEdit
from server.services import citizen_names
from server.services.claim_status import billing

router = APIRouter(prefix="/console/claims", route_class=ConsoleRoute, include_in_schema=False)

EDITORS = (Role.UNIT_STAFF, Role.UNIT_ADMIN, Role.NHSO_ADMIN)


@router.get("")
def search(request: Request, page: int = Query(1, ge=1, le=100_000), session: Session = SessionDep,
           user: ConsoleUser = UserDep) -> Response:
    read = read_filter(request.query_params, session)
    size = get_console_settings().page_size
    total, rows, names = 0, [], {}
    searched = any(v for k, v in read.values.items() if k != "pid") or bool(read.values.get("pid"))
    if read.problem is None:
        total, rows = claim_search.search(session, principal=user.principal, f=read.filter, limit=size,
                                           offset=(page - 1) * size)
        names = citizen_names.names_for(session, pids=[r.pid for r in rows])
    services = {s.code: s for s in service_types(session)}
    return render(request, "claims_search.html", {
        "values": read.values, "problem": read.problem, "rows": rows, "names": names, "total": total,
        "offset": (page - 1) * size, "page": page, "page_size": size, "services": services, "statuses": STATUSES,
        "searched": searched}, user=user, status=422 if read.problem else 200)


def _detail(request: Request, session: Session, user: ConsoleUser, code: str, *, problem: Problem | None = None,
            form: dict[str, Any] | None = None, status: int = 200) -> Response:
    claim = claims.get_claim(session, principal=user.principal, code=code)
    events = claims.events(session, principal=user.principal, code=code)
    services = {s.code: s for s in service_types(session)}
    names = citizen_names.names_for(session, pids=[claim.pid])
    unit = session.get(Unit, claim.hcode)
    profession = session.get(Profession, claim.profession)
    return render(request, "claim_detail.html", {
        "claim": claim, "events": events, "services": services, "name": names.get(claim.pid, ""), "unit": unit,
        "profession": profession, "problem": problem, "form": form or {},
        "editable": claim.status in EDITABLE_STATUSES and user.has(*EDITORS),
        "appeal": appeal_panel(session, user, claim, get_now(request)), "billing": billing(claim.status).value,
        "notice": request.query_params.get("done")}, user=user, status=status)


detail_page = _detail
"""The claim page, shown again with a problem by the pages that post to it (the appeal forms)."""


@router.get("/{code}")
def detail(request: Request, code: str = CodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
           ) -> Response:
    return _detail(request, session, user, code)


@router.post("/{code}/edit")
def edit(request: Request, code: str = CodePath(), form: FormData = FormDep, session: Session = SessionDep,
         user: ConsoleUser = UserDep) -> Response:
    reader = FormReader(form)
    values = {"phone": reader.text("phone", max_len=20), "hn": reader.text("hn", max_len=32),
              "service_type": reader.text("service_type", max_len=16), "reason": reader.text("reason", max_len=500)}
    if reader.problem is not None:
        return _detail(request, session, user, code, problem=reader.problem, form=values, status=422)
    try:
        body = ClaimEdit(**values)
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        problem = invalid_form(f"ข้อมูลไม่ถูกต้อง: {field}" + (" (เบอร์โทรศัพท์ 9-10 หลัก ขึ้นต้นด้วย 0)" if field == "phone" else ""),
                               f"Invalid value: {field}", field)
        return _detail(request, session, user, code, problem=problem, form=values, status=422)
    changes = body.model_dump(exclude={"reason"}, exclude_none=True)
    _, problem = attempt(session, lambda: claims.edit(session, principal=user.principal, code=code, changes=changes,
                                                      reason=body.reason, now=get_now(request)))
    if problem is not None:
        return _detail(request, session, user, code, problem=problem, form=values, status=problem.status)
    return RedirectResponse(f"/console/claims/{code.upper()}?done=edited", status_code=303)


@router.post("/{code}/cancel")
def cancel(request: Request, code: str = CodePath(), form: FormData = FormDep,
           session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    reader = FormReader(form)
    reason = reader.text("cancel_reason", max_len=500, required=True, label_th="เหตุผลการยกเลิก",
                         label_en="Cancellation reason")
    if reader.problem is None:
        try:
            ClaimCancel(reason=reason or "")
        except ValidationError:
            reader.fail("cancel_reason", "เหตุผลการยกเลิกต้องยาวอย่างน้อย 3 ตัวอักษร", "The reason needs at least 3 characters")
    if reader.problem is not None or reason is None:
        return _detail(request, session, user, code, problem=reader.problem, form={"cancel_reason": reason},
                       status=422)
    _, problem = attempt(session, lambda: claims.cancel(session, principal=user.principal, code=code, reason=reason,
                                                        now=get_now(request)))
    if problem is not None:
        return _detail(request, session, user, code, problem=problem, status=problem.status)
    return RedirectResponse(f"/console/claims/{code.upper()}?done=cancelled", status_code=303)

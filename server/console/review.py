"""NHSO's work: unit registrations (approve, activate, suspend, re-activate under document 003's
rules), staff identity confirmation, and the appeal queue with each case and its decision."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console.csrf import FormDep
from server.console.errors import Problem, attempt
from server.console.forms import FormReader
from server.console.guards import CodePath, HcodePath, IdPath, nhso, nhso_admin
from server.console.ports import Role, SessionDep, claims, lifecycle, registry, units
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render
from server.schemas.registry import StatusChangeIn
from server.services import appeals_queue, staff_review, unit_profile, unit_reactivation

router = APIRouter(prefix="/console/review", route_class=ConsoleRoute, include_in_schema=False)

UNIT_STATUSES = ("applied", "approved", "active", "suspended", "withdrawn")
NEXT_ACTIONS = {"applied": "approved", "approved": "active", "active": "suspended"}


# --- unit registrations ---------------------------------------------------------------------------

def _units_page(request: Request, session: Session, user: ConsoleUser, *, status: str | None,
                problem: Problem | None = None, code: int = 200) -> Response:
    nhso(user)
    now = get_now(request)
    rows = []
    for unit in units.list_units(session, status=status):
        rows.append({"unit": unit, "menus": unit_profile.menu_readiness(session, hcode=unit.hcode, at=now),
                     "requesters": unit_reactivation.eligible_requesters(session, hcode=unit.hcode)
                     if unit.status == "suspended" else []})
    return render(request, "review_units.html", {
        "rows": rows, "status": status, "statuses": UNIT_STATUSES, "next_actions": NEXT_ACTIONS, "problem": problem,
        "can_act": user.has(Role.NHSO_ADMIN), "notice": request.query_params.get("done")}, user=user, status=code)


@router.get("/units")
def unit_registrations(request: Request, status: str | None = Query(None, max_length=16),
                       session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    return _units_page(request, session, user, status=status if status in UNIT_STATUSES else None)


@router.post("/units/{hcode}/status")
def change_unit_status(request: Request, hcode: str = HcodePath(), form: FormData = FormDep,
                       session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    nhso_admin(user)
    reader = FormReader(form)
    target = reader.choice("to", ("approved", "active", "suspended", "withdrawn"), required=True)
    reason = reader.text("reason", max_len=1000)
    if reader.problem is None and target is not None:
        body = StatusChangeIn(status=target, reason=reason)
        _, problem = attempt(session, lambda: registry.change_status(session, hcode=hcode, body=body,
                                                                     at=get_now(request), by=user.principal.id))
    else:
        problem = reader.problem
    if problem is not None:
        return _units_page(request, session, user, status=None, problem=problem, code=problem.status)
    return RedirectResponse(f"/console/review/units?done={hcode}", status_code=303)


@router.post("/units/{hcode}/reactivate")
def reactivate_unit(request: Request, hcode: str = HcodePath(), form: FormData = FormDep,
                    session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    nhso_admin(user)
    reader = FormReader(form)
    requested_by = reader.integer("requested_by", low=1, high=2**31 - 1)
    reason = reader.text("reason", max_len=1000) or ""
    problem = reader.problem
    if problem is None:
        _, problem = attempt(session, lambda: unit_reactivation.reactivate(
            session, user.principal, hcode=hcode, requested_by=requested_by or 0, reason=reason, at=get_now(request)))
    if problem is not None:
        return _units_page(request, session, user, status=None, problem=problem, code=problem.status)
    return RedirectResponse(f"/console/review/units?done={hcode}", status_code=303)


# --- staff identity -------------------------------------------------------------------------------

@router.get("/staff")
def staff_queue(request: Request, session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    rows = staff_review.pending_staff(session, user.principal)
    return render(request, "review_staff.html", {"rows": rows, "notice": request.query_params.get("done")}, user=user)


@router.post("/staff/{hcode}/{staff_id}")
def confirm_staff(hcode: str = HcodePath(), staff_id: int = IdPath(), form: FormData = FormDep,
                  session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    nhso(user)
    decision = FormReader(form).choice("status", ("VERIFIED", "REJECTED"), required=True)
    if decision is None:
        from server.console.errors import ConsoleError
        raise ConsoleError(422, "INVALID_FORM", "กรุณาเลือกผลการยืนยันตัวตน", "Choose VERIFIED or REJECTED")
    registry.confirm_staff(session, hcode=hcode, staff_id=staff_id, status=decision)
    return RedirectResponse(f"/console/review/staff?done={staff_id}", status_code=303)


# --- appeals --------------------------------------------------------------------------------------

@router.get("/appeals")
def appeal_queue(request: Request, session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    found = appeals_queue.queue(session, user.principal, now=get_now(request))
    return render(request, "review_appeals.html", {"rows": found.filed, "unfiled": found.unfiled,
                                                   "notice": request.query_params.get("done")}, user=user)


def _case_page(request: Request, session: Session, user: ConsoleUser, code: str, *, problem: Problem | None = None,
               note: str = "", status: int = 200) -> Response:
    case = appeals_queue.case(session, user.principal, code=code, now=get_now(request))
    return render(request, "review_case.html", {"case": case, "problem": problem, "note": note}, user=user,
                  status=status)


@router.get("/appeals/{code}")
def appeal_case(request: Request, code: str = CodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
                ) -> Response:
    return _case_page(request, session, user, code)


@router.post("/appeals/{code}")
def decide_appeal(request: Request, code: str = CodePath(), form: FormData = FormDep,
                  session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    reader = FormReader(form)
    decision = reader.choice("decision", ("APPROVE", "REJECT"), required=True)
    note = reader.text("note", max_len=1000)
    if decision == "REJECT" and not note:
        reader.fail("note", "การไม่อนุมัติต้องระบุเหตุผล", "A rejection needs a note saying why")
    if reader.problem is not None:
        return _case_page(request, session, user, code, problem=reader.problem, note=note or "", status=422)
    _, problem = attempt(session, lambda: claims.review_appeal(session, principal=user.principal, code=code,
                                                               approve=decision == "APPROVE", note=note,
                                                               now=get_now(request)))
    if problem is not None:
        return _case_page(request, session, user, code, problem=problem, note=note or "", status=problem.status)
    return RedirectResponse(f"/console/review/appeals?done={code.upper()}", status_code=303)


__all__ = ["lifecycle", "router"]

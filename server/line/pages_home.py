"""Home (right and sub-right, today's requests, history), a member's page, the scanner and the
request itself, and the result shown large enough for the staff (document 002, steps 11–14, 17–20)."""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from line_oa import members
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.api.uploads import read_photo
from server.console.errors import attempt
from server.errors import CATALOGUE as SERVER
from server.line.auth import Citizen, CitizenDep, FormDep, text
from server.line.routing import LineRoute, redirect
from server.line.templating import render
from server.services import line_home, qr_decode, redeem_qr
from thai_civil.calendar import service_date

router = APIRouter(prefix="/line", route_class=LineRoute, include_in_schema=False)
MemberId = Path(ge=1, le=2**31 - 1)


def _member_id(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise SERVER.error("VALIDATION_ERROR", field="member")
    return int(value)


def _person_page(request: Request, session: Session, who: Citizen, member_id: int | None) -> Response:
    today = service_date(get_now(request))
    pid = who.account.pid if member_id is None else members.get_member(session, who.account, member_id).pid
    today_list, history = line_home.requests(session, pid, today=today)
    return render(request, "home.html", {
        "person": line_home.person(session, pid, today=today), "member_id": member_id, "today": today_list,
        "history": history, "may_request": line_home.may_request(session, holder_pid=who.account.pid, pid=pid,
                                                                 today=today)})


@router.get("/home")
def home(request: Request, who: Citizen = CitizenDep, session: Session = SessionDep) -> Response:
    return _person_page(request, session, who, None)


@router.get("/members/{member_id}")
def member_page(request: Request, member_id: int = MemberId, who: Citizen = CitizenDep,
                session: Session = SessionDep) -> Response:
    return _person_page(request, session, who, member_id)


def _scan_page(request: Request, session: Session, who: Citizen, member_id: int | None, problem=None,
               status: int = 200, existing: str | None = None) -> Response:
    pid = who.account.pid if member_id is None else members.get_member(session, who.account, member_id).pid
    person = line_home.person(session, pid, today=service_date(get_now(request)))
    return render(request, "scan.html", {"person": person, "member_id": member_id, "problem": problem,
                                         "existing": existing, "idem": secrets.token_urlsafe(12)}, status=status)


@router.get("/scan")
def scan(request: Request, member: str | None = Query(None, max_length=9), who: Citizen = CitizenDep,
         session: Session = SessionDep) -> Response:
    return _scan_page(request, session, who, _member_id(member))


@router.post("/redeem")
def redeem(request: Request, form: FormData = FormDep, who: Citizen = CitizenDep,
           session: Session = SessionDep) -> Response:
    """The scanned payload (decoded in the browser), or a photo of the QR decoded here."""
    member_id = _member_id(text(form, "member", 9) or None)
    photo = form.get("photo")
    payload = text(form, "qr", 300)
    secret = request.app.state.settings.secret_key.get_secret_value()

    def run():
        qr = payload
        if not qr and isinstance(photo, UploadFile) and photo.filename:
            qr = qr_decode.decode(read_photo(photo, request.app.state.settings.max_image_bytes))
        return redeem_qr.redeem(session, principal=who.principal, account=who.account, member_id=member_id,
                                payload=qr, now=get_now(request), secret=secret,
                                idempotency_key=text(form, "idem", 40) or None)

    outcome, problem = attempt(session, run)
    if problem:
        existing = problem.details.get("claim_code") if problem.code == "CLAIM_EXISTS" else None
        return _scan_page(request, session, who, member_id, problem, problem.status, existing)
    return redirect(f"/line/claims/{outcome.claim.code}")


@router.get("/claims/{code}")
def claim_page(request: Request, code: str = Path(pattern=r"^[A-Za-z]{2}\d{10}$"), who: Citizen = CitizenDep,
               session: Session = SessionDep) -> Response:
    view = line_home.claim_of(session, who.account, code)
    if view is None:
        raise SERVER.error("NOT_FOUND")
    return render(request, "claim.html", {"r": view})

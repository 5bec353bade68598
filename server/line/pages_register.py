"""Registration (PID → card details → PIN twice → phone → OTP), the PIN of a returning user and
"forgot PIN" (document 002, steps 4–10)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from line_oa import consent, otp
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.console.errors import attempt
from server.line.auth import FormDep, OpenedDep, next_page, text
from server.line.routing import LineRoute, redirect
from server.line.templating import render
from server.services import line_registration as reg
from server.services import line_sessions
from server.services.line_errors import CATALOGUE
from server.tables.line import LineSession
from thai_civil.calendar import parse_be_date
from thai_civil.pid import validate_pid

router = APIRouter(prefix="/line", route_class=LineRoute, include_in_schema=False)


def _key(request: Request) -> bytes:
    return request.app.state.settings.secret_key.get_secret_value().encode()


def _new_user(session: Session, row: LineSession) -> None:
    """Registration pages are for a LINE user who accepted the notice and has no account."""
    if not consent.has_accepted(session, row.line_user_id) or row.account_id is not None:
        raise CATALOGUE.error("LINE_STEP_OUT_OF_ORDER")


def _flow(row: LineSession) -> str:
    return line_sessions.draft(row).get("flow") or reg.REGISTER


@router.get("/register")
def pid_page(request: Request, row: LineSession = OpenedDep, session: Session = SessionDep) -> Response:
    if row.account_id is not None or not consent.has_accepted(session, row.line_user_id):
        return redirect(next_page(session, row))
    return render(request, "register_pid.html")


@router.post("/register")
def pid_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
             session: Session = SessionDep) -> Response:
    _new_user(session, row)
    pid = text(form, "pid", 30)
    _, problem = attempt(session, lambda: reg.start(session, row=row, pid=validate_pid(pid)))
    if problem:
        return render(request, "register_pid.html", {"problem": problem, "pid": pid}, status=problem.status)
    return redirect("/line/register/details")


@router.get("/register/details")
def details_page(request: Request, row: LineSession = OpenedDep, session: Session = SessionDep) -> Response:
    _new_user(session, row)
    return render(request, "register_details.html", {"values": {}})


@router.post("/register/details")
def details_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
                 session: Session = SessionDep) -> Response:
    _new_user(session, row)
    values = {k: text(form, k) for k in ("first_name", "last_name", "birth_date", "laser_code")}
    _, problem = attempt(session, lambda: reg.details(
        session, row=row, first_name=values["first_name"], last_name=values["last_name"],
        birth_date=parse_be_date(values["birth_date"]), laser_code=values["laser_code"], now=get_now(request)))
    if problem:
        return render(request, "register_details.html", {"problem": problem, "values": values}, status=problem.status)
    return redirect("/line/pin/new")


@router.get("/pin/new")
def pin_new_page(request: Request, row: LineSession = OpenedDep) -> Response:
    return render(request, "pin.html", {"stage": "set", "flow": _flow(row)})


@router.post("/pin/new")
def pin_new_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
                 session: Session = SessionDep) -> Response:
    flow = _flow(row)
    _, problem = attempt(session, lambda: reg.set_pin(session, row=row, flow=flow, pin=text(form, "pin", 10)))
    if problem:
        return render(request, "pin.html", {"stage": "set", "flow": flow, "problem": problem}, status=problem.status)
    return redirect("/line/pin/confirm")


@router.get("/pin/confirm")
def pin_confirm_page(request: Request, row: LineSession = OpenedDep) -> Response:
    return render(request, "pin.html", {"stage": "confirm", "flow": _flow(row)})


@router.post("/pin/confirm")
def pin_confirm_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
                     session: Session = SessionDep) -> Response:
    flow = _flow(row)
    account, problem = attempt(session, lambda: reg.confirm_pin(session, row=row, flow=flow,
                                                                pin=text(form, "pin", 10), now=get_now(request)))
    if problem:
        stage = "set" if problem.code == "PIN_MISMATCH" else "confirm"
        return render(request, "pin.html", {"stage": stage, "flow": flow, "problem": problem}, status=problem.status)
    return redirect("/line/home" if account is not None else "/line/register/phone")


@router.get("/register/phone")
def phone_page(request: Request, row: LineSession = OpenedDep, session: Session = SessionDep) -> Response:
    _new_user(session, row)
    return render(request, "phone.html")


@router.post("/register/phone")
def phone_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
               session: Session = SessionDep) -> Response:
    _new_user(session, row)
    phone = text(form, "phone", 20)
    _, problem = attempt(session, lambda: reg.send_otp(session, row=row, phone=phone, now=get_now(request),
                                                       key=_key(request), sender=request.app.state.sms))
    if problem:
        return render(request, "phone.html", {"problem": problem, "phone": phone}, status=problem.status)
    return redirect("/line/otp")


def _otp_page(request: Request, session: Session, row: LineSession, problem=None, status: int = 200) -> Response:
    data, challenge = reg.pending_otp(session, row=row)
    return render(request, "otp.html", {"challenge": challenge, "flow": data["flow"], "problem": problem,
                                        "resend_at": challenge.created_at + otp.RESEND_AFTER}, status=status)


@router.get("/otp")
def otp_page(request: Request, row: LineSession = OpenedDep, session: Session = SessionDep) -> Response:
    return _otp_page(request, session, row)


@router.post("/otp")
def otp_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
             session: Session = SessionDep) -> Response:
    flow = _flow(row)
    _, problem = attempt(session, lambda: reg.verify_otp(session, row=row, code=text(form, "code", 10),
                                                         now=get_now(request), key=_key(request)))
    if problem:
        return _otp_page(request, session, row, problem, problem.status)
    return redirect("/line/home" if flow == reg.REGISTER else "/line/pin/new")


@router.post("/otp/resend")
def otp_resend(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
               session: Session = SessionDep) -> Response:
    data = line_sessions.draft(row)
    now, key, sender = get_now(request), _key(request), request.app.state.sms
    if data.get("flow") == reg.RESET:
        _, problem = attempt(session, lambda: reg.start_reset(session, row=row, now=now, key=key, sender=sender))
    else:
        _, problem = attempt(session, lambda: reg.send_otp(session, row=row, phone=data.get("phone", ""), now=now,
                                                           key=key, sender=sender))
    if problem:
        return _otp_page(request, session, row, problem, problem.status)
    return redirect("/line/otp")


@router.get("/pin")
def pin_page(request: Request, row: LineSession = OpenedDep, session: Session = SessionDep) -> Response:
    if row.account_id is None or row.authenticated:
        return redirect(next_page(session, row))
    return render(request, "pin.html", {"stage": "enter"})


@router.post("/pin")
def pin_post(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
             session: Session = SessionDep) -> Response:
    if not consent.has_accepted(session, row.line_user_id):
        return redirect("/line/consent")
    _, problem = attempt(session, lambda: line_sessions.check_pin(session, row=row, pin=text(form, "pin", 10),
                                                                  now=get_now(request)))
    if problem:
        headers = {"Retry-After": str(problem.details.get("retry_after_s"))} if problem.status == 429 else None
        return render(request, "pin.html", {"stage": "enter", "problem": problem}, status=problem.status,
                      headers=headers)
    return redirect("/line/home")


@router.post("/pin/forgot")
def pin_forgot(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
               session: Session = SessionDep) -> Response:
    _, problem = attempt(session, lambda: reg.start_reset(session, row=row, now=get_now(request), key=_key(request),
                                                          sender=request.app.state.sms))
    if problem:
        return render(request, "pin.html", {"stage": "enter", "problem": problem}, status=problem.status)
    return redirect("/line/otp")

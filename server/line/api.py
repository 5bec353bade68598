"""The citizen calls as JSON (what the pages do, for scripts, load tests and other front ends):
open a session with a LIFF ID token, enter the PIN, redeem a unit QR, list the requests.

Same rules as the pages: the ``fvs_line`` cookie carries the session; every POST after the first
sends ``X-CSRF-Token`` (the ``csrf_token`` the session call answers).  Errors are the uniform JSON
body with the statuses of ``server/api/errors.py``."""
from __future__ import annotations

from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from server.api.auth import get_now
from server.api.deps import SessionDep
from server.line import csrf
from server.line.auth import (
    Citizen,
    CitizenDep,
    CurrentDep,
    OpenedDep,
    next_page,
    set_session_cookie,
)
from server.schemas.claims import ClaimOut, VerificationOut
from server.services import line_home, line_sessions, redeem_qr
from server.services.line_errors import CATALOGUE
from server.tables.line import LineSession
from thai_civil.calendar import service_date

router = APIRouter(prefix="/line/api", include_in_schema=False)


class SessionIn(BaseModel):
    id_token: str = Field(min_length=1, max_length=4096)


class SessionOut(BaseModel):
    csrf_token: str
    next: str = Field(description="The page this session goes to next (consent, registration, PIN or home)")


class PinIn(BaseModel):
    pin: str = Field(min_length=1, max_length=10)


class RedeemIn(BaseModel):
    qr: str = Field(min_length=1, max_length=300)
    member_id: int | None = Field(None, ge=1, le=2**31 - 1)


def _checked(request: Request, token: str | None) -> None:
    if not csrf.valid(request, token):
        raise CATALOGUE.error("LINE_FORM_EXPIRED")


@router.post("/session", response_model=SessionOut)
def open_session(body: SessionIn, request: Request, response: Response, row: LineSession | None = CurrentDep,
                 session: Session = SessionDep) -> SessionOut:
    identity = request.app.state.line_verifier.verify(body.id_token)
    now = get_now(request)
    if row is not None:
        line_sessions.revoke(session, row, now)
    new_row, raw = line_sessions.open_session(session, identity=identity, now=now)
    set_session_cookie(request, response, raw)
    return SessionOut(csrf_token=csrf.token_for(request, "session|" + raw), next=next_page(session, new_row))


@router.post("/pin", response_model=SessionOut)
def enter_pin(body: PinIn, request: Request, row: LineSession = OpenedDep, session: Session = SessionDep,
              x_csrf_token: str | None = Header(None, max_length=64)) -> SessionOut:
    _checked(request, x_csrf_token)
    line_sessions.check_pin(session, row=row, pin=body.pin, now=get_now(request))
    return SessionOut(csrf_token=x_csrf_token or "", next=next_page(session, row))


@router.post("/redeem", status_code=201, response_model=VerificationOut)
def redeem(body: RedeemIn, request: Request, response: Response, who: Citizen = CitizenDep,
           session: Session = SessionDep, x_csrf_token: str | None = Header(None, max_length=64),
           idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=128)) -> VerificationOut:
    _checked(request, x_csrf_token)
    outcome = redeem_qr.redeem(session, principal=who.principal, account=who.account, member_id=body.member_id,
                               payload=body.qr, now=get_now(request),
                               secret=request.app.state.settings.secret_key.get_secret_value(),
                               idempotency_key=idempotency_key)
    if outcome.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return VerificationOut(claim=ClaimOut.model_validate(outcome.claim), replayed=outcome.replayed,
                           age_group=outcome.decision.age_group if outcome.decision else None)


@router.get("/requests")
def requests(request: Request, who: Citizen = CitizenDep, session: Session = SessionDep) -> dict:
    today, history = line_home.requests(session, who.account.pid, today=service_date(get_now(request)))
    shape = lambda r: {"code": r.code, "status": r.status, "service_type": r.service_code, "hcode": r.hcode,  # noqa: E731
                       "unit_name": r.unit_name, "service_at": r.service_at.isoformat()}
    return {"today": [shape(r) for r in today], "history": [shape(r) for r in history]}

"""Who is on a LINE page: the citizen session of the ``fvs_line`` cookie (HttpOnly, Secure unless
``FVS_LINE_COOKIE_SECURE=false``, SameSite=Lax, Path=/line), checked forms, and where a session
must go next (consent → registration → PIN → home)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from line_oa import consent
from line_oa.tables import LineAccount
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.line import csrf
from server.line.templating import secure
from server.services import line_sessions
from server.services.access import Principal
from server.services.line_errors import CATALOGUE
from server.tables.line import LineSession

MAX_FIELDS = 40


@dataclass(frozen=True)
class Citizen:
    """A signed-in citizen: the session, their account and their principal."""

    row: LineSession
    account: LineAccount
    principal: Principal


def set_session_cookie(request: Request, response: Response, raw: str) -> None:
    response.set_cookie(csrf.SESSION_COOKIE, raw, max_age=int(line_sessions.TTL.total_seconds()), path="/line",
                        httponly=True, secure=secure(request), samesite="lax")
    response.delete_cookie(csrf.PRE_COOKIE, path="/line")


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(csrf.SESSION_COOKIE, path="/line", httponly=True, secure=secure(request), samesite="lax")


def current(request: Request, session: Session = SessionDep) -> LineSession | None:
    return line_sessions.load(session, request.cookies.get(csrf.SESSION_COOKIE), get_now(request))


CurrentDep = Depends(current)


def opened(row: LineSession | None = CurrentDep) -> LineSession:
    """A session opened by a verified LINE ID token (signed in or not)."""
    if row is None:
        raise CATALOGUE.error("CITIZEN_SESSION_REQUIRED")
    return row


OpenedDep = Depends(opened)


def signed_in(row: LineSession = OpenedDep, session: Session = SessionDep) -> Citizen:
    principal = line_sessions.principal(session, row)
    return Citizen(row, line_sessions.account_of(session, row), principal)


CitizenDep = Depends(signed_in)


async def checked_form(request: Request) -> FormData:
    """The form of a POST once its CSRF token and origin are checked (one file at most: a photo)."""
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    if not csrf.valid(request, form.get(csrf.FIELD)):
        raise CATALOGUE.error("LINE_FORM_EXPIRED")
    return form


FormDep = Depends(checked_form)


def next_page(session: Session, row: LineSession) -> str:
    """Where a session goes next: the consent, registration, the PIN, or home."""
    if not consent.has_accepted(session, row.line_user_id):
        return "/line/consent"
    if row.account_id is None:
        return "/line/register"
    return "/line/home" if row.authenticated else "/line/pin"


def text(form: FormData, name: str, limit: int = 100) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


__all__ = ["Citizen", "CitizenDep", "CurrentDep", "FormDep", "OpenedDep", "datetime", "next_page", "text"]

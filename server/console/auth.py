"""Sign in, sign out, the start page of each role, and the language / text-size switches."""
from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console.csrf import FormDep
from server.console.errors import attempt
from server.console.i18n import LANG_COOKIE, LANGS, SIZE_COOKIE, SIZES
from server.console.ports import SessionDep, access
from server.console.routing import ConsoleRoute
from server.console.sessions import (
    ConsoleUser,
    OptionalUserDep,
    clear_session_cookie,
    get_now,
    set_session_cookie,
)
from server.console.templating import render

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)

MAX_CREDENTIAL = 200


def safe_next(target: str | None) -> str:
    """A local console path to go to after sign-in (anything else goes to the start page)."""
    if not target or len(target) > 500:
        return "/console/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not parsed.path.startswith("/console") or "\\" in target:
        return "/console/"
    return target


def start_page(user: ConsoleUser) -> str:
    if user.is_nhso:
        return "/console/dashboard"
    return f"/console/units/{user.hcode}"


@router.get("/")
def index(user: ConsoleUser | None = OptionalUserDep) -> Response:
    return RedirectResponse("/console/login" if user is None else start_page(user), status_code=303)


@router.get("/login")
def login_form(request: Request, next: str | None = Query(None, max_length=500),
               user: ConsoleUser | None = OptionalUserDep) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next) if next else start_page(user), status_code=303)
    return render(request, "login.html", {"next": safe_next(next), "username": "", "problem": None})


@router.post("/login")
def login(request: Request, form: FormData = FormDep, session: Session = SessionDep) -> Response:
    username = str(form.get("username") or "").strip()[:MAX_CREDENTIAL]
    password = str(form.get("password") or "")[:MAX_CREDENTIAL]
    target = safe_next(str(form.get("next") or ""))
    address = request.client.host if request.client else None
    result, problem = attempt(session, lambda: access.login(session, username=username, password=password,
                                                                now=get_now(request), address=address))
    if problem is not None or result is None:
        status = problem.status if problem else 401
        return render(request, "login.html", {"next": target, "username": username, "problem": problem},
                      status=status)
    account, token, expires = result
    if account.role == "UNIT_DEVICE":  # pragma: no cover - accounts never have it
        target = "/console/login"
    session.commit()
    response = RedirectResponse(target if target != "/console/" else "/console/", status_code=303)
    set_session_cookie(request, response, token, expires)
    return response


@router.post("/logout")
def logout(request: Request, form: FormData = FormDep, session: Session = SessionDep,
           user: ConsoleUser | None = OptionalUserDep) -> Response:
    if user is not None:
        attempt(session, lambda: access.logout(session, principal=user.principal, now=get_now(request)))
    response = RedirectResponse("/console/login", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/prefs")
def prefs(request: Request, lang: str | None = Query(None, max_length=2), size: str | None = Query(None, max_length=1),
          next: str | None = Query(None, max_length=500)) -> Response:
    """Switch language or text size (a display preference only: a cookie, no data changes)."""
    response = RedirectResponse(safe_next(next), status_code=303)
    year = 365 * 24 * 3600
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=year, path="/console", samesite="lax")
    if size in SIZES:
        response.set_cookie(SIZE_COOKIE, size, max_age=year, path="/console", samesite="lax")
    return response

"""Entry (the LIFF endpoint: the page sends its LIFF ID token), the consent notice, the decline
page, the language switch and signing out (document 002, steps 1–3)."""
from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from line_oa import consent
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.errors import CATALOGUE as SERVER
from server.line.auth import (
    CurrentDep,
    FormDep,
    OpenedDep,
    clear_session_cookie,
    next_page,
    set_session_cookie,
    text,
)
from server.line.i18n import LANG_COOKIE, LANGS
from server.line.routing import LineRoute, redirect
from server.line.templating import render, secure
from server.services import line_sessions
from server.tables.line import LineSession

router = APIRouter(prefix="/line", route_class=LineRoute, include_in_schema=False)


@router.get("/")
def entry(request: Request, row: LineSession | None = CurrentDep, session: Session = SessionDep) -> Response:
    """The LIFF page: its script gets the LIFF ID token (or, in development, a dev user) and posts it."""
    if row is not None and row.authenticated:
        return redirect(next_page(session, row))
    return render(request, "entry.html")


@router.post("/session")
def open_session(request: Request, form: FormData = FormDep, row: LineSession | None = CurrentDep,
                 session: Session = SessionDep) -> Response:
    """Verify the ID token (LINE's verify endpoint, or the development verifier) and open a session."""
    identity = request.app.state.line_verifier.verify(text(form, "id_token", 4096))
    now = get_now(request)
    if row is not None:
        line_sessions.revoke(session, row, now)
    new_row, raw = line_sessions.open_session(session, identity=identity, now=now)
    response = redirect(next_page(session, new_row))
    set_session_cookie(request, response, raw)
    return response


@router.get("/consent")
def consent_page(request: Request, row: LineSession = OpenedDep) -> Response:
    return render(request, "consent.html", {"notice": consent.notice()})


@router.post("/consent")
def consent_decision(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
                     session: Session = SessionDep) -> Response:
    accepted = text(form, "decision") == "accept"
    consent.decide(session, line_user_id=row.line_user_id, accepted=accepted, at=get_now(request))
    if accepted:
        return redirect(next_page(session, row))
    line_sessions.revoke(session, row, get_now(request))  # declining ends it
    response = redirect("/line/declined")
    clear_session_cookie(request, response)
    return response


@router.get("/declined")
def declined(request: Request) -> Response:
    return render(request, "declined.html", {"notice": consent.notice()})


@router.get("/prefs")
def prefs(request: Request, lang: str = Query("th", max_length=2), next: str = Query("/line/", max_length=300)
          ) -> Response:
    target = next if next.startswith("/line") and not urlparse(next).netloc else "/line/"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, path="/line", secure=secure(request),
                            samesite="lax")
    return response


@router.post("/logout")
def logout(request: Request, form: FormData = FormDep, row: LineSession = OpenedDep,
           session: Session = SessionDep) -> Response:
    line_sessions.revoke(session, row, get_now(request))
    response = redirect("/line/")
    clear_session_cookie(request, response)
    return response


@router.get("/liff-sdk.js")
def liff_sdk(request: Request) -> Response:
    """The LIFF SDK bundle the deployment supplies (``FVS_LINE_LIFF_SDK_FILE``), served by FVS."""
    path = request.app.state.line_settings.liff_sdk_file
    if path is None or not path.is_file():
        raise SERVER.error("NOT_FOUND")
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"})

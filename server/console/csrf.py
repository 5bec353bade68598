"""CSRF protection of every console form.

The token is an HMAC of the login session token under ``FVS_SECRET_KEY`` (so it changes with
every session and needs no storage); before sign-in it is an HMAC of a random pre-session
cookie.  Every POST carries it in the hidden field ``csrf_token``; a missing or wrong one is a
403 page.  A cross-site ``Origin`` is refused as well.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlparse

from fastapi import Depends, Request
from starlette.datastructures import FormData

from server.console.errors import ConsoleError

SESSION_COOKIE = "fvs_console"
PRE_COOKIE = "fvs_console_pre"
FIELD = "csrf_token"
MAX_FIELDS = 300


def _secret(request: Request) -> bytes:
    return request.app.state.settings.secret_key.get_secret_value().encode()


def token_for(request: Request, basis: str) -> str:
    return hmac.new(_secret(request), f"fvs-console-csrf|{basis}".encode(), hashlib.sha256).hexdigest()[:40]


def expected_token(request: Request) -> str | None:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        return token_for(request, "session|" + session)
    pre = request.cookies.get(PRE_COOKIE)
    return token_for(request, "pre|" + pre) if pre else None


def page_token(request: Request) -> tuple[str, str | None]:
    """The token a page's forms carry, and a new pre-session cookie value when one must be set."""
    token = expected_token(request)
    if token is not None:
        return token, None
    pre = secrets.token_urlsafe(24)
    return token_for(request, "pre|" + pre), pre


def csrf_refused() -> ConsoleError:
    return ConsoleError(403, "CSRF_INVALID", "แบบฟอร์มหมดอายุหรือไม่ได้ส่งจากหน้าจอของระบบ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง",
                        "The form expired or was not sent from an FVS page; reload the page and try again")


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":  # FVS pages send no referrer, so browsers may say "null"
        return True
    return urlparse(origin).netloc == request.headers.get("host", request.url.netloc)


async def checked_form(request: Request) -> FormData:
    """FastAPI dependency of every POST: the form, once its CSRF token and origin are checked."""
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    sent = form.get(FIELD)
    expected = expected_token(request)
    if (not isinstance(sent, str) or expected is None or not hmac.compare_digest(sent.encode(), expected.encode())
            or not _same_origin(request)):
        raise csrf_refused()
    return form


FormDep = Depends(checked_form)
"""The checked form of a POST (``form: FormData = FormDep``)."""

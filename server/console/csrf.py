"""CSRF protection of every console form.

The token is an HMAC of the login session token under ``FVS_SECRET_KEY`` (so it changes with
every session and needs no storage); before sign-in it is an HMAC of a random pre-session
cookie.  Every POST carries it in the hidden field ``csrf_token``; a missing or wrong one is a
403 page.  A cross-site ``Origin`` is refused as well.
"""
from __future__ import annotations

from fastapi import Depends, Request
from starlette.datastructures import FormData

from server.console.errors import ConsoleError
from server.page_csrf import CsrfScheme

SESSION_COOKIE = "fvs_console"
PRE_COOKIE = "fvs_console_pre"
FIELD = "csrf_token"
MAX_FIELDS = 300
MAX_UPLOADS = 10
SCHEME = CsrfScheme("fvs-console-csrf", SESSION_COOKIE, PRE_COOKIE)
token_for, expected_token, page_token = SCHEME.token_for, SCHEME.expected, SCHEME.page_token


def csrf_refused() -> ConsoleError:
    return ConsoleError(403, "CSRF_INVALID", "แบบฟอร์มหมดอายุหรือไม่ได้ส่งจากหน้าจอของระบบ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง",
                        "The form expired or was not sent from an FVS page; reload the page and try again")


def _check(request: Request, form: FormData) -> FormData:
    if not SCHEME.valid(request, form.get(FIELD)):
        raise csrf_refused()
    return form


async def checked_form(request: Request) -> FormData:
    """FastAPI dependency of every POST: the form, once its CSRF token and origin are checked."""
    return _check(request, await request.form(max_files=0, max_fields=MAX_FIELDS))


async def checked_upload_form(request: Request) -> FormData:
    """The same for the few forms that carry files (an appeal's attachments): at most
    ``MAX_UPLOADS`` files; their sizes and kinds are the use case's to check."""
    return _check(request, await request.form(max_files=MAX_UPLOADS, max_fields=MAX_FIELDS))


FormDep = Depends(checked_form)
"""The checked form of a POST (``form: FormData = FormDep``)."""
UploadFormDep = Depends(checked_upload_form)
"""The checked multipart form of a POST with files."""

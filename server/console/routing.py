"""Console routes answer errors with HTML pages, never the API's JSON.

:class:`ConsoleRoute` swaps the app's exception handlers for :func:`error_page` while one of its
routes handles a request.  The swap happens inside FastAPI's request handling, so the request's database
session has already been rolled back (or committed, for refusals the services keep on record)
when the page is drawn.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.console.errors import Problem, is_domain_error, problem_of
from server.console.sessions import clear_session_cookie
from server.console.templating import render

log = logging.getLogger("fvs.console")

_HTTP = {
    400: ("BAD_REQUEST", "คำขอไม่ถูกต้อง", "Bad request"),
    404: ("NOT_FOUND", "ไม่พบหน้าที่ต้องการ", "Page not found"),
    405: ("METHOD_NOT_ALLOWED", "ไม่รองรับวิธีการเรียกนี้", "Method not allowed"),
    413: ("PAYLOAD_TOO_LARGE", "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป", "The form is too large"),
    422: ("INVALID_INPUT", "ข้อมูลไม่ถูกต้อง", "Invalid input"),
}


def problem_for(exc: BaseException) -> Problem:
    """Any exception as the problem to show (unexpected ones are logged and shown as 500)."""
    if is_domain_error(exc):
        return problem_of(exc)
    if isinstance(exc, RequestValidationError):
        return Problem(422, "INVALID_INPUT", "ข้อมูลที่ส่งมาไม่ถูกต้อง", "The request holds invalid values")
    if isinstance(exc, StarletteHTTPException):
        if isinstance(exc.detail, dict) and {"code", "message_th", "message_en"} <= exc.detail.keys():
            d = exc.detail
            return Problem(exc.status_code, d["code"], d["message_th"], d["message_en"])
        code, th, en = _HTTP.get(exc.status_code, ("HTTP_ERROR", "เกิดข้อผิดพลาด", "Error"))
        return Problem(exc.status_code, code, th, en)
    if isinstance(exc, (OperationalError, InterfaceError, PoolTimeoutError)) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated):
        log.warning("database unavailable: %s", type(exc).__name__)
        return Problem(503, "DB_UNAVAILABLE", "ฐานข้อมูลไม่พร้อมใช้งานชั่วคราว ไม่มีการบันทึกข้อมูล กรุณาลองใหม่",
                       "The database is unavailable or busy; nothing was saved. Try again shortly")
    if isinstance(exc, IntegrityError):
        return Problem(409, "CONFLICT", "ข้อมูลนี้ถูกบันทึกไปแล้วโดยคำขออื่นพร้อมกัน กรุณาตรวจสอบแล้วลองใหม่",
                       "Another request saved conflicting data at the same time; nothing was saved")
    if isinstance(exc, DataError):
        return Problem(422, "INVALID_INPUT", "ข้อมูลมีอักขระหรือค่าที่ระบบจัดเก็บไม่ได้",
                       "The form holds a character or value that cannot be stored")
    log.error("unexpected console error on %s", type(exc).__name__, exc_info=exc)
    return Problem(500, "INTERNAL_ERROR", "เกิดข้อผิดพลาดภายในระบบ", "Internal error")


def _local(path: str) -> bool:
    return path.startswith("/console") and not path.startswith("//")


def login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = "/console/login" + (f"?next={quote(target, safe='')}" if _local(target) and request.method == "GET" else "")
    response = RedirectResponse(location, status_code=303)
    clear_session_cookie(request, response)
    return response


def show_problem(request: Request, problem: Problem) -> Response:
    headers = {"Retry-After": str(problem.details.get("retry_after_s", 60))} if problem.status == 429 else None
    if problem.status == 503:
        headers = {"Retry-After": "2"}
    return render(request, "error.html", {"problem": problem}, status=problem.status, headers=headers)


async def error_page(request: Request, exc: Exception) -> Response:
    problem = problem_for(exc)
    if problem.code == "UNAUTHENTICATED":
        return login_redirect(request)
    return show_problem(request, problem)


class ConsoleRoute(APIRoute):
    """An APIRoute whose errors are HTML pages (see the module doc)."""

    async def handle(self, scope, receive, send) -> None:
        scope["starlette.exception_handlers"] = ({Exception: error_page}, {})
        await super().handle(scope, receive, send)

"""The HTTP edge of errors: the status of every code, and the uniform error body.

Every 4xx/5xx answer is ``{"code", "message_th", "message_en", ...details}``.  Domain packages
and services raise :class:`fvs_errors.DomainError` (code, messages from their package's one
catalogue, details); :func:`status_of` — here, and nowhere else — decides the HTTP status of a
code.  Anything unexpected becomes a logged 500 ``INTERNAL_ERROR`` that never echoes input.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from fvs_errors import DomainError
from server.errors import CATALOGUE as SERVER
from thai_civil.errors import CATALOGUE as THAI_CIVIL

log = logging.getLogger("fvs.errors")

STATUS: dict[str, int] = {
    # 401
    "UNAUTHENTICATED": 401, "BAD_CREDENTIALS": 401,
    # 403
    "ROLE_FORBIDDEN": 403, "UNIT_FORBIDDEN": 403, "STAFF_VERIFICATION_NHSO_ONLY": 403, "FORBIDDEN": 403,
    "CARD_AGENT_REVOKED": 403, "CARD_AGENT_OTHER_UNIT": 403,
    # 404 (besides every *_NOT_FOUND)
    "NOT_FOUND": 404,
    # 405, 406
    "METHOD_NOT_ALLOWED": 405, "NOT_ACCEPTABLE": 406,
    # 409: conflicts with data already saved
    "ACCOUNT_EXISTS": 409, "CLAIM_EXISTS": 409, "CLAIM_NOT_EDITABLE": 409, "CLAIM_NOT_CANCELLABLE": 409,
    "NOT_PENDING_APPEAL": 409, "UNIT_EXISTS": 409, "STAFF_EXISTS": 409, "MANAGER_EXISTS": 409,
    "INVALID_STATUS_TRANSITION": 409, "MODEL_MISMATCH": 409, "DUPLICATE_FACE": 409, "CONFLICT": 409,
    "CARD_AGENT_KEY_TAKEN": 409, "RELATIVE_EXISTS": 409,
    "APPEAL_ALREADY_FILED": 409, "APPEAL_NOT_FILED": 409,
    # 413, 415, 429
    "IMAGE_TOO_LARGE": 413, "CSV_TOO_LARGE": 413, "PAYLOAD_TOO_LARGE": 413, "APPEAL_ATTACHMENT_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415, "APPEAL_ATTACHMENT_TYPE": 415,
    "TOO_MANY_ATTEMPTS": 429, "TOO_MANY_REQUESTS": 429,
    # 503: retry later
    "MODEL_UNAVAILABLE": 503, "FACE_BUSY": 503, "LIVENESS_UNAVAILABLE": 503, "CLAIM_CODE_EXHAUSTED": 503,
    "DB_UNAVAILABLE": 503, "SERVICE_UNAVAILABLE": 503,
    "INTERNAL_ERROR": 500, "BAD_REQUEST": 400,
    # issue 12: the citizens' LINE pages, the webhook, unit QR codes, bookings
    "CITIZEN_SESSION_REQUIRED": 401, "LINE_ID_TOKEN_INVALID": 401, "LINE_FORM_EXPIRED": 403,
    "LINE_SIGNATURE_INVALID": 400, "LINE_ALREADY_REGISTERED": 409, "MEMBER_EXISTS": 409,
    "MEMBER_RELATION_CONFLICT": 409, "SLOT_FULL": 409, "BOOKING_EXISTS": 409, "BOOKING_HOLD_EXPIRED": 409,
    "BOOKING_NOT_OPEN": 409, "PIN_LOCKED": 429, "OTP_RESEND_TOO_SOON": 429, "OTP_TOO_MANY": 429,
    "LINE_CHECKS_LOCKED": 429, "QR_FONT_MISSING": 503, "LINE_UNAVAILABLE": 503, "LINE_NOT_CONFIGURED": 503,
    "SMS_NOT_SENT": 503,
}
"""HTTP status of the codes that are not 422 (or 404, for the ``*_NOT_FOUND`` codes)."""

RETRY_AFTER_S = {"DB_UNAVAILABLE": 2, "FACE_BUSY": 1}
"""Seconds a client should wait before retrying a 503 (``Retry-After``); other 503s: 5."""

_HTTP_CODES = {400: "BAD_REQUEST", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND",
               405: "METHOD_NOT_ALLOWED", 406: "NOT_ACCEPTABLE", 409: "CONFLICT", 413: "PAYLOAD_TOO_LARGE",
               415: "UNSUPPORTED_MEDIA_TYPE", 422: "VALIDATION_ERROR", 429: "TOO_MANY_REQUESTS",
               503: "SERVICE_UNAVAILABLE"}

# pydantic error types raised by FVS's own field types → the code whose messages answer them
_FIELD_ERROR_CODES = {"invalid_pid": "INVALID_PID", "invalid_be_date": "INVALID_DATE"}


def status_of(code: str) -> int:
    """The HTTP status a code answers with."""
    if code in STATUS:
        return STATUS[code]
    return 404 if code.endswith("_NOT_FOUND") else 422


def error_body(code: str, message_th: str, message_en: str, **details: Any) -> dict[str, Any]:
    return {"code": code, "message_th": message_th, "message_en": message_en, **details}


def error_response(status: int, code: str, message_th: str, message_en: str, **details: Any) -> JSONResponse:
    headers = None
    if status == 429:
        headers = {"Retry-After": str(details.get("retry_after_s", 60))}
    elif status == 503:
        headers = {"Retry-After": str(RETRY_AFTER_S.get(code, 5))}
    return JSONResponse(jsonable_encoder(error_body(code, message_th, message_en, **details)), status_code=status,
                        headers=headers)


def domain_response(exc: DomainError) -> JSONResponse:
    return error_response(status_of(exc.code), exc.code, exc.message_th, exc.message_en, **exc.details)


def server_response(code: str, **details: Any) -> JSONResponse:
    """The answer of one of the server catalogue's own codes."""
    th, en = SERVER.messages(code, **details)
    return error_response(status_of(code), code, th, en, **details)


def _validation_response(exc: RequestValidationError) -> JSONResponse:
    fields = []
    specific: str | None = None
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        fields.append({"field": ".".join(loc), "type": err.get("type"), "message": err.get("msg")})
        specific = specific or _FIELD_ERROR_CODES.get(str(err.get("type")))
    if specific:
        th, en = THAI_CIVIL.messages(specific)
        return error_response(422, specific, th, en, errors=fields)
    return server_response("VALIDATION_ERROR", errors=fields)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        return domain_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.detail, dict) and "code" in exc.detail:
            return JSONResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        code = _HTTP_CODES.get(exc.status_code, "HTTP_ERROR")
        th, en = SERVER.messages(code)
        return error_response(exc.status_code, code, th, en)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # Two requests raced for the same unique row (e.g. the same hcode imported twice at
        # once): the loser's transaction was rolled back and nothing of it was saved.
        log.warning("integrity conflict on %s %s", request.method, request.url.path)
        return server_response("CONFLICT")

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot store (a NUL character in text on PostgreSQL, a number
        # out of range): the client's input, refused as such; nothing was saved.
        log.info("data refused by the database on %s %s", request.method, request.url.path)
        return server_response("INVALID_INPUT")

    @app.exception_handler(DBAPIError)
    async def _dbapi(request: Request, exc: DBAPIError) -> JSONResponse:
        if isinstance(exc, (OperationalError, InterfaceError)) or exc.connection_invalidated:
            return db_unavailable(exc)
        return await _unexpected(request, exc)

    @app.exception_handler(PoolTimeoutError)
    async def _pool_timeout(request: Request, exc: PoolTimeoutError) -> JSONResponse:
        return db_unavailable(exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return server_response("INTERNAL_ERROR")


def db_unavailable(exc: Exception) -> JSONResponse:
    """The database could not be reached or was too busy: nothing of the request was saved."""
    cause = getattr(exc, "orig", None) or exc
    log.warning("database unavailable: %s: %s", type(cause).__name__, str(cause).splitlines()[0][:200] if str(cause) else "")
    return server_response("DB_UNAVAILABLE")

"""The uniform error body and the mapping of every error to it.

Every 4xx answer is ``{"code", "message_th", "message_en", ...details}`` with a stable,
machine-readable ``code``.  Domain packages raise their own exceptions carrying ``code``,
``message_th``, ``message_en`` and ``details``; :func:`register_domain_error` maps each class to
an HTTP status.  Anything unexpected becomes a 500 ``INTERNAL_ERROR`` that is logged with its
request id (and never echoes input back).
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

log = logging.getLogger("fvs.errors")


class ApiError(Exception):
    """An error a service raises to answer the client with a given status and code."""

    def __init__(self, status: int, code: str, message_th: str, message_en: str, **details: Any):
        super().__init__(f"{code}: {message_en}")
        self.status = status
        self.code = code
        self.message_th = message_th
        self.message_en = message_en
        self.details = details


def error_body(code: str, message_th: str, message_en: str, **details: Any) -> dict[str, Any]:
    return {"code": code, "message_th": message_th, "message_en": message_en, **details}


RETRY_AFTER_S = {"DB_UNAVAILABLE": 2, "FACE_BUSY": 1}
"""Seconds a client should wait before retrying a 503 (``Retry-After``); others: 5."""


def error_response(status: int, code: str, message_th: str, message_en: str, **details: Any) -> JSONResponse:
    headers = None
    if status == 429:
        headers = {"Retry-After": str(details.get("retry_after_s", 60))}
    elif status == 503:
        headers = {"Retry-After": str(RETRY_AFTER_S.get(code, 5))}
    return JSONResponse(jsonable_encoder(error_body(code, message_th, message_en, **details)), status_code=status,
                        headers=headers)


def db_unavailable(exc: Exception) -> JSONResponse:
    """The database could not be reached or was too busy: nothing of the request was saved."""
    log.warning("database unavailable: %s", type(exc).__name__)
    return error_response(503, "DB_UNAVAILABLE", "ฐานข้อมูลไม่พร้อมใช้งานชั่วคราว ไม่มีการบันทึกข้อมูลของคำขอนี้ กรุณาลองใหม่",
                          "The database is unavailable or busy; nothing of this request was saved. Retry shortly")


_HTTP_CODES: dict[int, tuple[str, str, str]] = {
    400: ("BAD_REQUEST", "คำขอไม่ถูกต้อง", "Bad request"),
    401: ("UNAUTHENTICATED", "กรุณายืนยันตัวตนก่อนใช้งาน", "Authentication required"),
    403: ("FORBIDDEN", "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้", "You may not access this resource"),
    404: ("NOT_FOUND", "ไม่พบข้อมูลที่ร้องขอ", "Not found"),
    405: ("METHOD_NOT_ALLOWED", "ไม่รองรับวิธีการเรียกนี้", "Method not allowed"),
    406: ("NOT_ACCEPTABLE", "ไม่รองรับรูปแบบข้อมูลที่ขอ", "Not acceptable"),
    409: ("CONFLICT", "ข้อมูลขัดแย้งกับข้อมูลที่มีอยู่", "Conflict with existing data"),
    413: ("PAYLOAD_TOO_LARGE", "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป", "Request body too large"),
    415: ("UNSUPPORTED_MEDIA_TYPE", "ไม่รองรับชนิดข้อมูลนี้", "Unsupported media type"),
    422: ("VALIDATION_ERROR", "ข้อมูลไม่ถูกต้อง", "Invalid input"),
    429: ("TOO_MANY_REQUESTS", "มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง", "Too many requests"),
    503: ("SERVICE_UNAVAILABLE", "บริการยังไม่พร้อมใช้งาน", "Service unavailable"),
}

# pydantic error types raised by FVS's own field types → (code, th, en)
_FIELD_ERROR_CODES: dict[str, tuple[str, str, str]] = {
    "invalid_pid": (
        "INVALID_PID",
        "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)",
        "Invalid citizen ID (must be 13 digits with a valid check digit)",
    ),
    "invalid_be_date": (
        "INVALID_DATE",
        "วันที่ไม่ถูกต้อง (รูปแบบ วว/ดด/ปปปป พ.ศ.)",
        "Invalid date (format dd/mm/yyyy, Buddhist Era)",
    ),
}

_domain_errors: dict[type[Exception], int | Any] = {}


def register_domain_error(exc_class: type[Exception], status: int | Any) -> None:
    """Map a domain exception class (with code/message_th/message_en) to an HTTP status.

    ``status`` may be a callable taking the exception and returning the status.
    """
    _domain_errors[exc_class] = status


def _validation_response(exc: RequestValidationError) -> JSONResponse:
    fields = []
    specific: tuple[str, str, str] | None = None
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        fields.append({"field": ".".join(loc), "type": err.get("type"), "message": err.get("msg")})
        specific = specific or _FIELD_ERROR_CODES.get(str(err.get("type")))
    code, th, en = specific or _HTTP_CODES[422]
    return error_response(422, code, th, en, errors=fields)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message_th, exc.message_en, **exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _validation_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, th, en = _HTTP_CODES.get(exc.status_code, ("HTTP_ERROR", "เกิดข้อผิดพลาด", "HTTP error"))
        if isinstance(exc.detail, dict) and "code" in exc.detail:
            return JSONResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        return error_response(exc.status_code, code, th, en)

    async def _domain(request: Request, exc: Exception) -> JSONResponse:
        status = next(_domain_errors[c] for c in type(exc).__mro__ if c in _domain_errors)
        status = status(exc) if callable(status) else status
        return error_response(
            status, exc.code, exc.message_th, exc.message_en,  # type: ignore[attr-defined]
            **(getattr(exc, "details", None) or {}),
        )

    for exc_class in _domain_errors:
        app.add_exception_handler(exc_class, _domain)

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # Two requests raced for the same unique row (e.g. the same hcode imported twice at
        # once): the loser's transaction was rolled back and nothing of it was saved.
        log.warning("integrity conflict on %s %s", request.method, request.url.path)
        return error_response(409, "CONFLICT", "ข้อมูลนี้ถูกบันทึกไปแล้วโดยคำขออื่นพร้อมกัน กรุณาตรวจสอบแล้วลองใหม่",
                              "A concurrent request saved conflicting data; nothing of this request was saved")

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot store (a NUL character in text on PostgreSQL, a number
        # out of range): the client's input, refused as such; nothing was saved.
        log.info("data refused by the database on %s %s", request.method, request.url.path)
        return error_response(422, "INVALID_INPUT", "ข้อมูลมีอักขระหรือค่าที่ระบบจัดเก็บไม่ได้",
                              "The request holds a character or value that cannot be stored")

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
        return error_response(
            500, "INTERNAL_ERROR", "เกิดข้อผิดพลาดภายในระบบ", "Internal server error"
        )

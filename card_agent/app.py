"""The agent's HTTP face: NHSO's Secure Smartcard Agent routes, on loopback, behind a token.

* ``GET /api/smartcard/terminals`` → ``[{terminalName, isPresent}]``
* ``GET /api/smartcard/read?readImageFlag=true|false`` → the card, rights, claim types,
  ``correlationId``, and ``signedRead`` (``{record, signature}``) for FVS clients
* ``POST /api/nhso-service/confirm-save`` ``{pid, claimType, mobile, correlationId, hn?, hcode?}``
  → ``{pid, claimType, claimCode, createdDate, correlationId}``
* ``GET /api/nhso-service/latest-authen-code/{pid}`` → ``{claimCode, claimType, claimDateTime, hcode}``

Every request must be addressed to 127.0.0.1, localhost or [::1] (the ``Host`` header: a web
page cannot reach the agent through a DNS name that points at 127.0.0.1) and carry
``Authorization: Bearer <token>``.  Browsers may call it only from ``allowed_origins`` (CORS,
with Chrome's private-network preflight answered for them).  Errors are Spring-style, as hospital
software expects from NHSO's agent: ``{"status", "error", "message", "errors": [{"code",
"defaultMessage"}], ...}`` with the Thai message in ``errors[0].defaultMessage``, plus FVS's
``code``, ``message_th`` and ``message_en``.
"""
from __future__ import annotations

import hmac
import inspect
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from card_agent.errors import AgentError, FvsError, agent_error
from card_agent.service import CardAgentService, ConfirmSave
from card_agent.settings import AgentSettings
from card_reader import CardError
from fvs_errors import DomainError
from thai_civil.calendar import now_utc

log = logging.getLogger("fvs.card_agent.http")

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

AGENT_STATUS = {
    "AGENT_UNAUTHORIZED": 401, "AGENT_HOST_REFUSED": 403, "AGENT_INVALID_INPUT": 400,
    "AGENT_READ_UNKNOWN": 404, "AGENT_CARD_CHANGED": 409,
    "AGENT_HCODE_MISMATCH": 400, "AGENT_NO_CLAIM": 404, "FVS_UNREACHABLE": 503, "FVS_BAD_ANSWER": 502,
}
CARD_STATUS = {
    "CARD_SERVICE_UNAVAILABLE": 503, "CARD_NO_READER": 503, "CARD_READER_NOT_FOUND": 404,
    "CARD_READER_BUSY": 409, "CARD_TRANSMISSION_FAILED": 503,
}  # other card errors (no card, removed, unknown, expired, invalid data): 400


def status_of(exc: DomainError) -> int:
    if isinstance(exc, FvsError):
        if exc.status in (401, 403):
            return 502  # FVS refused the agent itself (device token, unit, revoked key): not the caller's doing
        if exc.status == 429:
            return 429
        return 502 if exc.status >= 500 else 400
    if isinstance(exc, CardError):
        return CARD_STATUS.get(exc.code, 400)
    if isinstance(exc, AgentError):
        return AGENT_STATUS.get(exc.code, 400)
    return 400


def error_body(status: int, code: str, message_th: str, message_en: str, path: str,
               details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Spring-style body hospital software reads (``errors[0].defaultMessage``), with FVS's
    code and both messages."""
    errors = [{"code": code, "defaultMessage": message_th}]
    for reason in (details or {}).get("reasons") or []:
        if isinstance(reason, dict) and reason.get("code") != code and reason.get("message_th"):
            errors.append({"code": str(reason.get("code")), "defaultMessage": str(reason["message_th"])})
    body: dict[str, Any] = {
        "timestamp": now_utc().isoformat(timespec="seconds"), "status": status,
        "error": HTTPStatus(status).phrase, "message": message_en, "path": path, "errors": errors,
        "code": code, "message_th": message_th, "message_en": message_en,
    }
    if details:
        body["details"] = details
    return body


def _respond(request: Request, status: int, code: str, th: str, en: str,
             details: dict[str, Any] | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(status, code, th, en, request.url.path, details), status_code=status,
                        headers=headers)


def install_errors(app: FastAPI) -> None:
    async def domain(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return _respond(request, status_of(exc), exc.code, exc.message_th, exc.message_en, exc.details)

    async def validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        fields = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            fields.append({"field": name, "code": str(err.get("type")), "message": str(err.get("msg"))})
        first = fields[0] if fields else {"field": "body", "message": "invalid"}
        error = agent_error("AGENT_INVALID_INPUT", field=first["field"], reason=first["message"])
        return _respond(request, 400, error.code, error.message_th, error.message_en, {"fields": fields})

    async def http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "HTTP_ERROR")
        return _respond(request, exc.status_code, code, "ไม่พบบริการที่เรียก", HTTPStatus(exc.status_code).phrase)

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _respond(request, 500, "INTERNAL_ERROR", "เกิดข้อผิดพลาดภายในโปรแกรมอ่านบัตร", "Internal error")

    app.add_exception_handler(DomainError, domain)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http)
    app.add_exception_handler(Exception, unexpected)


class PrivateNetworkPreflight:
    """Answer Chrome's private-network preflight (``Access-Control-Request-Private-Network``)
    for allowed origins, so the FVS web console may call the agent on 127.0.0.1 (for Starlette
    releases whose CORS middleware does not do it itself)."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]):
        self.app = app
        self.origins = frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        wanted = headers.get("access-control-request-private-network") == "true" and \
            headers.get("origin") in self.origins

        async def send_with_header(message: Message) -> None:
            if wanted and message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"access-control-allow-private-network", b"true")]
            await send(message)

        await self.app(scope, receive, send_with_header)


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def guard(settings: AgentSettings) -> Callable[[Request], None]:
    token = settings.token.encode("utf-8")

    def check(request: Request) -> None:
        host = request.headers.get("host", "")
        if _host_name(host) not in LOCAL_HOSTS:
            raise agent_error("AGENT_HOST_REFUSED", host=host[:100])
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), token):
            raise agent_error("AGENT_UNAUTHORIZED")

    return check


class ConfirmSaveIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    pid: str = Field(min_length=13, max_length=20)
    claimType: str = Field(min_length=1, max_length=16, examples=["PG0070001"])
    mobile: str | None = Field(None, max_length=20)
    correlationId: str = Field(min_length=1, max_length=64)
    hn: str | None = Field(None, max_length=32)
    hcode: str | None = Field(None, max_length=5)
    # FVS's extras (hospital software written for NHSO's agent sends none of them)
    profession: str | None = Field(None, max_length=32)
    certifier: str | None = Field(None, max_length=32)
    reasonCode: str | None = Field(None, max_length=32)
    reasonText: str | None = Field(None, max_length=1000)
    certifierCorrelationId: str | None = Field(None, max_length=64)

    def to_request(self) -> ConfirmSave:
        def blank(v: str | None) -> str | None:
            return v or None

        return ConfirmSave(pid=self.pid, claim_type=self.claimType, mobile=blank(self.mobile),
                           correlation_id=self.correlationId, hn=blank(self.hn), hcode=blank(self.hcode),
                           profession=blank(self.profession), certifier=blank(self.certifier),
                           reason_code=blank(self.reasonCode),
                           reason_text=blank(self.reasonText),
                           certifier_correlation_id=blank(self.certifierCorrelationId))


def create_agent_app(settings: AgentSettings, service: CardAgentService) -> FastAPI:
    app = FastAPI(title="FVS card agent", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(guard(settings))])
    install_errors(app)

    @app.middleware("http")
    async def no_store(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/api/smartcard/terminals")
    def terminals() -> list[dict[str, Any]]:
        return service.terminals()

    @app.get("/api/smartcard/read")
    def read(read_image: bool = Query(False, alias="readImageFlag")) -> dict[str, Any]:
        return service.read(image=read_image)

    @app.post("/api/nhso-service/confirm-save")
    def confirm_save(body: ConfirmSaveIn) -> dict[str, Any]:
        return service.confirm_save(body.to_request())

    @app.get("/api/nhso-service/latest-authen-code/{pid}")
    def latest_authen_code(pid: str = Path(max_length=20)) -> dict[str, Any]:
        return service.latest_authen_code(pid)

    @app.get("/api/agent/info")
    def info() -> dict[str, Any]:
        return {"zone": settings.zone.value, "server_url": settings.server_url, "hcode": settings.hcode,
                "agent_id": settings.agent_id, "key_id": service.key.key_id}

    cors: dict[str, Any] = {"allow_origins": list(settings.allowed_origins), "allow_credentials": False,
                            "allow_methods": ["GET", "POST"], "allow_headers": ["Authorization", "Content-Type"],
                            "max_age": 600}
    if "allow_private_network" in inspect.signature(CORSMiddleware.__init__).parameters:
        app.add_middleware(CORSMiddleware, **cors, allow_private_network=True)  # Starlette >= 0.49
    else:
        app.add_middleware(CORSMiddleware, **cors)
        app.add_middleware(PrivateNetworkPreflight, origins=settings.allowed_origins)
    return app

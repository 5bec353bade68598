"""Pure ASGI middleware (no body buffering): request ids, one structured access-log line per
request, protective response headers, and a guard that refuses oversized bodies and NUL
characters before any route reads them."""
from __future__ import annotations

import json
import logging
import re
import time
import uuid
from urllib.parse import unquote_to_bytes

from fastapi import HTTPException

from server.errors import CATALOGUE
from server.logging_setup import mask_pids, request_id_var

log = logging.getLogger("fvs.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
NO_STORE = (b"cache-control", b"no-store")
"""Every ``/api/`` answer may hold a token, citizen data or a report: never cached."""


def _client_request_id(headers: dict[bytes, bytes]) -> str | None:
    """The client's ``X-Request-ID`` when it is sane and cannot carry a citizen ID."""
    incoming = headers.get(b"x-request-id", b"").decode("latin-1")
    if _SAFE_ID.match(incoming) and mask_pids(incoming) == incoming:
        return incoming
    return None


class RequestIdMiddleware:
    """Take ``X-Request-ID`` from the client when it is sane, else make one; echo it back; add the
    protective headers; log one line per request (PIDs masked)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _client_request_id(dict(scope.get("headers") or [])) or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = {"code": 500}
        api = scope["path"].startswith("/api/")

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                names = {k.lower() for k, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if api and b"cache-control" not in names:
                    headers.append(NO_STORE)
                message["headers"] = headers + [(b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info(
                "%s %s %s", scope["method"], scope["path"], status["code"],
                extra={"method": scope["method"], "path": scope["path"], "status": status["code"],
                       "ms": round((time.perf_counter() - started) * 1000, 1)},
            )
            request_id_var.reset(token)


def _error(status: int, code: str, **details: object) -> tuple[dict, bytes]:
    th, en = CATALOGUE.messages(code, **details)
    body = json.dumps({"code": code, "message_th": th, "message_en": en, **details}, ensure_ascii=False).encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}
    return start, body


class RequestGuardMiddleware:
    """Refuse, before any route runs:

    * a body larger than the limit of its kind (``multipart/form-data`` uploads:
      ``max_body_bytes``; anything else: ``max_json_bytes``) → 413 ``PAYLOAD_TOO_LARGE``, judged by
      ``Content-Length`` up front and by counting when the body is chunked;
    * a NUL character in the path or query (PostgreSQL cannot store it; no FVS value holds one)
      → 422 ``INVALID_INPUT``.
    """

    def __init__(self, app, *, max_body_bytes: int, max_json_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_json_bytes = max_json_bytes

    def _limit(self, headers: dict[bytes, bytes]) -> int:
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        return self.max_body_bytes if ctype == b"multipart/form-data" else self.max_json_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or scope["path"].encode()
        if b"\x00" in unquote_to_bytes(raw) or b"\x00" in unquote_to_bytes(scope.get("query_string", b"")):
            await self._answer(send, *_error(422, "INVALID_INPUT"))
            return
        headers = dict(scope.get("headers") or [])
        limit = self._limit(headers)
        try:
            declared = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            await self._answer(send, *_error(413, "PAYLOAD_TOO_LARGE", limit_bytes=limit))
            return
        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    th, en = CATALOGUE.messages("PAYLOAD_TOO_LARGE", limit_bytes=limit)
                    raise HTTPException(413, detail={"code": "PAYLOAD_TOO_LARGE", "message_th": th, "message_en": en,
                                                     "limit_bytes": limit})
            return message

        await self.app(scope, counting_receive, send)

    @staticmethod
    async def _answer(send, start: dict, body: bytes) -> None:
        await send(start)
        await send({"type": "http.response.body", "body": body})

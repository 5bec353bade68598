"""Request ids and one structured access-log line per request (pure ASGI, no body buffering)."""
from __future__ import annotations

import logging
import re
import time
import uuid

from server.logging_setup import request_id_var

log = logging.getLogger("fvs.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Take ``X-Request-ID`` from the client when it is sane, else make one; echo it back."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        status = {"code": 500}

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-request-id", rid.encode())]
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

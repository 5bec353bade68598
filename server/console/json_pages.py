"""The last net under the console: a JSON error answered for a ``/console`` path by something
outside the console's routes (the request guard's 413 or NUL refusal, say) is turned into the
same HTML error page."""
from __future__ import annotations

import json

from starlette.requests import Request

from server.console.errors import Problem


class ConsoleJsonErrorPages:
    """Pure ASGI middleware; only ``/console`` answers with ``application/json`` and status ≥ 400
    are touched (they are small: error bodies)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/console"):
            await self.app(scope, receive, send)
            return
        held: dict = {}
        chunks: list[bytes] = []

        async def intercept(message):
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if message["status"] >= 400 and headers.get(b"content-type", b"").startswith(b"application/json"):
                    held["start"] = message
                    return
                await send(message)
                return
            if message["type"] == "http.response.body" and "start" in held:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._page(scope, held["start"]["status"], b"".join(chunks), send)
                return
            await send(message)

        await self.app(scope, receive, intercept)

    @staticmethod
    async def _page(scope, status: int, body: bytes, send) -> None:
        from server.console.routing import show_problem

        try:
            data = json.loads(body)
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        problem = Problem(status, str(data.get("code") or "ERROR"), str(data.get("message_th") or "เกิดข้อผิดพลาด"),
                          str(data.get("message_en") or "Error"))
        response = show_problem(Request(scope), problem)
        await response(scope, _empty_receive, send)


async def _empty_receive():
    return {"type": "http.disconnect"}

"""``POST /line/webhook``: the LINE Messaging API webhook (signature checked on the raw body)."""
from __future__ import annotations

from fastapi import APIRouter, Header, Request

from server.services import line_webhook

router = APIRouter(prefix="/line", include_in_schema=False)


@router.post("/webhook")
async def webhook(request: Request, x_line_signature: str | None = Header(None, max_length=200)) -> dict:
    body = await request.body()
    secret = request.app.state.settings.line_channel_secret.get_secret_value()
    events = line_webhook.handle(body, x_line_signature, channel_secret=secret)
    return {"ok": True, "events": sum(events.values())}

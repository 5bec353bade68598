"""The LINE Messaging API webhook of the OA: the ``X-Line-Signature`` header must be the base64
HMAC-SHA256 of the raw body under the channel secret (``FVS_LINE_CHANNEL_SECRET``), compared in
constant time — line-bot-sdk v3's ``WebhookHandler`` does the check and parses the events.

FVS sends no chat messages: the OA's rich menu opens the LIFF pages.  The webhook acknowledges
every genuine delivery (LINE expects 200) and logs how many events of which types arrived —
never user ids or message texts.
"""
from __future__ import annotations

import logging
from collections import Counter

from linebot.v3 import WebhookHandler
from linebot.v3.exceptions import InvalidSignatureError

from server.errors import CATALOGUE as SERVER
from server.services.line_errors import CATALOGUE

log = logging.getLogger("fvs.line.webhook")


def handle(body: bytes, signature: str | None, *, channel_secret: str) -> dict[str, int]:
    """Check the signature and count the events by type; raises ``LINE_SIGNATURE_INVALID``."""
    if not channel_secret:
        raise CATALOGUE.error("LINE_NOT_CONFIGURED", setting="FVS_LINE_CHANNEL_SECRET")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise CATALOGUE.error("LINE_SIGNATURE_INVALID") from None
    handler = WebhookHandler(channel_secret)
    seen: Counter[str] = Counter()

    @handler.default()
    def _count(event, destination=None) -> None:  # the SDK passes the destination when asked for
        seen[str(getattr(event, "type", "unknown"))] += 1

    try:
        handler.handle(text, signature or "")
    except InvalidSignatureError:
        raise CATALOGUE.error("LINE_SIGNATURE_INVALID") from None
    except (ValueError, KeyError, TypeError):  # signed, but not a webhook body
        raise SERVER.error("BAD_REQUEST") from None
    log.info("LINE webhook: %s", dict(seen) or "no events", extra={"line_events": dict(seen)})
    return dict(seen)

"""The LINE webhook: X-Line-Signature (base64 HMAC-SHA256 of the raw body under the channel
secret) checked by line-bot-sdk before anything is read."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

SECRET = "line-channel-secret-for-tests"
BODY = json.dumps({"destination": "Uxxxxxxxx", "events": [
    {"type": "follow", "mode": "active", "timestamp": 1700000000000, "webhookEventId": "01H0000000000000000000000",
     "deliveryContext": {"isRedelivery": False}, "replyToken": "r" * 32,
     "source": {"type": "user", "userId": "U" + "0" * 32}}]}).encode()


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@pytest.fixture
def hook(line_app, settings):
    line_app.state.settings = settings.model_copy(update={"line_channel_secret": SecretStr(SECRET)})
    with TestClient(line_app, raise_server_exceptions=False) as c:
        yield c


def test_a_genuine_delivery_is_acknowledged(hook):
    r = hook.post("/line/webhook", content=BODY, headers={"X-Line-Signature": sign(BODY),
                                                          "Content-Type": "application/json"})
    assert r.status_code == 200 and r.json() == {"ok": True, "events": 1}
    empty = b'{"destination": "U1", "events": []}'
    assert hook.post("/line/webhook", content=empty, headers={"X-Line-Signature": sign(empty)}).json()["events"] == 0


@pytest.mark.parametrize("signature", [None, "", "nonsense", sign(BODY, "another-secret"), sign(BODY + b" ")])
def test_a_bad_signature_is_refused(hook, signature):
    headers = {} if signature is None else {"X-Line-Signature": signature}
    r = hook.post("/line/webhook", content=BODY, headers=headers)
    assert (r.status_code, r.json()["code"]) == (400, "LINE_SIGNATURE_INVALID")


def test_tampered_body_and_garbage(hook):
    tampered = BODY.replace(b"follow", b"unfollow")
    assert hook.post("/line/webhook", content=tampered, headers={"X-Line-Signature": sign(BODY)}).status_code == 400
    junk = b"\xff\xfe not utf-8"
    assert hook.post("/line/webhook", content=junk, headers={"X-Line-Signature": sign(junk)}).status_code == 400
    signed_junk = b'{"no": "events"}'
    r = hook.post("/line/webhook", content=signed_junk, headers={"X-Line-Signature": sign(signed_junk)})
    assert (r.status_code, r.json()["code"]) == (400, "BAD_REQUEST")


def test_without_a_channel_secret_the_webhook_is_not_configured(line_app):
    with TestClient(line_app, raise_server_exceptions=False) as c:
        r = c.post("/line/webhook", content=BODY, headers={"X-Line-Signature": sign(BODY)})
    assert (r.status_code, r.json()["code"]) == (503, "LINE_NOT_CONFIGURED")

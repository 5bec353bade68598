"""Who a LINE user is: LINE's verify endpoint behind the interface (the answer must name FVS's
channel; LINE being down is a 503, never a sign-in), the development verifier, and ``fvs serve``
refusing the development verifier outside a demo."""
from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from fvs_errors import DomainError
from server.cli.main import app
from server.line.config import get_line_settings
from server.services.line_identity import VERIFY_URL, DevVerifier, LineVerifyEndpoint, make_verifier
from server.settings import get_settings

CHANNEL = "1650000000"


def endpoint(handler) -> LineVerifyEndpoint:
    return LineVerifyEndpoint(CHANNEL, client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_a_valid_id_token_gives_the_line_user():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"], seen["body"] = str(request.url), request.content.decode()
        return httpx.Response(200, json={"iss": "https://access.line.me", "sub": "U" + "a" * 32, "aud": CHANNEL,
                                         "exp": 1999999999, "name": "ชื่อที่หน้าเว็บส่งมาไม่ใช้"})

    who = endpoint(handler).verify("eyJ.id.token")
    assert who.user_id == "U" + "a" * 32
    assert seen["url"] == VERIFY_URL and "id_token=eyJ.id.token" in seen["body"] and f"client_id={CHANNEL}" in seen["body"]


@pytest.mark.parametrize("status, body, code", [
    (400, {"error": "invalid_request", "error_description": "IdToken expired."}, "LINE_ID_TOKEN_INVALID"),
    (200, {"sub": "U1", "aud": "another-channel"}, "LINE_ID_TOKEN_INVALID"),  # a token made for another app
    (200, {"aud": CHANNEL}, "LINE_ID_TOKEN_INVALID"),
    (502, {}, "LINE_UNAVAILABLE"),
])
def test_refused_tokens_and_a_line_outage(status, body, code):
    with pytest.raises(DomainError) as err:
        endpoint(lambda r: httpx.Response(status, json=body)).verify("eyJ.id.token")
    assert err.value.code == code


def test_line_unreachable():
    def down(request):
        raise httpx.ConnectError("no route")

    with pytest.raises(DomainError) as err:
        endpoint(down).verify("eyJ.id.token")
    assert err.value.code == "LINE_UNAVAILABLE"


def test_the_development_verifier_and_the_choice():
    assert DevVerifier().verify("dev:alice").user_id == "dev:alice"
    for token in ("alice", "dev:", "dev:a b", "dev:" + "x" * 41, "eyJ.real.token"):
        with pytest.raises(DomainError):
            DevVerifier().verify(token)
    assert isinstance(make_verifier(dev=True, channel_id=CHANNEL), DevVerifier)
    assert isinstance(make_verifier(dev=False, channel_id=CHANNEL), LineVerifyEndpoint)
    with pytest.raises(DomainError) as err:
        make_verifier(dev=False, channel_id="").verify("dev:alice")
    assert err.value.code == "LINE_NOT_CONFIGURED"


def test_serve_refuses_the_development_verifier_outside_a_demo(monkeypatch, tmp_path):
    monkeypatch.setenv("FVS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FVS_SECRET_KEY", "a-real-secret-key-of-more-than-32-characters")
    monkeypatch.setenv("FVS_LINE_DEV_VERIFIER", "true")
    get_settings.cache_clear()
    get_line_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["serve", "--no-migrate"])
        assert result.exit_code == 2 and "FVS_LINE_DEV_VERIFIER" in result.output
    finally:
        get_settings.cache_clear()
        get_line_settings.cache_clear()

"""Who a LINE user is: the LIFF ID token a page sends, verified by LINE's verify endpoint — behind
an interface, so tests, demos and load scripts can use the development verifier instead.

Nothing the page says about the user (name, picture, user id) is trusted: only what the verifier
returns.  The development verifier accepts ``dev:<name>`` as the ID token of the LINE user
``dev:<name>``; it is enabled only by ``FVS_LINE_DEV_VERIFIER=true`` and ``fvs serve`` refuses to
run with it unless ``--demo`` is given (docs/line.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import httpx

from server.services.line_errors import CATALOGUE

VERIFY_URL = "https://api.line.me/oauth2/v2.1/verify"
DEV_PREFIX = "dev:"
_DEV_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


@dataclass(frozen=True)
class LineIdentity:
    user_id: str  # LINE's "sub" (U + 32 hex digits), or dev:<name>
    name: str | None = None


class IdTokenVerifier(Protocol):
    def verify(self, id_token: str) -> LineIdentity:
        """The LINE user of a valid ID token; ``LINE_ID_TOKEN_INVALID`` / ``LINE_UNAVAILABLE``."""


class LineVerifyEndpoint:
    """``POST https://api.line.me/oauth2/v2.1/verify`` with ``id_token`` and ``client_id`` (the LINE
    Login channel of the LIFF app): LINE checks the signature, expiry and audience; FVS checks the
    answer names its channel."""

    def __init__(self, channel_id: str, *, client: httpx.Client | None = None, timeout_s: float = 5.0):
        self.channel_id = channel_id
        self.client = client or httpx.Client(timeout=timeout_s)

    def verify(self, id_token: str) -> LineIdentity:
        if not id_token or len(id_token) > 4096:
            raise CATALOGUE.error("LINE_ID_TOKEN_INVALID")
        try:
            answer = self.client.post(VERIFY_URL, data={"id_token": id_token, "client_id": self.channel_id})
        except httpx.HTTPError:
            raise CATALOGUE.error("LINE_UNAVAILABLE") from None
        if answer.status_code >= 500:
            raise CATALOGUE.error("LINE_UNAVAILABLE")
        try:
            body = answer.json() if answer.status_code == 200 else {}
        except ValueError:
            body = {}
        sub, aud = body.get("sub"), body.get("aud")
        if not isinstance(sub, str) or not sub or str(aud) != self.channel_id:
            raise CATALOGUE.error("LINE_ID_TOKEN_INVALID")
        name = body.get("name")
        return LineIdentity(sub[:64], name if isinstance(name, str) else None)


class DevVerifier:
    """Development only (see the module doc): ``dev:<name>`` → the LINE user ``dev:<name>``."""

    def verify(self, id_token: str) -> LineIdentity:
        name = (id_token or "").removeprefix(DEV_PREFIX)
        if not (id_token or "").startswith(DEV_PREFIX) or not _DEV_NAME.match(name):
            raise CATALOGUE.error("LINE_ID_TOKEN_INVALID")
        return LineIdentity(DEV_PREFIX + name, name)


class NotConfigured:
    def verify(self, id_token: str) -> LineIdentity:
        raise CATALOGUE.error("LINE_NOT_CONFIGURED", setting="FVS_LINE_CHANNEL_ID")


def make_verifier(*, dev: bool, channel_id: str) -> IdTokenVerifier:
    if dev:
        return DevVerifier()
    return LineVerifyEndpoint(channel_id) if channel_id else NotConfigured()

"""CSRF tokens of FVS's own pages (console, LINE): one scheme, one key per page family.

A token is an HMAC, under ``FVS_SECRET_KEY``, of the session cookie's value (so it changes with
every session and needs no storage); before sign-in, of a random pre-session cookie.  A request
is accepted when it carries the expected token and, if it says where it came from, comes from
this host.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlparse

from fastapi import Request


def _secret(request: Request) -> bytes:
    return request.app.state.settings.secret_key.get_secret_value().encode()


def same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":  # FVS pages send no referrer, so browsers may say "null"
        return True
    return urlparse(origin).netloc == request.headers.get("host", request.url.netloc)


@dataclass(frozen=True)
class CsrfScheme:
    purpose: str  # the HMAC's label, different per page family
    session_cookie: str
    pre_cookie: str

    def sign(self, secret: bytes, basis: str) -> str:
        return hmac.new(secret, f"{self.purpose}|{basis}".encode(), hashlib.sha256).hexdigest()[:40]

    def token_for(self, request: Request, basis: str) -> str:
        return self.sign(_secret(request), basis)

    def expected(self, request: Request) -> str | None:
        session = request.cookies.get(self.session_cookie)
        if session:
            return self.token_for(request, "session|" + session)
        pre = request.cookies.get(self.pre_cookie)
        return self.token_for(request, "pre|" + pre) if pre else None

    def page_token(self, request: Request) -> tuple[str, str | None]:
        """The token a page's forms carry, and a new pre-session cookie value when one must be set."""
        token = self.expected(request)
        if token is not None:
            return token, None
        pre = secrets.token_urlsafe(24)
        return self.token_for(request, "pre|" + pre), pre

    def valid(self, request: Request, sent: object) -> bool:
        want = self.expected(request)
        return (isinstance(sent, str) and want is not None and hmac.compare_digest(sent.encode(), want.encode())
                and same_origin(request))

"""CSRF protection of every LINE form and JSON call: the token is an HMAC of the citizen session
token under ``FVS_SECRET_KEY`` (before a session: of a random pre-session cookie).  Forms carry it
in ``csrf_token``; JSON calls in the ``X-CSRF-Token`` header.  A cross-site ``Origin`` is refused."""
from __future__ import annotations

from server.page_csrf import CsrfScheme

SESSION_COOKIE = "fvs_line"
PRE_COOKIE = "fvs_line_pre"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SCHEME = CsrfScheme("fvs-line-csrf", SESSION_COOKIE, PRE_COOKIE)
token_for, expected, page_token, valid = SCHEME.token_for, SCHEME.expected, SCHEME.page_token, SCHEME.valid


def session_csrf(secret: str, raw_session: str) -> str:
    """The CSRF token of a session cookie value (for scripts holding a session they opened)."""
    return SCHEME.sign(secret.encode(), "session|" + raw_session)

"""Console sign-in: the login session token (an ``access_tokens`` row, expiring and revocable)
lives in the ``fvs_console`` cookie; each request is authenticated with ``access.authenticate``."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from fastapi import Depends, Request, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server.console.config import get_console_settings
from server.console.csrf import PRE_COOKIE, SESSION_COOKIE, token_for
from server.console.errors import ConsoleError, is_domain_error
from server.console.ports import Principal, ReadSessionDep, Role, access, now_utc

log = logging.getLogger("fvs.console")


def get_now(request: Request) -> datetime:
    """Now (UTC, aware); tests pin the app's clock."""
    clock = getattr(request.app.state, "clock", None)
    return now_utc() if clock is None else clock()


@dataclass(frozen=True)
class ConsoleUser:
    principal: Principal
    csrf: str

    @property
    def role(self) -> Role:
        return self.principal.role

    @property
    def hcode(self) -> str | None:
        return self.principal.hcode

    @property
    def is_nhso(self) -> bool:
        return self.principal.is_nhso

    def has(self, *roles: Role) -> bool:
        return self.principal.role in roles


def login_required() -> ConsoleError:
    return ConsoleError(401, "UNAUTHENTICATED", "กรุณาเข้าสู่ระบบ", "Please sign in")


def _secure(request: Request) -> bool:
    return get_console_settings().cookie_secure or request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, token: str, expires: datetime) -> None:
    max_age = max(0, int((expires - get_now(request)).total_seconds()))
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path="/console", httponly=True,
                        secure=_secure(request), samesite="lax")
    response.delete_cookie(PRE_COOKIE, path="/console")


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/console", httponly=True, secure=_secure(request), samesite="lax")


def set_pre_cookie(request: Request, response: Response, value: str) -> None:
    response.set_cookie(PRE_COOKIE, value, max_age=3600, path="/console", httponly=True, secure=_secure(request),
                        samesite="lax")


def optional_user(request: Request, session: Session = ReadSessionDep) -> ConsoleUser | None:
    """The signed-in user, or None (no cookie, or an unknown, revoked or expired session)."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw or len(raw) > 200:
        return None
    try:
        principal = access.authenticate(session, raw_token=raw, now=get_now(request))
    except Exception as exc:
        if is_domain_error(exc):
            session.rollback()
            return None
        raise
    if principal.role == Role.UNIT_DEVICE:  # a tablet's token is not a person's session
        session.rollback()
        return None
    if session.dirty:
        try:
            session.commit()
        except OperationalError:  # bookkeeping only (last_used_at)
            session.rollback()
            log.info("console session last_used_at not saved (database busy)")
    else:
        session.rollback()
    request.state.principal_id = principal.id
    return ConsoleUser(principal, token_for(request, "session|" + raw))


OptionalUserDep = Depends(optional_user)


def current_user(user: ConsoleUser | None = OptionalUserDep) -> ConsoleUser:
    if user is None:
        raise login_required()
    return user


UserDep = Depends(current_user)

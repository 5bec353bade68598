"""Who is calling: the bearer token of every protected request, and the request's clock."""
from __future__ import annotations

import logging
from datetime import datetime

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server.api.deps import ReadSessionDep
from server.services.access import (
    Principal,
    Role,
    authenticate,
    ensure_unit_access,
    require_role,
    unauthenticated,
)
from thai_civil.calendar import now_utc

log = logging.getLogger("fvs.auth")
_bearer = HTTPBearer(auto_error=False, description="A unit device token or a login session token")


def get_now(request: Request) -> datetime:
    """Now (UTC, aware); tests pin the app's clock."""
    clock = getattr(request.app.state, "clock", None)
    return now_utc() if clock is None else clock()


def get_principal(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
                  session: Session = ReadSessionDep) -> Principal:
    """The caller, from a read-only session: authenticating never holds a write lock while the
    request works (a stale ``last_used_at`` is saved in a short commit of its own)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthenticated("Send 'Authorization: Bearer <token>'")
    principal = authenticate(session, credentials.credentials, get_now(request))
    if session.dirty:
        try:
            session.commit()
        except OperationalError:  # bookkeeping only: a busy database must not fail the request
            session.rollback()
            log.info("token last_used_at not saved (database busy)")
    else:
        session.rollback()  # end the read transaction now, not when the request ends
    request.state.principal_id = principal.id
    return principal


PrincipalDep = Depends(get_principal)
NowDep = Depends(get_now)


def roles(*allowed: Role):
    """A dependency letting only principals with one of ``allowed`` roles through."""
    def dependency(principal: Principal = PrincipalDep) -> Principal:
        require_role(principal, *allowed)
        return principal
    return Depends(dependency)


def unit_scope(*allowed: Role):
    """A dependency for ``/{hcode}/…`` routes: the caller belongs to that unit (or is NHSO) and,
    when ``allowed`` is given, has one of those roles."""
    def dependency(hcode: str = Path(), principal: Principal = PrincipalDep) -> Principal:
        if allowed:
            require_role(principal, *allowed)
        ensure_unit_access(principal, hcode)
        return principal
    return Depends(dependency)


ANYONE = PrincipalDep
NHSO_ADMIN_ONLY = roles(Role.NHSO_ADMIN)
NHSO_ONLY = roles(Role.NHSO_ADMIN, Role.NHSO_REVIEWER)
UNIT_MEMBER = unit_scope()
UNIT_MANAGER = unit_scope(Role.UNIT_ADMIN, Role.NHSO_ADMIN)

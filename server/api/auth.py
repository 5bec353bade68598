"""Who is calling: the bearer token of every protected request, and the request's clock."""
from __future__ import annotations

from datetime import datetime

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from oss_registry.thai_calendar import now_utc
from server.api.deps import SessionDep
from server.services.access import Principal, authenticate, unauthenticated

_bearer = HTTPBearer(auto_error=False, description="A unit device token or a login session token")


def get_now(request: Request) -> datetime:
    """Now (UTC, aware); tests pin the app's clock."""
    clock = getattr(request.app.state, "clock", None)
    return now_utc() if clock is None else clock()


def get_principal(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
                  session: Session = SessionDep) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthenticated("Send 'Authorization: Bearer <token>'")
    principal = authenticate(session, credentials.credentials, get_now(request))
    request.state.principal_id = principal.id
    return principal


PrincipalDep = Depends(get_principal)
NowDep = Depends(get_now)

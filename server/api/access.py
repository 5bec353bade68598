"""Log in, accounts, and unit device tokens (shown once, stored hashed, revocable)."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Path, Request, Response
from sqlalchemy.orm import Session

from server.api.auth import NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.schemas.claims import (
    AccountIn,
    AccountOut,
    DeviceTokenCreated,
    DeviceTokenIn,
    DeviceTokenOut,
    LoginIn,
    TokenOut,
)
from server.schemas.common import ERROR_RESPONSES, ErrorBody
from server.services import access as svc
from server.services.access import Principal, Role

router = APIRouter(prefix="/api/v1", tags=["access"], responses=ERROR_RESPONSES)


@router.post("/auth/login", summary="Log in with username and password; returns a session token",
             responses={429: {"model": ErrorBody, "description": "TOO_MANY_ATTEMPTS: wait Retry-After seconds"}})
def login(body: LoginIn, request: Request, session: Session = SessionDep, now: datetime = NowDep) -> TokenOut:
    address = request.client.host if request.client else None
    account, token, expires = svc.login(session, body.username, body.password, now, address)
    return TokenOut(token=token, expires_at=expires, role=account.role, hcode=account.hcode)


@router.post("/auth/logout", status_code=204, summary="Revoke the session token of this request")
def logout(session: Session = SessionDep, principal: Principal = PrincipalDep, now: datetime = NowDep) -> Response:
    svc.logout(session, principal, now)
    return Response(status_code=204)


@router.get("/auth/me", summary="Who the token belongs to")
def me(principal: Principal = PrincipalDep) -> dict:
    return {"id": principal.id, "role": principal.role, "hcode": principal.hcode, "name": principal.name}


@router.post("/accounts", status_code=201, summary="Create an account (NHSO admin: any; unit admin: own unit's staff)")
def create_account(body: AccountIn, session: Session = SessionDep, principal: Principal = PrincipalDep) -> AccountOut:
    if principal.role == Role.UNIT_ADMIN:
        if body.role != Role.UNIT_STAFF:
            raise svc.forbidden_role(Role.NHSO_ADMIN)
        svc.ensure_unit_access(principal, body.hcode or "")
    else:
        svc.require_role(principal, Role.NHSO_ADMIN)
    account = svc.create_account(session, username=body.username, display_name=body.display_name,
                                 role=body.role, password=body.password, hcode=body.hcode)
    return AccountOut.model_validate(account)


@router.post("/units/{hcode}/device-tokens", status_code=201, summary="Create a tablet token for the unit (shown once)")
def create_device_token(hcode: str, body: DeviceTokenIn, session: Session = SessionDep,
                        principal: Principal = PrincipalDep) -> DeviceTokenCreated:
    row, raw = svc.create_device_token(session, principal, hcode, body.name)
    return DeviceTokenCreated(**DeviceTokenOut.model_validate(row).model_dump(), token=raw)


@router.get("/units/{hcode}/device-tokens", summary="The unit's tablet tokens (never the secrets)")
def list_device_tokens(hcode: str, session: Session = SessionDep, principal: Principal = PrincipalDep
                       ) -> list[DeviceTokenOut]:
    return [DeviceTokenOut.model_validate(r) for r in svc.list_device_tokens(session, principal, hcode)]


@router.delete("/units/{hcode}/device-tokens/{token_id}", summary="Revoke a tablet token")
def revoke_device_token(hcode: str, token_id: int = Path(ge=1, le=2**31 - 1), *,
                        session: Session = SessionDep, principal: Principal = PrincipalDep,
                        now: datetime = NowDep) -> DeviceTokenOut:
    return DeviceTokenOut.model_validate(svc.revoke_device_token(session, principal, hcode, token_id, now))

"""Card agents: a unit registers its smart-card agents' public keys; an agent gets read nonces.

Install on an app with ``app.include_router(router)`` and :func:`install_card_read_errors`
(the HTTP status of each ``CardReadError`` code is :data:`STATUS`).
"""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from server.api.auth import UNIT_MANAGER, NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.errors import error_response
from server.schemas.common import ERROR_RESPONSES
from server.services import card_reads as svc
from server.services.access import Principal
from server.services.card_read_errors import CardReadError

router = APIRouter(prefix="/api/v1", tags=["card agents"], responses=ERROR_RESPONSES)

STATUS: dict[str, int] = {
    "CARD_READ_UNSIGNED": 422,
    "CARD_READ_MALFORMED": 422,
    "CARD_READ_SIGNATURE_INVALID": 422,
    "CARD_READ_STALE": 422,
    "CARD_READ_IN_FUTURE": 422,
    "CARD_READ_NONCE_INVALID": 422,
    "CARD_READ_OTHER_CARD": 422,
    "CARD_AGENT_UNKNOWN": 422,
    "CARD_AGENT_REVOKED": 403,
    "CARD_AGENT_OTHER_UNIT": 403,
    "CARD_AGENT_NOT_FOUND": 404,
    "CARD_AGENT_KEY_INVALID": 422,
    "CARD_AGENT_KEY_TAKEN": 409,
}
"""HTTP status of each code of ``server.services.card_read_errors.CATALOGUE`` (422 otherwise)."""


def card_read_status(exc: CardReadError) -> int:
    return STATUS.get(exc.code, 422)


async def _card_read_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CardReadError)
    return error_response(card_read_status(exc), exc.code, exc.message_th, exc.message_en, **exc.details)


def install_card_read_errors(app: FastAPI) -> None:
    """Answer every :class:`CardReadError` with its status and the uniform error body."""
    app.add_exception_handler(CardReadError, _card_read_error)


class CardAgentIn(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["เครื่องอ่านบัตรหน้าร้าน"])
    public_key: str = Field(min_length=40, max_length=64, description="base64 of the 32-byte Ed25519 "
                            "public key, as printed by `fvs card-agent keygen`")


class CardAgentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    hcode: str
    name: str
    public_key: str
    key_id: str
    created_by: str
    created_at: datetime
    revoked_at: datetime | None


class NonceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    nonce: str = Field(description="Put it in the signed record; usable once, until expires_at")
    agent_id: int
    issued_at: datetime = Field(description="The server's time: agents date their reads by it")
    expires_at: datetime


AgentId = Path(ge=1, le=2**31 - 1)


@router.post("/units/{hcode}/card-agents", status_code=201, dependencies=[UNIT_MANAGER],
             summary="Register a smart-card agent's public key for the unit (unit admin or NHSO admin)")
def register(hcode: str, body: CardAgentIn, session: Session = SessionDep,
             principal: Principal = PrincipalDep) -> CardAgentOut:
    agent = svc.register_agent(session, principal, hcode=hcode, name=body.name, public_key=body.public_key)
    return CardAgentOut.model_validate(agent)


@router.get("/units/{hcode}/card-agents", dependencies=[UNIT_MANAGER], summary="The unit's card agents")
def list_agents(hcode: str, session: Session = SessionDep, principal: Principal = PrincipalDep
                ) -> list[CardAgentOut]:
    return [CardAgentOut.model_validate(a) for a in svc.list_agents(session, principal, hcode=hcode)]


@router.delete("/units/{hcode}/card-agents/{agent_id}", dependencies=[UNIT_MANAGER],
               summary="Revoke a card agent: its reads are refused from now on")
def revoke(hcode: str, agent_id: int = AgentId, *, session: Session = SessionDep,
           principal: Principal = PrincipalDep, now: datetime = NowDep) -> CardAgentOut:
    agent = svc.revoke_agent(session, principal, hcode=hcode, agent_id=agent_id, now=now)
    return CardAgentOut.model_validate(agent)


@router.post("/card-agents/{agent_id}/nonces", status_code=201,
             summary="A single-use nonce for the agent's next card read (a device token of its unit)")
def nonce(agent_id: int = AgentId, *, session: Session = SessionDep, principal: Principal = PrincipalDep,
          now: datetime = NowDep) -> NonceOut:
    return NonceOut.model_validate(svc.issue_nonce(session, principal, agent_id=agent_id, now=now))

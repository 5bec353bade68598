"""Card agents: a unit registers its smart-card agents' public keys; an agent gets read nonces."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from server.api.auth import UNIT_MANAGER, NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.schemas.common import ERROR_RESPONSES
from server.services import card_reads as svc
from server.services.access import Principal

router = APIRouter(prefix="/api/v1", tags=["card agents"], responses=ERROR_RESPONSES)


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

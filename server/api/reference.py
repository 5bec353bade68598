"""Reference data every client needs: the service types a claim can be for, the professions."""
from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Profession
from server.api.auth import ANYONE
from server.api.deps import SessionDep
from server.schemas.common import ERROR_RESPONSES
from server.tables import ServiceType

router = APIRouter(prefix="/api/v1", tags=["reference"], responses=ERROR_RESPONSES, dependencies=[ANYONE])


class ServiceTypeOut(BaseModel):
    code: str = Field(examples=["PG0070001"])
    prefix: str = Field(description="The two letters every claim code of this service starts with", examples=["PP"])
    name_th: str
    name_en: str
    active: bool = Field(description="Whether new claim codes may be issued for it")
    professions: list[str] = Field(description="Who may provide it; empty: any registered profession")


class ProfessionOut(BaseModel):
    code: str = Field(examples=["PHARMACIST"])
    name_th: str
    name_en: str
    licence_pattern: str | None = Field(description="Regular expression a licence number must match")


@router.get("/service-types", response_model=list[ServiceTypeOut], summary="Service types, in display order")
def service_types(session: Session = SessionDep) -> list[ServiceTypeOut]:
    rows = session.scalars(select(ServiceType).order_by(ServiceType.sort_order))
    return [ServiceTypeOut(code=r.code, prefix=r.prefix, name_th=r.name_th, name_en=r.name_en, active=r.active,
                           professions=[p for p in r.professions.split(",") if p]) for r in rows]


@router.get("/professions", response_model=list[ProfessionOut], summary="Licensed professions and their codes")
def professions(session: Session = SessionDep) -> list[ProfessionOut]:
    rows = session.scalars(select(Profession).order_by(Profession.sort_order))
    return [ProfessionOut(code=r.code, name_th=r.name_th, name_en=r.name_en, licence_pattern=r.licence_pattern)
            for r in rows]

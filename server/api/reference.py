"""Reference data every client needs: the service types a claim can be for, the professions, the
verification policy's lists."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Profession
from server.api.auth import ANYONE
from server.api.deps import SessionDep
from server.decision import load_policy
from server.schemas.common import ERROR_RESPONSES
from server.tables import ServiceType

router = APIRouter(prefix="/api/v1", tags=["reference"], responses=ERROR_RESPONSES, dependencies=[ANYONE])


class ServiceTypeOut(BaseModel):
    code: str = Field(examples=["PG0070001"])
    prefix: str = Field(description="The two letters every claim code of this service starts with", examples=["PP"])
    name_th: str
    name_en: str
    active: bool = Field(description="Whether new claim codes may be issued for it")
    origin: str = Field(description="NHSO: a code of the NHSO documents; FVS: FVS's own (starts 'FVS-')")
    effective_from: date | None = Field(description="First service date it may be issued for")
    effective_to: date | None = Field(description="Last service date it may be issued for (inclusive)")
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
                           origin=r.origin, effective_from=r.effective_from, effective_to=r.effective_to,
                           professions=[p for p in r.professions.split(",") if p]) for r in rows]


class ChoiceOut(BaseModel):
    code: str
    name_th: str
    name_en: str
    max_age: int | None = None
    origin: str = Field("NHSO", description="NHSO: from the documents; FVS: added by FVS")


class AgeGroupOut(BaseModel):
    id: str
    min_years: int
    max_years: int
    name_th: str
    name_en: str
    primary: list[str]
    alternative: list[str]
    special: list[str]
    proxies: list[str] = Field(description="Relations (from the relatives registry) that may scan for the citizen")


class VerificationPolicyOut(BaseModel):
    age_groups: list[AgeGroupOut]
    special_reasons: list[ChoiceOut] = Field(description="Why the smart-card path was taken (document 003)")
    certifiers: list[ChoiceOut]
    card_holder_relations: list[str]
    rights: dict[str, str] = Field(description="Right code → ALLOW, FLAG or REFUSE ('*': any other)")


@router.get("/verification-policy", response_model=VerificationPolicyOut,
            summary="The verification policy's lists: age groups and channels, card-path reasons, certifiers")
def verification_policy() -> VerificationPolicyOut:
    policy = load_policy()
    return VerificationPolicyOut(
        age_groups=[AgeGroupOut(id=g.id, min_years=g.min_years, max_years=g.max_years, name_th=g.name_th,
                                name_en=g.name_en, primary=list(g.primary), alternative=list(g.alternative),
                                special=list(g.special), proxies=sorted(g.proxies)) for g in policy.age_groups],
        special_reasons=[ChoiceOut(**vars(c)) for c in policy.special_reasons],
        certifiers=[ChoiceOut(**vars(c)) for c in policy.certifiers],
        card_holder_relations=sorted(policy.card_holder_relations), rights=dict(policy.rights))


@router.get("/professions", response_model=list[ProfessionOut], summary="Licensed professions and their codes")
def professions(session: Session = SessionDep) -> list[ProfessionOut]:
    rows = session.scalars(select(Profession).order_by(Profession.sort_order))
    return [ProfessionOut(code=r.code, name_th=r.name_th, name_en=r.name_en, licence_pattern=r.licence_pattern)
            for r in rows]

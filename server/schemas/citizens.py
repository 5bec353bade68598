"""Citizen registry request/response schemas: the person panel, relatives."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from citizens.registry import PersonData, PersonPanel
from citizens.relatives import Proof, Relation, Relationship
from server.schemas.common import BeDate, Pid
from thai_civil.calendar import format_be_date
from thai_civil.laser_code import normalize_laser_code

PHONE_PATTERN = r"^0\d{8,9}$"
Hcode5 = Field(None, pattern=r"^\d{5}$", examples=["10662"])


class CitizenIn(BaseModel):
    pid: Pid
    title_th: str = Field(min_length=1, max_length=40, examples=["นาย"])
    first_name_th: str = Field(min_length=1, max_length=100, examples=["สมชาย"])
    last_name_th: str = Field(min_length=1, max_length=100, examples=["ใจดี"])
    first_name_en: str | None = Field(None, max_length=100)
    last_name_en: str | None = Field(None, max_length=100)
    birth_date: BeDate
    sex: Literal["M", "F", "U"]
    phone: str | None = Field(None, pattern=PHONE_PATTERN, examples=["0812345678"])
    right_code: str = Field(max_length=8, examples=["UCS"])
    sub_right_code: str | None = Field(None, max_length=8, examples=["89"])
    right_start_date: BeDate | None = None
    sub_right_expiry: BeDate | None = None
    insurance_card_no: str | None = Field(None, max_length=20)
    registered_province: str | None = Field(None, max_length=100, examples=["กรุงเทพมหานคร"])
    primary_hcode: str | None = Hcode5
    referral_hcode: str | None = Hcode5
    main_hcode: str | None = Hcode5
    laser_code: str | None = Field(None, pattern=r"^[A-Za-z]{2}[0-9]-?[0-9]{7}-?[0-9]{2}$", examples=["JC1-2345678-90"],
                                   description="The laser code on the back of the ID card (LINE registration checks it)")

    def data(self) -> PersonData:
        fields = self.model_dump()
        fields["laser_code"] = normalize_laser_code(fields["laser_code"]) if fields["laser_code"] else None
        return PersonData(**fields)


class AgeOut(BaseModel):
    years: int
    months: int
    days: int
    text_th: str = Field(examples=["29 ปี 4 เดือน 26 วัน"])


class NamedOut(BaseModel):
    code: str
    name_th: str
    name_en: str


class RightPeriodOut(BaseModel):
    right: NamedOut
    sub_right: NamedOut | None
    start_date: date
    end_date: date | None
    main_hcode: str | None


class CitizenOut(BaseModel):
    """The person panel of NHSO's screens (age on today's service date)."""

    pid: str
    title_th: str
    first_name_th: str
    last_name_th: str
    first_name_en: str | None
    last_name_en: str | None
    birth_date: date
    age: AgeOut
    sex: str
    phone: str | None
    right_code: str
    right_name_th: str
    right: NamedOut
    sub_right_code: str | None
    sub_right: NamedOut | None
    right_start_date: date | None
    sub_right_expiry: date | None
    insurance_card_no: str | None
    registered_province: str | None
    primary_hcode: str | None
    referral_hcode: str | None
    main_hcode: str | None
    updated_at: datetime
    rights_history: list[RightPeriodOut] = []

    @computed_field(examples=["27/06/2540"])
    @property
    def birth_date_be(self) -> str:
        return format_be_date(self.birth_date)

    @classmethod
    def of(cls, p: PersonPanel) -> CitizenOut:
        return cls(
            pid=p.pid, title_th=p.title_th, first_name_th=p.first_name_th, last_name_th=p.last_name_th,
            first_name_en=p.first_name_en, last_name_en=p.last_name_en, birth_date=p.birth_date,
            age=AgeOut(years=p.age.years, months=p.age.months, days=p.age.days, text_th=p.age.thai()),
            sex=p.sex, phone=p.phone, right_code=p.right.code, right_name_th=p.right.name_th,
            right=NamedOut(**vars(p.right)), sub_right_code=p.sub_right.code if p.sub_right else None,
            sub_right=NamedOut(**vars(p.sub_right)) if p.sub_right else None, right_start_date=p.right_start_date,
            sub_right_expiry=p.sub_right_expiry, insurance_card_no=p.insurance_card_no,
            registered_province=p.registered_province, primary_hcode=p.primary_hcode,
            referral_hcode=p.referral_hcode, main_hcode=p.main_hcode, updated_at=p.updated_at,
            rights_history=[RightPeriodOut(right=NamedOut(**vars(h.right)),
                                           sub_right=NamedOut(**vars(h.sub_right)) if h.sub_right else None,
                                           start_date=h.start_date, end_date=h.end_date, main_hcode=h.main_hcode)
                            for h in p.history],
        )


class CitizenPage(BaseModel):
    items: list[CitizenOut]
    total: int


class RelativeIn(BaseModel):
    relative_pid: Pid
    relation: Relation = Field(description="The relative's relation to the citizen (PARENT: their father or mother)")
    proof: Proof = Field(description="How the relationship was proven")


class RelativeOut(BaseModel):
    relative_pid: str
    relation: Relation
    proof: Proof
    registered_by: str
    registered_at: datetime

    @classmethod
    def of(cls, r: Relationship) -> RelativeOut:
        return cls(relative_pid=r.actor_pid, relation=r.relation, proof=r.proof, registered_by=r.registered_by,
                   registered_at=r.registered_at)

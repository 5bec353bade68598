"""Citizen registry request/response schemas."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from server.schemas.common import BeDate, Pid

PHONE_PATTERN = r"^0\d{8,9}$"


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
    right_code: str = Field(examples=["UCS"])
    sub_right_code: str | None = Field(None, examples=["89"])
    main_hcode: str | None = Field(None, pattern=r"^\d{5}$", examples=["10662"])


class AgeOut(BaseModel):
    years: int
    months: int
    days: int
    text_th: str = Field(examples=["29 ปี 4 เดือน 26 วัน"])


class CitizenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    pid: str
    title_th: str
    first_name_th: str
    last_name_th: str
    first_name_en: str | None
    last_name_en: str | None
    birth_date: date
    birth_date_be: str = Field(examples=["27/06/2540"])
    age: AgeOut
    sex: str
    phone: str | None
    right_code: str
    right_name_th: str
    sub_right_code: str | None
    main_hcode: str | None
    updated_at: datetime


class CitizenPage(BaseModel):
    items: list[CitizenOut]
    total: int

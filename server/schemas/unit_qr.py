"""Unit QR codes: the QR of a service type and a unit's QR settings."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

QrKind = Literal["STATIC", "ROTATING"]


class UnitQrOut(BaseModel):
    hcode: str = Field(examples=["77001"])
    unit_name: str
    service_type: str = Field(examples=["PG0070001"])
    service_name_th: str
    service_name_en: str
    kind: QrKind
    payload: str = Field(description="The signed text the QR encodes", examples=["FVS2:U:77001:PG0070001:1:1:…"])
    version: int = Field(description="The unit's static-QR version (raising it voids printed QRs)")
    service_date: date
    expires_at: datetime | None = Field(None, description="ROTATING: when this payload stops being accepted")
    refresh_after_s: int | None = Field(None, description="ROTATING: fetch a new one after this many seconds")


class UnitQrSettingsOut(BaseModel):
    hcode: str
    accepted_kinds: list[QrKind] = Field(description="The kinds of unit QR a citizen's scan is accepted from")
    static_version: int
    updated_by: str
    updated_at: datetime | None = None


class UnitQrSettingsIn(BaseModel):
    accepted_kinds: list[QrKind] = Field(min_length=1, max_length=2, examples=[["STATIC", "ROTATING"]])
    void_static: bool = Field(False, description="Void every static QR printed so far (a new version)")

"""Unit, staff, schedule, readiness and on-duty request/response schemas."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from server.schemas.common import BeDate, ErrorBody, Pid

HCODE_PATTERN = r"^\d{5}$"
UnitStatusName = Literal["applied", "approved", "active", "suspended", "withdrawn"]
DayTypeName = Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "HOL"]
ScheduleDays = dict[DayTypeName, list[str]]


class UnitIn(BaseModel):
    """A unit's editable details."""

    name: str = Field(min_length=1, max_length=200, examples=["ร้านยาเภสัชสุขใจ"])
    unit_type: str = Field(max_length=32, examples=["PHARMACY"])
    address: str = Field(min_length=1, max_length=500)
    province: str = Field(min_length=1, max_length=100, examples=["กรุงเทพมหานคร"])
    phone_officer: str | None = Field(None, max_length=20)
    phone_public: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90, examples=[13.759])
    longitude: float | None = Field(None, ge=-180, le=180, examples=[100.534])
    geofence_radius_m: int = Field(100, examples=[100])


class UnitCreate(UnitIn):
    hcode: str = Field(pattern=HCODE_PATTERN, examples=["77001"])


class UnitOut(UnitCreate):
    status: UnitStatusName
    unit_type_name_th: str
    created_at: datetime
    updated_at: datetime


class StatusChangeIn(BaseModel):
    status: UnitStatusName
    reason: str | None = Field(None, max_length=1000)
    by: str | None = Field(None, max_length=64, deprecated=True,
                           description="Ignored: the change is recorded under the caller's token (user:…)")


class StatusEventOut(BaseModel):
    from_status: str | None
    to_status: str
    changed_by: str
    changed_at: datetime
    reason: str | None


class ReasonOut(BaseModel):
    code: str
    message_th: str
    message_en: str


class ReadinessOut(BaseModel):
    hcode: str
    at: datetime
    ready: bool
    reasons: list[ReasonOut]


class ScheduleIn(BaseModel):
    """A weekly schedule: either the compact ``text`` or ``days``; ``copy_from`` repeats one day.

    ``copy_from`` copies that day's ranges to every day (and to public holidays when
    ``include_holidays``), the "copy to all days" button.
    """

    text: str | None = Field(None, max_length=500, examples=["MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00"])
    days: ScheduleDays | None = Field(None, examples=[{"MON": ["08:30-12:00", "13:00-16:30"]}])
    copy_from: DayTypeName | None = None
    include_holidays: bool = True


class ScheduleOut(BaseModel):
    text: str = Field(examples=["MON-FRI 08:30-12:00,13:00-16:30"])
    days: ScheduleDays


class StaffIn(BaseModel):
    pid: Pid
    title: str = Field(min_length=1, max_length=40, examples=["ภญ."])
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    profession: str = Field(max_length=32, examples=["PHARMACIST"])
    licence_no: str = Field(max_length=32, examples=["ภ.12345"])
    registration_type: Literal["FULL_TIME", "PART_TIME"] = "FULL_TIME"
    start_date: BeDate
    end_date: BeDate | None = None
    verification_status: Literal["PENDING", "VERIFIED", "REJECTED"] = "PENDING"
    schedule: ScheduleIn | None = None


class StaffVerificationIn(BaseModel):
    status: Literal["VERIFIED", "REJECTED"] = Field(description="NHSO's finding on the person's identity")


class StaffOut(BaseModel):
    id: int
    hcode: str
    pid_masked: str = Field(examples=["*********3450"])
    title: str
    first_name: str
    last_name: str
    profession: str
    licence_no: str
    registration_type: str
    start_date: date
    end_date: date | None
    verification_status: str
    schedule: ScheduleOut


class OnDutyOut(BaseModel):
    hcode: str
    profession: str
    at: datetime
    at_bangkok: str = Field(examples=["23/11/2569 10:00"])
    holiday: bool
    staff: list[StaffOut]


class ProfessionDutyOut(BaseModel):
    """A profession the unit may serve with, and whether someone of it is on duty now."""

    code: str = Field(examples=["PHARMACIST"])
    name_th: str
    name_en: str
    on_duty: bool
    staff_count: int
    reason: ReasonOut | None = Field(None, description="Why nobody is on duty: NO_STAFF, HOLIDAY or OFF_DUTY")


class RowErrorOut(BaseModel):
    row: int
    column: str
    code: str
    message_th: str
    message_en: str


class CsvErrorBody(ErrorBody):
    """``CSV_INVALID``: nothing was saved; every refused row is listed."""

    count: int
    errors: list[RowErrorOut]


class CsvImportOut(BaseModel):
    imported: int
    keys: list[str] = Field(description="hcodes of the units, or ids of the staff, created")

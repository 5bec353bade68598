"""Staff of a unit: licences, registration, verification and weekly schedules."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.errors import FIELD_TH, RegistryError, invalid, required, too_long
from oss_registry.schedule import WeeklySchedule
from oss_registry.tables import (
    Profession,
    ProfessionUnitType,
    Staff,
    StaffSchedule,
    Unit,
    string_limits,
)
from thai_civil.pid import InvalidPid, validate_pid

_LIMITS = string_limits(Staff)


class Verification(StrEnum):
    PENDING = "PENDING"
    VERIFIED = "VERIFIED"
    REJECTED = "REJECTED"


class RegistrationType(StrEnum):
    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"


@dataclass
class StaffData:
    """The editable details of a staff member."""

    pid: str
    title: str
    first_name: str
    last_name: str
    profession: str
    licence_no: str
    start_date: date
    end_date: date | None = None
    registration_type: str = RegistrationType.FULL_TIME
    verification_status: str = Verification.PENDING


def get_profession(session: Session, code: str) -> Profession:
    profession = session.get(Profession, (code or "").strip().upper())
    if profession is None:
        raise RegistryError("UNKNOWN_PROFESSION", profession=code, field="profession")
    return profession


def normalize_licence(licence_no: str) -> str:
    """Spaces removed, Latin letters upper-cased."""
    return re.sub(r"\s+", "", licence_no or "").upper()


def validate_licence(profession: Profession, licence_no: str) -> str:
    """The normalised licence number, or ``INVALID_LICENCE`` if it does not fit the profession."""
    licence = normalize_licence(licence_no)
    pattern = profession.licence_pattern
    if not licence or len(licence) > _LIMITS["licence_no"] or (pattern and not re.match(pattern, licence)):
        raise RegistryError("INVALID_LICENCE", profession=profession.code, field="licence_no")
    return licence


def _enum(enum: type[StrEnum], value: str, field: str) -> str:
    try:
        return enum(str(value).strip().upper()).value
    except ValueError:
        allowed = ", ".join(enum)
        raise invalid("INVALID_STAFF", field, f"{FIELD_TH.get(field, field)}ต้องเป็นหนึ่งใน {allowed}",
                      f"{field} must be one of {allowed}") from None


def validate_staff(session: Session, unit: Unit, data: StaffData) -> StaffData:
    """Check a staff member's details for ``unit``; returns them normalised."""
    try:
        pid = validate_pid(data.pid)
    except InvalidPid as exc:
        raise invalid("INVALID_STAFF", "pid", "เลขประจำตัวประชาชนไม่ถูกต้อง", f"PID: {exc.reason}") from None
    for name in ("title", "first_name", "last_name"):
        value = (getattr(data, name) or "").strip()
        if not value:
            raise required("INVALID_STAFF", name)
        if len(value) > _LIMITS[name]:
            raise too_long("INVALID_STAFF", name, _LIMITS[name])
    profession = get_profession(session, data.profession)
    allowed = session.get(ProfessionUnitType, (profession.code, unit.unit_type))
    if allowed is None:
        raise RegistryError("PROFESSION_NOT_AT_UNIT_TYPE", profession=profession.code, unit_type=unit.unit_type,
                            field="profession")
    if data.end_date is not None and data.end_date < data.start_date:
        raise invalid("INVALID_STAFF", "end_date", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มปฏิบัติงาน",
                      "end date is before start date")
    return StaffData(
        pid=pid, title=data.title.strip(), first_name=data.first_name.strip(), last_name=data.last_name.strip(),
        profession=profession.code, licence_no=validate_licence(profession, data.licence_no),
        start_date=data.start_date, end_date=data.end_date,
        registration_type=_enum(RegistrationType, data.registration_type, "registration_type"),
        verification_status=_enum(Verification, data.verification_status, "verification_status"),
    )


def find_staff(session: Session, hcode: str, pid: str, profession: str) -> Staff | None:
    return session.scalar(select(Staff).where(
        Staff.hcode == hcode, Staff.pid == pid, Staff.profession == profession))


def get_staff(session: Session, staff_id: int, hcode: str | None = None) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or (hcode is not None and staff.hcode != hcode):
        raise RegistryError("STAFF_NOT_FOUND", staff_id=staff_id)
    return staff


def list_staff(session: Session, hcode: str) -> list[Staff]:
    return list(session.scalars(select(Staff).where(Staff.hcode == hcode).order_by(Staff.id)))


def schedule_of(staff: Staff) -> WeeklySchedule:
    return WeeklySchedule.from_rows((r.day_type, r.start_time, r.end_time) for r in staff.schedule_rows)


def set_schedule(session: Session, staff: Staff, schedule: WeeklySchedule) -> None:
    """Replace the staff member's schedule rows."""
    staff.schedule_rows.clear()
    session.flush()
    for day, slot, time_range in schedule.rows():
        staff.schedule_rows.append(StaffSchedule(day_type=day.value, slot=slot,
                                                 start_time=time_range.start, end_time=time_range.end))
    session.flush()


def add_staff(session: Session, unit: Unit, data: StaffData, schedule: WeeklySchedule | None = None) -> Staff:
    """Register a staff member at ``unit`` (once per person and profession)."""
    data = validate_staff(session, unit, data)
    if find_staff(session, unit.hcode, data.pid, data.profession) is not None:
        raise RegistryError("STAFF_EXISTS", field="pid")
    staff = Staff(hcode=unit.hcode, **asdict(data))
    session.add(staff)
    session.flush()
    if schedule:
        set_schedule(session, staff, schedule)
    return staff


def update_staff(session: Session, staff: Staff, data: StaffData) -> Staff:
    """Replace a staff member's details (same person and profession may not appear twice)."""
    data = validate_staff(session, staff.unit, data)
    other = find_staff(session, staff.hcode, data.pid, data.profession)
    if other is not None and other.id != staff.id:
        raise RegistryError("STAFF_EXISTS", field="pid")
    for name, value in asdict(data).items():
        setattr(staff, name, value)
    session.flush()
    return staff


def remove_staff(session: Session, staff: Staff) -> None:
    """Delete a staff member and their schedule (to keep history, set an end date instead)."""
    session.delete(staff)
    session.flush()

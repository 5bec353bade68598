"""Registry use cases: units, their status and readiness, staff and schedules, CSV, on-duty."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry import csv_staff, csv_units, duty, lifecycle, readiness, units
from oss_registry import staff as staff_mod
from oss_registry.csv_common import Progress
from oss_registry.errors import CATALOGUE as REGISTRY_MESSAGES
from oss_registry.schedule import WeeklySchedule
from oss_registry.tables import Staff, Unit, UnitStatusEvent, UnitType
from server.errors import CATALOGUE
from server.schemas.registry import (
    CsvImportOut,
    OnDutyOut,
    ProfessionDutyOut,
    ReadinessOut,
    ReasonOut,
    ScheduleIn,
    ScheduleOut,
    StaffIn,
    StaffOut,
    StatusChangeIn,
    StatusEventOut,
    UnitCreate,
    UnitIn,
    UnitOut,
)
from server.services.access import Principal
from thai_civil.calendar import BANGKOK, format_be_datetime, service_date
from thai_civil.pid import mask_pid

API_ACTOR = "api"
"""Recorded as the author of unit creations until requests carry an authenticated principal."""
INSTANT_YEARS = (1900, 2500)
"""The years (CE) an ``at`` query may name."""


def as_instant(at: datetime | None, now: datetime) -> datetime:
    """``at`` as an aware instant: ``None`` is ``now``; a naive time is read as Bangkok time.

    Years outside :data:`INSTANT_YEARS` are refused (``INVALID_DATETIME``, 422): they cannot be
    converted between time zones safely and are never meant.
    """
    if at is None:
        return now
    if not INSTANT_YEARS[0] <= at.year <= INSTANT_YEARS[1]:
        raise CATALOGUE.error("INVALID_DATETIME", low=INSTANT_YEARS[0], high=INSTANT_YEARS[1], field="at")
    return at.replace(tzinfo=BANGKOK) if at.tzinfo is None else at


# --- units -------------------------------------------------------------------------------------

def unit_out(session: Session, unit: Unit) -> UnitOut:
    return UnitOut(
        hcode=unit.hcode, name=unit.name, unit_type=unit.unit_type, address=unit.address,
        province=unit.province, phone_officer=unit.phone_officer, phone_public=unit.phone_public,
        email=unit.email, latitude=unit.latitude, longitude=unit.longitude,
        geofence_radius_m=unit.geofence_radius_m, status=unit.status,
        unit_type_name_th=session.get(UnitType, unit.unit_type).name_th,
        created_at=unit.created_at, updated_at=unit.updated_at,
    )


def create_unit(session: Session, *, body: UnitCreate, by: str = API_ACTOR) -> UnitOut:
    unit = units.create_unit(session, units.UnitData(**body.model_dump()), by=by)
    session.refresh(unit)
    return unit_out(session, unit)


def update_unit(session: Session, *, hcode: str, body: UnitIn) -> UnitOut:
    unit = units.update_unit(session, hcode, units.UnitData(hcode=hcode, **body.model_dump()))
    session.refresh(unit)
    return unit_out(session, unit)


def get_unit(session: Session, *, hcode: str) -> UnitOut:
    return unit_out(session, units.get_unit(session, hcode))


def list_units(session: Session, *, province: str | None, status: str | None, unit_type: str | None) -> list[UnitOut]:
    return [unit_out(session, u) for u in units.list_units(session, province=province, status=status,
                                                           unit_type=unit_type)]


def change_status(session: Session, *, hcode: str, body: StatusChangeIn, at: datetime, by: str) -> UnitOut:
    unit = units.get_unit(session, hcode)
    lifecycle.change_status(session, unit, body.status, by=by, reason=body.reason, at=at)
    session.refresh(unit)
    return unit_out(session, unit)


def status_events(session: Session, *, hcode: str) -> list[StatusEventOut]:
    units.get_unit(session, hcode)
    events = session.scalars(select(UnitStatusEvent).where(UnitStatusEvent.hcode == hcode)
                             .order_by(UnitStatusEvent.id))
    return [StatusEventOut(from_status=e.from_status, to_status=e.to_status, changed_by=e.changed_by,
                           changed_at=e.changed_at, reason=e.reason) for e in events]


def unit_readiness(session: Session, *, hcode: str, at: datetime) -> ReadinessOut:
    result = readiness.unit_readiness(session, hcode, at)
    return ReadinessOut(hcode=hcode, at=at, ready=result.ready, reasons=[
        ReasonOut(**REGISTRY_MESSAGES.message(code).as_dict()) for code in result.reasons])


# --- staff -------------------------------------------------------------------------------------

def schedule_out(schedule: WeeklySchedule) -> ScheduleOut:
    return ScheduleOut(text=schedule.format(),
                       days={day.value: [str(r) for r in ranges] for day, ranges in schedule.days.items()})


def staff_out(staff: Staff) -> StaffOut:
    return StaffOut(
        id=staff.id, hcode=staff.hcode, pid_masked=mask_pid(staff.pid), title=staff.title,
        first_name=staff.first_name, last_name=staff.last_name, profession=staff.profession,
        licence_no=staff.licence_no, registration_type=staff.registration_type, start_date=staff.start_date,
        end_date=staff.end_date, verification_status=staff.verification_status,
        schedule=schedule_out(staff_mod.schedule_of(staff)),
    )


def build_schedule(body: ScheduleIn, current: WeeklySchedule) -> WeeklySchedule:
    """The schedule a request asks for; with only ``copy_from`` it copies within ``current``."""
    if body.text is not None:
        schedule = WeeklySchedule.parse(body.text)
    elif body.days is not None:
        schedule = WeeklySchedule.build(body.days)
    else:
        schedule = current
    if body.copy_from:
        schedule = schedule.copy_to_all_days(body.copy_from, include_holidays=body.include_holidays)
    return schedule


IDENTITY_FIELDS = ("pid", "profession", "licence_no")
"""Changing any of these undoes an identity confirmation: NHSO must confirm the person again."""


def _staff_data(body: StaffIn, principal: Principal, current: Staff | None = None) -> staff_mod.StaffData:
    """The details to save.  Only NHSO confirms (or rejects) a person's identity: a unit may ask
    for nothing but the status the record already has, and editing who the person is (PID,
    profession, licence) sends the record back to ``PENDING``."""
    data = staff_mod.StaffData(**body.model_dump(exclude={"schedule"}))
    if principal.is_nhso:
        return data
    status = current.verification_status if current is not None else staff_mod.Verification.PENDING
    if data.verification_status not in (status, staff_mod.Verification.PENDING):
        raise CATALOGUE.error("STAFF_VERIFICATION_NHSO_ONLY", field="verification_status")
    if current is not None and any(
            staff_mod.normalize_licence(str(getattr(data, f))) != staff_mod.normalize_licence(str(getattr(current, f)))
            for f in IDENTITY_FIELDS):
        status = staff_mod.Verification.PENDING
    data.verification_status = status
    return data


def list_staff(session: Session, *, hcode: str) -> list[StaffOut]:
    units.get_unit(session, hcode)
    return [staff_out(s) for s in staff_mod.list_staff(session, hcode)]


def add_staff(session: Session, *, hcode: str, body: StaffIn, principal: Principal) -> StaffOut:
    unit = units.get_unit(session, hcode)
    empty = WeeklySchedule.build({})
    schedule = build_schedule(body.schedule, empty) if body.schedule else empty
    return staff_out(staff_mod.add_staff(session, unit, _staff_data(body, principal), schedule))


def get_staff(session: Session, *, hcode: str, staff_id: int) -> StaffOut:
    return staff_out(staff_mod.get_staff(session, staff_id, hcode))


def update_staff(session: Session, *, hcode: str, staff_id: int, body: StaffIn, principal: Principal) -> StaffOut:
    """Replace the details; the schedule too when the body has one."""
    staff = staff_mod.get_staff(session, staff_id, hcode)
    staff_mod.update_staff(session, staff, _staff_data(body, principal, staff))
    if body.schedule is not None:
        staff_mod.set_schedule(session, staff, build_schedule(body.schedule, staff_mod.schedule_of(staff)))
    return staff_out(staff)


def confirm_staff(session: Session, *, hcode: str, staff_id: int, status: str) -> StaffOut:
    """NHSO confirms (``VERIFIED``) or rejects (``REJECTED``) a staff member's identity."""
    staff = staff_mod.get_staff(session, staff_id, hcode)
    staff.verification_status = staff_mod.Verification(status).value
    session.flush()
    return staff_out(staff)


def set_schedule(session: Session, *, hcode: str, staff_id: int, body: ScheduleIn) -> StaffOut:
    staff = staff_mod.get_staff(session, staff_id, hcode)
    staff_mod.set_schedule(session, staff, build_schedule(body, staff_mod.schedule_of(staff)))
    return staff_out(staff)


def delete_staff(session: Session, *, hcode: str, staff_id: int) -> None:
    staff_mod.remove_staff(session, staff_mod.get_staff(session, staff_id, hcode))


def on_duty(session: Session, *, hcode: str, profession: str, at: datetime) -> OnDutyOut:
    found = duty.on_duty(session, hcode, profession, at)
    return OnDutyOut(hcode=hcode, profession=profession.upper(), at=at, at_bangkok=format_be_datetime(at),
                     holiday=duty.is_holiday(session, service_date(at)), staff=[staff_out(s) for s in found])


def professions(session: Session, *, hcode: str, at: datetime) -> list[ProfessionDutyOut]:
    return [ProfessionDutyOut(
        code=p.code, name_th=p.name_th, name_en=p.name_en, on_duty=p.on_duty_count > 0, staff_count=p.staff_count,
        reason=None if p.reason is None else ReasonOut(**REGISTRY_MESSAGES.message(p.reason).as_dict()),
    ) for p in duty.professions_on_duty(session, hcode, at)]


# --- CSV ---------------------------------------------------------------------------------------

def import_units(session: Session, *, data: bytes, by: str = API_ACTOR, at: datetime | None = None,
                 progress: Progress | None = None) -> CsvImportOut:
    created = csv_units.import_units_csv(session, data, by=by, at=at, progress=progress)
    return CsvImportOut(imported=len(created), keys=[u.hcode for u in created])


def import_staff(session: Session, *, data: bytes, progress: Progress | None = None) -> CsvImportOut:
    created = csv_staff.import_staff_csv(session, data, progress=progress)
    return CsvImportOut(imported=len(created), keys=[str(s.id) for s in created])


def export_units(session: Session) -> str:
    return csv_units.export_units_csv(session)


def export_staff(session: Session, *, hcode: str | None) -> str:
    return csv_staff.export_staff_csv(session, hcode)

"""Who is on duty at a unit at an instant: pure rules plus the query.

An instant is read in Asia/Bangkok: its local date decides the weekday, whether it is a public
holiday (``HOL`` ranges apply instead of the weekday's) and whether the staff member's
employment (start date ≤ date ≤ end date, end date inclusive) covers it.  Only staff whose
verification status is ``VERIFIED`` are ever on duty.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import Verification, get_profession, schedule_of
from oss_registry.tables import Holiday, Profession, ProfessionUnitType, Staff
from oss_registry.units import get_unit
from thai_civil.calendar import to_bangkok


def employed_on(start: date, end: date | None, day: date) -> bool:
    """Whether ``day`` is within the employment period (both ends inclusive)."""
    return start <= day and (end is None or day <= end)


def is_on_duty(*, verification_status: str, start: date, end: date | None, schedule: WeeklySchedule,
               local: datetime, holiday: bool) -> bool:
    """The pure on-duty rule for one staff member at a local (Bangkok) time."""
    return (verification_status == Verification.VERIFIED
            and employed_on(start, end, local.date())
            and schedule.covers(local, holiday=holiday))


def is_holiday(session: Session, day: date) -> bool:
    return session.get(Holiday, day) is not None


def on_duty(session: Session, hcode: str, profession_code: str, at: datetime) -> list[Staff]:
    """Verified staff of ``profession_code`` working at unit ``hcode`` at the aware instant ``at``.

    Raises ``UNIT_NOT_FOUND`` / ``UNKNOWN_PROFESSION`` for unknown codes.
    """
    get_unit(session, hcode)
    profession = get_profession(session, profession_code)
    local = to_bangkok(at)
    holiday = is_holiday(session, local.date())
    candidates = session.scalars(
        select(Staff).where(Staff.hcode == hcode, Staff.profession == profession.code)
        .options(selectinload(Staff.schedule_rows)).order_by(Staff.id)
    )
    return [s for s in candidates if is_on_duty(
        verification_status=s.verification_status, start=s.start_date, end=s.end_date,
        schedule=schedule_of(s), local=local, holiday=holiday,
    )]


DUTY_REASONS = ("NO_STAFF", "HOLIDAY", "OFF_DUTY")
"""Why nobody of a profession is on duty (messages in :data:`oss_registry.errors.CATALOGUE`)."""


@dataclass(frozen=True)
class ProfessionDuty:
    """A profession that may serve at a unit, and whether someone of it is on duty now."""

    code: str
    name_th: str
    name_en: str
    staff_count: int  # verified staff of the profession employed at the unit today
    on_duty_count: int
    reason: str | None  # a DUTY_REASONS code when nobody is on duty


def professions_on_duty(session: Session, hcode: str, at: datetime) -> list[ProfessionDuty]:
    """Every profession the unit's type allows, with who is on duty at ``at`` (for the tablet)."""
    unit = get_unit(session, hcode)
    local = to_bangkok(at)
    holiday = is_holiday(session, local.date())
    allowed = session.scalars(
        select(Profession).join(ProfessionUnitType, ProfessionUnitType.profession_code == Profession.code)
        .where(ProfessionUnitType.unit_type_code == unit.unit_type).order_by(Profession.sort_order)).all()
    staff = session.scalars(select(Staff).where(Staff.hcode == hcode)
                            .options(selectinload(Staff.schedule_rows)).order_by(Staff.id)).all()
    found: list[ProfessionDuty] = []
    for profession in allowed:
        employed = [s for s in staff if s.profession == profession.code
                    and s.verification_status == Verification.VERIFIED
                    and employed_on(s.start_date, s.end_date, local.date())]
        working = [s for s in employed if schedule_of(s).covers(local, holiday=holiday)]
        reason = None if working else ("NO_STAFF" if not employed else "HOLIDAY" if holiday else "OFF_DUTY")
        found.append(ProfessionDuty(profession.code, profession.name_th, profession.name_en, len(employed),
                                    len(working), reason))
    return found

"""The slots of a day and how many can be booked in each, from the unit registry's schedules.

* A day (Asia/Bangkok) is cut into :data:`SLOT_MINUTES`-minute slots from midnight.
* A slot's capacity is :data:`PER_STAFF` for each verified staff member of the profession,
  employed at the unit that day, whose schedule covers the **whole** slot (public holidays use the
  ``HOL`` ranges, as the duty rules do).  Nobody working → no slot.
* Free seats = capacity − seats held (unexpired), confirmed or used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from bookings.tables import Booking, BookingSlot
from oss_registry.duty import employed_on, is_holiday
from oss_registry.schedule import END_OF_DAY
from oss_registry.staff import Verification, schedule_of
from oss_registry.tables import Staff
from thai_civil.calendar import BANGKOK, to_bangkok

SLOT_MINUTES = 30
PER_STAFF = 1
_DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # aware (Asia/Bangkok)
    ends_at: datetime
    capacity: int
    taken: int = 0

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)


def _minutes(t: time, *, end: bool = False) -> int:
    return _DAY_MINUTES if end and t == END_OF_DAY else t.hour * 60 + t.minute


def capacities(session: Session, *, hcode: str, profession: str, day: date) -> dict[int, int]:
    """``{minute of the day a slot starts: capacity}`` for the slots someone works through."""
    holiday = is_holiday(session, day)
    staff = session.scalars(select(Staff).where(Staff.hcode == hcode, Staff.profession == profession,
                                                Staff.verification_status == Verification.VERIFIED)
                            .options(selectinload(Staff.schedule_rows))).all()
    found: dict[int, int] = {}
    for member in staff:
        if not employed_on(member.start_date, member.end_date, day):
            continue
        for r in schedule_of(member).ranges_on(day, holiday=holiday):
            start, end = _minutes(r.start), _minutes(r.end, end=True)
            first = -(-start // SLOT_MINUTES) * SLOT_MINUTES  # the first slot starting in the range
            for m in range(first, end - SLOT_MINUTES + 1, SLOT_MINUTES):
                found[m] = found.get(m, 0) + PER_STAFF
    return found


def slot_start(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=BANGKOK) + timedelta(minutes=minute)


def minute_of(starts_at: datetime) -> tuple[date, int] | None:
    """(day, minute) of a slot start on the grid, or None when ``starts_at`` is off the grid."""
    local = to_bangkok(starts_at)
    minute = local.hour * 60 + local.minute
    if local.second or local.microsecond or minute % SLOT_MINUTES:
        return None
    return local.date(), minute


def capacity_at(session: Session, *, hcode: str, profession: str, starts_at: datetime) -> int:
    at = minute_of(starts_at)
    return 0 if at is None else capacities(session, hcode=hcode, profession=profession, day=at[0]).get(at[1], 0)


def taken_by_start(session: Session, *, hcode: str, profession: str, day: date, now: datetime) -> dict[datetime, int]:
    """Seats held (unexpired), confirmed or used per slot start of the day (read only)."""
    first, last = slot_start(day, 0), slot_start(day, _DAY_MINUTES)
    rows = session.execute(
        select(BookingSlot.starts_at, func.count(Booking.id))
        .join(Booking, Booking.slot_id == BookingSlot.id)
        .where(BookingSlot.hcode == hcode, BookingSlot.profession == profession,
               BookingSlot.starts_at >= first, BookingSlot.starts_at < last,
               or_(Booking.status.in_(("CONFIRMED", "USED")), (Booking.status == "HELD") & (Booking.held_until > now)))
        .group_by(BookingSlot.starts_at)).all()
    return {to_bangkok(start): count for start, count in rows}


def day_slots(session: Session, *, hcode: str, profession: str, day: date, now: datetime) -> list[Slot]:
    """The day's bookable slots that start after ``now``, with their free seats."""
    taken = taken_by_start(session, hcode=hcode, profession=profession, day=day, now=now)
    out = []
    for minute, capacity in sorted(capacities(session, hcode=hcode, profession=profession, day=day).items()):
        start = slot_start(day, minute)
        if start > now:
            out.append(Slot(start, start + timedelta(minutes=SLOT_MINUTES), capacity, taken.get(start, 0)))
    return out

"""Booking use cases: hold a seat, confirm, release or cancel, expire holds, and find a booking
when the unit scans its QR.

* A hold lasts :data:`HOLD` (10 minutes); unconfirmed, it is released (lazily: whenever someone
  books that slot, or the citizen opens it).  Bookable: from now to :data:`DAYS_AHEAD` days ahead,
  slots that start later than now.  One open booking per citizen, unit and day (a partial unique
  index); at most :data:`MAX_OPEN` open bookings per citizen.
* A seat is taken with ``UPDATE booking_slots SET taken = taken + 1 WHERE id = :slot AND taken <
  :capacity`` inside a savepoint together with the booking's insert: whatever the engine, of two
  requests for the last seat exactly one updates a row; the other gets ``SLOT_FULL``.
* Status changes are conditional updates too (``… WHERE status = 'HELD'``), so a seat is given
  back once even when an expiry sweep and a cancel race.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bookings import slots
from bookings.errors import CATALOGUE
from bookings.tables import OPEN_STATUSES, Booking, BookingSlot
from oss_registry.staff import get_profession
from oss_registry.tables import ProfessionUnitType
from oss_registry.units import get_unit
from thai_civil.calendar import service_date

HOLD = timedelta(minutes=10)
DAYS_AHEAD = 14
MAX_OPEN = 3
_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _ref() -> str:
    return "".join(secrets.choice(_REF_ALPHABET) for _ in range(10))


def _slot(session: Session, *, hcode: str, profession: str, starts_at: datetime) -> BookingSlot:
    """The slot's row, made on first use (a concurrent maker's row is taken when it wins)."""
    query = select(BookingSlot).where(BookingSlot.hcode == hcode, BookingSlot.profession == profession,
                                      BookingSlot.starts_at == starts_at)
    row = session.scalars(query).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = BookingSlot(hcode=hcode, profession=profession, starts_at=starts_at, taken=0)
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        return session.scalars(query).one()


def _give_back(session: Session, slot_id: int) -> None:
    session.execute(update(BookingSlot).where(BookingSlot.id == slot_id, BookingSlot.taken > 0)
                    .values(taken=BookingSlot.taken - 1))


def _close(session: Session, booking_id: int, *, from_status: str, to_status: str, now: datetime,
           expired_only: bool = False) -> bool:
    """Move a booking out of ``from_status`` once (a conditional update); True when this call did."""
    cond = [Booking.id == booking_id, Booking.status == from_status]
    if expired_only:
        cond.append(Booking.held_until <= now)
    done = session.execute(update(Booking).where(*cond).values(status=to_status, released_at=now)
                           .execution_options(synchronize_session=False)).rowcount == 1
    if done:
        slot_id = session.scalar(select(Booking.slot_id).where(Booking.id == booking_id))
        _give_back(session, slot_id)
    return done


def release_expired(session: Session, *, slot_id: int, now: datetime) -> int:
    """Release the slot's holds that ran out; the number released."""
    ids = session.scalars(select(Booking.id).where(Booking.slot_id == slot_id, Booking.status == "HELD",
                                                   Booking.held_until <= now)).all()
    return sum(_close(session, i, from_status="HELD", to_status="RELEASED", now=now, expired_only=True) for i in ids)


def open_count(session: Session, *, pid: str, now: datetime) -> int:
    return session.scalar(select(func.count()).select_from(Booking).where(
        Booking.pid == pid, Booking.day >= service_date(now),
        or_(Booking.status == "CONFIRMED", (Booking.status == "HELD") & (Booking.held_until > now)))) or 0


def hold(session: Session, *, pid: str, booked_by_pid: str, booked_by: str, hcode: str, profession: str,
         starts_at: datetime, phone: str, now: datetime) -> Booking:
    """Hold a seat of the slot starting at ``starts_at`` for :data:`HOLD` (see the module doc)."""
    unit = get_unit(session, hcode)
    if unit.status != "active":
        raise CATALOGUE.error("BOOKING_UNIT_NOT_BOOKABLE")
    prof = get_profession(session, profession)
    if session.get(ProfessionUnitType, (prof.code, unit.unit_type)) is None:
        raise CATALOGUE.error("BOOKING_PROFESSION_NOT_AT_UNIT", field="profession")
    at = slots.minute_of(starts_at)
    today = service_date(now)
    if at is not None and not today <= at[0] <= today + timedelta(days=DAYS_AHEAD):
        raise CATALOGUE.error("BOOKING_DAY_OUT_OF_RANGE", days=DAYS_AHEAD, field="day")
    capacity = slots.capacity_at(session, hcode=hcode, profession=prof.code, starts_at=starts_at)
    if at is None or starts_at <= now or capacity <= 0:
        raise CATALOGUE.error("BOOKING_SLOT_INVALID", field="starts_at")
    if open_count(session, pid=pid, now=now) >= MAX_OPEN:
        raise CATALOGUE.error("BOOKING_LIMIT", limit=MAX_OPEN)
    slot = _slot(session, hcode=hcode, profession=prof.code, starts_at=starts_at)
    release_expired(session, slot_id=slot.id, now=now)
    same_day = select(Booking.id).where(Booking.pid == pid, Booking.hcode == hcode, Booking.day == at[0],
                                        Booking.status.in_(OPEN_STATUSES))
    for held in session.scalars(same_day.where(Booking.status == "HELD", Booking.held_until <= now)).all():
        _close(session, held, from_status="HELD", to_status="RELEASED", now=now, expired_only=True)
    if session.scalars(same_day).first() is not None:
        raise CATALOGUE.error("BOOKING_EXISTS")
    try:
        with session.begin_nested():
            won = session.execute(update(BookingSlot).where(BookingSlot.id == slot.id, BookingSlot.taken < capacity)
                                  .values(taken=BookingSlot.taken + 1)).rowcount == 1
            if not won:
                raise CATALOGUE.error("SLOT_FULL")
            booking = Booking(ref=_ref(), slot_id=slot.id, pid=pid, booked_by_pid=booked_by_pid, booked_by=booked_by,
                              hcode=hcode, profession=prof.code, day=at[0], starts_at=starts_at,
                              ends_at=starts_at + timedelta(minutes=slots.SLOT_MINUTES), phone=phone, status="HELD",
                              held_until=now + HOLD, created_at=now)
            session.add(booking)
            session.flush()
    except IntegrityError:  # a concurrent booking of the same citizen, unit and day won
        raise CATALOGUE.error("BOOKING_EXISTS") from None
    return booking


def get(session: Session, *, ref: str) -> Booking:
    booking = session.scalars(select(Booking).where(Booking.ref == (ref or "").strip().upper())).first()
    if booking is None:
        raise CATALOGUE.error("BOOKING_NOT_FOUND")
    return booking


def refresh(session: Session, booking: Booking, *, now: datetime) -> Booking:
    """The booking as it stands now (an expired hold is released on the way)."""
    if booking.status == "HELD" and booking.held_until <= now:
        _close(session, booking.id, from_status="HELD", to_status="RELEASED", now=now, expired_only=True)
    session.refresh(booking)
    return booking


def confirm(session: Session, *, booking: Booking, now: datetime) -> Booking:
    done = session.execute(update(Booking).where(Booking.id == booking.id, Booking.status == "HELD",
                                                 Booking.held_until > now)
                           .values(status="CONFIRMED", confirmed_at=now)
                           .execution_options(synchronize_session=False)).rowcount == 1
    refresh(session, booking, now=now)
    if not done:
        if booking.status == "RELEASED":
            raise CATALOGUE.error("BOOKING_HOLD_EXPIRED")
        raise CATALOGUE.error("BOOKING_NOT_OPEN", booking_status=booking.status)
    return booking


def cancel(session: Session, *, booking: Booking, now: datetime) -> Booking:
    """Give the seat back: a hold is RELEASED, a confirmed booking CANCELLED."""
    if not (_close(session, booking.id, from_status="HELD", to_status="RELEASED", now=now)
            or _close(session, booking.id, from_status="CONFIRMED", to_status="CANCELLED", now=now)):
        session.refresh(booking)
        raise CATALOGUE.error("BOOKING_NOT_OPEN", booking_status=booking.status)
    session.refresh(booking)
    return booking


def for_scan(session: Session, *, ref: str | None) -> Booking | None:
    if not ref:
        return None
    return session.scalars(select(Booking).where(Booking.ref == ref)).first()


def usable(booking: Booking | None, *, pid: str, hcode: str, profession: str, now: datetime) -> bool:
    """Whether the unit's scan may use this booking: confirmed, for this citizen, unit, profession
    and today's service date."""
    return (booking is not None and booking.status == "CONFIRMED" and booking.pid == pid
            and booking.hcode == hcode and booking.profession == profession and booking.day == service_date(now))


def mark_used(session: Session, *, booking: Booking, claim_code: str, now: datetime) -> None:
    booking.status, booking.used_at, booking.claim_code = "USED", now, claim_code
    session.flush()


def of_citizens(session: Session, *, pids: list[str], now: datetime, limit: int = 20) -> list[Booking]:
    """Open bookings (and today's used ones) of these citizens, soonest first."""
    return list(session.scalars(select(Booking).where(
        Booking.pid.in_(pids), Booking.day >= service_date(now),
        or_(Booking.status.in_(("CONFIRMED", "USED")), (Booking.status == "HELD") & (Booking.held_until > now)))
        .order_by(Booking.starts_at).limit(limit)))

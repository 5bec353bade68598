"""Booking through the LINE pages (document 003): a citizen, or a registered relative for a member
of their list, picks an active unit, a profession the unit's type allows, a day and a free slot;
the seat is held, then confirmed or released; a confirmed booking shows its QR, which the unit
scans on the booked day (:mod:`server.services.verify_qr`).  Who may book for whom is the
verification policy's rule for LINE: a registered parent or child for someone aged 15 or under or
over 60; adults book for themselves."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bookings import service as bookings
from bookings import slots
from bookings.errors import CATALOGUE as BOOKING
from bookings.tables import Booking
from line_oa import members
from line_oa.tables import LineAccount
from oss_registry.tables import Profession, ProfessionUnitType, Unit
from oss_registry.units import get_unit
from server.decision.reasons import CATALOGUE as REASONS
from server.services import line_home, qr_tokens, redeem_qr, unit_qr
from thai_civil.calendar import service_date

UNIT_LIMIT = 30


def units(session: Session, *, q: str | None) -> list[Unit]:
    """Active units whose code, name or province contains ``q`` (all when empty)."""
    stmt = select(Unit).where(Unit.status == "active")
    if q and q.strip():
        like = f"%{q.strip()[:60]}%"
        stmt = stmt.where(or_(Unit.hcode.like(like), Unit.name.like(like), Unit.province.like(like)))
    return list(session.scalars(stmt.order_by(Unit.province, Unit.name).limit(UNIT_LIMIT)))


def professions(session: Session, *, hcode: str) -> list[Profession]:
    unit = get_unit(session, hcode)
    return list(session.scalars(select(Profession).join(
        ProfessionUnitType, ProfessionUnitType.profession_code == Profession.code)
        .where(ProfessionUnitType.unit_type_code == unit.unit_type).order_by(Profession.sort_order)))


def day_slots(session: Session, *, hcode: str, profession: str, day: date, now: datetime) -> list[slots.Slot]:
    get_unit(session, hcode)
    return slots.day_slots(session, hcode=hcode, profession=profession, day=day, now=now)


def hold(session: Session, *, account: LineAccount, member_id: int | None, hcode: str, profession: str,
         starts_at: datetime, now: datetime) -> Booking:
    pid, phone = redeem_qr.subject(session, account=account, member_id=member_id)
    if not line_home.may_request(session, holder_pid=account.pid, pid=pid, today=service_date(now)):
        raise REASONS.error("PROXY_NOT_ALLOWED")
    return bookings.hold(session, pid=pid, booked_by_pid=account.pid, booked_by=members.principal_tag(account),
                         hcode=hcode, profession=profession, starts_at=starts_at, phone=phone, now=now)


def mine(session: Session, *, account: LineAccount, ref: str, now: datetime) -> Booking:
    """A booking of the holder or one of their members (``BOOKING_NOT_FOUND`` otherwise)."""
    booking = bookings.get(session, ref=ref)
    if booking.pid not in {account.pid, *(m.pid for m in members.listed(session, account))}:
        raise BOOKING.error("BOOKING_NOT_FOUND")
    return bookings.refresh(session, booking, now=now)


def listing(session: Session, *, account: LineAccount, now: datetime) -> list[Booking]:
    pids = [account.pid, *(m.pid for m in members.listed(session, account))]
    return bookings.of_citizens(session, pids=pids, now=now)


def qr_payload(booking: Booking, *, secret: str) -> str:
    return qr_tokens.booking_qr(secret, ref=booking.ref, key_id=unit_qr.qr_settings().key_id)

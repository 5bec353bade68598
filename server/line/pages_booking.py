"""Booking a queue slot (document 003): a unit, a profession and a day, a free slot held for ten
minutes, confirmed (or given up), and the booking's QR to show at the unit."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import segno
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from bookings import service as booking_rules
from line_oa import members
from oss_registry.units import get_unit
from server.api.auth import get_now
from server.api.deps import SessionDep
from server.console.errors import attempt
from server.errors import CATALOGUE as SERVER
from server.line.auth import Citizen, CitizenDep, FormDep, text
from server.line.pages_home import _member_id
from server.line.routing import LineRoute, redirect
from server.line.templating import render
from server.services import line_bookings, line_home
from thai_civil.calendar import service_date

router = APIRouter(prefix="/line", route_class=LineRoute, include_in_schema=False)
Ref = Path(pattern=r"^[A-Z0-9]{6,16}$")


def _for(session: Session, who: Citizen, member_id: int | None, today: date):
    pid = who.account.pid if member_id is None else members.get_member(session, who.account, member_id).pid
    return line_home.person(session, pid, today=today)


@router.get("/booking")
def units_page(request: Request, member: str | None = Query(None, max_length=9),
               q: str | None = Query(None, max_length=60), who: Citizen = CitizenDep,
               session: Session = SessionDep) -> Response:
    member_id = _member_id(member)
    person = _for(session, who, member_id, service_date(get_now(request)))
    return render(request, "booking_units.html", {"units": line_bookings.units(session, q=q), "q": q or "",
                                                  "member_id": member_id, "person": person})


@router.get("/booking/{hcode}")
def slots_page(request: Request, hcode: str = Path(pattern=r"^\d{5}$"), member: str | None = Query(None, max_length=9),
               profession: str | None = Query(None, max_length=32), day: date | None = Query(None),
               who: Citizen = CitizenDep, session: Session = SessionDep) -> Response:
    return _slots(request, session, who, hcode=hcode, member_id=_member_id(member), profession=profession, day=day)


def _slots(request: Request, session: Session, who: Citizen, *, hcode: str, member_id: int | None,
           profession: str | None, day: date | None, problem=None, status: int = 200) -> Response:
    now = get_now(request)
    today = service_date(now)
    unit = get_unit(session, hcode)
    choices = line_bookings.professions(session, hcode=hcode)
    chosen = profession if profession in {p.code for p in choices} else (choices[0].code if choices else None)
    days = [today + timedelta(days=i) for i in range(booking_rules.DAYS_AHEAD + 1)]
    day = day if day in days else today
    slots = line_bookings.day_slots(session, hcode=hcode, profession=chosen, day=day, now=now) if chosen else []
    return render(request, "booking_slots.html", {
        "unit": unit, "professions": choices, "profession": chosen, "days": days, "day": day, "slots": slots,
        "member_id": member_id, "person": _for(session, who, member_id, today), "problem": problem}, status=status)


@router.post("/booking/hold")
def hold(request: Request, form: FormData = FormDep, who: Citizen = CitizenDep, session: Session = SessionDep
         ) -> Response:
    member_id = _member_id(text(form, "member", 9) or None)
    hcode, profession = text(form, "hcode", 5), text(form, "profession", 32)
    try:
        starts_at = datetime.fromisoformat(text(form, "starts_at", 40))
    except ValueError:
        raise SERVER.error("VALIDATION_ERROR", field="starts_at") from None
    if starts_at.tzinfo is None:
        raise SERVER.error("VALIDATION_ERROR", field="starts_at")
    booking, problem = attempt(session, lambda: line_bookings.hold(
        session, account=who.account, member_id=member_id, hcode=hcode, profession=profession, starts_at=starts_at,
        now=get_now(request)))
    if problem:
        return _slots(request, session, who, hcode=hcode, member_id=member_id, profession=profession,
                      day=service_date(starts_at), problem=problem, status=problem.status)
    return redirect(f"/line/bookings/{booking.ref}")


@router.get("/bookings")
def bookings_page(request: Request, who: Citizen = CitizenDep, session: Session = SessionDep) -> Response:
    listing = line_bookings.listing(session, account=who.account, now=get_now(request))
    names = {p.person.pid: p.person for p in line_home.member_list(session, who.account,
                                                                    today=service_date(get_now(request)))}
    return render(request, "bookings.html", {"bookings": listing, "names": names})


def _booking_page(request: Request, session: Session, who: Citizen, ref: str, problem=None, status: int = 200
                  ) -> Response:
    now = get_now(request)
    booking = line_bookings.mine(session, account=who.account, ref=ref, now=now)
    qr = None
    if booking.status == "CONFIRMED":
        secret = request.app.state.settings.secret_key.get_secret_value()
        qr = segno.make(line_bookings.qr_payload(booking, secret=secret), error="m").svg_inline(
            scale=1, border=4, omitsize=True, title=booking.ref)
    unit = get_unit(session, booking.hcode)
    return render(request, "booking.html", {
        "b": booking, "unit": unit, "qr": qr, "problem": problem,
        "person": line_home.person(session, booking.pid, today=service_date(now))}, status=status)


@router.get("/bookings/{ref}")
def booking_page(request: Request, ref: str = Ref, who: Citizen = CitizenDep, session: Session = SessionDep
                 ) -> Response:
    return _booking_page(request, session, who, ref)


def _change_booking(request: Request, session: Session, who: Citizen, ref: str,
                    change: Callable[..., object]) -> Response:
    """Confirm or cancel one of the citizen's own bookings, then show it (with the problem if refused)."""
    now = get_now(request)
    booking = line_bookings.mine(session, account=who.account, ref=ref, now=now)
    _, problem = attempt(session, lambda: change(session, booking=booking, now=now))
    if problem:
        return _booking_page(request, session, who, ref, problem, problem.status)
    return redirect(f"/line/bookings/{ref}")


@router.post("/bookings/{ref}/confirm")
def confirm(request: Request, ref: str = Ref, form: FormData = FormDep, who: Citizen = CitizenDep,
            session: Session = SessionDep) -> Response:
    return _change_booking(request, session, who, ref, booking_rules.confirm)


@router.post("/bookings/{ref}/cancel")
def cancel(request: Request, ref: str = Ref, form: FormData = FormDep, who: Citizen = CitizenDep,
           session: Session = SessionDep) -> Response:
    return _change_booking(request, session, who, ref, booking_rules.cancel)

"""Booking (document 003): slots from the staff schedules, hold → confirm or release, the booking
QR scanned by the unit (BOOKING_QR, its reference checked against a real booking), who may book
for whom, and the last seat taken by exactly one of many concurrent requests."""
from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bookings import service as bookings
from bookings import slots
from bookings.tables import Booking, BookingSlot
from fvs_errors import DomainError
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff
from oss_registry.units import get_unit
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade
from server.services import line_bookings
from server.services.reference import sync_reference_data
from server.tables import Citizen
from tests.conftest import FIXED_NOW
from tests.dbutil import fresh_database
from tests.line import conftest as lc
from tests.server.conftest import bearer
from thai_civil.calendar import BANGKOK
from thai_civil.pid import generate_pid

TODAY = FIXED_NOW.date()  # Sunday 22/11/2569, 10:00 in Bangkok


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)


def test_slots_come_from_the_schedule(session, lworld):
    day = slots.day_slots(session, hcode=lworld.clinic, profession="DENTIST", day=TODAY, now=FIXED_NOW)
    assert day[0].starts_at == at(10, 30) and day[-1].starts_at == at(19, 30)  # 08:00-20:00, after now
    assert {s.capacity for s in day} == {1} and len(day) == 19
    add_staff(session, get_unit(session, lworld.clinic),
              StaffData(pid=generate_pid(), title="ทพ.", first_name="สอง", last_name="หมอ", profession="DENTIST",
                        licence_no="ท.5678", start_date=date(2026, 1, 1), verification_status="VERIFIED"),
              WeeklySchedule.parse("SUN 13:15-15:00"))
    caps = slots.capacities(session, hcode=lworld.clinic, profession="DENTIST", day=TODAY)
    assert (caps[13 * 60], caps[13 * 60 + 30], caps[14 * 60 + 30], caps[15 * 60]) == (1, 2, 2, 1)  # whole slots only
    monday = slots.capacities(session, hcode=lworld.clinic, profession="DENTIST", day=TODAY + timedelta(days=1))
    assert monday[13 * 60 + 30] == 1


def _hold(session, lworld, who="adult", start=None, **kw):
    person = lworld.people[who]
    return bookings.hold(session, pid=person.pid, booked_by_pid=person.pid, booked_by="line:1", hcode=lworld.clinic,
                         profession="DENTIST", starts_at=start or at(11), phone="0812345678", now=kw.get("now", FIXED_NOW))


def test_hold_confirm_release_and_expiry(session, lworld):
    held = _hold(session, lworld)
    assert (held.status, held.held_until, held.day) == ("HELD", FIXED_NOW + timedelta(minutes=10), TODAY)
    with pytest.raises(DomainError) as err:
        _hold(session, lworld, "adult2")  # one dentist: one seat
    assert err.value.code == "SLOT_FULL"
    with pytest.raises(DomainError) as err:
        _hold(session, lworld, start=at(12))  # the same citizen, unit and day
    assert err.value.code == "BOOKING_EXISTS"
    late = FIXED_NOW + timedelta(minutes=11)
    with pytest.raises(DomainError) as err:
        bookings.confirm(session, booking=held, now=late)
    assert err.value.code == "BOOKING_HOLD_EXPIRED" and held.status == "RELEASED"
    other = _hold(session, lworld, "adult2", now=late)   # the seat came back
    bookings.confirm(session, booking=other, now=late)
    assert other.status == "CONFIRMED"
    bookings.cancel(session, booking=other, now=late)
    assert other.status == "CANCELLED"
    slot = session.get(BookingSlot, other.slot_id)
    session.refresh(slot)
    assert slot.taken == 0
    with pytest.raises(DomainError) as err:
        bookings.cancel(session, booking=other, now=late)
    assert err.value.code == "BOOKING_NOT_OPEN"


@pytest.mark.parametrize("start, code", [(at(9), "BOOKING_SLOT_INVALID"),         # already past
                                         (at(11, 15), "BOOKING_SLOT_INVALID"),    # off the grid
                                         (at(21), "BOOKING_SLOT_INVALID"),        # nobody works then
                                         (at(11, day=TODAY + timedelta(days=15)), "BOOKING_DAY_OUT_OF_RANGE")])
def test_unbookable_times(session, lworld, start, code):
    with pytest.raises(DomainError) as err:
        _hold(session, lworld, start=start)
    assert err.value.code == code


def test_booking_pages_and_the_units_scan(phone, lworld, secret, session, client):
    person = lworld.people["adult"]
    phone.sign_up(person, user="bee")
    assert lworld.clinic in phone.get("/line/booking?q=เชียงใหม่").text
    page = phone.get(f"/line/booking/{lworld.clinic}?day={TODAY.isoformat()}").text
    assert 'data-start="10:30"' in page and "ว่าง 1" in page
    r = phone.post(f"/line/booking/{lworld.clinic}", "/line/booking/hold", {
        "hcode": lworld.clinic, "profession": "DENTIST", "starts_at": at(10, 30).isoformat()})
    assert r.status_code == 303, r.text[:1500]
    ref = r.headers["location"].rsplit("/", 1)[1]
    held = phone.get(f"/line/bookings/{ref}").text
    assert "รอยืนยัน" in held and 'id="confirm-booking"' in held and "<svg" not in held
    phone.post(f"/line/bookings/{ref}", f"/line/bookings/{ref}/confirm")
    shown = phone.get(f"/line/bookings/{ref}").text
    assert "จองแล้ว" in shown and 'id="booking-qr"' in shown and "<svg" in shown
    assert "เต็ม" in phone.get(f"/line/booking/{lworld.clinic}?day={TODAY.isoformat()}").text

    booking = session.scalars(select(Booking).where(Booking.ref == ref)).one()
    payload = line_bookings.qr_payload(booking, secret=secret)
    scan = {"pid": person.pid, "hcode": lworld.clinic, "profession": "DENTIST", "service_type": "FVS-DENT",
            "channel": "BOOKING_QR", "qr": payload}
    device = bearer(lworld.device[lworld.clinic])
    wrong = [({"profession": "PHARMACIST"}, "QR_INVALID"), ({"pid": lworld.people["adult2"].pid}, "QR_INVALID"),
             ({"qr": payload[:-1] + ("A" if payload[-1] != "A" else "B")}, "QR_INVALID")]
    for change, code in wrong:
        r = client.post("/api/v1/verifications/qr", json=scan | change, headers=device)
        assert code in [r.json()["code"], *[x["code"] for x in r.json().get("reasons", [])]], (change, r.json())
    r = client.post("/api/v1/verifications/qr", json=scan, headers=bearer(lworld.device[lworld.pharmacy]))
    assert r.json()["code"] == "UNIT_FORBIDDEN"
    ok = client.post("/api/v1/verifications/qr", json=scan, headers=device | {"Idempotency-Key": "b1"})
    assert ok.status_code == 201, ok.json()
    claim = ok.json()["claim"]
    assert (claim["channel"], claim["method"], claim["relation"], claim["phone"]) == (
        "BOOKING_QR", "BOOKING_QR", "SELF", "0812345678")  # the booking's phone
    replay = client.post("/api/v1/verifications/qr", json=scan, headers=device | {"Idempotency-Key": "b1"})
    assert replay.json()["replayed"] is True and replay.json()["claim"]["code"] == claim["code"]
    session.refresh(booking)
    assert (booking.status, booking.claim_code) == ("USED", claim["code"])
    client.post(f"/api/v1/claims/{claim['code']}/cancel", json={"reason": "ทดสอบ"}, headers=device)
    used = client.post("/api/v1/verifications/qr", json=scan, headers=device)
    assert used.json()["code"] == "QR_INVALID"  # a used booking does not verify twice
    assert claim["code"] in phone.get("/line/home").text  # a LINE booking is among the LINE requests


def test_a_booking_is_for_its_day(phone, lworld, secret, session, client):
    person = lworld.people["adult"]
    booking = _hold(session, lworld, start=at(11, day=TODAY + timedelta(days=1)))
    bookings.confirm(session, booking=booking, now=FIXED_NOW)
    session.commit()
    r = client.post("/api/v1/verifications/qr", headers=bearer(lworld.device[lworld.clinic]), json={
        "pid": person.pid, "hcode": lworld.clinic, "profession": "DENTIST", "service_type": "FVS-DENT",
        "channel": "BOOKING_QR", "qr": line_bookings.qr_payload(booking, secret=secret), "phone": "0812345678"})
    assert r.json()["code"] == "QR_INVALID"


def test_booking_for_members_follows_who_may_act_for_whom(phone, lworld, session):
    phone.sign_up(lworld.people["adult"], user="cee")
    for who, relation in (("adult2", "GRANDPARENT"), ("child", "CHILD")):
        phone.post("/line/members/new", "/line/members/new", {"pid": lworld.people[who].pid, "phone": "0898887777",
                                                              "relation": relation, "declare": "1"})
    from line_oa.tables import LineMember

    ids = {m.pid: m.id for m in session.scalars(select(LineMember))}
    form = {"hcode": lworld.clinic, "profession": "DENTIST", "starts_at": at(12).isoformat()}
    adult = phone.post(f"/line/booking/{lworld.clinic}", "/line/booking/hold",
                       form | {"member": str(ids[lworld.people["adult2"].pid])})
    assert adult.status_code == 422 and "PROXY_NOT_ALLOWED" in adult.text
    child = phone.post(f"/line/booking/{lworld.clinic}", "/line/booking/hold",
                       form | {"member": str(ids[lworld.people["child"].pid])})
    assert child.status_code == 303
    booking = session.scalars(select(Booking)).one()
    assert (booking.pid, booking.booked_by_pid) == (lworld.people["child"].pid, lworld.people["adult"].pid)


RACERS = 6


def test_the_last_seat_goes_to_exactly_one_of_many_concurrent_requests(tmp_path):
    with fresh_database(tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        try:
            with factory() as s:
                sync_reference_data(s)
                world = lc.build(s)
                pids = []
                for i in range(RACERS):
                    pid = generate_pid()
                    s.add(Citizen(pid=pid, title_th="นาย", first_name_th=f"คน{i}", last_name_th="แข่ง",
                                  birth_date=date(1980, 1, 1), sex="M", right_code="UCS"))
                    pids.append(pid)
                s.commit()
            # three days (one open booking per citizen, unit and day); the slot's row is made by the race
            for start in (at(11), at(11, day=TODAY + timedelta(days=1)), at(11, day=TODAY + timedelta(days=2))):
                barrier = threading.Barrier(RACERS)
                results: list[str] = []

                def book(pid: str, start=start, barrier=barrier, results=results) -> None:
                    with factory() as s:
                        barrier.wait()
                        try:
                            bookings.hold(s, pid=pid, booked_by_pid=pid, booked_by="line:x", hcode=world.clinic,
                                          profession="DENTIST", starts_at=start, phone="0812345678", now=FIXED_NOW)
                            s.commit()
                            results.append("WON")
                        except DomainError as exc:
                            s.rollback()
                            results.append(exc.code)

                threads = [threading.Thread(target=book, args=(p,)) for p in pids]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(60)
                assert sorted(results) == ["SLOT_FULL"] * (RACERS - 1) + ["WON"], results
                with Session(engine) as s:
                    slot = s.scalars(select(BookingSlot).where(BookingSlot.starts_at == start)).one()
                    held = s.scalars(select(Booking).where(Booking.slot_id == slot.id)).all()
                    assert slot.taken == 1 and len(held) == 1
        finally:
            engine.dispose()

from collections import Counter
from datetime import date

from sqlalchemy import select

from server.demo.loader import load_demo
from server.tables import Citizen
from thai_civil.calendar import age_on
from thai_civil.pid import is_valid_pid

TODAY = date(2026, 11, 22)


def test_demo_citizens_are_realistic_and_idempotent(session):
    first = load_demo(session, citizens=1000, seed=11, today=TODAY)
    assert first.citizens_added == 1000
    again = load_demo(session, citizens=1000, seed=11, today=TODAY)
    assert again.citizens_added == 0
    people = session.scalars(select(Citizen)).all()
    assert len(people) == 1000
    assert all(is_valid_pid(c.pid) for c in people)
    ages = [age_on(c.birth_date, TODAY).years for c in people]
    assert min(ages) <= 5 and max(ages) >= 85
    assert sum(a <= 15 for a in ages) > 50 and sum(a > 60 for a in ages) > 50
    assert any(c.birth_date == date(2004, 2, 29) for c in people)
    rights = Counter(c.right_code for c in people)
    assert rights["UCS"] > rights["SSS"] > 0
    children = [c for c, a in zip(people, ages) if a < 15]
    assert {c.title_th for c in children} <= {"ด.ช.", "ด.ญ."}
    assert all("\u0e00" <= c.first_name_th[0] <= "\u0e7f" for c in people)


def test_demo_units_have_staff_and_schedules(session):
    summary = load_demo(session, citizens=0, seed=11, today=TODAY)
    assert len(summary.units) >= 3


def test_demo_pharmacy_has_a_pharmacist_on_duty_at_every_hour(session):
    from datetime import datetime, timedelta

    from oss_registry.duty import on_duty
    from thai_civil.calendar import BANGKOK

    load_demo(session, citizens=0, seed=11, today=TODAY)
    start = datetime(2026, 11, 22, 0, 0, tzinfo=BANGKOK)
    gaps = [start + timedelta(minutes=30 * i) for i in range(48 * 7)
            if not on_duty(session, "77001", "PHARMACIST", start + timedelta(minutes=30 * i))]
    assert gaps == []


def test_demo_password_setting_resets_existing_demo_accounts(session, monkeypatch):
    from server.services.access import login

    monkeypatch.delenv("FVS_DEMO_PASSWORD", raising=False)
    first = load_demo(session, citizens=0, seed=11, today=TODAY)
    assert "demo.admin" in first.new_accounts  # a random password, shown once
    assert load_demo(session, citizens=0, seed=11, today=TODAY).new_accounts == {}
    monkeypatch.setenv("FVS_DEMO_PASSWORD", "a new demo password")
    reset = load_demo(session, citizens=0, seed=11, today=TODAY)
    assert reset.new_accounts["demo.admin"] == "a new demo password" and "demo.77001" in reset.new_accounts
    from tests.conftest import FIXED_NOW

    assert login(session, "demo.admin", "a new demo password", FIXED_NOW)[0].username == "demo.admin"
    assert load_demo(session, citizens=0, seed=11, today=TODAY).new_accounts == {}  # already that password

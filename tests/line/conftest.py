"""Fixtures of the LINE tests: a pharmacy open around the clock and a dental clinic, citizens of
every age group with their card's laser code, unit tokens, and a browser-like client of the LINE
pages (development ID-token verifier, the SMS provider's outbox instead of a phone)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from fastapi.testclient import TestClient

from line_oa.sms import LogSms
from oss_registry.lifecycle import UnitStatus
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff
from oss_registry.units import UnitData, create_unit
from server.line import install_line
from server.line.config import LineSettings
from server.services import access
from server.services.access import Role
from server.services.line_identity import DevVerifier
from server.tables import Citizen
from tests.conftest import FIXED_NOW
from thai_civil.pid import generate_pid

PHARMACY = UnitData("96001", "ร้านยาไลน์ทดสอบ", "PHARMACY", "1 ถนนสีลม", "กรุงเทพมหานคร", "021111111", None, None,
                    13.7563, 100.5018, 100)
CLINIC = UnitData("96002", "คลินิกทันตกรรมไลน์", "DENTAL_CLINIC", "2 ถนนนิมมาน", "เชียงใหม่", "053111111", None, None,
                  18.7996, 98.9680, 100)
PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
OTP = re.compile(r"OTP ของท่านคือ (\d{6}) \(รหัสอ้างอิง ([A-Za-z0-9]{6})\)")


@dataclass(frozen=True)
class Person:
    pid: str
    first: str
    last: str
    birth: date
    laser: str
    right: str = "UCS"

    @property
    def birth_be(self) -> str:
        return f"{self.birth.day:02d}/{self.birth.month:02d}/{self.birth.year + 543}"


@dataclass
class LineWorld:
    pharmacy: str
    clinic: str
    device: dict[str, str]
    unit_admin: dict[str, str]
    reviewer: str
    nhso_admin: str
    people: dict[str, Person] = field(default_factory=dict)


PEOPLE = {  # on FIXED_NOW (22/11/2569): adult 36, elder 76, child 11, teen 14, young 15
    "adult": ("สมชาย", "ใจดี", date(1990, 5, 1), "JC1234567890", "UCS"),
    "adult2": ("สมหญิง", "รักดี", date(1985, 3, 3), "AB1111111111", "UCS"),
    "elder": ("บุญมี", "ใจดี", date(1950, 1, 1), "JT2222222222", "UCS"),
    "child": ("เด็กชาย", "ใจดี", date(2015, 1, 1), "ME3333333333", "UCS"),
    "teen": ("วัยรุ่น", "ใจดี", date(2012, 6, 1), "ME4444444444", "UCS"),
    "young": ("อายุสิบห้า", "พอดี", date(2011, 11, 22), "ME5555555555", "NONE"),
    "sss": ("ผู้ประกันตน", "ทำงาน", date(1988, 8, 8), "JC5555555555", "SSS"),
}


def _unit(session, data: UnitData, profession: str, licence: str, schedule: str) -> None:
    unit = create_unit(session, data, by="test", status=UnitStatus.ACTIVE)
    add_staff(session, unit, StaffData(pid=generate_pid(), title="ภญ.", first_name="มาลี", last_name="ใจดี",
                                       profession=profession, licence_no=licence, start_date=date(2026, 1, 1),
                                       verification_status="VERIFIED"),
              WeeklySchedule.parse(schedule))


def _token(session, username: str, role: Role, hcode: str | None) -> str:
    access.create_account(session, username=username, display_name=username, role=role, password=PASSWORD,
                          hcode=hcode)
    return access.login(session, username, PASSWORD, FIXED_NOW)[1]


def build(session) -> LineWorld:
    _unit(session, PHARMACY, "PHARMACIST", "ภ.12345", "ALL 00:00-24:00")
    _unit(session, CLINIC, "DENTIST", "ท.1234", "ALL 08:00-20:00")
    people = {}
    for key, (first, last, birth, laser, right) in PEOPLE.items():
        pid = generate_pid()
        session.add(Citizen(pid=pid, title_th="นาย", first_name_th=first, last_name_th=last, birth_date=birth, sex="M",
                            right_code=right, laser_code=laser))
        people[key] = Person(pid, first, last, birth, laser, right)
    session.flush()
    admins = {h: _token(session, f"ladmin{h}", Role.UNIT_ADMIN, h) for h in (PHARMACY.hcode, CLINIC.hcode)}
    devices = {h: access.create_device_token(session, access.authenticate(session, tok, FIXED_NOW), h, "tablet")[1]
               for h, tok in admins.items()}
    world = LineWorld(PHARMACY.hcode, CLINIC.hcode, devices, admins, _token(session, "lreviewer", Role.NHSO_REVIEWER, None),
                      _token(session, "lnhso", Role.NHSO_ADMIN, None), people)
    session.commit()
    return world


@pytest.fixture
def lworld(session) -> LineWorld:
    return build(session)


@pytest.fixture
def line_app(app):
    install_line(app)  # already installed by create_app; idempotent
    app.state.line_settings = LineSettings(dev_verifier=True, cookie_secure=False)
    app.state.line_verifier = DevVerifier()
    app.state.sms = LogSms()
    return app


@pytest.fixture
def secret(line_app) -> str:
    return line_app.state.settings.secret_key.get_secret_value()


class Phone:
    """A browser on a citizen's phone: cookies kept, forms posted with their CSRF token."""

    def __init__(self, client: TestClient, sms: LogSms):
        self.client, self.sms = client, sms

    def get(self, url: str, **kw):
        return self.client.get(url, follow_redirects=False, **kw)

    def csrf(self, page: str) -> str:
        html = self.client.get(page).text
        match = CSRF.search(html)
        assert match, f"no CSRF field on {page}: {html[:400]}"
        return match.group(1)

    def post(self, page: str, action: str, data: dict | None = None, **kw):
        return self.client.post(action, data={"csrf_token": self.csrf(page), **(data or {})}, follow_redirects=False,
                                **kw)

    def last_otp(self) -> tuple[str, str]:
        match = OTP.search(self.sms.outbox[-1][1])
        assert match, self.sms.outbox
        return match.group(1), match.group(2)

    def open(self, user: str):
        return self.post("/line/", "/line/session", {"id_token": f"dev:{user}"})

    def sign_up(self, person: Person, *, user: str, pin: str = "246810", phone: str = "0812345678") -> None:
        """The whole registration: consent, PID, details, PIN twice, phone, OTP."""
        assert self.open(user).headers["location"] == "/line/consent"
        assert self.post("/line/consent", "/line/consent", {"decision": "accept"}).headers["location"] == "/line/register"
        assert self.post("/line/register", "/line/register", {"pid": person.pid}).status_code == 303
        r = self.post("/line/register/details", "/line/register/details", {
            "first_name": person.first, "last_name": person.last, "birth_date": person.birth_be,
            "laser_code": person.laser})
        assert r.headers.get("location") == "/line/pin/new", r.text[:2000]
        assert self.post("/line/pin/new", "/line/pin/new", {"pin": pin}).headers["location"] == "/line/pin/confirm"
        assert self.post("/line/pin/confirm", "/line/pin/confirm", {"pin": pin}).headers["location"] == "/line/register/phone"
        assert self.post("/line/register/phone", "/line/register/phone", {"phone": phone}).headers["location"] == "/line/otp"
        code, _ = self.last_otp()
        r = self.post("/line/otp", "/line/otp", {"code": code})
        assert r.headers.get("location") == "/line/home", r.text[:2000]


@pytest.fixture
def phone(line_app, lworld) -> Iterator[Phone]:
    with TestClient(line_app, raise_server_exceptions=False, base_url="http://testserver") as client:
        yield Phone(client, line_app.state.sms)


@pytest.fixture
def another_phone(line_app, lworld) -> Iterator[Phone]:
    with TestClient(line_app, raise_server_exceptions=False, base_url="http://testserver") as client:
        yield Phone(client, line_app.state.sms)

"""Fixtures for claim and verification tests: two active units with on-duty staff, citizens of
each age group, and bearer tokens for unit devices, unit people and NHSO reviewers/admins."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from oss_registry.lifecycle import UnitStatus
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff
from oss_registry.units import UnitData, create_unit
from server.services import access
from server.services.access import Role
from server.tables import Citizen
from tests.conftest import FIXED_NOW
from thai_civil.pid import generate_pid

# 22/11/2569 10:00 Bangkok (tests' FIXED_NOW) is a Sunday.
PHARMACY = UnitData("99001", "ร้านยาทดสอบ", "PHARMACY", "1 ถนนพระราม 4", "กรุงเทพมหานคร", "021111111", None, None,
                    13.7563, 100.5018, 100)
CLINIC = UnitData("99002", "คลินิกทันตกรรมทดสอบ", "DENTAL_CLINIC", "2 ถนนนิมมาน", "เชียงใหม่", "053111111", None, None,
                  18.7996, 98.9680, 100)
ADULT, CHILD, ELDER = "1101700203450", "3100000000004", "1234567890121"
BIRTHS = {ADULT: date(1990, 5, 1), CHILD: date(2015, 1, 1), ELDER: date(1950, 1, 1)}


@dataclass(frozen=True)
class World:
    pharmacy: str
    clinic: str
    device: dict[str, str]      # unit hcode -> device token
    unit_admin: dict[str, str]  # unit hcode -> unit admin session token
    reviewer: str
    nhso_admin: str


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _unit(session, data: UnitData, profession: str, licence: str) -> None:
    unit = create_unit(session, data, by="test", status=UnitStatus.ACTIVE)
    add_staff(session, unit, StaffData(pid=generate_pid(), title="ภญ.", first_name="มาลี", last_name="ใจดี",
                                       profession=profession, licence_no=licence, start_date=date(2026, 1, 1),
                                       verification_status="VERIFIED"),
              WeeklySchedule.parse("ALL 08:00-20:00"))


def _token(session, username: str, role: Role, hcode: str | None) -> str:
    access.create_account(session, username=username, display_name=username, role=role, password="correct horse battery",
                          hcode=hcode)
    return access.login(session, username, "correct horse battery", FIXED_NOW)[1]


@pytest.fixture
def world(session) -> World:
    _unit(session, PHARMACY, "PHARMACIST", "ภ.12345")
    _unit(session, CLINIC, "DENTIST", "ท.1234")
    for pid, birth in BIRTHS.items():
        session.add(Citizen(pid=pid, title_th="นาย", first_name_th="ทดสอบ", last_name_th="ระบบ", birth_date=birth,
                            sex="M", right_code="UCS", sub_right_code=None))
    session.flush()
    admins = {h: _token(session, f"admin{h}", Role.UNIT_ADMIN, h) for h in (PHARMACY.hcode, CLINIC.hcode)}
    nhso = _token(session, "nhso", Role.NHSO_ADMIN, None)
    reviewer = _token(session, "reviewer", Role.NHSO_REVIEWER, None)
    devices = {}
    for h, tok in admins.items():
        principal = access.authenticate(session, tok, FIXED_NOW)
        devices[h] = access.create_device_token(session, principal, h, "tablet")[1]
    session.commit()
    return World(PHARMACY.hcode, CLINIC.hcode, devices, admins, reviewer, nhso)

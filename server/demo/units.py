"""Demo units: six active units of different types and provinces, with verified staff and schedules.

Unit 77001 (a Bangkok pharmacy) has a pharmacist on duty around the clock — one 08:00–20:00,
one 20:00–08:00, every day including public holidays — so demos work at any hour of any day.  Loading is idempotent (existing hcodes are skipped)
and deterministic for a seed (the same random draws are made whether or not a unit is new).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from oss_registry.lifecycle import UnitStatus, change_status
from oss_registry.managers import ManagerRole, add_manager, approve_manager
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, Verification, add_staff
from oss_registry.tables import Unit
from oss_registry.units import UnitData, create_unit
from server.demo.thai_names import FEMALE_NAMES, MALE_NAMES, SURNAMES
from thai_civil.pid import generate_pid

DEMO_BY = "demo"
STAFF_START = date(2024, 10, 1)


@dataclass(frozen=True)
class _DemoStaff:
    profession: str
    schedule: str


@dataclass(frozen=True)
class _DemoUnit:
    data: UnitData
    staff: tuple[_DemoStaff, ...]


_UNITS = (
    _DemoUnit(UnitData("77001", "ร้านยาเภสัชสุขใจ ราชเทวี", "PHARMACY", "123 ถนนพญาไท แขวงทุ่งพญาไท เขตราชเทวี",
                       "กรุงเทพมหานคร", "021234567", "021234568", "suk-jai@example.th", 13.7590, 100.5340, 100),
              (_DemoStaff("PHARMACIST", "ALL 08:00-20:00"), _DemoStaff("PHARMACIST", "ALL 00:00-08:00,20:00-24:00"))),
    _DemoUnit(UnitData("77002", "คลินิกทันตกรรมยิ้มสวย นิมมาน", "DENTAL_CLINIC", "45 ถนนนิมมานเหมินท์ ตำบลสุเทพ อำเภอเมือง",
                       "เชียงใหม่", "053212345", "053212346", None, 18.7996, 98.9680, 80),
              (_DemoStaff("DENTIST", "MON-SAT 09:00-12:00,13:00-19:00"),)),
    _DemoUnit(UnitData("77003", "คลินิกการแพทย์แผนไทยบ้านสมุนไพร", "THAI_TRAD_MED_CLINIC",
                       "88 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง", "ขอนแก่น", "043223344", None, None,
                       16.4322, 102.8236, 100),
              (_DemoStaff("THAI_TRAD_MED", "TUE-SUN 09:00-17:00"),
               _DemoStaff("APPLIED_THAI_TRAD_MED", "MON-FRI 13:00-20:00"))),
    _DemoUnit(UnitData("77004", "คลินิกกายภาพบำบัดหาดใหญ่", "PHYSIO_CLINIC", "12 ถนนนิพัทธ์อุทิศ 3 ตำบลหาดใหญ่ อำเภอหาดใหญ่",
                       "สงขลา", "074234567", None, None, 7.0086, 100.4747, 100),
              (_DemoStaff("PHYSIOTHERAPIST", "MON-FRI 08:30-12:00,13:00-16:30; SAT 09:00-12:00"),)),
    _DemoUnit(UnitData("77005", "คลินิกการพยาบาลและการผดุงครรภ์โคราช", "NURSING_CLINIC",
                       "200 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมือง", "นครราชสีมา", "044256789", None, None,
                       14.9799, 102.0978, 120),
              (_DemoStaff("NURSE", "MON-HOL 08:30-16:30"),)),
    _DemoUnit(UnitData("77006", "คลินิกเทคนิคการแพทย์ภูเก็ตแล็บ", "MED_TECH_CLINIC", "9 ถนนเทพกระษัตรี ตำบลตลาดใหญ่ อำเภอเมือง",
                       "ภูเก็ต", "076212121", None, None, 7.8804, 98.3923, 100),
              (_DemoStaff("MED_TECH", "MON-SAT 07:00-15:00"),)),
)

_LICENCE_PREFIX = {
    "PHARMACIST": "ภ.", "DENTIST": "ท.", "THAI_TRAD_MED": "พท.ว.", "APPLIED_THAI_TRAD_MED": "พทป.",
    "PHYSIOTHERAPIST": "ก.", "MED_TECH": "ทน.", "PHYSICIAN": "ว.",
}


def _licence(profession: str, rng: random.Random) -> str:
    if profession == "NURSE":
        return str(rng.randint(10**9, 10**10 - 1))
    return f"{_LICENCE_PREFIX[profession]}{rng.randint(10000, 99999)}"


def _person(profession: str, rng: random.Random) -> StaffData:
    female = rng.random() < 0.6
    first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)[0]
    title = {"PHARMACIST": "ภก.", "DENTIST": "ทพ."}.get(profession, "นาง" if female else "นาย")
    if female and profession == "PHARMACIST":
        title = "ภญ."
    elif female and profession == "DENTIST":
        title = "ทพญ."
    return StaffData(
        pid=generate_pid(rng), title=title, first_name=first, last_name=rng.choice(SURNAMES)[0],
        profession=profession, licence_no=_licence(profession, rng), start_date=STAFF_START,
        verification_status=Verification.VERIFIED,
    )


def _create(session: Session, demo: _DemoUnit, signatory_pid: str, people: list[StaffData]) -> None:
    unit = create_unit(session, demo.data, by=DEMO_BY)
    change_status(session, unit, UnitStatus.APPROVED, by=DEMO_BY, reason="demo data")
    change_status(session, unit, UnitStatus.ACTIVE, by=DEMO_BY, reason="demo data")
    manager = add_manager(session, unit, signatory_pid, ManagerRole.SIGNATORY, "thaid")
    approve_manager(session, manager.id, by=DEMO_BY)
    for spec, person in zip(demo.staff, people):
        add_staff(session, unit, person, WeeklySchedule.parse(spec.schedule))


def load_demo_units(session: Session, rng: random.Random) -> list[str]:
    """Create the demo units that do not exist yet; returns every demo hcode."""
    for demo in _UNITS:
        signatory_pid = generate_pid(rng)
        people = [_person(spec.profession, rng) for spec in demo.staff]
        if session.get(Unit, demo.data.hcode) is None:
            _create(session, demo, signatory_pid, people)
    session.flush()
    return [demo.data.hcode for demo in _UNITS]

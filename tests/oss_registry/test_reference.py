"""Reference data files sync into their tables, idempotently."""
from datetime import date

from sqlalchemy import select

from oss_registry import reference
from oss_registry.tables import Holiday, Profession, ProfessionUnitType, UnitType
from thai_civil.holidays import holidays_by_year

REQUIRED_PROFESSIONS = {"PHARMACIST", "DENTIST", "THAI_TRAD_MED", "APPLIED_THAI_TRAD_MED", "PHYSIOTHERAPIST",
                        "MED_TECH", "NURSE", "PHYSICIAN"}


def test_files_are_consistent():
    types = {t["code"] for t in reference.unit_types()}
    professions = reference.professions()
    assert REQUIRED_PROFESSIONS <= {p["code"] for p in professions}
    assert all(set(p["unit_types"]) <= types and p["unit_types"] for p in professions)
    assert {2026, 2027} <= set(holidays_by_year())


def test_sync_is_idempotent_and_fills_the_tables(session):
    first = reference.sync(session)
    assert reference.sync(session) == first
    assert len(session.scalars(select(UnitType)).all()) == first["unit_types"]
    assert session.get(Profession, "PHARMACIST").name_th == "เภสัชกร"
    assert session.get(ProfessionUnitType, ("PHARMACIST", "PHARMACY")) is not None
    assert session.get(Holiday, date(2026, 4, 13)).name_en == "Songkran Festival"


def test_a_holiday_removed_from_its_file_is_removed(session):
    session.add(Holiday(day=date(2026, 2, 2), name_th="ทดสอบ", name_en="Test"))
    session.flush()
    reference.sync_holidays(session)
    assert session.get(Holiday, date(2026, 2, 2)) is None
    assert session.scalars(select(Holiday)).first() is not None

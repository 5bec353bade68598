"""CSV import/export: the whole file is validated first; one bad row writes nothing."""
import pytest
from sqlalchemy import func, select

from oss_registry.csv_common import CsvImportError
from oss_registry.csv_staff import export_staff_csv, import_staff_csv
from oss_registry.csv_units import export_units_csv, import_units_csv
from oss_registry.tables import Staff, Unit
from thai_civil.pid import generate_pid

UNITS = """hcode,name,unit_type,address,province,latitude,longitude,geofence_radius_m,status
99101,ร้านยาหนึ่ง,PHARMACY,1 ถนนสุขุมวิท,กรุงเทพมหานคร,13.7367,100.5600,100,active
99102,คลินิกทันตกรรมสอง,DENTAL_CLINIC,2 ถนนห้วยแก้ว,เชียงใหม่,18.7960,98.9700,,
"""


def _count(session, table):
    return session.scalar(select(func.count()).select_from(table))


def test_units_import_with_bom_and_export(session):
    units = import_units_csv(session, ("\ufeff" + UNITS).encode("utf-8"), by="importer")
    assert [(u.hcode, u.status, u.geofence_radius_m) for u in units] == [
        ("99101", "active", 100), ("99102", "applied", 100)]
    exported = export_units_csv(session)
    assert exported.startswith("\ufeff") and "99102,คลินิกทันตกรรมสอง" in exported


@pytest.mark.parametrize("bad_row, column, code", [
    ("99103,ร้านยาสาม,PHARMACY,3 ถนน,ภูเก็ต,abc,98.39,,", "latitude", "INVALID_VALUE"),
    ("9910,ร้านยาสาม,PHARMACY,3 ถนน,ภูเก็ต,,,,", "hcode", "INVALID_HCODE"),
    ("99103,ร้านยาสาม,SHOP,3 ถนน,ภูเก็ต,,,,", "unit_type", "UNKNOWN_UNIT_TYPE"),
    ("99101,ซ้ำ,PHARMACY,3 ถนน,ภูเก็ต,,,,", "", "DUPLICATE_IN_FILE"),
    ("99103,ร้านยาสาม,PHARMACY,3 ถนน,ภูเก็ต,,,,closed", "status", "INVALID_UNIT"),
    (f"99103,{'ร' * 201},PHARMACY,3 ถนน,ภูเก็ต,,,,", "name", "INVALID_UNIT"),   # PostgreSQL would refuse it
])
def test_one_bad_unit_row_writes_nothing(session, bad_row, column, code):
    before = _count(session, Unit)
    with pytest.raises(CsvImportError) as err:
        import_units_csv(session, UNITS + bad_row + "\n", by="importer")
    assert _count(session, Unit) == before
    [row_error] = err.value.errors
    assert (row_error.row, row_error.column, row_error.code) == (4, column, code)
    assert row_error.message_th and row_error.message_en
    assert err.value.code == "CSV_INVALID"
    assert err.value.details["errors"][0]["row"] == 4


def test_existing_units_and_missing_columns_are_reported(session):
    import_units_csv(session, UNITS, by="importer")
    with pytest.raises(CsvImportError) as err:
        import_units_csv(session, UNITS, by="importer")
    assert [(e.row, e.code) for e in err.value.errors] == [(2, "UNIT_EXISTS"), (3, "UNIT_EXISTS")]
    with pytest.raises(CsvImportError) as err:
        import_units_csv(session, "hcode,name\n99109,x\n", by="importer")
    assert err.value.errors[0].row == 1 and "unit_type" in err.value.errors[0].column


def _staff_csv(*rows: str) -> str:
    header = ("hcode,pid,title,first_name,last_name,profession,licence_no,registration_type,start_date,end_date,"
              "verification_status,schedule\n")
    return header + "".join(r + "\n" for r in rows)


def test_staff_import_round_trips_schedules(session):
    import_units_csv(session, UNITS, by="importer")
    text = _staff_csv(
        f'99101,{generate_pid()},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.12345,FULL_TIME,01/01/2569,,VERIFIED,'
        '"MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00"',
        f"99102,{generate_pid()},ทพ.,สมชาย,ศรีสุข,DENTIST,ท.2345,PART_TIME,2026-02-01,31/12/2569,PENDING,",
    )
    staff = import_staff_csv(session, text.encode("utf-8-sig"))
    assert len(staff) == 2
    exported = export_staff_csv(session, "99101")
    assert "MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00" in exported and "01/01/2569" in exported
    assert "99102" not in exported


@pytest.mark.parametrize("bad_row, column, code", [
    ("99101,{pid},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.1,FULL_TIME,01/01/2569,,VERIFIED,MON 08:00-12:00",
     "licence_no", "INVALID_LICENCE"),
    ('99101,{pid},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.12345,FULL_TIME,01/01/2569,,VERIFIED,"MON 22:00-06:00"',
     "schedule", "INVALID_SCHEDULE"),
    ("99109,{pid},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.12345,FULL_TIME,01/01/2569,,VERIFIED,", "hcode", "UNIT_NOT_FOUND"),
    ("99101,{pid},ภญ.,มาลี,ใจดี,PHARMACIST,ภ.12345,FULL_TIME,01/01/2026,,VERIFIED,", "start_date",
     "INVALID_VALUE"),
    ("99101,{pid},ภญ.,มาลี,ใจดี,NINJA,ภ.12345,FULL_TIME,01/01/2569,,VERIFIED,", "profession",
     "UNKNOWN_PROFESSION"),
])
def test_one_bad_staff_row_writes_nothing(session, bad_row, column, code):
    import_units_csv(session, UNITS, by="importer")
    good = f"99101,{generate_pid()},ภก.,สมชาย,ใจดี,PHARMACIST,ภ.22222,FULL_TIME,01/01/2569,,VERIFIED,DAILY 08:00-20:00"
    with pytest.raises(CsvImportError) as err:
        import_staff_csv(session, _staff_csv(good, bad_row.format(pid=generate_pid()), good.replace("ภ.22222", "ภ.33333")))
    assert _count(session, Staff) == 0
    assert [(e.row, e.column, e.code) for e in err.value.errors] == [(3, column, code), (4, "", "DUPLICATE_IN_FILE")]

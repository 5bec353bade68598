"""The unit registry's one catalogue (errors and reasons) and its exception type."""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError

_MESSAGES: dict[str, tuple[str, str]] = {
    "UNIT_NOT_FOUND": ("ไม่พบหน่วยบริการ {hcode}", "No unit with code {hcode}"),
    "UNIT_EXISTS": ("มีหน่วยบริการรหัส {hcode} อยู่แล้ว", "A unit with code {hcode} already exists"),
    "INVALID_HCODE": ("รหัสหน่วยบริการต้องเป็นตัวเลข 5 หลัก", "A unit code (hcode) is 5 digits"),
    "INVALID_COORDINATES": (
        "พิกัดไม่ถูกต้อง (ต้องระบุทั้งละติจูดและลองจิจูด และอยู่ในประเทศไทย)",
        "Invalid coordinates (give both latitude and longitude, inside Thailand)",
    ),
    "INVALID_UNIT": ("ข้อมูลหน่วยบริการไม่ถูกต้อง: {reason_th}", "Invalid unit data: {reason_en}"),
    "INVALID_STATUS_TRANSITION": (
        "เปลี่ยนสถานะจาก {from_status} เป็น {to_status} ไม่ได้",
        "A unit cannot go from {from_status} to {to_status}",
    ),
    "INVALID_SCHEDULE": ("ตารางปฏิบัติงานไม่ถูกต้อง: {reason_th}", "Invalid schedule: {reason_en}"),
    "INVALID_LICENCE": (
        "เลขใบอนุญาตประกอบวิชาชีพไม่ถูกต้องสำหรับ {profession}",
        "The licence number is not valid for {profession}",
    ),
    "INVALID_STAFF": ("ข้อมูลผู้ปฏิบัติงานไม่ถูกต้อง: {reason_th}", "Invalid staff data: {reason_en}"),
    "UNKNOWN_PROFESSION": ("ไม่รู้จักวิชาชีพ {profession}", "Unknown profession {profession}"),
    "UNKNOWN_UNIT_TYPE": ("ไม่รู้จักประเภทหน่วยบริการ {unit_type}", "Unknown unit type {unit_type}"),
    "PROFESSION_NOT_AT_UNIT_TYPE": (
        "วิชาชีพ {profession} ปฏิบัติงานในหน่วยบริการประเภท {unit_type} ไม่ได้",
        "Profession {profession} may not serve at a unit of type {unit_type}",
    ),
    "STAFF_NOT_FOUND": ("ไม่พบผู้ปฏิบัติงาน", "No such staff member"),
    "STAFF_EXISTS": (
        "ผู้ปฏิบัติงานนี้ลงทะเบียนกับหน่วยบริการนี้ในวิชาชีพนี้แล้ว",
        "This person is already registered at this unit with this profession",
    ),
    "MANAGER_NOT_FOUND": ("ไม่พบผู้มีอำนาจของหน่วยบริการ", "No such unit manager"),
    "MANAGER_EXISTS": ("บุคคลนี้เป็นผู้มีอำนาจของหน่วยบริการนี้แล้ว", "This person already manages this unit"),
    "INVALID_MANAGER": ("ข้อมูลผู้มีอำนาจไม่ถูกต้อง: {reason_th}", "Invalid manager data: {reason_en}"),
    "LEGACY_LOGIN_REFUSED": (
        "ไม่รับการยืนยันตัวตนด้วยรหัสหน่วยบริการแบบเดิม (data center) กรุณายืนยันตัวตนผ่าน ThaID",
        "Legacy 'data center' unit-code logins are refused; verify the person with ThaID",
    ),
    "INVALID_VALUE": ("ค่าในคอลัมน์ {field} ไม่ถูกต้อง: {reason_th}", "Invalid value in column {field}: {reason_en}"),
    "DUPLICATE_IN_FILE": ("ข้อมูลซ้ำกับแถวที่ {first_row} ในไฟล์", "Duplicates row {first_row} of the file"),
    "CSV_INVALID": (
        "ไฟล์ CSV มีข้อผิดพลาด {count} รายการ ไม่มีการบันทึกข้อมูลใด ๆ",
        "The CSV file has {count} error(s); nothing was saved",
    ),
    # reasons a unit is not ready to verify (readiness.py)
    "NOT_REGISTERED": ("หน่วยบริการนี้ยังไม่ได้ลงทะเบียน", "The unit is not registered"),
    "NOT_ACTIVE": ("หน่วยบริการยังไม่เปิดให้บริการหรือถอนตัวแล้ว", "The unit is not active (not yet approved, or withdrawn)"),
    "SUSPENDED": ("หน่วยบริการถูกระงับการให้บริการ", "The unit is suspended"),
    "NO_COORDINATES": ("หน่วยบริการยังไม่ได้ระบุพิกัดที่ตั้ง", "The unit has no registered coordinates"),
    "NO_VERIFIED_STAFF": (
        "ไม่มีผู้ประกอบวิชาชีพที่ผ่านการตรวจสอบและปฏิบัติงานอยู่ในวันนี้",
        "No verified staff member is employed on this date",
    ),
    "NO_SCHEDULE": (
        "ผู้ประกอบวิชาชีพที่ผ่านการตรวจสอบยังไม่มีตารางปฏิบัติงาน",
        "No verified staff member has a working schedule",
    ),
    # reasons nobody of a profession is on duty now (duty.py)
    "NO_STAFF": ("ยังไม่มีผู้ประกอบวิชาชีพนี้ที่ผ่านการตรวจสอบในหน่วยบริการ",
                 "No verified staff member of this profession is registered at the unit"),
    "HOLIDAY": ("วันนี้เป็นวันหยุดนักขัตฤกษ์ ไม่มีผู้ประกอบวิชาชีพนี้ปฏิบัติงาน",
                "Today is a public holiday and nobody of this profession works on holidays"),
    "OFF_DUTY": ("ขณะนี้ไม่มีผู้ประกอบวิชาชีพนี้ปฏิบัติงาน", "Nobody of this profession is on duty now"),
}

class RegistryError(DomainError):
    """A registry rule was broken: a stable ``code`` with messages from :data:`CATALOGUE` (filled
    with ``details``).  ``details["field"]``, when present, names the offending field (the CSV
    column in import reports).  Codes whose message says *why* (``INVALID_*``) take the reason in
    both languages: ``reason_th`` and ``reason_en``.  The HTTP status of a code is the server's
    business."""

    def __init__(self, code: str, *, message_th: str | None = None, message_en: str | None = None,
                 **details: Any):
        th, en = CATALOGUE.messages(code, **details)
        super().__init__(code, message_th or th, message_en or en, details)


CATALOGUE = Catalogue("oss_registry", _MESSAGES, error_class=RegistryError)
"""The unit registry's codes: its errors and the reasons a unit is not ready or nobody is on duty."""


def known_codes() -> frozenset[str]:
    """Every code the catalogue has messages for."""
    return frozenset(CATALOGUE)


FIELD_TH: dict[str, str] = {
    "hcode": "รหัสหน่วยบริการ", "name": "ชื่อหน่วยบริการ", "unit_type": "ประเภทหน่วยบริการ",
    "address": "ที่อยู่", "province": "จังหวัด", "phone_officer": "โทรศัพท์ผู้ประสานงาน",
    "phone_public": "โทรศัพท์สำหรับประชาชน", "email": "อีเมล", "latitude": "ละติจูด",
    "longitude": "ลองจิจูด", "geofence_radius_m": "รัศมีพื้นที่ให้บริการ", "status": "สถานะ",
    "pid": "เลขประจำตัวประชาชน", "title": "คำนำหน้าชื่อ", "first_name": "ชื่อ", "last_name": "นามสกุล",
    "profession": "วิชาชีพ", "licence_no": "เลขใบอนุญาต", "registration_type": "ประเภทการปฏิบัติงาน",
    "start_date": "วันเริ่มปฏิบัติงาน", "end_date": "วันสิ้นสุดการปฏิบัติงาน",
    "verification_status": "สถานะการตรวจสอบ", "schedule": "ตารางปฏิบัติงาน", "verified_via": "ช่องทางยืนยันตัวตน",
}
"""Thai names of the fields (and CSV columns) that reasons mention."""


def invalid(code: str, field: str, reason_th: str, reason_en: str, **details: Any) -> RegistryError:
    """An ``INVALID_*`` error about ``field`` with its reason in Thai and English."""
    return RegistryError(code, field=field, reason_th=reason_th, reason_en=reason_en, **details)


def required(code: str, field: str) -> RegistryError:
    """``field`` is missing or blank."""
    return invalid(code, field, f"ต้องระบุ{FIELD_TH.get(field, field)}", f"{field} is required")


def too_long(code: str, field: str, limit: int) -> RegistryError:
    """``field`` is longer than its column allows."""
    return invalid(code, field, f"{FIELD_TH.get(field, field)}ยาวเกิน {limit} ตัวอักษร",
                   f"{field} is longer than {limit} characters", limit=limit)

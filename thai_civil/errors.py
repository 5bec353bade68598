"""The one catalogue of the Thai civil conventions' errors."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class ThaiCivilError(DomainError, ValueError):
    """A value that breaks a Thai civil convention (an ID, a date, a phone, a laser code)."""


CATALOGUE = Catalogue("thai_civil", {
    "INVALID_PID": (
        "เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข 13 หลักและเลขตรวจสอบถูกต้อง)",
        "Invalid citizen ID (13 digits with a valid check digit)",
    ),
    "INVALID_DATE": (
        "วันที่ไม่ถูกต้อง (รูปแบบ วว/ดด/ปปปป พ.ศ.)",
        "Invalid date (format dd/mm/yyyy, Buddhist Era)",
    ),
    "INVALID_PHONE": (
        "หมายเลขโทรศัพท์ไม่ถูกต้อง (มือถือ 10 หลัก หรือโทรศัพท์บ้าน 9 หลัก ขึ้นต้นด้วย 0)",
        "Invalid phone number (10-digit mobile or 9-digit landline starting with 0)",
    ),
    "INVALID_LASER_CODE": (
        "รหัสหลังบัตรประชาชน (Laser ID) ไม่ถูกต้อง (ตัวอักษร 2 ตัว และตัวเลข 10 หลัก เช่น JC0-0000000-00)",
        "Invalid laser code from the back of the ID card (2 letters and 10 digits, e.g. JC0-0000000-00)",
    ),
}, error_class=ThaiCivilError)

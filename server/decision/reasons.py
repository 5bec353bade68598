"""Reason codes of the decision engine, with Thai and English messages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    code: str
    message_th: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message_th": self.message_th, "message_en": self.message_en}


_CATALOGUE: dict[str, tuple[str, str]] = {
    "SERVICE_TYPE_INACTIVE": ("ประเภทบริการนี้ปิดใช้งาน", "This service type is not active"),
    "PHONE_REQUIRED": (
        "ต้องระบุเบอร์โทรศัพท์ติดต่อของผู้รับบริการหรือผู้ปกครอง",
        "A contact phone of the patient or guardian is required",
    ),
    "PHONE_INVALID": ("เบอร์โทรศัพท์ไม่ถูกต้อง", "The phone number is not valid"),
    "NOT_SERVICE_DATE": (
        "ต้องยืนยันตัวตนในวันที่รับบริการเท่านั้น", "Verification must happen on the date of service"
    ),
    "UNIT_NOT_READY": (
        "หน่วยบริการยังไม่พร้อมยืนยันตัวตน", "The unit is not ready to verify (see unit reasons)"
    ),
    "STAFF_NOT_ON_DUTY": (
        "ไม่มีผู้ประกอบวิชาชีพที่เลือกปฏิบัติงานในเวลานี้",
        "No staff member of the chosen profession is on duty now",
    ),
    "PROFESSION_NOT_ALLOWED": (
        "วิชาชีพนี้ให้บริการประเภทนี้ไม่ได้", "This profession may not provide this service type"
    ),
    "CHANNEL_NOT_ALLOWED": (
        "ช่องทางนี้ใช้กับผู้รับบริการกลุ่มอายุนี้ไม่ได้", "This channel is not allowed for the citizen's age group"
    ),
    "GEOFENCE_REQUIRED": ("ต้องส่งพิกัด GPS ของแท็บเล็ต", "The tablet's GPS fix is required"),
    "FACE_REQUIRED": ("ต้องส่งภาพใบหน้า", "A face photo is required"),
    "FACE_QUALITY": ("ภาพใบหน้าไม่ผ่านเกณฑ์คุณภาพ", "The face photo failed a quality check"),
    "SPOOF_SUSPECTED": (
        "สงสัยว่าเป็นภาพถ่ายหรือหน้าจอ ไม่ใช่ใบหน้าจริง", "Suspected photo or screen, not a live face"
    ),
    "FACE_NOT_ENROLLED": ("ยังไม่ได้ลงทะเบียนใบหน้าของผู้รับบริการ", "The citizen has no enrolled face"),
    "FACE_MISMATCH": ("ใบหน้าไม่ตรงกับผู้รับบริการ", "The face does not match the citizen"),
    "QR_REQUIRED": ("ต้องสแกน QR", "A QR scan is required"),
    "QR_INVALID": ("QR ไม่ถูกต้องหรือหมดอายุ", "The QR code is not valid or has expired"),
    "PROXY_NOT_ALLOWED": (
        "ผู้สแกนแทนต้องเป็นบิดามารดาหรือบุตรที่ลงทะเบียนไว้", "Only a registered parent or child may scan for the citizen"
    ),
    "SMART_CARD_REQUIRED": ("ต้องอ่านบัตรประชาชน", "A smart card read is required"),
    "SMART_CARD_UNREADABLE": ("อ่านบัตรประชาชนไม่ได้", "The smart card could not be read"),
    "CARD_HOLDER_NOT_RELATIVE": (
        "บัตรที่ใช้ต้องเป็นของผู้รับบริการหรือญาติสายตรง", "The card must be the citizen's own or a direct relative's"
    ),
    "APPEAL_REASON_REQUIRED": (
        "ต้องระบุเหตุผลการอุทธรณ์เมื่อใช้บัตรประชาชน", "An appeal reason is required for a smart-card verification"
    ),
}


def reason(code: str, **_: object) -> Reason:
    th, en = _CATALOGUE[code]
    return Reason(code, th, en)


def known_codes() -> frozenset[str]:
    return frozenset(_CATALOGUE)

"""The decision engine's one catalogue: every reason a verification can be refused for."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError, Message

Reason = Message
"""A refusal reason: a stable code with its Thai and English messages."""


class DecisionError(DomainError):
    """A decision reason raised as an error (e.g. by the 1:1 face tool)."""


CATALOGUE = Catalogue("server.decision", {
    "SERVICE_TYPE_INACTIVE": ("ประเภทบริการนี้ไม่เปิดให้บริการในวันที่รับบริการ",
                              "This service type is not in effect on the service date"),
    "PHONE_REQUIRED": ("ต้องระบุเบอร์โทรศัพท์ติดต่อของผู้รับบริการหรือผู้ปกครอง",
                       "A contact phone of the patient or guardian is required"),
    "PHONE_INVALID": ("เบอร์โทรศัพท์ไม่ถูกต้อง", "The phone number is not valid"),
    "NOT_SERVICE_DATE": ("ต้องยืนยันตัวตนในวันที่รับบริการเท่านั้น", "Verification must happen on the date of service"),
    "UNIT_NOT_READY": ("หน่วยบริการยังไม่พร้อมยืนยันตัวตน", "The unit is not ready to verify (see unit reasons)"),
    "STAFF_NOT_ON_DUTY": ("ไม่มีผู้ประกอบวิชาชีพที่เลือกปฏิบัติงานในเวลานี้",
                          "No staff member of the chosen profession is on duty now"),
    "PROFESSION_NOT_FOR_SERVICE": ("วิชาชีพนี้ให้บริการประเภทนี้ไม่ได้",
                                   "This profession may not provide this service type"),
    "RIGHT_NOT_COVERED": ("สิทธิการรักษาของผู้รับบริการในวันที่รับบริการ ({right}) เบิกจากหน่วยบริการนวัตกรรมไม่ได้",
                          "The citizen's right on the service date ({right}) is not billable at an innovation unit"),
    "CHANNEL_NOT_ALLOWED": ("ช่องทางนี้ใช้กับผู้รับบริการกลุ่มอายุนี้ไม่ได้",
                            "This channel is not allowed for the citizen's age group"),
    "GEOFENCE_REQUIRED": ("ต้องส่งพิกัด GPS ของแท็บเล็ต", "The tablet's GPS fix is required"),
    "FACE_REQUIRED": ("ต้องส่งภาพใบหน้า", "A face photo is required"),
    "SPOOF_SUSPECTED": ("สงสัยว่าเป็นภาพถ่ายหรือหน้าจอ ไม่ใช่ใบหน้าจริง", "Suspected photo or screen, not a live face"),
    "LIVENESS_CHALLENGE_REQUIRED": ("ต้องทำตามคำสั่งหันศีรษะจากระบบก่อนถ่ายภาพ (ขอคำสั่งใหม่)",
                                    "Answer a head-turn challenge from the server with the capture (ask for one)"),
    "LIVENESS_CHALLENGE_INVALID": ("คำสั่งหันศีรษะไม่ถูกต้อง ใช้ไปแล้ว หรือหมดเวลา กรุณาขอคำสั่งใหม่",
                                   "The head-turn challenge is unknown, used, expired or another unit's; ask for a new one"),
    "LIVENESS_CHALLENGE_FAILED": ("ภาพไม่แสดงการหันศีรษะตามคำสั่ง ({detail}) กรุณาถ่ายใหม่",
                                  "The frames do not show the head turns asked for ({detail}); capture again"),
    "FACE_NOT_ENROLLED": ("ยังไม่ได้ลงทะเบียนใบหน้าของผู้รับบริการ", "The citizen has no enrolled face"),
    "FACE_MISMATCH": ("ใบหน้าไม่ตรงกับผู้รับบริการ", "The face does not match the citizen"),
    "QR_REQUIRED": ("ต้องสแกน QR", "A QR scan is required"),
    "QR_INVALID": ("QR ไม่ถูกต้องหรือหมดอายุ", "The QR code is not valid or has expired"),
    "QR_NOT_FROM_CITIZEN": ("ต้องสแกน QR จาก LINE ของผู้รับบริการหรือญาติที่ลงทะเบียนไว้เท่านั้น",
                            "The QR must be scanned in the citizen's own LINE session (or a registered relative's)"),
    "PROXY_NOT_ALLOWED": ("ผู้รับบริการกลุ่มอายุนี้ต้องยืนยันตัวตนด้วยตนเอง หรือโดยญาติสายตรงตามที่กำหนด",
                          "For this age group only the citizen, or an allowed direct relative, may prove presence"),
    "RELATIVE_NOT_REGISTERED": ("ผู้ทำรายการแทนไม่ได้ลงทะเบียนเป็นญาติของผู้รับบริการ",
                                "The person acting for the citizen is not registered as their relative"),
    "CARD_READ_REQUIRED": ("ต้องอ่านบัตรประชาชนด้วยเครื่องอ่านบัตรที่ลงทะเบียนกับหน่วยบริการ",
                           "A card read signed by the unit's registered card agent is required"),
    "CARD_HOLDER_NOT_RELATIVE": ("บัตรที่ใช้ต้องเป็นของผู้รับบริการหรือญาติสายตรงที่ลงทะเบียนไว้",
                                 "The card must be the citizen's own or a registered direct relative's"),
    "SPECIAL_REASON_REQUIRED": ("ต้องเลือกเหตุผลการไม่ยืนยันตัวตนด้วยตนเองจากรายการ",
                                "Choose the reason the citizen could not verify by themselves from the list"),
    "SPECIAL_REASON_NOT_FOR_AGE": ("เหตุผลที่เลือกไม่ตรงกับอายุของผู้รับบริการ",
                                   "The chosen reason does not fit the citizen's age"),
    "CERTIFIER_REQUIRED": ("ต้องระบุผู้รับรอง (ผู้ปกครอง ผู้ดูแล หรือเจ้าหน้าที่ผู้บันทึกข้อมูล)",
                           "Name the certifier (guardian, caregiver or recording staff)"),
}, error_class=DecisionError)


def reason(code: str, **values: object) -> Reason:
    return CATALOGUE.message(code, **values)


def known_codes() -> frozenset[str]:
    return frozenset(CATALOGUE)

"""The LINE OA package's one catalogue of errors."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class LineOaError(DomainError):
    """A rule of the citizen's LINE account was broken (see the code)."""


CATALOGUE = Catalogue("line_oa", {
    "LINE_CONSENT_REQUIRED": ("กรุณาอ่านและกดยอมรับข้อตกลงการให้ความยินยอมก่อนใช้งาน",
                              "Read and accept the consent notice before using the service"),
    "LINE_ACCOUNT_NOT_FOUND": ("ยังไม่ได้ลงทะเบียนเข้าใช้งาน", "This LINE account is not registered yet"),
    "LINE_ALREADY_REGISTERED": ("บัญชี LINE นี้ลงทะเบียนไว้แล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่าน",
                                "This LINE account is already registered; sign in with the PIN"),
    "LINE_IDENTITY_MISMATCH": ("ข้อมูลไม่ตรงกับทะเบียน กรุณาตรวจสอบชื่อ นามสกุล วันเดือนปีเกิด และเลขหลังบัตรประชาชน",
                               "The details do not match the registry: check the names, birth date and laser code"),
    "LINE_AGE_NOT_ELIGIBLE": ("ผู้ลงทะเบียนต้องมีอายุ 15 ปีบริบูรณ์ขึ้นไป",
                              "Only people aged 15 full years or older may register themselves"),
    "LINE_RIGHT_NOT_ELIGIBLE": ("ผู้ใช้งานต้องมีสิทธิหลักประกันสุขภาพแห่งชาติ หรือสิทธิว่าง",
                                "Only holders of the Universal Coverage right, or of no right, may register"),
    "LINE_CHECKS_LOCKED": ("กรอกข้อมูลไม่ตรงหลายครั้งเกินไป กรุณารอ {retry_after_s} วินาทีแล้วลองใหม่",
                           "Too many failed checks; try again in {retry_after_s} s"),
    "PIN_FORMAT": ("รหัสผ่านต้องเป็นตัวเลข 6 หลัก", "The PIN must be exactly 6 digits"),
    "PIN_WEAK": ("รหัสผ่านนี้เดาง่ายเกินไป (เช่น เลขซ้ำ เลขเรียง หรือวันเกิด) กรุณาตั้งใหม่",
                 "This PIN is too easy to guess (repeated or sequential digits, or the birth date)"),
    "PIN_MISMATCH": ("รหัสผ่านทั้งสองครั้งไม่ตรงกัน กรุณาตั้งรหัสผ่านใหม่", "The two PINs differ; set the PIN again"),
    "PIN_WRONG": ("รหัสผ่านไม่ถูกต้อง (เหลืออีก {attempts_left} ครั้ง)",
                  "Wrong PIN ({attempts_left} attempts left)"),
    "PIN_LOCKED": ("ใส่รหัสผ่านผิดเกินกำหนด บัญชีถูกระงับชั่วคราว กรุณารอ {retry_after_s} วินาที หรือกด 'ลืมรหัสผ่าน'",
                   "Too many wrong PINs: the account is locked for {retry_after_s} s, or use 'forgot PIN'"),
    "PHONE_NOT_MOBILE": ("กรุณากรอกหมายเลขโทรศัพท์มือถือ 10 หลัก (ขึ้นต้นด้วย 06 08 หรือ 09)",
                         "Enter a 10-digit mobile number (starting 06, 08 or 09)"),
    "OTP_NOT_FOUND": ("ไม่พบคำขอรหัส OTP กรุณาขอรหัสใหม่", "No such OTP request; ask for a new code"),
    "OTP_WRONG": ("รหัส OTP ไม่ถูกต้อง (เหลืออีก {attempts_left} ครั้ง)", "Wrong OTP ({attempts_left} attempts left)"),
    "OTP_EXPIRED": ("รหัส OTP หมดอายุแล้ว กรุณากด 'รับ OTP ใหม่อีกครั้ง'", "The OTP has expired; ask for a new one"),
    "OTP_ATTEMPTS_EXCEEDED": ("ใส่รหัส OTP ผิดเกินกำหนด กรุณากด 'รับ OTP ใหม่อีกครั้ง'",
                              "Too many wrong OTPs for this code; ask for a new one"),
    "OTP_RESEND_TOO_SOON": ("กรุณารอ {retry_after_s} วินาทีก่อนขอรหัส OTP ใหม่",
                            "Wait {retry_after_s} s before asking for another OTP"),
    "OTP_TOO_MANY": ("ขอรหัส OTP หลายครั้งเกินไป กรุณารอ {retry_after_s} วินาที",
                     "Too many OTPs asked for; wait {retry_after_s} s"),
    "SMS_NOT_SENT": ("ส่ง SMS ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง", "The SMS could not be sent; try again"),
    "MEMBER_IS_SELF": ("ไม่ต้องเพิ่มตนเองเป็นบุคคลอื่น", "You are already on your own list"),
    "MEMBER_EXISTS": ("บุคคลนี้อยู่ในรายชื่อสมาชิกแล้ว", "This person is already on your member list"),
    "MEMBER_LIMIT": ("เพิ่มบุคคลอื่นได้ไม่เกิน {limit} คน", "At most {limit} other people may be added"),
    "MEMBER_NOT_FOUND": ("ไม่พบบุคคลนี้ในรายชื่อสมาชิกของท่าน", "This person is not on your member list"),
    "MEMBER_RELATION_INVALID": ("กรุณาเลือกความสัมพันธ์ (บิดา/มารดา บุตร หรือญาติสายตรงอื่น)",
                                "Choose the relationship (parent, child or another direct relative)"),
    "MEMBER_DECLARATION_REQUIRED": ("กรุณารับรองว่าความสัมพันธ์ที่เลือกเป็นความจริง",
                                    "Declare that the relationship you chose is true"),
    "MEMBER_RELATION_CONFLICT": ("ทะเบียนญาติบันทึกความสัมพันธ์กับบุคคลนี้ไว้ต่างจากที่เลือก",
                                 "The relatives registry already records a different relationship with this person"),
}, error_class=LineOaError)

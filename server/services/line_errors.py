"""The server's catalogue for the citizens' LINE pages, the LINE webhook and the unit QR codes
(their use cases in ``server/services``; statuses in ``server/api/errors.py``)."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class LineServiceError(DomainError):
    """An error of the LINE pages, the webhook or the unit QR codes (see the code)."""


CATALOGUE = Catalogue("server.line", {
    # --- unit QR codes ----------------------------------------------------------------------------
    "UNIT_QR_KIND_OFF": ("หน่วยบริการนี้ปิดการใช้ QR แบบ {kind}", "This unit does not accept {kind} QR codes"),
    "UNIT_QR_KINDS_REQUIRED": ("ต้องเปิดใช้ QR อย่างน้อยหนึ่งแบบ", "Accept at least one kind of QR"),
    "QR_FONT_MISSING": ("ไม่พบฟอนต์ภาษาไทยสำหรับพิมพ์ชื่อใต้ QR ({path})",
                        "The Thai font for the QR card is missing ({path}): apt-get install fonts-thai-tlwg-ttf"),
    "QR_IMAGE_UNREADABLE": ("อ่าน QR จากภาพไม่ได้ กรุณาถ่ายภาพ QR ให้ชัดและเต็มกรอบ แล้วลองใหม่",
                            "No QR code could be read from the photo; take a sharp photo filling the frame"),
    # --- the LINE pages ---------------------------------------------------------------------------
    "CITIZEN_SESSION_REQUIRED": ("กรุณาเปิดหน้านี้จาก LINE OA สปสช. และเข้าสู่ระบบอีกครั้ง",
                                 "Open this page from the NHSO LINE OA and sign in again"),
    "LINE_FORM_EXPIRED": ("แบบฟอร์มหมดอายุ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง",
                          "The form expired or did not come from an FVS page; reload and try again"),
    "LINE_ID_TOKEN_INVALID": ("ยืนยันตัวตนกับ LINE ไม่สำเร็จ กรุณาปิดแล้วเปิดหน้านี้จาก LINE อีกครั้ง",
                              "The LINE ID token was refused; close the page and open it from LINE again"),
    "LINE_UNAVAILABLE": ("ติดต่อระบบของ LINE ไม่ได้ชั่วคราว กรุณาลองใหม่", "LINE's servers could not be reached; retry"),
    "LINE_NOT_CONFIGURED": ("ยังไม่ได้ตั้งค่าการเชื่อมต่อ LINE ของระบบ", "The LINE channel is not configured ({setting})"),
    "LINE_SIGNATURE_INVALID": ("ลายมือชื่อของ LINE webhook ไม่ถูกต้อง", "The X-Line-Signature does not match the body"),
    "LINE_STEP_OUT_OF_ORDER": ("กรุณาทำตามขั้นตอนตั้งแต่ต้น", "Start again from the first step"),
}, error_class=LineServiceError)

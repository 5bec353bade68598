"""The errors of reading a Thai national ID card: one catalogue, stable codes.

Raise ``CATALOGUE.error("CODE", **details)``; callers catch :class:`CardError`.  Details never
hold a full citizen ID (a masked one at most) and never the photo.
"""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError


class CardError(DomainError):
    """Reading the card failed, or the card was refused (see the code)."""


CATALOGUE = Catalogue("card_reader", {
    "CARD_SERVICE_UNAVAILABLE": (
        "บริการสมาร์ทการ์ด (PC/SC) ไม่ทำงาน: ตรวจสอบว่าเปิดบริการ pcscd แล้ว",
        "The smart-card service (PC/SC) is not running: start pcscd",
    ),
    "CARD_NO_READER": (
        "ไม่พบเครื่องอ่านบัตร: ต่อเครื่องอ่านบัตรสมาร์ทการ์ดเข้ากับเครื่องคอมพิวเตอร์",
        "No card reader found: connect a smart-card reader",
    ),
    "CARD_READER_NOT_FOUND": (
        "ไม่พบเครื่องอ่านบัตรชื่อ {reader}",
        "No card reader named {reader}",
    ),
    "CARD_READER_BUSY": (
        "เครื่องอ่านบัตรถูกโปรแกรมอื่นใช้งานอยู่ ลองใหม่อีกครั้ง",
        "The card reader is in use by another program; try again",
    ),
    "CARD_ABSENT": (
        "ไม่พบบัตรในเครื่องอ่านบัตร กรุณาเสียบบัตรประจำตัวประชาชน",
        "No card in the reader: insert the citizen ID card",
    ),
    "CARD_REMOVED": (
        "บัตรถูกดึงออกระหว่างการอ่านข้อมูล กรุณาเสียบบัตรแล้วอ่านใหม่",
        "The card was removed while it was being read: insert it and read again",
    ),
    "CARD_UNKNOWN": (
        "บัตรนี้ไม่ใช่บัตรประจำตัวประชาชนไทย หรือไม่มีข้อมูลในชิป",
        "This card is not a Thai national ID card (the ID application cannot be selected)",
    ),
    "CARD_EXPIRED": (
        "บัตรประจำตัวประชาชนหมดอายุแล้วเมื่อ {expiry_be}",
        "The citizen ID card expired on {expiry}",
    ),
    "CARD_TRANSMISSION_FAILED": (
        "อ่านข้อมูลจากบัตรไม่สำเร็จ กรุณาลองใหม่อีกครั้ง",
        "Reading the card failed ({step}); try again",
    ),
    "CARD_DATA_INVALID": (
        "ข้อมูลในบัตรไม่ถูกต้อง ({field})",
        "The card holds invalid data in field {field}: {reason}",
    ),
}, error_class=CardError)


def card_error(code: str, **details: Any) -> CardError:
    """``CATALOGUE.error`` typed as :class:`CardError` (what it always is)."""
    err = CATALOGUE.error(code, **details)
    assert isinstance(err, CardError)
    return err

"""The errors of appeals (filing, attachments, review): one catalogue, stable codes.

Raise ``appeal_error("CODE", **details)``.  The HTTP status of each code is decided in
``server/api/errors.py`` (``STATUS``); codes not listed there answer 422 (``*_NOT_FOUND``: 404).
A refused reason reuses the decision engine's ``SPECIAL_REASON_*`` codes, a decided claim the
server's ``NOT_PENDING_APPEAL``.
"""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError


class AppealError(DomainError):
    """An appeal could not be filed, added to or decided (see the code)."""


CATALOGUE = Catalogue("appeals", {
    "APPEAL_ALREADY_FILED": (
        "หน่วยบริการยื่นอุทธรณ์รหัสเคลมนี้ไปแล้ว เพิ่มเอกสารแนบได้จนถึงกำหนดยื่น",
        "The appeal of this claim has already been filed (documents may still be added until the deadline)",
    ),
    "APPEAL_NOT_FILED": (
        "หน่วยบริการยังไม่ได้ยื่นอุทธรณ์ จึงพิจารณาอนุมัติไม่ได้ (ไม่อนุมัติได้เมื่อพ้นกำหนดยื่น {deadline_be})",
        ("The unit has not filed its appeal: it cannot be approved, and can be rejected only after the filing "
         "deadline ({deadline})"),
    ),
    "APPEAL_DEADLINE_PASSED": (
        "พ้นกำหนดยื่นอุทธรณ์แล้ว (ยื่นได้ถึง {deadline_be})",
        "The filing deadline has passed ({deadline})",
    ),
    "APPEAL_TEXT_INVALID": (
        "คำชี้แจงการอุทธรณ์ต้องยาว {min_chars} ถึง {max_chars} ตัวอักษร",
        "The appeal's explanation must be {min_chars} to {max_chars} characters long",
    ),
    "APPEAL_NOTE_REQUIRED": (
        "การไม่อนุมัติอุทธรณ์ต้องระบุเหตุผลในบันทึกผลการพิจารณา",
        "Rejecting an appeal needs a note saying why",
    ),
    "APPEAL_TOO_MANY_ATTACHMENTS": (
        "แนบเอกสารได้ไม่เกิน {limit} ไฟล์ต่ออุทธรณ์",
        "An appeal holds at most {limit} attachments",
    ),
    "APPEAL_ATTACHMENT_TOO_LARGE": (
        "ไฟล์แนบแต่ละไฟล์ต้องมีขนาดไม่เกิน {limit_bytes} ไบต์",
        "Each attachment may be at most {limit_bytes} bytes",
    ),
    "APPEAL_ATTACHMENT_TYPE": (
        "แนบได้เฉพาะไฟล์ภาพ JPEG, PNG หรือเอกสาร PDF",
        "Attachments must be JPEG or PNG photos or PDF documents (by their content)",
    ),
    "APPEAL_ATTACHMENT_EMPTY": (
        "ไฟล์แนบว่างเปล่า",
        "An attachment is empty",
    ),
    "APPEAL_ATTACHMENT_NOT_FOUND": (
        "ไม่พบเอกสารแนบรายการนี้",
        "No attachment {attachment_id} in this appeal",
    ),
    "APPEAL_NOT_FOUND": (
        "รหัสเคลมนี้ไม่ใช่รายการที่ต้องทวนสอบ/อุทธรณ์",
        "Claim {claim_code} is not a smart-card claim under appeal",
    ),
}, error_class=AppealError)


def appeal_error(code: str, **details: Any) -> AppealError:
    """``CATALOGUE.error`` typed as :class:`AppealError` (what it always is)."""
    err = CATALOGUE.error(code, **details)
    assert isinstance(err, AppealError)
    return err

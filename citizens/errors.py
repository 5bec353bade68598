"""The citizen registry's one catalogue of errors."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class CitizenError(DomainError):
    """A citizen-registry rule was broken (see the code)."""


CATALOGUE = Catalogue("citizens", {
    "CITIZEN_NOT_FOUND": ("ไม่พบข้อมูลประชาชนรายนี้", "No citizen with this ID"),
    "UNKNOWN_RIGHT": ("ไม่รู้จักสิทธิ {right_code}", "Unknown right {right_code}"),
    "UNKNOWN_SUB_RIGHT": ("ไม่รู้จักสิทธิย่อย {sub_right_code} ของสิทธิ {right_code}",
                          "Unknown sub-right {sub_right_code} of right {right_code}"),
    "BIRTH_DATE_IN_FUTURE": ("วันเกิดอยู่ในอนาคต", "Birth date is in the future"),
    "INVALID_RIGHT_PERIOD": ("ช่วงวันที่ของสิทธิไม่ถูกต้อง (วันสิ้นสุดก่อนวันเริ่ม)",
                             "The right's period ends before it starts"),
    "CONSENT_REQUIRED": ("ต้องได้รับความยินยอมจากผู้รับบริการก่อน", "The citizen's consent is required first"),
    "INVALID_RELATION": ("ความสัมพันธ์ไม่ถูกต้อง ต้องเป็นหนึ่งใน {allowed}", "The relationship must be one of {allowed}"),
    "INVALID_PROOF": ("วิธีพิสูจน์ความสัมพันธ์ไม่ถูกต้อง ต้องเป็นหนึ่งใน {allowed}",
                      "How the relationship was proven must be one of {allowed}"),
    "RELATIVE_IS_SELF": ("ลงทะเบียนตนเองเป็นญาติของตนเองไม่ได้", "A citizen cannot be registered as their own relative"),
    "RELATIVE_EXISTS": ("บุคคลนี้ลงทะเบียนเป็นญาติของผู้รับบริการแล้ว",
                        "This person is already registered as the citizen's relative"),
    "RELATIVE_NOT_FOUND": ("ไม่พบความสัมพันธ์นี้ในทะเบียนญาติ", "No such relationship in the relatives registry"),
}, error_class=CitizenError)

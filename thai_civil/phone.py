"""Thai telephone numbers as people write them.

A mobile number has 10 digits and starts ``06``, ``08`` or ``09``; a fixed line has 9 digits and
starts ``02``–``07`` (the area code).  People type spaces, dashes and the country code
(``+66 81 234 5678``): :func:`normalize_phone` gives the national form ``0812345678``.
"""
from __future__ import annotations

import re

from thai_civil.errors import CATALOGUE

_MOBILE = re.compile(r"^0[689]\d{8}$")
_FIXED = re.compile(r"^0[2-7]\d{7}$")


def normalize_phone(value: str) -> str:
    """Separators removed and ``+66``/``66`` turned into the leading ``0``."""
    digits = re.sub(r"[\s().-]", "", str(value or ""))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


def is_mobile(phone: str) -> bool:
    return bool(_MOBILE.match(normalize_phone(phone)))


def validate_phone(value: str) -> str:
    """The normalised number, or ``INVALID_PHONE``."""
    phone = normalize_phone(value)
    if not (_MOBILE.match(phone) or _FIXED.match(phone)):
        raise CATALOGUE.error("INVALID_PHONE", field="phone")
    return phone


def format_phone(phone: str) -> str:
    """``0812345678`` → ``081-234-5678``; ``021234567`` → ``02-123-4567``."""
    p = normalize_phone(phone)
    if _MOBILE.match(p):
        return f"{p[:3]}-{p[3:6]}-{p[6:]}"
    if p.startswith("02") and _FIXED.match(p):
        return f"{p[:2]}-{p[2:5]}-{p[5:]}"
    if _FIXED.match(p):
        return f"{p[:3]}-{p[3:6]}-{p[6:]}"
    return p

"""The laser code on the back of the Thai ID card (รหัสหลังบัตร / Laser ID).

Two Latin letters and ten digits, printed ``JC1-2345678-90`` (letters and the first digit, seven
digits, two digits).  The LINE registration asks for it to prove the person holds the card.
"""
from __future__ import annotations

import re

from thai_civil.errors import CATALOGUE

_CODE = re.compile(r"^[A-Z]{2}\d{10}$")


def normalize_laser_code(value: str) -> str:
    """Upper case, separators removed: ``jc1-2345678-90`` → ``JC1234567890``."""
    return re.sub(r"[\s-]", "", str(value or "")).upper()


def validate_laser_code(value: str) -> str:
    """The normalised code, or ``INVALID_LASER_CODE``."""
    code = normalize_laser_code(value)
    if not _CODE.match(code):
        raise CATALOGUE.error("INVALID_LASER_CODE", field="laser_code")
    return code


def format_laser_code(code: str) -> str:
    """``JC1234567890`` → ``JC1-2345678-90`` (as printed on the card)."""
    c = normalize_laser_code(code)
    return f"{c[:3]}-{c[3:10]}-{c[10:]}" if _CODE.match(c) else c

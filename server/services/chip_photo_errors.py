"""The errors of chip-photo enrolment: one catalogue, stable codes.

Raise ``chip_photo_error("CODE", **details)``.  Statuses: ``server/api/errors.py``.  The path
also answers with codes of other catalogues: the signed read's ``CARD_READ_*``/``CARD_AGENT_*``,
``CARD_EXPIRED``, ``CONSENT_REQUIRED``, ``SPOOF_SUSPECTED``, the capture's quality gates,
``ROLE_FORBIDDEN``, ``LIVENESS_UNAVAILABLE``.
"""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError


class ChipPhotoError(DomainError):
    """A chip-photo enrolment was refused (see the code)."""


CATALOGUE = Catalogue("chip_photo", {
    "CHIP_PHOTO_NOT_READ": (
        "การอ่านบัตรครั้งนี้ไม่ได้อ่านภาพใบหน้าจากบัตร กรุณาอ่านบัตรใหม่พร้อมภาพใบหน้า",
        "The signed card read holds no photo hash: read the card again with its photo",
    ),
    "CHIP_PHOTO_MISMATCH": (
        "ภาพใบหน้าที่ส่งมาไม่ใช่ภาพที่อ่านจากชิปของบัตรใบนี้",
        "The chip photo sent is not the photo the signed read was made of (SHA-256 differs)",
    ),
    "CHIP_PHOTO_UNUSABLE": (
        "ใช้ภาพใบหน้าจากบัตรเปรียบเทียบไม่ได้ (ไม่พบใบหน้าหรือคุณภาพภาพไม่พอ)",
        "The chip photo cannot be compared: {reason}",
    ),
    "CHIP_FACE_MISMATCH": (
        "ใบหน้าที่ถ่ายไม่ตรงกับภาพใบหน้าในบัตรประชาชน จึงลงทะเบียนใบหน้าไม่ได้",
        "The live capture does not match the card's chip photo: no face was enrolled",
    ),
}, error_class=ChipPhotoError)


def chip_photo_error(code: str, **details: Any) -> ChipPhotoError:
    """``CATALOGUE.error`` typed as :class:`ChipPhotoError` (what it always is)."""
    err = CATALOGUE.error(code, **details)
    assert isinstance(err, ChipPhotoError)
    return err

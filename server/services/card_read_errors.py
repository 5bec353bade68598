"""The errors of card agents and signed card reads: one catalogue, stable codes.

Raise ``card_read_error("CODE", **details)``.  Details never hold a full citizen ID (a masked
one at most).  The HTTP status of each code is decided at the HTTP edge
(``server/api/card_agents.py``: :data:`~server.api.card_agents.STATUS`).
"""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError


class CardReadError(DomainError):
    """A card agent or a signed card read was refused (see the code)."""


CATALOGUE = Catalogue("card_reads", {
    "CARD_READ_UNSIGNED": (
        "ต้องส่งข้อมูลการอ่านบัตรที่ลงนามโดยโปรแกรมอ่านบัตรที่ลงทะเบียนกับหน่วยบริการ",
        "A card read signed by a card agent registered to the unit is required",
    ),
    "CARD_READ_MALFORMED": (
        "ข้อมูลการอ่านบัตรมีรูปแบบไม่ถูกต้อง กรุณาอ่านบัตรใหม่",
        "The signed card read is malformed: {reason}",
    ),
    "CARD_READ_SIGNATURE_INVALID": (
        "ลายมือชื่อดิจิทัลของข้อมูลการอ่านบัตรไม่ถูกต้อง ข้อมูลอาจถูกแก้ไข กรุณาอ่านบัตรใหม่",
        "The card read's signature does not verify: the record was altered or signed by another key",
    ),
    "CARD_READ_STALE": (
        "ข้อมูลการอ่านบัตรเก่าเกิน {max_age_s} วินาที กรุณาอ่านบัตรใหม่",
        "The card was read more than {max_age_s} seconds ago: read it again",
    ),
    "CARD_READ_IN_FUTURE": (
        "เวลาที่อ่านบัตรอยู่ในอนาคต กรุณาตรวจสอบนาฬิกาของเครื่องที่อ่านบัตร",
        "The card read is dated {ahead_s} seconds in the future: check the agent's clock",
    ),
    "CARD_READ_NONCE_INVALID": (
        "รหัสอ้างอิงการอ่านบัตรไม่ถูกต้อง หมดอายุ หรือถูกใช้ไปแล้ว กรุณาอ่านบัตรใหม่",
        "The read's nonce is not valid ({reason}): read the card again",
    ),
    "CARD_READ_OTHER_CARD": (
        "บัตรที่อ่านไม่ใช่บัตรของบุคคลนี้ (เลขบนบัตร {card_pid})",
        "The card read is not this person's card (the card holds {card_pid})",
    ),
    "CARD_AGENT_UNKNOWN": (
        "ไม่พบโปรแกรมอ่านบัตรนี้ในทะเบียน กรุณาลงทะเบียนกุญแจของโปรแกรมอ่านบัตรกับหน่วยบริการ",
        "No registered card agent has key {agent_key_id}",
    ),
    "CARD_AGENT_REVOKED": (
        "โปรแกรมอ่านบัตรนี้ถูกยกเลิกการใช้งานแล้ว",
        "This card agent has been revoked",
    ),
    "CARD_AGENT_OTHER_UNIT": (
        "โปรแกรมอ่านบัตรนี้ลงทะเบียนไว้กับหน่วยบริการอื่น",
        "This card agent is registered to another unit",
    ),
    "CARD_AGENT_NOT_FOUND": (
        "ไม่พบโปรแกรมอ่านบัตรรายการนี้",
        "No card agent {agent_id} for this unit",
    ),
    "CARD_AGENT_KEY_INVALID": (
        "กุญแจสาธารณะไม่ถูกต้อง (ต้องเป็นกุญแจ Ed25519 ขนาด 32 ไบต์ เข้ารหัสแบบ base64)",
        "Invalid public key: {reason}",
    ),
    "CARD_AGENT_KEY_TAKEN": (
        "กุญแจนี้ลงทะเบียนไว้แล้ว สร้างกุญแจใหม่ด้วยคำสั่ง fvs card-agent keygen",
        "This key is already registered (as agent {agent_id}); make a new key with fvs card-agent keygen",
    ),
}, error_class=CardReadError)


def card_read_error(code: str, **details: Any) -> CardReadError:
    """``CATALOGUE.error`` typed as :class:`CardReadError` (what it always is)."""
    err = CATALOGUE.error(code, **details)
    assert isinstance(err, CardReadError)
    return err

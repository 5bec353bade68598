"""The card agent's own errors: one catalogue, stable codes, and the answer FVS gave.

``AgentError`` is the agent's refusals (configuration, local token, unknown correlation id…);
``FvsError`` carries an error FVS answered with (its code and messages as FVS gave them).  The
HTTP status of each is decided in ``card_agent.app``.
"""
from __future__ import annotations

from typing import Any

from fvs_errors import Catalogue, DomainError


class AgentError(DomainError):
    """The agent refused a request or cannot run (see the code)."""


class FvsError(DomainError):
    """FVS answered with an error (``status`` is its HTTP status) or could not be reached."""

    def __init__(self, status: int, code: str, message_th: str, message_en: str,
                 details: dict[str, Any] | None = None):
        super().__init__(code, message_th, message_en, details)
        self.status = status


CATALOGUE = Catalogue("card_agent", {
    "AGENT_CONFIG_INVALID": (
        "การตั้งค่าโปรแกรมอ่านบัตรไม่ถูกต้อง ({field})",
        "Invalid card agent setting {field}: {reason}",
    ),
    "AGENT_BIND_REFUSED": (
        "โปรแกรมอ่านบัตรเปิดให้บริการได้เฉพาะที่ 127.0.0.1 หรือ ::1 เท่านั้น",
        "The card agent listens on 127.0.0.1 or ::1 only, not {host}",
    ),
    "AGENT_KEY_MISSING": (
        "ไม่พบกุญแจของโปรแกรมอ่านบัตร สร้างด้วยคำสั่ง fvs card-agent keygen",
        "No agent key at {path}: make one with fvs card-agent keygen",
    ),
    "AGENT_KEY_EXISTS": (
        "มีกุญแจของโปรแกรมอ่านบัตรอยู่แล้ว",
        "An agent key already exists at {path} (use --force to replace it)",
    ),
    "AGENT_KEY_INVALID": (
        "กุญแจของโปรแกรมอ่านบัตรไม่ถูกต้อง",
        "The agent key at {path} cannot be used: {reason}",
    ),
    "AGENT_UNAUTHORIZED": (
        "ไม่ได้รับอนุญาต: ต้องส่งโทเคนของโปรแกรมอ่านบัตร (Authorization: Bearer)",
        "Send the card agent's token: 'Authorization: Bearer <token>'",
    ),
    "AGENT_HOST_REFUSED": (
        "คำขอนี้ไม่ได้ส่งถึงเครื่องนี้โดยตรง (ชื่อโฮสต์ไม่ถูกต้อง)",
        "Requests must be addressed to 127.0.0.1, localhost or [::1], not {host}",
    ),
    "AGENT_INVALID_INPUT": (
        "ข้อมูลที่ส่งมาไม่ถูกต้อง ({field})",
        "Invalid input in {field}: {reason}",
    ),
    "AGENT_READ_UNKNOWN": (
        "ไม่พบข้อมูลการอ่านบัตรตาม correlationId นี้หรือหมดอายุแล้ว กรุณาอ่านบัตรใหม่",
        "No card read under this correlationId (unknown or expired): read the card again",
    ),
    "AGENT_CARD_CHANGED": (
        "บัตรในเครื่องอ่านเปลี่ยนไปจากที่อ่านครั้งแรก กรุณาอ่านบัตรใหม่",
        "The card in the reader is no longer the one read first: read it again",
    ),
    "AGENT_HCODE_MISMATCH": (
        "รหัสหน่วยบริการไม่ตรงกับที่ตั้งค่าไว้ในโปรแกรมอ่านบัตร ({hcode})",
        "This agent serves unit {hcode}, not {given}",
    ),
    "AGENT_NO_CLAIM": (
        "ไม่พบรหัสยืนยันการเข้ารับบริการของบุคคลนี้",
        "No claim code found for this person",
    ),
    "FVS_UNREACHABLE": (
        "ไม่สามารถติดต่อระบบ FVS ได้ กรุณาตรวจสอบการเชื่อมต่ออินเทอร์เน็ต",
        "FVS at {url} cannot be reached: {reason}",
    ),
    "FVS_BAD_ANSWER": (
        "ระบบ FVS ตอบกลับในรูปแบบที่ไม่รู้จัก",
        "FVS answered {status} with a body that is not an FVS answer",
    ),
}, error_class=AgentError)


def agent_error(code: str, **details: Any) -> AgentError:
    """``CATALOGUE.error`` typed as :class:`AgentError` (what it always is)."""
    err = CATALOGUE.error(code, **details)
    assert isinstance(err, AgentError)
    return err

"""Claim filters read from a page's query string, with the first problem kept for the page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.console.errors import Problem
from server.console.forms import FormReader
from server.console.ports import ClaimFilter, ServiceType

STATUSES = ("ACTIVE", "PENDING_APPEAL", "APPEAL_APPROVED", "APPEAL_REJECTED", "CANCELLED")
CHANNELS = ("FACE", "LINE_QR", "BOOKING_QR", "SMART_CARD", "PID_PHOTO")
METHODS = ("FACE_1TO1", "LINE_QR_SELF", "LINE_QR_PARENT", "LINE_QR_CHILD", "BOOKING_QR", "SMART_CARD_SELF",
           "SMART_CARD_RELATIVE")
CERTIFIERS = ("SELF", "PARENT", "CHILD", "SPOUSE", "SIBLING", "OTHER")


def service_types(session: Session) -> list[ServiceType]:
    return list(session.scalars(select(ServiceType).order_by(ServiceType.sort_order)))


@dataclass(frozen=True)
class ReadFilter:
    filter: ClaimFilter
    values: dict[str, Any]
    problem: Problem | None


def read_filter(query: Any, session: Session, *, extra: bool = False) -> ReadFilter:
    """The search filters of ``query``; ``extra`` adds the report's (code, channel, method, …)."""
    reader = FormReader(query)
    codes = [s.code for s in service_types(session)]
    values: dict[str, Any] = {
        "pid": reader.pid("pid"), "service_type": reader.choice("service_type", codes),
        "status": reader.choice("status", STATUSES),
        "service_from": reader.date("service_from", label_th="วันที่เข้ารับบริการ (เริ่มต้น)", label_en="Service date from"),
        "service_to": reader.date("service_to", label_th="วันที่เข้ารับบริการ (สิ้นสุด)", label_en="Service date to"),
        "hcode": None,
    }
    hcode = reader.text("hcode", max_len=5)
    if hcode and not (len(hcode) == 5 and hcode.isdigit()):
        reader.fail("hcode", "รหัสหน่วยบริการต้องเป็นตัวเลข 5 หลัก", "A unit code is 5 digits")
    else:
        values["hcode"] = hcode
    if extra:
        code = reader.text("code", max_len=12)
        values.update(
            code=code.upper() if code else None, channel=reader.choice("channel", CHANNELS),
            method=reader.choice("method", METHODS), certifier=reader.choice("certifier", CERTIFIERS),
            created_by=reader.text("created_by", max_len=64),
            recorded_from=reader.date("recorded_from", label_th="วันที่บันทึก (เริ่มต้น)", label_en="Recorded from"),
            recorded_to=reader.date("recorded_to", label_th="วันที่บันทึก (สิ้นสุด)", label_en="Recorded to"),
        )
    keys = ClaimFilter.__dataclass_fields__
    claim_filter = ClaimFilter(**{k: v for k, v in values.items() if k in keys})
    return ReadFilter(claim_filter, {**values, **{k: reader.raw(k) for k in ("pid",)}}, reader.problem)

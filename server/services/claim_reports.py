"""The claims report: one row per claim with the columns units reconcile with, as CSV or XLSX.

Dates are Buddhist Era (``22/11/2569``) and times Asia/Bangkok.  CSV is UTF-8 with a BOM so
Excel opens Thai text correctly.  The summary counts claims by service type and status, and
how many may be billed.  The last column says whether each code may be billed (``billable``:
``YES``, ``NOT_YET`` while its appeal waits, ``NO``; in words in the files).
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from server.services.access import Principal
from server.services.claim_search import ClaimFilter, scoped, statement
from server.services.claim_status import Billing, billing
from server.tables import Citizen, Claim, ServiceType
from thai_civil.calendar import format_be_date, format_be_datetime

MAX_ROWS = 100_000

COLUMNS: list[tuple[str, str, str]] = [
    ("hcode", "รหัสหน่วยบริการ", "Unit code"),
    ("unit_name", "ชื่อหน่วยบริการ", "Unit name"),
    ("pid", "เลขประจำตัวประชาชน", "PID"),
    ("name", "ชื่อ-สกุล", "Name"),
    ("claim_code", "รหัสเคลม", "Claim code"),
    ("service_type", "ประเภทบริการ", "Service type"),
    ("hn", "HN", "HN"),
    ("service_date", "วันที่รับบริการ", "Service date"),
    ("recorded_date", "วันที่บันทึก", "Recorded date"),
    ("status", "สถานะ", "Status"),
    ("channel", "ช่องทาง", "Channel"),
    ("method", "วิธียืนยันตัวตน", "Verification method"),
    ("certifier", "ผู้รับรอง", "Certifier"),
    ("recorded_by", "ผู้บันทึก", "Recorded by"),
    ("edited_date", "วันที่แก้ไข", "Edited date"),
    ("edited_by", "ผู้แก้ไข", "Edited by"),
    ("cancel_reason", "เหตุผลการยกเลิก", "Cancel reason"),
    ("billable", "เบิกจ่ายได้", "Billable"),
]
BILLING_WORDS = {Billing.YES: "ได้", Billing.NOT_YET: "รอผลอุทธรณ์", Billing.NO: "ไม่ได้"}
"""The billable column in words: YES, NOT_YET (waiting for the appeal's decision), NO."""


def _be_time(at: datetime | None) -> str:
    return format_be_datetime(at) if at else ""


def rows(session: Session, *, principal: Principal, f: ClaimFilter) -> list[dict[str, str]]:
    q = (statement(scoped(principal, f))
         .add_columns(Unit.name, Citizen.title_th, Citizen.first_name_th, Citizen.last_name_th, ServiceType.name_th)
         .join(Unit, Unit.hcode == Claim.hcode).join(Citizen, Citizen.pid == Claim.pid)
         .join(ServiceType, ServiceType.code == Claim.service_type)
         .order_by(Claim.hcode, Claim.service_date, Claim.id).limit(MAX_ROWS))
    out = []
    for claim, unit_name, title, first, last, service_name in session.execute(q):
        out.append({
            "hcode": claim.hcode, "unit_name": unit_name, "pid": claim.pid, "name": f"{title}{first} {last}",
            "claim_code": claim.code, "service_type": f"{claim.service_type} {service_name}", "hn": claim.hn or "",
            "service_date": format_be_date(claim.service_date), "recorded_date": _be_time(claim.created_at),
            "status": claim.status, "channel": claim.channel, "method": claim.method, "certifier": claim.certifier,
            "recorded_by": claim.created_by, "edited_date": _be_time(claim.updated_at),
            "edited_by": claim.updated_by or "", "cancel_reason": claim.cancel_reason or "",
            "billable": billing(claim.status).value,
        })
    return out


def _cell(row: dict[str, str], key: str) -> str:
    return BILLING_WORDS[Billing(row[key])] if key == "billable" else row[key]


def to_csv(data: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([th for _, th, _ in COLUMNS])
    for row in data:
        writer.writerow([_cell(row, key) for key, _, _ in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(data: list[dict[str, str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "claims"
    ws.append([th for _, th, _ in COLUMNS])
    ws.append([en for _, _, en in COLUMNS])
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
    for row in data:
        ws.append([_cell(row, key) for key, _, _ in COLUMNS])
    for i, (key, th, _) in enumerate(COLUMNS, start=1):
        width = max([len(th)] + [len(r[key]) for r in data[:500]]) + 2
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width, 60)
    ws.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def summary(data: list[dict[str, str]]) -> dict:
    by = Counter((r["service_type"].split(" ", 1)[0], r["status"]) for r in data)
    return {"total": len(data), "billable": sum(r["billable"] == Billing.YES for r in data),
            "by_service_type_and_status": [{"service_type": s, "status": st, "count": n}
                                           for (s, st), n in sorted(by.items())]}

"""The summary report as the screen shows it (HN and AN, statuses, channels, methods and
certifiers in words), as CSV (UTF-8 with BOM, one header row) or XLSX (title, Thai and English
header rows)."""
from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from server.console.i18n import Translator

COLUMNS: list[tuple[str, str]] = [  # (row key, catalogue key of the header)
    ("hcode", "report.col.hcode"), ("unit_name", "report.col.unit_name"), ("pid", "report.col.pid"),
    ("name", "report.col.name"), ("claim_code", "report.col.code"), ("service_type", "report.col.service_type"),
    ("hn", "report.col.hn"), ("an", "report.col.an"), ("service_date", "report.col.service_date"),
    ("recorded_date", "report.col.recorded_date"), ("status", "report.col.status"), ("channel", "report.col.channel"),
    ("method", "report.col.method"), ("certifier", "report.col.certifier"), ("recorded_by", "report.col.recorded_by"),
    ("edited_date", "report.col.edited_date"), ("edited_by", "report.col.edited_by"),
    ("cancel_reason", "report.col.cancel_reason"), ("billable", "report.col.billable"),
]
WORDS = {"status": "status", "channel": "channel", "method": "method", "certifier": "certifier", "billable": "billing"}


def in_words(rows: list[dict[str, str]], t: Translator) -> list[dict[str, str]]:
    """The rows with codes in words and the AN column (innovation units record no admissions)."""
    return [{**row, "an": row.get("an", ""), **{k: t.label(kind, row.get(k)) for k, kind in WORDS.items()}}
            for row in rows]


def to_csv(rows: list[dict[str, str]], t: Translator) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([t(key) for _, key in COLUMNS])
    for row in in_words(rows, t):
        writer.writerow([row.get(k, "") for k, _ in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict[str, str]], title: str) -> bytes:
    th, en = Translator("th"), Translator("en")
    wb = Workbook()
    ws = wb.active
    ws.title = "claims"
    ws.append([title])
    ws.append([th(key) for _, key in COLUMNS])
    ws.append([en(key) for _, key in COLUMNS])
    for cell in (*ws[1], *ws[2], *ws[3]):
        cell.font = Font(bold=True)
    words = in_words(rows, th)
    for row in words:
        ws.append([row.get(k, "") for k, _ in COLUMNS])
    for i, (k, key) in enumerate(COLUMNS, start=1):
        width = max([len(th(key))] + [len(str(r.get(k, ""))) for r in words[:500]]) + 2
        ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = min(width, 50)
    ws.freeze_panes = "A4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

"""The console's strings for appeals, card reads, billing and chip-photo enrolment (Thai first,
then English), merged into :data:`server.console.catalogue.STRINGS`."""
from __future__ import annotations

_PAGES: dict[str, tuple[str, str]] = {
    "appeals.filed_title": ("อุทธรณ์ที่หน่วยบริการยื่นแล้ว รอพิจารณา", "Filed appeals waiting for a decision"),
    "appeals.unfiled_title": ("รหัสเคลมที่หน่วยบริการยังไม่ยื่นอุทธรณ์", "Claims whose appeal is not filed yet"),
    "appeals.filed_at": ("ยื่นเมื่อ", "Filed"), "appeals.deadline": ("ยื่นได้ถึง", "File by"),
    "appeals.overdue": ("พ้นกำหนด", "Overdue"), "appeals.files": ("เอกสารแนบ", "Files"),
    "appeals.unfiled_empty": ("ไม่มีรายการที่รอการยื่นอุทธรณ์", "No claim is waiting for its appeal"),
    "case.appeal": ("คำอุทธรณ์ของหน่วยบริการ", "The unit's appeal"),
    "case.not_filed": ("หน่วยบริการยังไม่ได้ยื่นอุทธรณ์ (ยื่นได้ถึง {day})", "The unit has not filed its appeal (it may until {day})"),
    "case.overdue": ("พ้นกำหนดยื่นอุทธรณ์แล้ว: ไม่อนุมัติได้โดยระบุเหตุผล แต่อนุมัติไม่ได้",
                     "The filing deadline has passed: the appeal can be rejected with a note, not approved"),
    "case.cannot_approve": ("อนุมัติได้เมื่อหน่วยบริการยื่นอุทธรณ์แล้วเท่านั้น", "An appeal can be approved only once filed"),
    "case.filed_by": ("ยื่นโดย", "Filed by"), "case.text": ("คำชี้แจง", "Explanation"),
    "case.deadline": ("กำหนดยื่นอุทธรณ์", "Filing deadline"), "case.billing": ("การเบิกจ่าย", "Billing"),
    "case.card_reads": ("ข้อมูลการอ่านบัตรที่ลงนามดิจิทัล", "Signed card reads"),
    "case.read.none": ("ไม่มีบันทึกการอ่านบัตร", "No card read was recorded"),
    "case.read.agent": ("โปรแกรมอ่านบัตร (agent)", "Card agent"), "case.read.reader": ("เครื่องอ่านบัตร", "Reader"),
    "case.read.at": ("อ่านบัตรเมื่อ", "Read at"), "case.read.issue": ("วันออกบัตร", "Card issued"),
    "case.read.expiry": ("วันบัตรหมดอายุ", "Card expires"), "case.read.lifelong": ("ตลอดชีพ", "lifelong"),
    "case.read.photo": ("ค่าแฮชภาพใบหน้าบนบัตร (SHA-256)", "Chip photo hash (SHA-256)"),
    "case.read.no_photo": ("ไม่ได้อ่านภาพใบหน้า", "photo not read"),
    "case.read.signed": ("ลายมือชื่อดิจิทัลของ agent ตรวจสอบแล้วเมื่อออกรหัส (เก็บข้อมูลที่ลงนามไว้ตรวจซ้ำได้)",
                         "The agent's signature was verified when the code was issued (the signed record is kept)"),
    "case.open_file": ("เปิดไฟล์", "Open"),
    "appeal.title": ("ยื่นอุทธรณ์ (ทวนสอบ)", "File the appeal"),
    "appeal.intro": ("รหัสเคลมนี้ออกด้วยบัตรประชาชน จะเบิกจ่ายได้เมื่อ สปสช. อนุมัติอุทธรณ์ กรุณายื่นเหตุผลและหลักฐานภายในวันที่ {day}",
                     ("This code was issued on a smart card: it becomes billable once NHSO approves the appeal. "
                      "File the reasons and evidence by {day}")),
    "appeal.text": ("คำชี้แจง: เหตุใดจึงยืนยันตัวตนด้วยใบหน้าหรือ LINE ไม่ได้ และหลักฐานว่ามารับบริการจริง",
                    "Explanation: why face or LINE was impossible, and how you know the citizen was here"),
    "appeal.files": ("เอกสารแนบ: ภาพถ่ายหรือเอกสาร (JPEG, PNG, PDF) ไม่เกิน {count} ไฟล์ ไฟล์ละไม่เกิน {mb} MB",
                     "Attachments: photos or documents (JPEG, PNG, PDF), at most {count} files of {mb} MB each"),
    "appeal.submit": ("ยื่นอุทธรณ์", "File the appeal"),
    "appeal.filed": ("ยื่นอุทธรณ์แล้ว รอ สปสช. พิจารณา", "Filed; waiting for NHSO's decision"),
    "appeal.add_files": ("แนบเอกสารเพิ่ม (ได้ถึงวันที่ {day})", "Add documents (until {day})"),
    "appeal.add_submit": ("แนบเพิ่ม", "Attach"),
    "appeal.late": ("พ้นกำหนดยื่นอุทธรณ์แล้ว (ยื่นได้ถึง {day})", "The filing deadline has passed (it was {day})"),
    "appeal.open_case": ("เปิดเรื่องพิจารณาอุทธรณ์", "Open the appeal case"),
    "claim.done_appealed": ("ยื่นอุทธรณ์แล้ว", "Appeal filed"),
    "claim.done_attached": ("แนบเอกสารเพิ่มแล้ว", "Documents added"),
    "report.col.billable": ("เบิกจ่ายได้", "Billable"),
}

_CODES: dict[str, dict[str, tuple[str, str]]] = {
    "event": {"APPEAL_FILED": ("ยื่นอุทธรณ์", "Appeal filed"), "ATTACHMENT_ADDED": ("แนบเอกสาร", "Document attached")},
    "billing": {"YES": ("เบิกจ่ายได้", "Billable"), "NOT_YET": ("ยังเบิกไม่ได้ รอผลอุทธรณ์", "Not yet: the appeal waits"),
                "NO": ("เบิกจ่ายไม่ได้", "Not billable")},
    "appeal_status": {"NOT_FILED": ("ยังไม่ยื่นอุทธรณ์", "Not filed"), "FILED": ("ยื่นแล้ว รอพิจารณา", "Filed, waiting"),
                      "APPROVED": ("อนุมัติอุทธรณ์", "Approved"), "REJECTED": ("ไม่อนุมัติอุทธรณ์", "Rejected"),
                      "CANCELLED": ("ยกเลิกรหัสเคลมแล้ว", "Claim cancelled")},
    "read": {"HOLDER": ("บัตรที่ใช้ยืนยันการมารับบริการ", "The card that proved presence"),
             "CERTIFIER": ("บัตรของผู้รับรอง", "The certifier's card"),
             "CHIP_PHOTO": ("บัตรที่ใช้ลงทะเบียนใบหน้า", "The card of a face enrolment")},
    "channel": {"CARD_PHOTO": ("ลงทะเบียนใบหน้าจากภาพบนบัตร", "Card-photo enrolment")},
    "reason": {"CHIP_FACE_MISMATCH": ("ใบหน้าไม่ตรงกับภาพบนบัตร", "The face does not match the card photo")},
}

STRINGS: dict[str, tuple[str, str]] = {
    **_PAGES, **{f"{kind}.{code}": pair for kind, codes in _CODES.items() for code, pair in codes.items()},
}

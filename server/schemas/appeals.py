"""Appeal answers: an appeal with its attachments, a list of appeals, and the whole case."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from server.schemas.claims import ClaimEventOut, ClaimOut
from server.services.appeal_case import AppealCase
from server.services.appeals import AppealRow, AppealStatus
from server.tables import Appeal, AppealAttachment


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    content_type: str = Field(examples=["application/pdf"], description="Taken from the file's bytes")
    size_bytes: int
    sha256: str
    added_by: str
    added_at: datetime


class AppealOut(BaseModel):
    claim_code: str
    status: AppealStatus
    reason_code: str
    text: str
    filed_by: str
    filed_at: datetime
    due_at: datetime = Field(description="The filing deadline: documents may be added until then")
    attachments: list[AttachmentOut]

    @classmethod
    def of(cls, code: str, status: AppealStatus, appeal: Appeal, files: list[AppealAttachment]) -> AppealOut:
        return cls(claim_code=code, status=status, reason_code=appeal.reason_code, text=appeal.text,
                   filed_by=appeal.filed_by, filed_at=appeal.filed_at, due_at=appeal.due_at,
                   attachments=[AttachmentOut.model_validate(f) for f in files])


class AppealSummary(BaseModel):
    claim_code: str
    hcode: str
    pid: str
    service_date: date
    claim_status: str
    billable: bool
    status: AppealStatus
    reason_code: str | None
    filed_by: str | None
    filed_at: datetime | None
    deadline: datetime = Field(description="The first instant at which filing is late (Bangkok midnight)")
    last_filing_day: date = Field(description="The last day the unit may file (Bangkok)")
    overdue: bool = Field(description="Not filed, and the deadline has passed")
    attachments: int

    @classmethod
    def of(cls, row: AppealRow) -> AppealSummary:
        claim, appeal = row.claim, row.appeal
        out = ClaimOut.model_validate(claim)
        return cls(claim_code=claim.code, hcode=claim.hcode, pid=claim.pid, service_date=claim.service_date,
                   claim_status=claim.status, billable=out.billable, status=row.status,
                   reason_code=appeal.reason_code if appeal else claim.special_reason,
                   filed_by=appeal.filed_by if appeal else None, filed_at=appeal.filed_at if appeal else None,
                   deadline=row.deadline, last_filing_day=row.last_filing_day, overdue=row.overdue,
                   attachments=row.attachment_count)


class AppealPage(BaseModel):
    total: int
    items: list[AppealSummary]


class ChoiceOut(BaseModel):
    code: str
    name_th: str
    name_en: str


class CardReadOut(BaseModel):
    """A signed card read the claim was issued on, as the server verified it."""

    model_config = ConfigDict(from_attributes=True)

    purpose: str = Field(examples=["HOLDER"], description="HOLDER (proved presence) or CERTIFIER")
    pid: str
    name_th: str
    birth_date: str
    sex: str
    issue_date: date
    expiry_date: date | None
    photo_sha256: str | None
    agent_id: int
    agent_key_id: str
    reader: str
    atr: str
    read_at: datetime
    record: str = Field(description="The record exactly as signed (canonical JSON)")
    signature: str


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    channel: str
    outcome: str
    reason_codes: list[str]
    similarity: float | None
    liveness_score: float | None
    distance_m: float | None
    principal_id: str | None
    created_at: datetime


class AppealCaseOut(BaseModel):
    claim: ClaimOut
    status: AppealStatus
    name: str
    unit_name: str
    appeal: AppealOut | None
    deadline: datetime
    last_filing_day: date
    overdue: bool
    waiting_s: int | None = Field(description="Seconds since filing (since issue when not filed), while pending")
    reason: ChoiceOut | None
    certifier: ChoiceOut | None
    card_reads: list[CardReadOut]
    failed_attempts: list[AttemptOut] = Field(description="The citizen's refused attempts at the unit that day")
    events: list[ClaimEventOut]

    @classmethod
    def of(cls, case: AppealCase) -> AppealCaseOut:
        def choice(c) -> ChoiceOut | None:
            return None if c is None else ChoiceOut(code=c.code, name_th=c.name_th, name_en=c.name_en)

        attempts = [AttemptOut(channel=a.channel, outcome=a.outcome,
                               reason_codes=[c for c in a.reason_codes.split(",") if c], similarity=a.similarity,
                               liveness_score=a.liveness_score, distance_m=a.distance_m, principal_id=a.principal_id,
                               created_at=a.created_at) for a in case.failed_attempts]
        return cls(
            claim=ClaimOut.model_validate(case.claim), status=case.status, name=case.name, unit_name=case.unit_name,
            appeal=AppealOut.of(case.claim.code, case.status, case.appeal, case.attachments) if case.appeal else None,
            deadline=case.deadline, last_filing_day=case.last_filing_day, overdue=case.overdue,
            waiting_s=None if case.waiting is None else int(case.waiting.total_seconds()),
            reason=choice(case.reason), certifier=choice(case.certifier),
            card_reads=[CardReadOut.model_validate(r) for r in case.card_reads], failed_attempts=attempts,
            events=[ClaimEventOut.model_validate(e) for e in case.events])

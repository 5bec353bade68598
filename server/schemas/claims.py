"""Claim, verification and access request/response schemas."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from server.schemas.common import BeDate, Pid
from server.services.claim_status import Billing, ClaimStatus, billable, billing
from thai_civil.calendar import format_be_date, format_be_datetime

Hcode = Field(pattern=r"^\d{5}$", examples=["77001"])


class ClaimOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(examples=["PP1005187798"])
    status: ClaimStatus = Field(examples=["ACTIVE"])
    pid: str
    hcode: str
    service_type: str = Field(examples=["PG0070001"])
    profession: str = Field(examples=["PHARMACIST"])
    staff_id: int | None
    right_code: str
    sub_right_code: str | None
    channel: str
    method: str
    certifier: str
    relation: str = Field(description="Who proved presence: SELF, or the registered relative's relation")
    right_rule: str = Field(description="ALLOW, or FLAG: the right on the service date is for NHSO to look at")
    special_reason: str | None = Field(None, description="Why the smart-card path was taken (policy list)")
    similarity: float | None
    face_threshold: float | None = Field(None, description="The citizen's age band's threshold it was held to")
    model_id: str | None
    liveness_score: float | None
    distance_m: float | None
    service_date: date
    service_at: datetime
    phone: str
    hn: str | None
    appeal_reason: str | None
    review_note: str | None
    created_by: str
    created_at: datetime
    updated_by: str | None
    updated_at: datetime | None
    cancelled_by: str | None
    cancelled_at: datetime | None
    cancel_reason: str | None

    @computed_field(description="Whether the code may be billed to NHSO: ACTIVE and APPEAL_APPROVED codes only "
                                "(a PENDING_APPEAL code not yet; a rejected or cancelled one never)")
    @property
    def billable(self) -> bool:
        return billable(self.status)

    @computed_field(description="YES, NOT_YET (waiting for NHSO's decision on the appeal) or NO", examples=["YES"])
    @property
    def billing(self) -> Billing:
        return billing(self.status)

    @computed_field(description="Service date in the Buddhist Era", examples=["22/11/2569"])
    @property
    def service_date_be(self) -> str:
        return format_be_date(self.service_date)

    @computed_field(description="Service time, Asia/Bangkok, Buddhist Era", examples=["22/11/2569 10:00"])
    @property
    def service_at_be(self) -> str:
        return format_be_datetime(self.service_at)


class ChallengeIn(BaseModel):
    hcode: str = Hcode


class ChallengeOut(BaseModel):
    challenge_id: str
    steps: list[Literal["left", "right"]] = Field(description="The citizen's own left/right, in order")
    expires_at: datetime
    instructions_th: str
    instructions_en: str


class VerificationOut(BaseModel):
    claim: ClaimOut
    replayed: bool = Field(description="True when an earlier request with the same Idempotency-Key made this claim")
    age_group: str | None = Field(None, examples=["ADULT"])


class ClaimPage(BaseModel):
    total: int
    items: list[ClaimOut]


class ClaimEdit(BaseModel):
    phone: str | None = Field(None, pattern=r"^0\d{8,9}$", examples=["0812345678"])
    hn: str | None = Field(None, max_length=32)
    service_type: str | None = Field(None, max_length=16, examples=["PG0060001"])
    reason: str | None = Field(None, max_length=500)


class ClaimCancel(BaseModel):
    reason: str = Field(min_length=3, max_length=500, examples=["บันทึกผิดคน"])


class AppealReview(BaseModel):
    decision: Literal["APPROVE", "REJECT"]
    note: str | None = Field(None, max_length=1000)


class ClaimEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action: str
    by: str
    at: datetime
    reason: str | None
    before: str | None
    after: str | None


class VisitIn(BaseModel):
    """Fields every channel needs."""

    pid: Pid
    hcode: str = Hcode
    profession: str = Field(max_length=32, examples=["PHARMACIST"])
    service_type: str = Field(max_length=16, examples=["PG0070001"])
    phone: str | None = Field(None, max_length=20, description="Contact phone of the patient or guardian",
                              examples=["0812345678"])
    hn: str | None = Field(None, max_length=32)
    service_date: BeDate | None = Field(None, description="Defaults to today (Asia/Bangkok)")


class QrVerificationIn(VisitIn):
    channel: Literal["LINE_QR", "BOOKING_QR"] = "LINE_QR"
    qr: str = Field(min_length=1, max_length=200, description="The scanned QR payload")
    scanner_pid: Pid | None = Field(None, description="PID of the relative who scanned for the citizen; their "
                                    "relationship is taken from the relatives registry, never from the request")


class SignedCardRead(BaseModel):
    """A card read signed by the unit's card agent (``fvs card-agent``; docs/smart-card.md)."""

    record: dict[str, Any]
    signature: str = Field(max_length=200)


class SmartCardVerificationIn(VisitIn):
    card_read: SignedCardRead = Field(description="The signed read of the inserted card")
    card_holder_pid: Pid | None = Field(None, description="Whose card it is when not the citizen's own (a registered "
                                        "direct relative)")
    certifier: str = Field(max_length=32, examples=["GUARDIAN"],
                           description="GUARDIAN, CAREGIVER or RECORDING_STAFF (GET /api/v1/verification-policy)")
    certifier_pid: Pid | None = None
    certifier_card_read: SignedCardRead | None = Field(None, description="The certifier's own card, when read")
    reason_code: str = Field(max_length=32, examples=["CHILD_UNDER_7"],
                             description="Why the citizen could not verify by face or LINE (the documents' list)")
    reason_text: str | None = Field(None, max_length=1000, description="More detail for the NHSO reviewer")


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class TokenOut(BaseModel):
    token: str = Field(description="Shown once: store it now")
    expires_at: datetime | None = None
    role: str
    hcode: str | None


class AccountIn(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9_.-]{3,64}$", examples=["somchai.p"])
    display_name: str = Field(min_length=1, max_length=200)
    role: Literal["UNIT_STAFF", "UNIT_ADMIN", "NHSO_REVIEWER", "NHSO_ADMIN"]
    hcode: str | None = Field(None, pattern=r"^\d{5}$")
    password: str = Field(min_length=10, max_length=200)


class AccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    role: str
    hcode: str | None


class DeviceTokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["tablet-1 หน้าร้าน"])


class DeviceTokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    hcode: str | None
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class DeviceTokenCreated(DeviceTokenOut):
    token: str = Field(description="Shown once: store it on the tablet now")

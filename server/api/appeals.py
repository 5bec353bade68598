"""Appeals of smart-card claims: the unit files (with attachments), NHSO and the unit read the
case, attachments are downloaded.  NHSO's decision is ``POST /claims/{code}/appeal-review``.

Uploads are read within the policy's size limit (413 past it, without reading the rest); what
they are is decided from their bytes by the service.  Routes are plain ``def`` (worker threads).
"""
from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile
from sqlalchemy.orm import Session

from server.api.auth import NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.schemas.appeals import AppealCaseOut, AppealOut, AppealPage, AppealSummary
from server.schemas.common import ERROR_RESPONSES
from server.services import appeals as svc
from server.services.access import Principal
from server.services.appeal_case import get_case
from server.services.appeal_errors import appeal_error
from server.services.appeal_policy import load_appeal_policy
from server.services.appeals import AppealStatus, Upload
from server.tables import Appeal, Claim

router = APIRouter(prefix="/api/v1", tags=["appeals"], responses=ERROR_RESPONSES)

_CHUNK = 256 * 1024
CodePath = Path(pattern=r"^[A-Za-z]{2}\d{10}$", examples=["PP1005187798"])
Attachments = File(None, description="JPEG, PNG or PDF files (count and size limits: the policy data)")
MoreAttachments = File(..., description="JPEG, PNG or PDF files")


def read_uploads(files: list[UploadFile] | None) -> list[Upload]:
    """The uploads' bytes, each read no further than one byte past the policy's limit."""
    policy = load_appeal_policy()
    if files and len(files) > policy.max_attachments:
        raise appeal_error("APPEAL_TOO_MANY_ATTACHMENTS", limit=policy.max_attachments, field="attachments")
    out = []
    for upload in files or []:
        chunks, size = [], 0
        while chunk := upload.file.read(_CHUNK):
            size += len(chunk)
            if size > policy.max_attachment_bytes:
                raise appeal_error("APPEAL_ATTACHMENT_TOO_LARGE", limit_bytes=policy.max_attachment_bytes,
                                   field="attachments")
            chunks.append(chunk)
        out.append(Upload(upload.filename or "", b"".join(chunks)))
    return out


def _answer(session: Session, appeal: Appeal) -> AppealOut:
    claim = session.get(Claim, appeal.claim_id)
    assert claim is not None
    return AppealOut.of(claim.code, svc.status_of(claim, appeal), appeal,
                        svc.attachments_of(session, appeal_id=appeal.id))


@router.post("/claims/{code}/appeal", status_code=201, response_model=AppealOut,
             summary="The claim's unit files its appeal: reason, explanation, attachments (before the deadline)")
def file_appeal(code: str = CodePath, text: str = Form(..., max_length=10_000, description="Why the citizen could "
                "not verify by face or LINE, and how the unit knows they were there"),
                reason_code: str | None = Form(None, max_length=32, description="Defaults to the claim's reason"),
                attachments: list[UploadFile] | None = Attachments, session: Session = SessionDep,
                principal: Principal = PrincipalDep, now: datetime = NowDep) -> AppealOut:
    appeal = svc.file_appeal(session, principal=principal, code=code, text=text, reason_code=reason_code,
                             attachments=read_uploads(attachments), now=now)
    return _answer(session, appeal)


@router.post("/appeals/{code}/attachments", status_code=201, response_model=AppealOut,
             summary="The claim's unit adds documents to its filed appeal (before the deadline)")
def add_attachments(code: str = CodePath, attachments: list[UploadFile] = MoreAttachments,
                    session: Session = SessionDep, principal: Principal = PrincipalDep,
                    now: datetime = NowDep) -> AppealOut:
    appeal = svc.add_attachments(session, principal=principal, code=code, attachments=read_uploads(attachments),
                                 now=now)
    return _answer(session, appeal)


@router.get("/appeals", response_model=AppealPage, summary="Smart-card claims and their appeals (NHSO: every unit; "
            "a unit: its own), the oldest first")
def list_appeals(status: AppealStatus | None = None, hcode: str | None = Query(None, pattern=r"^\d{5}$"),
                 limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=10**7),
                 session: Session = SessionDep, principal: Principal = PrincipalDep,
                 now: datetime = NowDep) -> AppealPage:
    total, rows = svc.list_appeals(session, principal=principal, status=status, hcode=hcode, now=now, limit=limit,
                                   offset=offset)
    return AppealPage(total=total, items=[AppealSummary.of(r) for r in rows])


@router.get("/appeals/{code}", response_model=AppealCaseOut,
            summary="The case: claim, appeal, attachments, signed card reads, certifier, the day's refused attempts")
def appeal_case(code: str = CodePath, session: Session = SessionDep, principal: Principal = PrincipalDep,
                now: datetime = NowDep) -> AppealCaseOut:
    return AppealCaseOut.of(get_case(session, principal=principal, code=code, now=now))


@router.get("/appeals/{code}/attachments/{attachment_id}", summary="Download an attachment (NHSO or the unit)",
            responses={200: {"content": {"image/jpeg": {}, "image/png": {}, "application/pdf": {}}}})
def download_attachment(code: str = CodePath, attachment_id: int = Path(ge=1, le=2**31 - 1),
                        session: Session = SessionDep, principal: Principal = PrincipalDep) -> Response:
    row = svc.attachment(session, principal=principal, code=code, attachment_id=attachment_id)
    return attachment_response(row.content, row.content_type, row.filename, inline=False)


def attachment_response(content: bytes, content_type: str, filename: str, *, inline: bool) -> Response:
    """The bytes as the type they were sniffed as, never rendered as anything else."""
    disposition = "inline" if inline and content_type.startswith("image/") else "attachment"
    return Response(content, media_type=content_type, headers={
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(filename, safe='')}",
        "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox"})

"""The unit's side of an appeal: the claim page of a smart-card claim carries the filing form
(reason, explanation, attachments) and, once filed, the appeal with its documents and a form to
add more until the deadline.  Attachments open from the claim and case pages (the unit's own, or
NHSO).  CSRF and roles as everywhere: the forms carry the token, the services check the roles.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from server.api.appeals import attachment_response
from server.console.csrf import UploadFormDep
from server.console.errors import Problem, attempt
from server.console.forms import FormReader
from server.console.guards import CodePath, IdPath
from server.console.ports import Claim, Role, SessionDep
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.decision import load_policy
from server.services import appeals
from server.services.appeal_errors import appeal_error
from server.services.appeal_policy import load_appeal_policy
from server.services.claim_status import ClaimStatus

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)

FILERS = (Role.UNIT_STAFF, Role.UNIT_ADMIN)


def appeal_panel(session: Session, user: ConsoleUser, claim: Claim, now) -> dict[str, Any] | None:
    """What the claim page shows of the claim's appeal (None for a claim that has none)."""
    appeal = appeals.appeal_of(session, claim_id=claim.id)
    if appeal is None and claim.status not in appeals.UNDER_APPEAL:
        return None
    policy = load_appeal_policy()
    pending = claim.status == ClaimStatus.PENDING_APPEAL
    in_time = now < policy.filing_deadline(claim.service_date)
    may_file = pending and in_time and user.has(*FILERS)
    return {
        "appeal": appeal, "status": appeals.status_of(claim, appeal),
        "files": appeals.attachments_of(session, appeal_id=appeal.id) if appeal else [],
        "last_day": policy.last_filing_day(claim.service_date), "in_time": in_time,
        "can_file": may_file and appeal is None,
        "can_add": may_file and appeal is not None,
        "reasons": load_policy().special_reasons, "max_files": policy.max_attachments,
        "max_mb": policy.max_attachment_bytes // (1024 * 1024),
    }


def _uploads(form: FormData) -> list[appeals.Upload]:
    """The files of the form (an empty file input sends an empty part: skipped), each read no
    further than one byte past the policy's size limit."""
    limit = load_appeal_policy().max_attachment_bytes
    out = []
    for part in form.getlist("attachments"):
        if not isinstance(part, UploadFile) or (not part.filename and not part.size):
            continue
        data = part.file.read(limit + 1)
        if len(data) > limit:
            raise appeal_error("APPEAL_ATTACHMENT_TOO_LARGE", limit_bytes=limit, field="attachments")
        out.append(appeals.Upload(part.filename or "", data))
    return out


def _page(request: Request, session: Session, user: ConsoleUser, code: str, problem: Problem,
          form: dict[str, str]) -> Response:
    from server.console.claims import detail_page

    return detail_page(request, session, user, code, problem=problem, form=form, status=problem.status)


@router.post("/claims/{code}/appeal")
def file_appeal(request: Request, code: str = CodePath(), form: FormData = UploadFormDep,
                session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    reader = FormReader(form)
    text = reader.text("appeal_text", max_len=10_000) or ""
    reason = reader.text("reason_code", max_len=32)
    values = {"appeal_text": text, "reason_code": reason or ""}
    if reader.problem is not None:
        return _page(request, session, user, code, reader.problem, values)
    _, problem = attempt(session, lambda: appeals.file_appeal(
        session, principal=user.principal, code=code, text=text, reason_code=reason, attachments=_uploads(form),
        now=get_now(request)))
    if problem is not None:
        return _page(request, session, user, code, problem, values)
    return RedirectResponse(f"/console/claims/{code.upper()}?done=appealed", status_code=303)


@router.post("/claims/{code}/appeal/attachments")
def add_attachments(request: Request, code: str = CodePath(), form: FormData = UploadFormDep,
                    session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    _, problem = attempt(session, lambda: appeals.add_attachments(
        session, principal=user.principal, code=code, attachments=_uploads(form), now=get_now(request)))
    if problem is not None:
        return _page(request, session, user, code, problem, {})
    return RedirectResponse(f"/console/claims/{code.upper()}?done=attached", status_code=303)


@router.get("/appeals/{code}/attachments/{attachment_id}")
def open_attachment(code: str = CodePath(), attachment_id: int = IdPath(), session: Session = SessionDep,
                    user: ConsoleUser = UserDep) -> Response:
    """A photo opens in the browser; a PDF downloads (never rendered inside FVS's pages)."""
    row = appeals.attachment(session, principal=user.principal, code=code, attachment_id=attachment_id)
    return attachment_response(row.content, row.content_type, row.filename, inline=True)

"""Redeeming a unit QR from a citizen's own LINE session: the citizen (or a registered relative
acting for a member of their list) scanned the unit's QR on their own phone, so they are at the
unit today.  The only way a LINE_QR claim is made (policy ``qr.citizen_session_required``).

The visit is built by the server, not the page: the citizen (the account holder, or a member on
the holder's list), the unit and service type from the signed QR, the contact phone verified at
registration (or given for the member), and the profession: among the professions the unit's type
allows that may provide the QR's service, the first (in the reference order) with a verified staff
member on duty now; with nobody on duty, the first allowed one (the decision then says
``STAFF_NOT_ON_DUTY``).  Then every rule of :mod:`server.services.verification` applies — age
group and who may act for whom (relatives registry), the right on the service date, unit ready,
staff on duty, one live code per day, idempotency.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from line_oa import members
from line_oa.tables import LineAccount
from oss_registry.duty import professions_on_duty
from server.decision import Channel, QrScan
from server.decision.reasons import CATALOGUE as REASONS
from server.services import claims, unit_qr
from server.services.access import Principal, Role, require_role
from server.services.verification import (
    ClaimFacts,
    Outcome,
    Visit,
    actor_for,
    conclude,
    prepare,
    replay,
    request_hash,
    with_proof,
)
from server.tables import ServiceType


def choose_profession(session: Session, *, hcode: str, service: ServiceType, now: datetime) -> str:
    """The profession that serves a QR's service at the unit now (see the module doc)."""
    duties = professions_on_duty(session, hcode, now)
    allowed = [d for d in duties if claims.service_allows(service, d.code)]
    for duty in allowed:
        if duty.on_duty_count:
            return duty.code
    if allowed:
        return allowed[0].code
    listed = [p for p in service.professions.split(",") if p]
    return listed[0] if listed else (duties[0].code if duties else "PHARMACIST")


def subject(session: Session, *, account: LineAccount, member_id: int | None) -> tuple[str, str]:
    """(PID, contact phone) of whom the code is for: the holder, or a member of their list."""
    if member_id is None:
        return account.pid, account.phone
    member = members.get_member(session, account, member_id)
    return member.pid, member.phone


def redeem(session: Session, *, principal: Principal, account: LineAccount, member_id: int | None, payload: str,
           now: datetime, secret: str, idempotency_key: str | None = None) -> Outcome:
    """A claim code for the scanned unit QR, or the decision's refusal (recorded as an attempt)."""
    require_role(principal, Role.CITIZEN)
    pid, phone = subject(session, account=account, member_id=member_id)
    check = unit_qr.check(session, payload=payload, now=now, secret=secret)
    if check.qr is None:  # not a unit QR at all: no unit to record an attempt at
        raise REASONS.error("QR_INVALID", qr_problem=check.problem)
    service = claims.get_service_type(session, check.qr.service_type)
    visit = Visit(pid=pid, hcode=check.qr.hcode, profession="", service_type=service.code, phone=phone)
    digest = request_hash(Channel.LINE_QR.value, visit, qr=payload, actor=account.pid)
    if (done := replay(session, principal=principal, key=idempotency_key, digest=digest)) is not None:
        return done
    visit = replace(visit, profession=choose_profession(session, hcode=visit.hcode, service=service, now=now))
    ctx = prepare(session, principal=principal, visit=visit, channel=Channel.LINE_QR, now=now)
    actor = actor_for(session, citizen_pid=pid, actor_pid=account.pid)
    evidence = with_proof(ctx, qr=QrScan(valid=check.ok, in_citizen_session=True), actor=actor)
    facts = ClaimFacts(method=f"LINE_QR_{actor.relation}", relation=actor.relation,
                       certifier_pid=None if actor.relation == "SELF" else account.pid)
    return conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts,
                    key=idempotency_key, digest=digest, attempt={},
                    refusal_details={"qr_problem": check.problem} if check.problem else None)

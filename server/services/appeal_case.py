"""One appeal case with everything recorded about it, for the NHSO reviewer (and the unit's own
view): the claim, the appeal and its attachments, the signed card reads the claim was issued on,
the certifier, the reason in the documents' words, the deadline, the citizen's refused
verification attempts at that unit that day (why face or LINE was impossible), and the audit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from server.decision import load_policy
from server.decision.policy import Choice
from server.services.access import Principal
from server.services.appeal_errors import appeal_error
from server.services.appeal_policy import load_appeal_policy
from server.services.appeals import UNDER_APPEAL, AppealStatus, appeal_of, attachments_of, status_of
from server.services.card_read_records import for_claim
from server.services.citizen_names import names_for
from server.services.claims import events, get_claim
from server.tables import (
    Appeal,
    AppealAttachment,
    CardReadRecord,
    Claim,
    ClaimEvent,
    VerificationAttempt,
)
from thai_civil.calendar import BANGKOK


@dataclass(frozen=True)
class AppealCase:
    claim: Claim
    name: str
    unit_name: str
    status: AppealStatus
    appeal: Appeal | None
    attachments: list[AppealAttachment]
    deadline: datetime  # the first late instant
    last_filing_day: date
    overdue: bool  # not filed and past the deadline
    waiting: timedelta | None  # since filing (since issue when not filed), while pending
    reason: Choice | None  # the appeal's reason, or the claim's special reason, in the documents' words
    certifier: Choice | None
    card_reads: list[CardReadRecord]
    failed_attempts: list[VerificationAttempt]
    events: list[ClaimEvent]


def day_attempts(session: Session, *, claim: Claim, outcome: str = "REFUSED") -> list[VerificationAttempt]:
    """The citizen's attempts with ``outcome`` at the claim's unit on its Bangkok service date."""
    start = datetime.combine(claim.service_date, time(0), BANGKOK)
    return list(session.scalars(select(VerificationAttempt).where(
        VerificationAttempt.pid == claim.pid, VerificationAttempt.hcode == claim.hcode,
        VerificationAttempt.outcome == outcome, VerificationAttempt.created_at >= start,
        VerificationAttempt.created_at < start + timedelta(days=1)).order_by(VerificationAttempt.id)))


def _choice(options: tuple[Choice, ...], code: str | None) -> Choice | None:
    return next((c for c in options if c.code == code), None)


def get_case(session: Session, *, principal: Principal, code: str, now: datetime) -> AppealCase:
    """The case of a smart-card claim: NHSO, or the claim's own unit (403 for any other)."""
    claim = get_claim(session, principal=principal, code=code)
    appeal = appeal_of(session, claim_id=claim.id)
    if appeal is None and claim.status not in UNDER_APPEAL:
        raise appeal_error("APPEAL_NOT_FOUND", claim_code=claim.code)
    state = status_of(claim, appeal)
    policy = load_appeal_policy()
    deadline = policy.filing_deadline(claim.service_date)
    pending = state in (AppealStatus.NOT_FILED, AppealStatus.FILED)
    waiting = (now - (appeal.filed_at if appeal else claim.created_at)) if pending else None
    unit = session.get(Unit, claim.hcode)
    rules = load_policy()
    return AppealCase(
        claim=claim, name=names_for(session, pids=[claim.pid]).get(claim.pid, ""), unit_name=unit.name if unit else "",
        status=state, appeal=appeal, attachments=attachments_of(session, appeal_id=appeal.id) if appeal else [],
        deadline=deadline, last_filing_day=policy.last_filing_day(claim.service_date),
        overdue=state is AppealStatus.NOT_FILED and now >= deadline, waiting=waiting,
        reason=_choice(rules.special_reasons, appeal.reason_code if appeal else claim.special_reason),
        certifier=_choice(rules.certifiers, claim.certifier), card_reads=for_claim(session, claim_id=claim.id),
        failed_attempts=day_attempts(session, claim=claim), events=events(session, principal=principal, code=code))

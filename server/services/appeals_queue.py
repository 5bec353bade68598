"""NHSO's review of smart-card verifications (ทวนสอบ): the queue of claims waiting for an appeal
decision with how long each has waited, and one case with everything recorded about it.

Attachments of an appeal (issue 13) are not recorded yet; :attr:`AppealCase.attachments` is
empty until they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from server.services.access import Principal, Role, require_role
from server.services.citizen_names import names_for
from server.services.claims import events, get_claim
from server.tables import Claim, ClaimEvent, VerificationAttempt

try:
    from thai_civil.calendar import BANGKOK
except ImportError:  # pragma: no cover - before the move
    from oss_registry.thai_calendar import BANGKOK  # type: ignore[no-redef]

PENDING = "PENDING_APPEAL"
QUEUE_LIMIT = 500


@dataclass(frozen=True)
class QueueRow:
    claim: Claim
    name: str
    unit_name: str
    waiting: timedelta


@dataclass(frozen=True)
class AppealCase:
    claim: Claim
    name: str
    unit_name: str
    waiting: timedelta | None
    events: list[ClaimEvent]
    failed_attempts: list[VerificationAttempt]  # the citizen's refused attempts at the unit that day
    attachments: list[str] = field(default_factory=list)


def queue(session: Session, principal: Principal, *, now: datetime) -> list[QueueRow]:
    """Claims waiting for an appeal decision, the longest-waiting first."""
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    rows = session.execute(select(Claim, Unit.name).join(Unit, Unit.hcode == Claim.hcode)
                           .where(Claim.status == PENDING).order_by(Claim.created_at, Claim.id).limit(QUEUE_LIMIT)).all()
    names = names_for(session, pids=[c.pid for c, _ in rows])
    return [QueueRow(c, names.get(c.pid, ""), unit_name, now - c.created_at) for c, unit_name in rows]


def day_attempts(session: Session, *, claim: Claim, outcome: str = "REFUSED") -> list[VerificationAttempt]:
    """The citizen's attempts with ``outcome`` at the claim's unit on its Bangkok service date."""
    start = datetime.combine(claim.service_date, time(0), BANGKOK)
    return list(session.scalars(select(VerificationAttempt).where(
        VerificationAttempt.pid == claim.pid, VerificationAttempt.hcode == claim.hcode,
        VerificationAttempt.outcome == outcome, VerificationAttempt.created_at >= start,
        VerificationAttempt.created_at < start + timedelta(days=1)).order_by(VerificationAttempt.id)))


def case(session: Session, principal: Principal, *, code: str, now: datetime) -> AppealCase:
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    claim = get_claim(session, principal=principal, code=code)
    unit = session.get(Unit, claim.hcode)
    waiting = now - claim.created_at if claim.status == PENDING else None
    return AppealCase(claim, names_for(session, pids=[claim.pid]).get(claim.pid, ""), unit.name if unit else "",
                      waiting, events(session, principal=principal, code=code),
                      day_attempts(session, claim=claim))

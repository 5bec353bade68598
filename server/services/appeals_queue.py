"""NHSO's review of smart-card verifications (ทวนสอบ): the queue of filed appeals with how long
each has waited since the unit filed it, the claims whose appeal is not filed yet with their
deadline (an overdue one may be rejected), and one case with everything recorded about it
(:mod:`server.services.appeal_case`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from server.services.access import Principal, Role, require_role
from server.services.appeal_case import AppealCase, day_attempts, get_case
from server.services.appeals import AppealRow, AppealStatus, list_appeals
from server.services.citizen_names import names_for
from server.tables import Claim

QUEUE_LIMIT = 500


@dataclass(frozen=True)
class QueueRow:
    row: AppealRow
    name: str
    unit_name: str
    waiting: timedelta  # since filing (since issue for an unfiled one)

    @property
    def claim(self) -> Claim:
        return self.row.claim


@dataclass(frozen=True)
class Queue:
    filed: list[QueueRow]  # waiting for a decision, the longest-waiting first
    unfiled: list[QueueRow]  # the unit has not filed yet, the oldest first


def _rows(session: Session, rows: list[AppealRow], now: datetime) -> list[QueueRow]:
    names = names_for(session, pids=[r.claim.pid for r in rows])
    units = dict(session.execute(select(Unit.hcode, Unit.name).where(Unit.hcode.in_({r.claim.hcode for r in rows}))).all())
    out = [QueueRow(r, names.get(r.claim.pid, ""), units.get(r.claim.hcode, ""),
                    now - (r.appeal.filed_at if r.appeal else r.claim.created_at)) for r in rows]
    return sorted(out, key=lambda q: (-q.waiting, q.claim.id))


def queue(session: Session, principal: Principal, *, now: datetime) -> Queue:
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    filed = list_appeals(session, principal=principal, status=AppealStatus.FILED, hcode=None, now=now,
                         limit=QUEUE_LIMIT)[1]
    unfiled = list_appeals(session, principal=principal, status=AppealStatus.NOT_FILED, hcode=None, now=now,
                           limit=QUEUE_LIMIT)[1]
    return Queue(_rows(session, filed, now), _rows(session, unfiled, now))


def case(session: Session, principal: Principal, *, code: str, now: datetime) -> AppealCase:
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    return get_case(session, principal=principal, code=code, now=now)


__all__ = ["AppealCase", "Queue", "QueueRow", "case", "day_attempts", "queue"]

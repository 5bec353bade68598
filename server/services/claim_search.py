"""Finding claims: the filters units and reviewers search and report with.

Unit principals are confined to their own unit (asking for another unit's hcode is 403);
NHSO principals see every unit.  Results are newest first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from server.services.access import Principal, ensure_unit_access
from server.tables import Claim
from thai_civil.calendar import BANGKOK


@dataclass(frozen=True)
class ClaimFilter:
    hcode: str | None = None
    pid: str | None = None
    code: str | None = None
    service_type: str | None = None
    channel: str | None = None
    method: str | None = None
    certifier: str | None = None
    status: str | None = None
    created_by: str | None = None
    service_from: date | None = None
    service_to: date | None = None
    recorded_from: date | None = None
    recorded_to: date | None = None


def _start_utc(day: date) -> datetime:
    """The UTC instant a Bangkok calendar day starts."""
    return datetime.combine(day, time(0), BANGKOK)


def scoped(principal: Principal, f: ClaimFilter) -> ClaimFilter:
    """The filter a principal may run: units see only their own hcode."""
    if f.hcode:
        ensure_unit_access(principal, f.hcode)
        return f
    if principal.is_nhso:
        return f
    return ClaimFilter(**{**f.__dict__, "hcode": principal.hcode})


def statement(f: ClaimFilter) -> Select:
    q = select(Claim)
    for column, value in ((Claim.hcode, f.hcode), (Claim.pid, f.pid), (Claim.service_type, f.service_type),
                          (Claim.channel, f.channel), (Claim.method, f.method), (Claim.certifier, f.certifier),
                          (Claim.status, f.status), (Claim.created_by, f.created_by)):
        if value:
            q = q.where(column == value)
    if f.code:
        q = q.where(Claim.code == f.code.strip().upper())
    if f.service_from:
        q = q.where(Claim.service_date >= f.service_from)
    if f.service_to:
        q = q.where(Claim.service_date <= f.service_to)
    if f.recorded_from:
        q = q.where(Claim.created_at >= _start_utc(f.recorded_from))
    if f.recorded_to:
        q = q.where(Claim.created_at < _start_utc(f.recorded_to + timedelta(days=1)))
    return q


def search(session: Session, *, principal: Principal, f: ClaimFilter, limit: int = 50, offset: int = 0
           ) -> tuple[int, list[Claim]]:
    q = statement(scoped(principal, f))
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(q.order_by(Claim.service_at.desc(), Claim.id.desc()).limit(limit).offset(offset)).all()
    return total, list(rows)


def person_history(session: Session, *, principal: Principal, pid: str, limit: int = 200) -> list[Claim]:
    """A citizen's claims, newest first (a unit sees only the ones it issued)."""
    return search(session, principal=principal, f=ClaimFilter(pid=pid), limit=limit)[1]

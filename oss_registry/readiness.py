"""Is a unit ready to verify citizens at an instant?  Every failing reason is listed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oss_registry.duty import employed_on
from oss_registry.lifecycle import UnitStatus
from oss_registry.staff import Verification
from oss_registry.tables import Staff, Unit
from thai_civil.calendar import service_date

READINESS_REASONS = ("NOT_REGISTERED", "NOT_ACTIVE", "SUSPENDED", "NO_COORDINATES", "NO_VERIFIED_STAFF", "NO_SCHEDULE")
"""The reasons a unit may not be ready (messages in :data:`oss_registry.errors.CATALOGUE`)."""


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reasons: list[str] = field(default_factory=list)


def unit_readiness(session: Session, hcode: str, at: datetime) -> Readiness:
    """Check the unit's status, coordinates and staff at the aware instant ``at``.

    ``NO_VERIFIED_STAFF``: nobody is both ``VERIFIED`` and employed on ``at``'s Bangkok date;
    ``NO_SCHEDULE``: such staff exist but none has any working range.  Whether someone is on
    duty at the very instant is :func:`oss_registry.duty.on_duty`'s question, not readiness.
    """
    unit = session.get(Unit, hcode)
    if unit is None:
        return Readiness(False, ["NOT_REGISTERED"])
    reasons: list[str] = []
    if unit.status == UnitStatus.SUSPENDED:
        reasons.append("SUSPENDED")
    elif unit.status != UnitStatus.ACTIVE:
        reasons.append("NOT_ACTIVE")
    if unit.latitude is None or unit.longitude is None:
        reasons.append("NO_COORDINATES")
    day = service_date(at)
    staff = [s for s in session.scalars(
        select(Staff).where(Staff.hcode == hcode, Staff.verification_status == Verification.VERIFIED)
        .options(selectinload(Staff.schedule_rows))
    ) if employed_on(s.start_date, s.end_date, day)]
    if not staff:
        reasons.append("NO_VERIFIED_STAFF")
    elif not any(s.schedule_rows for s in staff):
        reasons.append("NO_SCHEDULE")
    return Readiness(not reasons, reasons)

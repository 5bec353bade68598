"""A unit's status lifecycle: applied → approved → active ↔ suspended, and withdrawn (final).

Allowed transitions (everything else is ``INVALID_STATUS_TRANSITION``):

* ``applied → approved`` (NHSO approves the application),
* ``approved → active`` (the unit starts serving),
* ``active → suspended`` and ``suspended → active``,
* ``→ withdrawn`` from any status but ``withdrawn``: a unit may leave the programme (or an
  applicant cancel the application) at any stage.  ``withdrawn`` is final.

Every change is recorded in ``unit_status_events`` with who, when and why.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from fvs_db.base import utcnow
from oss_registry.errors import RegistryError, invalid
from oss_registry.tables import Unit, UnitStatusEvent


class UnitStatus(StrEnum):
    APPLIED = "applied"
    APPROVED = "approved"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


TRANSITIONS: dict[UnitStatus, frozenset[UnitStatus]] = {
    UnitStatus.APPLIED: frozenset({UnitStatus.APPROVED, UnitStatus.WITHDRAWN}),
    UnitStatus.APPROVED: frozenset({UnitStatus.ACTIVE, UnitStatus.WITHDRAWN}),
    UnitStatus.ACTIVE: frozenset({UnitStatus.SUSPENDED, UnitStatus.WITHDRAWN}),
    UnitStatus.SUSPENDED: frozenset({UnitStatus.ACTIVE, UnitStatus.WITHDRAWN}),
    UnitStatus.WITHDRAWN: frozenset(),
}


def parse_status(value: str) -> UnitStatus:
    try:
        return UnitStatus(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(UnitStatus)
        raise invalid("INVALID_UNIT", "status", f"ไม่รู้จักสถานะ {value!r} (ใช้ได้: {allowed})",
                      f"unknown status {value!r} (one of {allowed})") from None


def can_transition(from_status: UnitStatus | str, to_status: UnitStatus | str) -> bool:
    return UnitStatus(to_status) in TRANSITIONS[UnitStatus(from_status)]


def record_event(session: Session, unit: Unit, from_status: str | None, by: str,
                 reason: str | None, at: datetime | None) -> UnitStatusEvent:
    event = UnitStatusEvent(hcode=unit.hcode, from_status=from_status, to_status=unit.status,
                            changed_by=by, changed_at=at or utcnow(), reason=reason)
    session.add(event)
    return event


def change_status(session: Session, unit: Unit, to_status: UnitStatus | str, *, by: str,
                  reason: str | None = None, at: datetime | None = None) -> UnitStatusEvent:
    """Move ``unit`` to ``to_status`` if the lifecycle allows it, recording who/when/why."""
    target = parse_status(to_status)
    current = UnitStatus(unit.status)
    if not can_transition(current, target):
        raise RegistryError("INVALID_STATUS_TRANSITION", from_status=current.value, to_status=target.value,
                            allowed=sorted(s.value for s in TRANSITIONS[current]))
    unit.status = target.value
    event = record_event(session, unit, current.value, by, reason, at)
    session.flush()
    return event

"""NHSO's queue of staff whose identity awaits confirmation, across units."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oss_registry.tables import Staff, Unit
from server.services.access import Principal, Role, require_role

QUEUE_LIMIT = 500


def pending_staff(session: Session, principal: Principal, *, status: str = "PENDING") -> list[tuple[Staff, Unit]]:
    """Staff with ``status`` (default ``PENDING``), oldest registration first, with their unit."""
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    rows = session.execute(select(Staff, Unit).join(Unit, Unit.hcode == Staff.hcode)
                           .where(Staff.verification_status == status)
                           .options(selectinload(Staff.schedule_rows))
                           .order_by(Staff.created_at, Staff.id).limit(QUEUE_LIMIT))
    return [(s, u) for s, u in rows]

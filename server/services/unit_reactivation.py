"""Re-activating a suspended unit (document 003): only on the request of a person who registered
in OSS and verified their identity with ThaID — not an account an admin made, not the old
"data center" unit-code login — and who is the unit's signatory or an approved delegate.

NHSO (``NHSO_ADMIN``) records the re-activation naming that person; the reason is kept in the
unit's status history.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fvs_errors import Catalogue
from oss_registry import lifecycle, units
from oss_registry.tables import Unit, UnitManager
from server.services.access import Principal, Role, require_role

REACTIVATION_VIA = "thaid"
"""The only identity check accepted for a re-activation request."""

CATALOGUE = Catalogue("unit_reactivation", {
    "UNIT_NOT_SUSPENDED": ("หน่วยบริการนี้ไม่ได้ถูกระงับ จึงไม่ต้องเปิดใช้งานอีกครั้ง",
                           "The unit is not suspended, so it cannot be re-activated"),
    "REACTIVATION_NOT_ALLOWED": (
        "ผู้ขอเปิดใช้งานอีกครั้งต้องเป็นผู้มีอำนาจลงนามหรือผู้รับมอบอำนาจที่ได้รับอนุมัติ และยืนยันตัวตนผ่าน ThaiD",
        "A re-activation must be requested by the unit's approved signatory or delegate, verified with ThaID"),
    "REACTIVATION_REASON_REQUIRED": ("กรุณาระบุเหตุผลการเปิดใช้งานอีกครั้ง", "Give the reason for the re-activation"),
})


def eligible_requesters(session: Session, *, hcode: str) -> list[UnitManager]:
    """The unit's approved signatories and delegates whose identity was verified with ThaID."""
    return list(session.scalars(select(UnitManager).where(
        UnitManager.hcode == hcode, UnitManager.approved.is_(True), UnitManager.verified_via == REACTIVATION_VIA,
        UnitManager.role.in_(("SIGNATORY", "DELEGATE"))).order_by(UnitManager.id)))


def reactivate(session: Session, principal: Principal, *, hcode: str, requested_by: int, reason: str,
               at: datetime) -> Unit:
    require_role(principal, Role.NHSO_ADMIN)
    unit = units.get_unit(session, hcode)
    if unit.status != lifecycle.UnitStatus.SUSPENDED:
        raise CATALOGUE.error("UNIT_NOT_SUSPENDED", status=unit.status)
    if not (reason or "").strip():
        raise CATALOGUE.error("REACTIVATION_REASON_REQUIRED", field="reason")
    if requested_by not in {m.id for m in eligible_requesters(session, hcode=hcode)}:
        raise CATALOGUE.error("REACTIVATION_NOT_ALLOWED", field="requested_by")
    manager = session.get(UnitManager, requested_by)
    note = f"re-activation requested by {manager.role.lower()} #{manager.id} (ThaID): {reason.strip()}"
    lifecycle.change_status(session, unit, lifecycle.UnitStatus.ACTIVE, by=principal.id, reason=note, at=at)
    return unit

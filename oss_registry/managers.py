"""The people who act for a unit: its signatory and delegates, identity-verified.

A manager's identity must be verified through an accepted channel (ThaID or the NHSO provider
ID).  The legacy "data center" logins — a unit code and shared password, which identify no
person — are refused with ``LEGACY_LOGIN_REFUSED``.  A manager acts only once NHSO approved them.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from fvs_db.base import utcnow
from oss_registry.errors import RegistryError, invalid
from oss_registry.tables import Unit, UnitManager
from thai_civil.pid import InvalidPid, validate_pid

ACCEPTED_VERIFICATION = frozenset({"thaid", "provider_id"})
LEGACY_VERIFICATION = frozenset({"data_center", "datacenter", "unit_code", "hcode"})


class ManagerRole(StrEnum):
    SIGNATORY = "SIGNATORY"
    DELEGATE = "DELEGATE"


def add_manager(session: Session, unit: Unit, pid: str, role: ManagerRole | str, verified_via: str) -> UnitManager:
    """Record a (not yet approved) manager of ``unit``."""
    via = (verified_via or "").strip().lower()
    if via in LEGACY_VERIFICATION:
        raise RegistryError("LEGACY_LOGIN_REFUSED", field="verified_via")
    if via not in ACCEPTED_VERIFICATION:
        accepted = ", ".join(sorted(ACCEPTED_VERIFICATION))
        raise invalid("INVALID_MANAGER", "verified_via", f"ช่องทางยืนยันตัวตนต้องเป็นหนึ่งใน {accepted}",
                      f"verified_via must be one of {accepted}")
    try:
        pid = validate_pid(pid)
    except InvalidPid as exc:
        raise invalid("INVALID_MANAGER", "pid", "เลขประจำตัวประชาชนไม่ถูกต้อง", f"PID: {exc.reason}") from None
    try:
        role = ManagerRole(str(role).upper())
    except ValueError:
        raise invalid("INVALID_MANAGER", "role", "บทบาทต้องเป็น SIGNATORY หรือ DELEGATE",
                      "role must be SIGNATORY or DELEGATE") from None
    if session.scalar(select(UnitManager).where(UnitManager.hcode == unit.hcode, UnitManager.pid == pid)):
        raise RegistryError("MANAGER_EXISTS", field="pid")
    manager = UnitManager(hcode=unit.hcode, pid=pid, role=role.value, verified_via=via, approved=False)
    session.add(manager)
    session.flush()
    return manager


def approve_manager(session: Session, manager_id: int, *, by: str, at: datetime | None = None) -> UnitManager:
    manager = session.get(UnitManager, manager_id)
    if manager is None:
        raise RegistryError("MANAGER_NOT_FOUND", manager_id=manager_id)
    manager.approved, manager.approved_by, manager.approved_at = True, by, at or utcnow()
    session.flush()
    return manager


def approved_managers(session: Session, hcode: str) -> list[UnitManager]:
    return list(session.scalars(select(UnitManager).where(
        UnitManager.hcode == hcode, UnitManager.approved.is_(True)).order_by(UnitManager.id)))

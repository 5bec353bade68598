"""A unit's general information as OSS shows it, who may change which part of it, and whether
the unit has completed both OSS menus (general information and staff) so it can verify.

OSS lets the unit itself correct its address, phones, e-mail and map point ("กลุ่มข้อมูลทั่วไป");
its name, type and geofence radius stay NHSO's (``NHSO_ADMIN``) to change.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from oss_registry import readiness, units
from oss_registry.tables import Unit
from server.services.access import Principal, Role, ensure_unit_access, forbidden_role, require_role

UNIT_EDITABLE = frozenset({"address", "phone_officer", "phone_public", "email", "latitude", "longitude"})
"""What a unit admin may change in the unit's general information."""
GENERAL_REQUIRED = ("phone_officer", "phone_public", "email")
"""Starred fields of OSS menu 1 besides the map point."""
STAFF_REASONS = frozenset({"NO_VERIFIED_STAFF", "NO_SCHEDULE"})
STATUS_REASONS = frozenset({"NOT_REGISTERED", "NOT_ACTIVE", "SUSPENDED"})


@dataclass(frozen=True)
class MenuReadiness:
    """Both OSS menus and the unit's status, each with what is still missing."""

    ready: bool
    general_missing: list[str] = field(default_factory=list)  # field names, and "coordinates"
    staff_reasons: list[str] = field(default_factory=list)  # readiness codes of menu 2
    status_reasons: list[str] = field(default_factory=list)  # readiness codes of the unit's status
    reasons: list[str] = field(default_factory=list)  # every readiness code

    @property
    def general_complete(self) -> bool:
        return not self.general_missing

    @property
    def staff_complete(self) -> bool:
        return not self.staff_reasons


def menu_readiness(session: Session, *, hcode: str, at: datetime) -> MenuReadiness:
    unit = units.get_unit(session, hcode)
    missing = [name for name in GENERAL_REQUIRED if not getattr(unit, name)]
    if unit.latitude is None or unit.longitude is None:
        missing.append("coordinates")
    result = readiness.unit_readiness(session, hcode, at)
    return MenuReadiness(
        ready=result.ready and not missing, general_missing=missing,
        staff_reasons=[r for r in result.reasons if r in STAFF_REASONS],
        status_reasons=[r for r in result.reasons if r in STATUS_REASONS], reasons=list(result.reasons))


def update_profile(session: Session, principal: Principal, *, hcode: str, changes: dict[str, Any]) -> Unit:
    """Change the unit's general information: an NHSO admin anything, the unit's own admin only
    :data:`UNIT_EDITABLE` (403 ``ROLE_FORBIDDEN`` for the rest).  The registry validates."""
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    unit = units.get_unit(session, hcode)
    current = {name: getattr(unit, name) for name in units.UnitData.__dataclass_fields__}
    changed = {k: v for k, v in changes.items() if k in current and current[k] != v}
    if principal.role != Role.NHSO_ADMIN and set(changed) - UNIT_EDITABLE:
        raise forbidden_role(Role.NHSO_ADMIN)
    data = units.UnitData(**{**current, **changed, "hcode": hcode})
    return units.update_unit(session, hcode, data)


def profile_fields(unit: Unit) -> dict[str, Any]:
    """The unit's editable details (for a form)."""
    return {k: v for k, v in asdict(units.UnitData(**{n: getattr(unit, n) for n in units.UnitData.__dataclass_fields__})).items()}

"""Units: validation, creation, update and lookup."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from geofence.policy import DEFAULT_POLICY
from oss_registry.errors import RegistryError, invalid, required, too_long
from oss_registry.lifecycle import UnitStatus, parse_status, record_event
from oss_registry.tables import ProfessionUnitType, Staff, Unit, UnitType, string_limits

_HCODE = re.compile(r"^\d{5}$")
MIN_RADIUS_M, MAX_RADIUS_M = 10, 5000
_LIMITS = string_limits(Unit)


@dataclass
class UnitData:
    """The editable details of a unit (its status changes through :mod:`oss_registry.lifecycle`)."""

    hcode: str
    name: str
    unit_type: str
    address: str
    province: str
    phone_officer: str | None = None
    phone_public: str | None = None
    email: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geofence_radius_m: int = 100


def validate_hcode(hcode: str) -> str:
    hcode = (hcode or "").strip()
    if not _HCODE.match(hcode):
        raise RegistryError("INVALID_HCODE", hcode=hcode, field="hcode")
    return hcode


def validate_unit(session: Session, data: UnitData) -> UnitData:
    """Check a unit's details; returns them normalised or raises :class:`RegistryError`.

    The error's ``details["field"]`` names the offending field.
    """
    data = UnitData(**{k: (v.strip() or None) if isinstance(v, str) else v for k, v in asdict(data).items()})
    validate_hcode(data.hcode)
    for name in ("name", "address", "province"):
        if not getattr(data, name):
            raise required("INVALID_UNIT", name)
    for name, limit in _LIMITS.items():
        value = getattr(data, name, None)
        if isinstance(value, str) and len(value) > limit:
            raise too_long("INVALID_UNIT", name, limit)
    data.unit_type = (data.unit_type or "").upper()
    if not data.unit_type or session.get(UnitType, data.unit_type) is None:
        raise RegistryError("UNKNOWN_UNIT_TYPE", unit_type=data.unit_type, field="unit_type")
    if (data.latitude is None) != (data.longitude is None) or (
        data.latitude is not None and not DEFAULT_POLICY.in_country(data.latitude, data.longitude)
    ):
        raise RegistryError("INVALID_COORDINATES", field="latitude")
    if not MIN_RADIUS_M <= data.geofence_radius_m <= MAX_RADIUS_M:
        raise invalid("INVALID_UNIT", "geofence_radius_m",
                      f"รัศมีพื้นที่ให้บริการต้องอยู่ระหว่าง {MIN_RADIUS_M}-{MAX_RADIUS_M} เมตร",
                      f"geofence radius must be {MIN_RADIUS_M}-{MAX_RADIUS_M} m")
    if data.email and "@" not in data.email:
        raise invalid("INVALID_UNIT", "email", "รูปแบบอีเมลไม่ถูกต้อง", "email is not valid")
    return data


def get_unit(session: Session, hcode: str) -> Unit:
    unit = session.get(Unit, hcode)
    if unit is None:
        raise RegistryError("UNIT_NOT_FOUND", hcode=hcode)
    return unit


def list_units(session: Session, *, province: str | None = None, status: str | None = None,
               unit_type: str | None = None) -> list[Unit]:
    stmt = select(Unit).order_by(Unit.hcode)
    if province:
        stmt = stmt.where(Unit.province == province)
    if status:
        stmt = stmt.where(Unit.status == status)
    if unit_type:
        stmt = stmt.where(Unit.unit_type == unit_type)
    return list(session.scalars(stmt))


def create_unit(session: Session, data: UnitData, *, by: str, status: UnitStatus | str = UnitStatus.APPLIED,
                at: datetime | None = None) -> Unit:
    """Register a new unit (default status ``applied``; an import may give another)."""
    data = validate_unit(session, data)
    if session.get(Unit, data.hcode) is not None:
        raise RegistryError("UNIT_EXISTS", hcode=data.hcode, field="hcode")
    unit = Unit(**asdict(data), status=parse_status(status).value)
    session.add(unit)
    record_event(session, unit, None, by, "registered", at)
    session.flush()
    return unit


def _check_staff_fit(session: Session, unit: Unit, unit_type: str) -> None:
    """Refuse a new unit type that some of the unit's staff may not serve at."""
    professions = session.scalars(select(Staff.profession).where(Staff.hcode == unit.hcode).distinct())
    for profession in sorted(professions):
        if session.get(ProfessionUnitType, (profession, unit_type)) is None:
            raise RegistryError("PROFESSION_NOT_AT_UNIT_TYPE", profession=profession, unit_type=unit_type,
                                field="unit_type")


def update_unit(session: Session, hcode: str, data: UnitData) -> Unit:
    """Replace a unit's details (not its code or status).

    Changing the unit type is refused (``PROFESSION_NOT_ALLOWED``) while staff of a profession
    that may not serve at the new type are registered.
    """
    unit = get_unit(session, hcode)
    data = validate_unit(session, UnitData(**{**asdict(data), "hcode": hcode}))
    if data.unit_type != unit.unit_type:
        _check_staff_fit(session, unit, data.unit_type)
    for name, value in asdict(data).items():
        setattr(unit, name, value)
    session.flush()
    return unit

"""Bulk import and export of units as CSV (all rows land or none)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from oss_registry.csv_common import (
    Progress,
    cell_float,
    cell_int,
    read_csv,
    validate_all,
    write_all,
    write_csv,
)
from oss_registry.errors import RegistryError
from oss_registry.lifecycle import UnitStatus, parse_status
from oss_registry.tables import Unit
from oss_registry.units import UnitData, create_unit, list_units, validate_unit

UNIT_COLUMNS = (
    "hcode", "name", "unit_type", "address", "province", "phone_officer", "phone_public", "email",
    "latitude", "longitude", "geofence_radius_m", "status",
)
REQUIRED_UNIT_COLUMNS = ("hcode", "name", "unit_type", "address", "province")


def _check(session: Session, row: dict[str, str]) -> tuple[UnitData, UnitStatus]:
    data = validate_unit(session, UnitData(
        hcode=row["hcode"], name=row["name"], unit_type=row["unit_type"], address=row["address"],
        province=row["province"], phone_officer=row.get("phone_officer"), phone_public=row.get("phone_public"),
        email=row.get("email"), latitude=cell_float(row, "latitude"), longitude=cell_float(row, "longitude"),
        geofence_radius_m=cell_int(row, "geofence_radius_m", 100),
    ))
    status = parse_status(row.get("status") or UnitStatus.APPLIED)
    if session.get(Unit, data.hcode) is not None:
        raise RegistryError("UNIT_EXISTS", hcode=data.hcode, field="hcode")
    return data, status


def import_units_csv(session: Session, data: bytes | str, *, by: str, at: datetime | None = None,
                     progress: Progress | None = None) -> list[Unit]:
    """Create every unit of the file, or none (raises :class:`~oss_registry.csv_common.CsvImportError`).

    An optional ``status`` column sets the initial status (default ``applied``), so units that
    already serve can be migrated from the old system as ``active``.
    """
    rows = validate_all(read_csv(data, REQUIRED_UNIT_COLUMNS), lambda r: _check(session, r),
                        key=lambda item: item[0].hcode, progress=progress)
    return write_all(rows, lambda item: create_unit(session, item[0], by=by, status=item[1], at=at), progress)


def export_units_csv(session: Session) -> str:
    """Every unit, in the import format."""
    return write_csv(UNIT_COLUMNS, ([getattr(u, c) for c in UNIT_COLUMNS] for u in list_units(session)))

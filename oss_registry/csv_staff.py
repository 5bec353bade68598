"""Bulk import and export of staff with their schedules as CSV (all rows land or none).

The ``schedule`` column uses the compact form of :mod:`oss_registry.schedule`, e.g.
``MON-FRI 08:30-12:00,13:00-16:30; HOL 09:00-12:00``.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oss_registry.csv_common import (
    Progress,
    cell_date,
    read_csv,
    validate_all,
    write_all,
    write_csv,
)
from oss_registry.errors import RegistryError, required
from oss_registry.schedule import WeeklySchedule
from oss_registry.staff import StaffData, add_staff, find_staff, schedule_of, validate_staff
from oss_registry.tables import Staff, Unit
from oss_registry.units import get_unit

STAFF_COLUMNS = (
    "hcode", "pid", "title", "first_name", "last_name", "profession", "licence_no", "registration_type",
    "start_date", "end_date", "verification_status", "schedule",
)
REQUIRED_STAFF_COLUMNS = ("hcode", "pid", "title", "first_name", "last_name", "profession", "licence_no",
                          "start_date")


@dataclass(frozen=True)
class _StaffRow:
    unit: Unit
    data: StaffData
    schedule: WeeklySchedule


def _check(session: Session, row: dict[str, str]) -> _StaffRow:
    try:
        unit = get_unit(session, row["hcode"])
    except RegistryError as exc:
        raise RegistryError(exc.code, **{**exc.details, "field": "hcode"}) from None
    start = cell_date(row, "start_date")
    if start is None:
        raise required("INVALID_VALUE", "start_date")
    data = validate_staff(session, unit, StaffData(
        pid=row["pid"], title=row["title"], first_name=row["first_name"], last_name=row["last_name"],
        profession=row["profession"], licence_no=row["licence_no"], start_date=start,
        end_date=cell_date(row, "end_date"),
        registration_type=row.get("registration_type") or "FULL_TIME",
        verification_status=row.get("verification_status") or "PENDING",
    ))
    try:
        schedule = WeeklySchedule.parse(row.get("schedule", ""))
    except RegistryError as exc:
        raise RegistryError(exc.code, **{**exc.details, "field": "schedule"}) from None
    if find_staff(session, unit.hcode, data.pid, data.profession) is not None:
        raise RegistryError("STAFF_EXISTS", field="pid")
    return _StaffRow(unit, data, schedule)


def import_staff_csv(session: Session, data: bytes | str, progress: Progress | None = None) -> list[Staff]:
    """Register every staff member of the file with their schedule, or none."""
    rows = validate_all(read_csv(data, REQUIRED_STAFF_COLUMNS), lambda r: _check(session, r),
                        key=lambda item: (item.unit.hcode, item.data.pid, item.data.profession),
                        progress=progress)
    return write_all(rows, lambda r: add_staff(session, r.unit, r.data, r.schedule), progress)


def export_staff_csv(session: Session, hcode: str | None = None) -> str:
    """Staff (of one unit, or all) in the import format, schedules in compact form."""
    stmt = select(Staff).options(selectinload(Staff.schedule_rows)).order_by(Staff.hcode, Staff.id)
    if hcode:
        stmt = stmt.where(Staff.hcode == hcode)
    return write_csv(STAFF_COLUMNS, (
        [*(getattr(s, c) for c in STAFF_COLUMNS[:-1]), schedule_of(s).format()] for s in session.scalars(stmt)
    ))

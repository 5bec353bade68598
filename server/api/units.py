"""Unit registry endpoints: units, status, readiness, staff with schedules, on-duty, CSV."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile
from sqlalchemy.orm import Session

from server.api.auth import (
    ANYONE,
    NHSO_ADMIN_ONLY,
    NHSO_ONLY,
    UNIT_MANAGER,
    UNIT_MEMBER,
    PrincipalDep,
    get_now,
)
from server.api.deps import SessionDep
from server.errors import CATALOGUE
from server.schemas.common import ERROR_RESPONSES, ErrorBody, ValidationErrorBody
from server.schemas.registry import (
    HCODE_PATTERN,
    CsvErrorBody,
    CsvImportOut,
    OnDutyOut,
    ProfessionDutyOut,
    ReadinessOut,
    ScheduleIn,
    StaffIn,
    StaffOut,
    StaffVerificationIn,
    StatusChangeIn,
    StatusEventOut,
    UnitCreate,
    UnitIn,
    UnitOut,
)
from server.services import registry as svc
from server.services.access import Principal, Role, ensure_unit_access, require_role

router = APIRouter(prefix="/api/v1/units", tags=["units"], responses=ERROR_RESPONSES)

Hcode = Path(pattern=HCODE_PATTERN, examples=["77001"])
StaffId = Path(ge=1, le=2**31 - 1, examples=[1])
At = Query(None, description="An instant (ISO 8601); without an offset it is Bangkok time; default now")
CSV_MEDIA = "text/csv; charset=utf-8"
CSV_MAX_BYTES = 10 * 1024 * 1024
"""The largest CSV accepted for import (tens of thousands of rows)."""
CSV_ERRORS = {
    413: {"model": ErrorBody, "description": "CSV_TOO_LARGE: the file is larger than 10 MiB"},
    422: {"model": CsvErrorBody | ValidationErrorBody,
          "description": "CSV_INVALID: nothing saved, refused rows listed; or VALIDATION_ERROR: no file sent"},
}
_CHUNK = 256 * 1024


def _read_csv(upload: UploadFile) -> bytes:
    """The uploaded file's bytes; 413 ``CSV_TOO_LARGE`` past :data:`CSV_MAX_BYTES`.

    Import endpoints are plain ``def`` (run in the thread pool, like every database call), so
    the spooled upload is read synchronously.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := upload.file.read(_CHUNK):
        size += len(chunk)
        if size > CSV_MAX_BYTES:
            raise CATALOGUE.error("CSV_TOO_LARGE", limit_bytes=CSV_MAX_BYTES)
        chunks.append(chunk)
    return b"".join(chunks)


def _csv(text: str, filename: str) -> Response:
    return Response(text, media_type=CSV_MEDIA, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


# --- CSV (static paths first) --------------------------------------------------------------------

@router.post("/import.csv", response_model=CsvImportOut, status_code=201, responses=CSV_ERRORS,
             summary="Import units from CSV: every row lands or none", dependencies=[NHSO_ADMIN_ONLY])
def import_units(file: UploadFile, request: Request, session: Session = SessionDep,
                 principal: Principal = PrincipalDep) -> CsvImportOut:
    return svc.import_units(session, data=_read_csv(file), by=principal.id, at=get_now(request))


@router.get("/export.csv", summary="Export every unit as CSV (the import format)", dependencies=[NHSO_ONLY])
def export_units(session: Session = SessionDep) -> Response:
    return _csv(svc.export_units(session), "units.csv")


@router.post("/staff/import.csv", response_model=CsvImportOut, status_code=201, responses=CSV_ERRORS,
             summary="Import staff with schedules from CSV: every row lands or none", dependencies=[NHSO_ADMIN_ONLY])
def import_staff(file: UploadFile, session: Session = SessionDep) -> CsvImportOut:
    return svc.import_staff(session, data=_read_csv(file))


@router.get("/staff/export.csv", summary="Export staff (of one unit, or all) as CSV")
def export_staff(hcode: str | None = Query(None, pattern=HCODE_PATTERN), session: Session = SessionDep,
                 principal: Principal = PrincipalDep) -> Response:
    if hcode is None:
        require_role(principal, Role.NHSO_ADMIN, Role.NHSO_REVIEWER)
    else:
        ensure_unit_access(principal, hcode)
    return _csv(svc.export_staff(session, hcode=hcode), f"staff-{hcode or 'all'}.csv")


# --- units -------------------------------------------------------------------------------------

@router.get("", response_model=list[UnitOut], summary="List units, optionally filtered", dependencies=[ANYONE])
def list_units(
    province: str | None = Query(None, max_length=100),
    status: str | None = Query(None, max_length=16),
    unit_type: str | None = Query(None, max_length=32),
    session: Session = SessionDep,
) -> list[UnitOut]:
    return svc.list_units(session, province=province, status=status, unit_type=unit_type)


@router.post("", response_model=UnitOut, status_code=201, summary="Register a unit (status applied)", dependencies=[NHSO_ADMIN_ONLY])
def create_unit(body: UnitCreate, session: Session = SessionDep, principal: Principal = PrincipalDep) -> UnitOut:
    return svc.create_unit(session, body=body, by=principal.id)


@router.get("/{hcode}", response_model=UnitOut, summary="One unit", dependencies=[ANYONE])
def get_unit(hcode: str = Hcode, session: Session = SessionDep) -> UnitOut:
    return svc.get_unit(session, hcode=hcode)


@router.put("/{hcode}", response_model=UnitOut, summary="Replace a unit's details (not its status)", dependencies=[NHSO_ADMIN_ONLY])
def update_unit(body: UnitIn, hcode: str = Hcode, session: Session = SessionDep) -> UnitOut:
    return svc.update_unit(session, hcode=hcode, body=body)


@router.post("/{hcode}/status", response_model=UnitOut,
             summary="Change status: applied→approved→active↔suspended, →withdrawn (final)", dependencies=[NHSO_ADMIN_ONLY])
def change_status(body: StatusChangeIn, request: Request, hcode: str = Hcode,
                  session: Session = SessionDep, principal: Principal = PrincipalDep) -> UnitOut:
    return svc.change_status(session, hcode=hcode, body=body, at=get_now(request), by=principal.id)


@router.get("/{hcode}/status-events", response_model=list[StatusEventOut], summary="The unit's status history", dependencies=[UNIT_MEMBER])
def status_events(hcode: str = Hcode, session: Session = SessionDep) -> list[StatusEventOut]:
    return svc.status_events(session, hcode=hcode)


@router.get("/{hcode}/readiness", response_model=ReadinessOut,
            summary="Is the unit ready to verify? (every failing reason listed)", dependencies=[UNIT_MEMBER])
def readiness(request: Request, hcode: str = Hcode, at: datetime | None = At,
              session: Session = SessionDep) -> ReadinessOut:
    return svc.unit_readiness(session, hcode=hcode, at=svc.as_instant(at, get_now(request)))


@router.get("/{hcode}/on-duty", response_model=OnDutyOut, summary="Verified staff of a profession on duty", dependencies=[UNIT_MEMBER])
def on_duty(request: Request, hcode: str = Hcode, profession: str = Query(..., max_length=32),
            at: datetime | None = At, session: Session = SessionDep) -> OnDutyOut:
    return svc.on_duty(session, hcode=hcode, profession=profession, at=svc.as_instant(at, get_now(request)))


@router.get("/{hcode}/professions", response_model=list[ProfessionDutyOut],
            summary="The professions the unit may serve with, and who is on duty now (for the tablet)",
            dependencies=[UNIT_MEMBER])
def professions(request: Request, hcode: str = Hcode, at: datetime | None = At,
                session: Session = SessionDep) -> list[ProfessionDutyOut]:
    return svc.professions(session, hcode=hcode, at=svc.as_instant(at, get_now(request)))


# --- staff -------------------------------------------------------------------------------------

@router.get("/{hcode}/staff", response_model=list[StaffOut], summary="The unit's staff with schedules", dependencies=[UNIT_MEMBER])
def list_staff(hcode: str = Hcode, session: Session = SessionDep) -> list[StaffOut]:
    return svc.list_staff(session, hcode=hcode)


@router.post("/{hcode}/staff", response_model=StaffOut, status_code=201, summary="Register a staff member", dependencies=[UNIT_MANAGER])
def add_staff(body: StaffIn, hcode: str = Hcode, session: Session = SessionDep,
              principal: Principal = PrincipalDep) -> StaffOut:
    return svc.add_staff(session, hcode=hcode, body=body, principal=principal)


@router.get("/{hcode}/staff/{staff_id}", response_model=StaffOut, summary="One staff member", dependencies=[UNIT_MEMBER])
def get_staff(hcode: str = Hcode, staff_id: int = StaffId, session: Session = SessionDep) -> StaffOut:
    return svc.get_staff(session, hcode=hcode, staff_id=staff_id)


@router.put("/{hcode}/staff/{staff_id}", response_model=StaffOut,
            summary="Replace a staff member's details (and schedule, if given)", dependencies=[UNIT_MANAGER])
def update_staff(body: StaffIn, hcode: str = Hcode, staff_id: int = StaffId, session: Session = SessionDep,
                 principal: Principal = PrincipalDep) -> StaffOut:
    return svc.update_staff(session, hcode=hcode, staff_id=staff_id, body=body, principal=principal)


@router.post("/{hcode}/staff/{staff_id}/verification", response_model=StaffOut,
             summary="NHSO confirms or rejects a staff member's identity", dependencies=[NHSO_ONLY])
def confirm_staff(body: StaffVerificationIn, hcode: str = Hcode, staff_id: int = StaffId,
                  session: Session = SessionDep) -> StaffOut:
    return svc.confirm_staff(session, hcode=hcode, staff_id=staff_id, status=body.status)


@router.delete("/{hcode}/staff/{staff_id}", status_code=204, summary="Remove a staff member and schedule", dependencies=[UNIT_MANAGER])
def delete_staff(hcode: str = Hcode, staff_id: int = StaffId, session: Session = SessionDep) -> Response:
    svc.delete_staff(session, hcode=hcode, staff_id=staff_id)
    return Response(status_code=204)


@router.put("/{hcode}/staff/{staff_id}/schedule", response_model=StaffOut,
            summary="Set the weekly schedule (text or days), or copy one day to all days", dependencies=[UNIT_MANAGER])
def set_schedule(body: ScheduleIn, hcode: str = Hcode, staff_id: int = StaffId, session: Session = SessionDep) -> StaffOut:
    return svc.set_schedule(session, hcode=hcode, staff_id=staff_id, body=body)

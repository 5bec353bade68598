"""Staff of a unit (OSS menu 2): the list, and the editor with the weekly grid."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console import schedule_form as grid_mod
from server.console.csrf import FormDep
from server.console.errors import Problem, attempt, invalid_form
from server.console.forms import FormReader
from server.console.guards import MANAGERS, HcodePath, IdPath, unit_manager, unit_member
from server.console.i18n import Translator, lang_of
from server.console.ports import SessionDep, registry, staff_domain, units
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render
from server.schemas.registry import ScheduleIn, StaffIn

router = APIRouter(prefix="/console/units", route_class=ConsoleRoute, include_in_schema=False)

TEXT_FIELDS = {"title": 40, "first_name": 100, "last_name": 100, "licence_no": 32}
REGISTRATION = ("FULL_TIME", "PART_TIME")


@router.get("/{hcode}/staff")
def staff_list(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
               ) -> Response:
    unit_member(user, hcode)
    unit = units.get_unit(session, hcode)
    people = registry.list_staff(session, hcode=hcode)
    t = Translator(lang_of(request))
    rows = [{"staff": s, "schedule": grid_mod.words(s.schedule.days, t)} for s in people]
    names = {p.code: p for p in registry.professions(session, hcode=hcode, at=get_now(request))}
    notice = request.query_params.get("saved")
    return render(request, "staff_list.html", {"unit": unit, "rows": rows, "professions": names,
                                               "can_edit": user.has(*MANAGERS), "notice": notice}, user=user)


def _editor(request: Request, session: Session, user: ConsoleUser, hcode: str, *, values: dict[str, Any],
            grid: grid_mod.Grid, staff_id: int | None = None, problem: Problem | None = None,
            status: int = 200) -> Response:
    unit = units.get_unit(session, hcode)
    current = registry.get_staff(session, hcode=hcode, staff_id=staff_id) if staff_id else None
    professions = registry.professions(session, hcode=hcode, at=get_now(request))
    return render(request, "staff_edit.html", {
        "unit": unit, "values": values, "grid": grid, "days": grid_mod.DAYS, "staff_id": staff_id,
        "current": current, "professions": professions, "problem": problem, "registration": REGISTRATION,
    }, user=user, status=status)


@router.get("/{hcode}/staff/new")
def new_staff(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
              ) -> Response:
    unit_manager(user, hcode)
    return _editor(request, session, user, hcode, values={"registration_type": "FULL_TIME", "works": "some"},
                   grid=grid_mod.empty_grid())


@router.get("/{hcode}/staff/{staff_id}")
def edit_staff(request: Request, hcode: str = HcodePath(), staff_id: int = IdPath(), session: Session = SessionDep,
               user: ConsoleUser = UserDep) -> Response:
    unit_member(user, hcode)
    staff = registry.get_staff(session, hcode=hcode, staff_id=staff_id)
    values = {"title": staff.title, "first_name": staff.first_name, "last_name": staff.last_name,
              "profession": staff.profession, "licence_no": staff.licence_no,
              "registration_type": staff.registration_type, "start_date": staff.start_date,
              "end_date": staff.end_date, "works": "some"}
    return _editor(request, session, user, hcode, values=values, grid=grid_mod.grid_from_days(staff.schedule.days),
                   staff_id=staff_id)


def _read(reader: FormReader, professions: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: reader.text(name, max_len=limit) for name, limit in TEXT_FIELDS.items()}
    values["profession"] = reader.choice("profession", professions, required=True)
    values["registration_type"] = reader.choice("registration_type", REGISTRATION) or "FULL_TIME"
    values["start_date"] = reader.date("start_date", required=True, label_th="วันที่เริ่มทำงาน", label_en="Start date")
    values["end_date"] = reader.date("end_date", label_th="วันที่สิ้นสุดทำงาน", label_en="End date")
    values["works"] = reader.choice("works", ("all", "some")) or "some"
    values["pid_text"] = reader.raw("pid").strip()[:20]
    return values


def _problem_of_validation(exc: ValidationError) -> Problem:
    first = exc.errors()[0]
    name = ".".join(str(p) for p in first.get("loc", ()) if p != "schedule")
    return invalid_form(f"ข้อมูลไม่ถูกต้อง: {name}", f"Invalid value: {name} ({first.get('msg')})", name or None)


def _save(request: Request, session: Session, user: ConsoleUser, hcode: str, form: FormData,
          staff_id: int | None) -> Response:
    unit_manager(user, hcode)
    current = staff_domain.get_staff(session, staff_id=staff_id, hcode=hcode) if staff_id else None
    reader = FormReader(form)
    professions = [p.code for p in registry.professions(session, hcode=hcode, at=get_now(request))]
    values = _read(reader, professions)
    grid = grid_mod.grid_from_form(reader)
    if values["works"] == "all":
        grid = grid_mod.every_day(grid)
    copy_from = reader.choice("copy_from", grid_mod.DAYS)
    if copy_from:  # the "copy to other days" button without JavaScript: show the copied grid, save nothing
        return _editor(request, session, user, hcode, values=values, grid=grid_mod.copy_day(grid, copy_from),
                       staff_id=staff_id)
    pid = reader.pid("pid", required=current is None) or (current.pid if current else None)
    for name in ("title", "first_name", "last_name", "licence_no"):
        if not values[name]:
            reader.fail(name, "กรุณากรอกข้อมูลที่มีเครื่องหมาย *", "Fill in every field marked *")
    days = grid_mod.schedule_days(grid, reader)
    if reader.problem is not None:
        return _editor(request, session, user, hcode, values=values, grid=grid, staff_id=staff_id,
                       problem=reader.problem, status=422)
    try:
        body = StaffIn(pid=pid, title=values["title"], first_name=values["first_name"], last_name=values["last_name"],
                       profession=values["profession"], licence_no=values["licence_no"],
                       registration_type=values["registration_type"], start_date=values["start_date"],
                       end_date=values["end_date"],
                       verification_status=current.verification_status if current else "PENDING",
                       schedule=ScheduleIn(days=days))
    except ValidationError as exc:
        return _editor(request, session, user, hcode, values=values, grid=grid, staff_id=staff_id,
                       problem=_problem_of_validation(exc), status=422)
    if staff_id is None:
        saved, problem = attempt(session, lambda: registry.add_staff(session, hcode=hcode, body=body,
                                                                                 principal=user.principal))
    else:
        saved, problem = attempt(session, lambda: registry.update_staff(
            session, hcode=hcode, staff_id=staff_id, body=body, principal=user.principal))
    if problem is not None or saved is None:
        return _editor(request, session, user, hcode, values=values, grid=grid, staff_id=staff_id, problem=problem,
                       status=problem.status if problem else 422)
    return RedirectResponse(f"/console/units/{hcode}/staff?saved={saved.id}", status_code=303)


@router.post("/{hcode}/staff")
def create_staff(request: Request, hcode: str = HcodePath(), form: FormData = FormDep,
                 session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    return _save(request, session, user, hcode, form, None)


@router.post("/{hcode}/staff/{staff_id}")
def update_staff(request: Request, hcode: str = HcodePath(), staff_id: int = IdPath(),
                 form: FormData = FormDep, session: Session = SessionDep,
                 user: ConsoleUser = UserDep) -> Response:
    return _save(request, session, user, hcode, form, staff_id)


@router.post("/{hcode}/staff/{staff_id}/delete")
def delete_staff(hcode: str = HcodePath(), staff_id: int = IdPath(), form: FormData = FormDep,
                 session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    unit_manager(user, hcode)
    registry.delete_staff(session, hcode=hcode, staff_id=staff_id)
    return RedirectResponse(f"/console/units/{hcode}/staff", status_code=303)

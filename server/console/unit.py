"""The unit's general information as OSS shows it, and whether both OSS menus are complete."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from server.console.csrf import FormDep
from server.console.errors import Problem, attempt
from server.console.forms import FormReader
from server.console.guards import MANAGERS, HcodePath, unit_member
from server.console.ports import Role, SessionDep, UnitType, units
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render
from server.services import unit_profile

router = APIRouter(prefix="/console/units", route_class=ConsoleRoute, include_in_schema=False)

FIELDS = {  # name → (max length, Thai label, English label)
    "name": (200, "ชื่อสถานบริการ", "Name"), "address": (500, "ที่อยู่", "Address"),
    "province": (100, "จังหวัด", "Province"), "phone_officer": (20, "เบอร์โทรสำหรับเจ้าหน้าที่ สปสช.", "Phone for NHSO"),
    "phone_public": (20, "เบอร์โทรสำหรับประชาชน", "Phone for the public"), "email": (200, "อีเมล", "E-mail"),
}


def _page(request: Request, session: Session, user: ConsoleUser, hcode: str, *, values: dict | None = None,
          problem: Problem | None = None, notice: str | None = None, status: int = 200) -> Response:
    unit = units.get_unit(session, hcode)
    menus = unit_profile.menu_readiness(session, hcode=hcode, at=get_now(request))
    unit_type = session.get(UnitType, unit.unit_type)
    context = {"unit": unit, "unit_type": unit_type, "menus": menus, "values": values or unit_profile.profile_fields(unit),
               "problem": problem, "notice": notice, "editable": sorted(unit_profile.UNIT_EDITABLE),
               "can_edit": user.has(*MANAGERS),
               "nhso_admin": user.has(Role.NHSO_ADMIN)}
    return render(request, "unit_profile.html", context, user=user, status=status)


@router.get("/{hcode}")
def profile(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
            ) -> Response:
    unit_member(user, hcode)
    saved = request.query_params.get("saved") == "1"
    return _page(request, session, user, hcode, notice="saved" if saved else None)


@router.post("/{hcode}")
def save_profile(request: Request, hcode: str = HcodePath(), form: FormData = FormDep,
                 session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    unit_member(user, hcode)
    reader = FormReader(form)
    editable = unit_profile.UNIT_EDITABLE if not user.has(Role.NHSO_ADMIN) else set(FIELDS) | unit_profile.UNIT_EDITABLE
    changes: dict[str, object] = {}
    for name, (limit, th, en) in FIELDS.items():
        if name in editable and name in form:
            changes[name] = reader.text(name, max_len=limit, label_th=th, label_en=en)
    if "latitude" in form or "longitude" in form:
        changes["latitude"] = reader.number("latitude", low=-90, high=90, label_th="ละติจูด", label_en="Latitude")
        changes["longitude"] = reader.number("longitude", low=-180, high=180, label_th="ลองจิจูด", label_en="Longitude")
    if user.has(Role.NHSO_ADMIN) and "geofence_radius_m" in form:
        radius = reader.integer("geofence_radius_m", low=1, high=100000)
        if radius is not None:
            changes["geofence_radius_m"] = radius
    values = {**unit_profile.profile_fields(units.get_unit(session, hcode)), **changes}
    if reader.problem is not None:
        return _page(request, session, user, hcode, values=values, problem=reader.problem, status=422)
    _, problem = attempt(session, lambda: unit_profile.update_profile(session, user.principal, hcode=hcode,
                                                                      changes=changes))
    if problem is not None:
        return _page(request, session, user, hcode, values=values, problem=problem, status=problem.status)
    return RedirectResponse(f"/console/units/{hcode}?saved=1", status_code=303)


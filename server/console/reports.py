"""The claim-code summary report with all the documents' filters, its title line, and exports."""
from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.console import report_export
from server.console.claim_filters import (
    CERTIFIERS,
    CHANNELS,
    METHODS,
    STATUSES,
    read_filter,
    service_types,
)
from server.console.forms import FormReader
from server.console.i18n import Translator, lang_of
from server.console.ports import Profession, SessionDep, Unit, service_date
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import be_long, render
from server.services import claim_report_scope, health_regions

router = APIRouter(prefix="/console/reports", route_class=ConsoleRoute, include_in_schema=False)
SCREEN_ROWS = 500
MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def title_line(t: Translator, *, who: str, start: date, end: date) -> str:
    return t("report.title_line", who=who, start=be_long(start, t.lang), end=be_long(end, t.lang))


def _who(session: Session, t: Translator, user: ConsoleUser, values: dict) -> str:
    hcode = values.get("hcode") or (None if user.is_nhso else user.hcode)
    if hcode:
        unit = session.get(Unit, hcode)
        return f"{unit.name} ({hcode})" if unit else hcode
    if values.get("unit_name"):
        return values["unit_name"]
    if values.get("province"):
        return t("report.province_of", province=values["province"])
    if values.get("region"):
        return health_regions.region_name(values["region"])
    return t("report.all_units")


@router.get("/claims")
def report(request: Request, format: Literal["html", "csv", "xlsx"] = Query("html"), session: Session = SessionDep,
           user: ConsoleUser = UserDep) -> Response:
    t = Translator(lang_of(request))
    read = read_filter(request.query_params, session, extra=True)
    reader = FormReader(request.query_params)
    region = reader.integer("region", low=1, high=13)
    province = reader.choice("province", health_regions.provinces())
    unit_name = reader.text("unit_name", max_len=200)
    professions = list(session.scalars(select(Profession).order_by(Profession.sort_order)))
    profession = reader.choice("service", [p.code for p in professions])
    values = {**read.values, "region": region, "province": province, "unit_name": unit_name, "service": profession}
    problem = read.problem or reader.problem
    rows: list[dict[str, str]] = []
    ran = "run" in request.query_params or format != "html"
    if problem is None and ran:
        scope = claim_report_scope.UnitScope(region=region, province=province, unit_name=unit_name)
        rows = claim_report_scope.report_rows(session, user.principal, claim_filter=read.filter, scope=scope,
                                              profession=profession)
    f = read.filter
    today = service_date(get_now(request))
    end = f.service_to or f.recorded_to or today
    start = f.service_from or f.recorded_from or end
    title = title_line(t, who=_who(session, t, user, values), start=start, end=end)
    if format != "html" and problem is None:
        body = report_export.to_csv(rows, t) if format == "csv" else report_export.to_xlsx(rows, title)
        name = f"fvs-report-{get_now(request):%Y%m%d%H%M}.{format}"
        return Response(body, media_type=MEDIA[format], headers={
            "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
    return render(request, "report.html", {
        "values": values, "problem": problem, "rows": report_export.in_words(rows[:SCREEN_ROWS], t),
        "total": len(rows), "ran": ran, "title": title, "columns": report_export.COLUMNS,
        "services": service_types(session), "professions": professions, "statuses": STATUSES, "channels": CHANNELS,
        "methods": METHODS, "certifiers": CERTIFIERS, "regions": health_regions.REGIONS,
        "provinces": health_regions.provinces(region), "screen_rows": SCREEN_ROWS,
        "export_query": request.url.query}, user=user, status=problem.status if problem else 200)

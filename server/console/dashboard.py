"""NHSO's dashboard: charts drawn on the server as SVG."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from server.console import charts
from server.console.i18n import Translator, lang_of
from server.console.ports import SessionDep
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render
from server.services import dashboard as figures

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)


def _age(t: Translator, delta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return t("appeals.age", days=hours // 24, hours=hours % 24)


@router.get("/dashboard")
def dashboard(request: Request, days: int = Query(14, ge=1, le=92), session: Session = SessionDep,
              user: ConsoleUser = UserDep) -> Response:
    t = Translator(lang_of(request))
    d = figures.dashboard(session, user.principal, now=get_now(request), days=days)
    labels = [f"{x.day}/{x.month}" for x in d.days]
    svg = {
        "channel": charts.stacked_days(t("dash.by_channel"), labels, d.by_channel,
                                       {k: t.label("channel", k) for k in d.by_channel}),
        "method": charts.stacked_days(t("dash.by_method"), labels, d.by_method,
                                      {k: t.label("method", k) for k in d.by_method}),
        "refusals": charts.hbars(t("dash.refusals"), [(t.label("reason", c), n) for c, n in d.refusals[:12]]),
        "liveness": charts.day_bars(t("dash.liveness"), labels, d.liveness_refusals, colour="#b3261e"),
        "geofence": charts.day_bars(t("dash.geofence"), labels, d.geofence_refusals, colour="#d08700"),
        "ages": charts.hbars(t("dash.appeal_ages"), [(t("dash.age." + k), n) for k, n in d.appeal_ages],
                             colour="#6b4fa8"),
    }
    return render(request, "dashboard.html", {
        "d": d, "svg": svg, "days": days, "oldest": _age(t, d.oldest_appeal) if d.oldest_appeal else "—",
        "total_codes": sum(sum(v) for v in d.by_channel.values())}, user=user)

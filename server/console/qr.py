"""The unit's QR per service type: shown on the page, downloadable as PNG or SVG."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.console import unit_qr
from server.console.guards import HcodePath, unit_member
from server.console.ports import ServiceType, SessionDep, units
from server.console.qr_images import png_file, svg_file, svg_inline
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render

router = APIRouter(prefix="/console/units", route_class=ConsoleRoute, include_in_schema=False)

def ServiceCode():
    return Path(pattern=r"^[A-Z0-9]{4,16}$")


def _secret(request: Request) -> str:
    return request.app.state.settings.secret_key.get_secret_value()


@router.get("/{hcode}/qr")
def qr_page(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
            ) -> Response:
    unit_member(user, hcode)
    unit = units.get_unit(session, hcode)
    cards = []
    for service in session.scalars(select(ServiceType).where(ServiceType.active.is_(True)).order_by(ServiceType.sort_order)):
        text, _, day = unit_qr.payload(session, user.principal, hcode=hcode, service_type=service.code,
                                       now=get_now(request), secret=_secret(request))
        cards.append({"service": service, "svg": svg_inline(text, title=service.code), "day": day})
    return render(request, "unit_qr.html", {"unit": unit, "cards": cards}, user=user)


@router.get("/{hcode}/qr/{service_type}.{kind}")
def qr_download(request: Request, hcode: str = HcodePath(), service_type: str = ServiceCode(),
                kind: Literal["png", "svg"] = Path(), session: Session = SessionDep,
                user: ConsoleUser = UserDep) -> Response:
    unit_member(user, hcode)
    text, service, day = unit_qr.payload(session, user.principal, hcode=hcode, service_type=service_type,
                                         now=get_now(request), secret=_secret(request))
    name = f"fvs-qr-{hcode}-{service.code}-{day:%Y%m%d}.{kind}"
    body, media = (png_file(text), "image/png") if kind == "png" else (svg_file(text), "image/svg+xml")
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                     "Cache-Control": "no-store"})

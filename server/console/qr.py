"""The unit's QR per service type: shown on the page, downloadable as PNG or SVG."""
from __future__ import annotations

from typing import Literal

import segno
from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.console import unit_qr
from server.console.guards import HcodePath, unit_member
from server.console.i18n import lang_of
from server.console.ports import ServiceType, SessionDep, service_date, units
from server.console.qr_images import svg_inline
from server.console.routing import ConsoleRoute
from server.console.sessions import ConsoleUser, UserDep, get_now
from server.console.templating import render

router = APIRouter(prefix="/console/units", route_class=ConsoleRoute, include_in_schema=False)

def ServiceCode():
    return Path(pattern=r"^[A-Z0-9-]{4,16}$")


def _secret(request: Request) -> str:
    return request.app.state.settings.secret_key.get_secret_value()


@router.get("/{hcode}/qr")
def qr_page(request: Request, hcode: str = HcodePath(), session: Session = SessionDep, user: ConsoleUser = UserDep
            ) -> Response:
    unit_member(user, hcode)
    unit = units.get_unit(session, hcode)
    cards = []
    for service in session.scalars(select(ServiceType).where(ServiceType.active.is_(True)).order_by(ServiceType.sort_order)):
        if not service.in_effect_on(service_date(get_now(request))):
            continue
        text, _, version = unit_qr.payload(session, user.principal, hcode=hcode, service_type=service.code,
                                           now=get_now(request), secret=_secret(request))
        cards.append({"service": service, "svg": svg_inline(text, title=service.code), "version": version})
    return render(request, "unit_qr.html", {"unit": unit, "cards": cards}, user=user)


@router.get("/{hcode}/qr/{service_type}.{kind}")
def qr_download(request: Request, hcode: str = HcodePath(), service_type: str = ServiceCode(),
                kind: Literal["png", "svg"] = Path(), session: Session = SessionDep,
                user: ConsoleUser = UserDep) -> Response:
    unit_member(user, hcode)
    body, media, name = unit_qr.image(session, user.principal, hcode=hcode, service_type=service_type,
                                      now=get_now(request), secret=_secret(request), kind=kind, lang=lang_of(request))
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                     "Cache-Control": "no-store"})


@router.get("/{hcode}/qr/{service_type}/live")
def qr_live(request: Request, hcode: str = HcodePath(), service_type: str = ServiceCode(),
            session: Session = SessionDep, user: ConsoleUser = UserDep) -> Response:
    """The unit's screen: the rotating QR, the page reloading itself before the QR changes."""
    unit_member(user, hcode)
    card = unit_qr.rotating(session, user.principal, hcode=hcode, service_type=service_type, now=get_now(request),
                            secret=_secret(request))
    svg = segno.make(card.payload, error="m").svg_inline(scale=1, border=4, omitsize=True, title=service_type)
    return render(request, "unit_qr_live.html", {"card": card, "svg": svg}, user=user, headers={"Refresh": "25"})

"""Unit QR codes (NHSO's CPP QR per service type): JSON, PNG or SVG with the unit name, service name
and code printed under the code; the rotating QR a unit's screen shows; the unit's QR settings."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy.orm import Session

from oss_registry.units import get_unit
from server.api.auth import NowDep, PrincipalDep
from server.api.deps import SessionDep
from server.schemas.common import ERROR_RESPONSES
from server.schemas.registry import HCODE_PATTERN
from server.schemas.unit_qr import UnitQrOut, UnitQrSettingsIn, UnitQrSettingsOut
from server.services import qr_tokens, unit_qr
from server.services.access import Principal, ensure_unit_access
from server.services.unit_qr_images import card_lines, labelled_png, labelled_svg
from thai_civil.calendar import format_be_datetime, service_date

router = APIRouter(prefix="/api/v1/units", tags=["unit QR"], responses=ERROR_RESPONSES)

Hcode = Path(pattern=HCODE_PATTERN, examples=["77001"])
ServiceTypeQ = Query(..., pattern=r"^[A-Za-z0-9-]{2,16}$", examples=["PG0070001"], description="The service type")
Format = Query("json", description="json (the payload), png or svg (the printable card)")
IMAGES = {200: {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}},
                            "image/svg+xml": {"schema": {"type": "string"}}},
                "description": "The payload (JSON), or the card with the unit and service printed under the code"}}


def _answer(card: unit_qr.UnitQrCard, fmt: str, now: datetime) -> Response | UnitQrOut:
    if fmt == "json":
        refresh = None if card.expires_at is None else qr_tokens.ROTATE_S
        return UnitQrOut(hcode=card.unit.hcode, unit_name=card.unit.name, service_type=card.service.code,
                         service_name_th=card.service.name_th, service_name_en=card.service.name_en, kind=card.kind,
                         payload=card.payload, version=card.version, service_date=service_date(now),
                         expires_at=card.expires_at, refresh_after_s=refresh)
    extra = None if card.expires_at is None else f"ใช้ได้ถึง {format_be_datetime(card.expires_at)} น."
    lines = card_lines(unit_name=card.unit.name, hcode=card.unit.hcode, service_name=card.service.name_th,
                       service_code=card.service.code, extra=extra)
    stem = f"fvs-qr-{card.unit.hcode}-{card.service.code}-{card.kind.lower()}"
    if fmt == "png":
        body, media = labelled_png(card.payload, lines), "image/png"
    else:
        body, media = labelled_svg(card.payload, lines), "image/svg+xml"
    return Response(body, media_type=media, headers={"Content-Disposition": f'inline; filename="{stem}.{fmt}"',
                                                     "Cache-Control": "no-store"})


@router.get("/{hcode}/qr", response_model=UnitQrOut, responses=IMAGES,
            summary="The unit's static QR for a service type (the unit's people and NHSO)")
def static_qr(request: Request, hcode: str = Hcode, service_type: str = ServiceTypeQ,
              format: Literal["json", "png", "svg"] = Format, session: Session = SessionDep,
              principal: Principal = PrincipalDep, now: datetime = NowDep):
    card = unit_qr.card(session, principal=principal, hcode=hcode, service_type=service_type, kind=qr_tokens.STATIC,
                        now=now, secret=request.app.state.settings.secret_key.get_secret_value())
    return _answer(card, format, now)


@router.get("/{hcode}/qr/rotating", response_model=UnitQrOut, responses=IMAGES,
            summary="The unit's rotating QR (a new payload every 30 s, accepted for at most 60 s) for its screen")
def rotating_qr(request: Request, hcode: str = Hcode, service_type: str = ServiceTypeQ,
                format: Literal["json", "png", "svg"] = Format, session: Session = SessionDep,
                principal: Principal = PrincipalDep, now: datetime = NowDep):
    card = unit_qr.card(session, principal=principal, hcode=hcode, service_type=service_type,
                        kind=qr_tokens.ROTATING, now=now,
                        secret=request.app.state.settings.secret_key.get_secret_value())
    return _answer(card, format, now)


def _settings_out(row) -> UnitQrSettingsOut:
    kinds = [k for k in unit_qr.KINDS if unit_qr.accepts(row, k)]
    return UnitQrSettingsOut(hcode=row.hcode, accepted_kinds=kinds, static_version=row.static_version,
                             updated_by=row.updated_by, updated_at=row.updated_at)


@router.get("/{hcode}/qr-settings", response_model=UnitQrSettingsOut, summary="Which kinds of QR the unit accepts")
def get_settings(hcode: str = Hcode, session: Session = SessionDep, principal: Principal = PrincipalDep):
    ensure_unit_access(principal, hcode)
    get_unit(session, hcode)
    return _settings_out(unit_qr.settings_of(session, hcode))


@router.put("/{hcode}/qr-settings", response_model=UnitQrSettingsOut,
            summary="Choose the kinds of QR the unit accepts; optionally void every printed QR (unit admin)")
def put_settings(body: UnitQrSettingsIn, hcode: str = Hcode, session: Session = SessionDep,
                 principal: Principal = PrincipalDep, now: datetime = NowDep):
    row = unit_qr.change_settings(session, principal=principal, hcode=hcode,
                                  accept_static="STATIC" in body.accepted_kinds,
                                  accept_rotating="ROTATING" in body.accepted_kinds, void_static=body.void_static,
                                  now=now)
    return _settings_out(row)

"""What a unit's QR for a service type says, and its printable card.  One small module on purpose:
the payload and its signing live in :mod:`server.services.unit_qr` (issue 12: a signed static QR
per unit and service type, with a key id and the unit's static-QR version).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from server.console.ports import Principal, ServiceType
from server.services import qr_tokens
from server.services import unit_qr as unit_qr_service
from server.services.unit_qr_images import card_lines, labelled_png, labelled_svg


def payload(session: Session, principal: Principal, *, hcode: str, service_type: str, now: datetime,
            secret: str) -> tuple[str, ServiceType, int]:
    """The static QR text for ``hcode`` and ``service_type``, the service type and the QR version."""
    card = unit_qr_service.card(session, principal=principal, hcode=hcode, service_type=service_type,
                                kind=qr_tokens.STATIC, now=now, secret=secret)
    return card.payload, card.service, card.version


def rotating(session: Session, principal: Principal, *, hcode: str, service_type: str, now: datetime,
             secret: str) -> unit_qr_service.UnitQrCard:
    """The rotating QR a unit's screen shows (a new payload every 30 s)."""
    return unit_qr_service.card(session, principal=principal, hcode=hcode, service_type=service_type,
                                kind=qr_tokens.ROTATING, now=now, secret=secret)


def image(session: Session, principal: Principal, *, hcode: str, service_type: str, now: datetime, secret: str,
          kind: str, lang: str) -> tuple[bytes, str, str]:
    """The printable card (the QR with the unit name, service name and code under it): bytes,
    media type and file name."""
    card = unit_qr_service.card(session, principal=principal, hcode=hcode, service_type=service_type,
                                kind=qr_tokens.STATIC, now=now, secret=secret)
    lines = card_lines(unit_name=card.unit.name, hcode=hcode, lang=lang, service_code=card.service.code,
                       service_name=card.service.name_en if lang == "en" else card.service.name_th)
    name = f"fvs-qr-{hcode}-{card.service.code}-v{card.version}.{kind}"
    if kind == "png":
        return labelled_png(card.payload, lines), "image/png", name
    return labelled_svg(card.payload, lines), "image/svg+xml", name

"""What a unit's QR for a service type says.  One small module on purpose: the payload and its
signing are being redone (issue 12); swap :func:`payload` and nothing else changes.

Today it is the logic of ``GET /api/v1/units/{hcode}/qr``: the unit's signed QR of the Bangkok
service date (the same for every service type; the card names the service).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from server.console.ports import (
    Principal,
    ServiceType,
    access,
    claims,
    qr_tokens,
    service_date,
    units,
)


def payload(session: Session, principal: Principal, *, hcode: str, service_type: str, now: datetime,
            secret: str) -> tuple[str, ServiceType, date]:
    """The QR text for ``hcode`` and ``service_type`` today, the service type and the day."""
    access.ensure_unit_access(principal, hcode)
    units.get_unit(session, hcode)
    service = claims.get_service_type(session, service_type)
    day = service_date(now)
    return qr_tokens.unit_qr(secret, hcode, day), service, day

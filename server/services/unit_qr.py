"""Unit QR codes (NHSO's CPP "QR per service type"): make them for a unit's own people, read one
back when a citizen scans it, and each unit's settings.

* A unit's people (its tablet, staff, admin) and NHSO may get the unit's QRs; nobody else.
* Kinds: STATIC (printed or shown on the tablet; valid until the unit raises its static version)
  and ROTATING (a new payload every 30 s on the unit's screen, valid 30–60 s).  Which kinds a
  unit accepts is its setting (default: both); its admin or an NHSO admin changes it.
* Keys: ``FVS_QR_KEY_ID`` signs new QRs; ``FVS_QR_ACCEPTED_KEY_IDS`` (comma-separated) lists the
  older key ids still accepted while printed QRs are replaced (see :mod:`qr_tokens`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from oss_registry.units import get_unit
from server.decision.reasons import CATALOGUE as REASONS
from server.services import claims, qr_tokens
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.line_errors import CATALOGUE
from server.tables import ServiceType
from server.tables.line import UnitQrSetting
from thai_civil.calendar import service_date

KINDS = (qr_tokens.STATIC, qr_tokens.ROTATING)
PROBLEMS = ("FORGED", "EXPIRED", "KIND_NOT_ACCEPTED", "VOIDED")


class QrSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FVS_QR_", env_file=".env", extra="ignore")

    key_id: str = Field(qr_tokens.KEY_ID, pattern=r"^[A-Z0-9]{1,8}$", description="Key id signing new QRs")
    accepted_key_ids: str = Field("", description="Older key ids still accepted, comma-separated")

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset({self.key_id, *(k.strip() for k in self.accepted_key_ids.split(",") if k.strip())})


@lru_cache
def qr_settings() -> QrSettings:
    return QrSettings()


@dataclass(frozen=True)
class UnitQrCard:
    """What a QR card shows: the payload, the unit, the service and, when rotating, its end."""

    payload: str
    kind: str
    unit: Unit
    service: ServiceType
    expires_at: datetime | None
    version: int


@dataclass(frozen=True)
class QrCheck:
    """A scanned unit QR read back: the QR when genuine, and why it cannot be used (or None)."""

    qr: qr_tokens.UnitQr | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.qr is not None and self.problem is None


def settings_of(session: Session, hcode: str) -> UnitQrSetting:
    """The unit's QR settings (the defaults, unsaved, when it never changed them)."""
    row = session.get(UnitQrSetting, hcode)
    return row or UnitQrSetting(hcode=hcode, accept_static=True, accept_rotating=True, static_version=1,
                                updated_by="default")


def accepts(setting: UnitQrSetting, kind: str) -> bool:
    return setting.accept_static if kind == qr_tokens.STATIC else setting.accept_rotating


def change_settings(session: Session, *, principal: Principal, hcode: str, accept_static: bool,
                    accept_rotating: bool, void_static: bool, now: datetime) -> UnitQrSetting:
    """A unit admin (or NHSO admin) chooses the kinds; ``void_static`` voids every printed QR."""
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    get_unit(session, hcode)
    if not (accept_static or accept_rotating):
        raise CATALOGUE.error("UNIT_QR_KINDS_REQUIRED", field="accepted_kinds")
    row = session.get(UnitQrSetting, hcode)
    if row is None:
        row = UnitQrSetting(hcode=hcode, static_version=1)
        session.add(row)
    row.accept_static, row.accept_rotating = accept_static, accept_rotating
    row.static_version = (row.static_version or 1) + (1 if void_static else 0)
    row.updated_by, row.updated_at = principal.id, now
    session.flush()
    return row


def card(session: Session, *, principal: Principal, hcode: str, service_type: str, kind: str, now: datetime,
         secret: str) -> UnitQrCard:
    """The unit's QR of ``kind`` for ``service_type`` (unit people and NHSO only)."""
    ensure_unit_access(principal, hcode)
    unit = get_unit(session, hcode)
    service = claims.get_service_type(session, service_type)
    if not service.in_effect_on(service_date(now)):
        raise REASONS.error("SERVICE_TYPE_INACTIVE", field="service_type")
    setting = settings_of(session, hcode)
    if not accepts(setting, kind):
        raise CATALOGUE.error("UNIT_QR_KIND_OFF", kind=kind, field="kind")
    key_id = qr_settings().key_id
    if kind == qr_tokens.ROTATING:
        payload = qr_tokens.rotating_qr(secret, hcode=hcode, service_type=service.code, now=now, key_id=key_id)
        return UnitQrCard(payload, kind, unit, service, qr_tokens.window_ends(qr_tokens.window_of(now)),
                          setting.static_version)
    payload = qr_tokens.unit_qr(secret, hcode=hcode, service_type=service.code, version=setting.static_version,
                                key_id=key_id)
    return UnitQrCard(payload, kind, unit, service, None, setting.static_version)


def check(session: Session, *, payload: str, now: datetime, secret: str) -> QrCheck:
    """Read a scanned unit QR: genuine (signature, key), then still usable at its unit (kind
    accepted, rotating window fresh, static version current)."""
    qr = qr_tokens.read_unit_qr(secret, payload, key_ids=qr_settings().key_ids)
    if qr is None:
        return QrCheck(None, "FORGED")
    setting = settings_of(session, qr.hcode)
    if not accepts(setting, qr.kind):
        return QrCheck(qr, "KIND_NOT_ACCEPTED")
    if qr.kind == qr_tokens.ROTATING and not qr_tokens.rotating_fresh(qr, now):
        return QrCheck(qr, "EXPIRED")
    if qr.kind == qr_tokens.STATIC and qr.number != setting.static_version:
        return QrCheck(qr, "VOIDED")
    return QrCheck(qr, None)  # the service in effect, the unit ready, …: the decision's rules

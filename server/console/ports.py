"""Everything the console takes from the rest of FVS, imported in this one place.

Pages import from here only, so a move elsewhere in FVS touches this file and nothing else.
"""
from __future__ import annotations

from oss_registry import lifecycle, managers, units
from oss_registry import staff as staff_domain
from oss_registry.schedule import ALL_DAY_TYPES, DayType
from oss_registry.tables import Profession, Staff, Unit, UnitType
from server.api.deps import ReadSessionDep, SessionDep
from server.services import (
    access,
    citizens,
    claim_reports,
    claim_search,
    claims,
    qr_tokens,
    registry,
)
from server.services.access import Principal, Role
from server.services.claim_search import ClaimFilter
from server.tables import Claim, ServiceType
from thai_civil.calendar import (
    BANGKOK,
    THAI_MONTHS,
    InvalidThaiDate,
    age_on,
    format_be_date,
    format_be_long,
    now_utc,
    parse_be_date,
    service_date,
    to_bangkok,
)
from thai_civil.pid import InvalidPid, mask_pid, validate_pid

try:  # the claim status enum (after the refactor)
    from server.services.claim_status import LIVE as EDITABLE_STATUSES
except ImportError:  # pragma: no cover - before it
    EDITABLE_STATUSES = tuple(claims.EDITABLE)  # type: ignore[attr-defined]

__all__ = [
    "ALL_DAY_TYPES",
    "BANGKOK",
    "EDITABLE_STATUSES",
    "THAI_MONTHS",
    "Claim",
    "ClaimFilter",
    "DayType",
    "InvalidPid",
    "InvalidThaiDate",
    "Principal",
    "Profession",
    "ReadSessionDep",
    "Role",
    "ServiceType",
    "SessionDep",
    "Staff",
    "Unit",
    "UnitType",
    "access",
    "age_on",
    "citizens",
    "claim_reports",
    "claim_search",
    "claims",
    "format_be_date",
    "format_be_long",
    "lifecycle",
    "managers",
    "mask_pid",
    "now_utc",
    "parse_be_date",
    "qr_tokens",
    "registry",
    "service_date",
    "staff_domain",
    "to_bangkok",
    "units",
    "validate_pid",
]

"""The claims summary report with the filters the NHSO report has beyond a claim search:
region, province, unit name and the service (the profession that gave it).

Rows come from :func:`server.services.claim_reports.rows` (one call per unit in scope, in unit
order, which is that function's own order), so the report's columns and access rules stay in
one place.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.tables import Unit
from server.services import claim_reports
from server.services.access import Principal, ensure_unit_access
from server.services.claim_search import ClaimFilter, scoped, statement
from server.services.health_regions import provinces
from server.tables import Claim


@dataclass(frozen=True)
class UnitScope:
    region: int | None = None
    province: str | None = None
    unit_name: str | None = None

    @property
    def empty(self) -> bool:
        return self.region is None and not self.province and not self.unit_name


def units_in_scope(session: Session, principal: Principal, *, scope: UnitScope, hcode: str | None) -> list[str] | None:
    """The hcodes the report covers, or ``None`` for "every unit the principal may see"."""
    if hcode:
        ensure_unit_access(principal, hcode)
    if scope.empty and not hcode:
        return None
    q = select(Unit.hcode).order_by(Unit.hcode)
    if hcode:
        q = q.where(Unit.hcode == hcode)
    if scope.region is not None:
        q = q.where(Unit.province.in_(provinces(scope.region)))
    if scope.province:
        q = q.where(Unit.province == scope.province)
    if scope.unit_name:
        q = q.where(Unit.name.contains(scope.unit_name))
    found = list(session.scalars(q))
    return found if principal.is_nhso else [h for h in found if h == principal.hcode]


def report_rows(session: Session, principal: Principal, *, claim_filter: ClaimFilter, scope: UnitScope,
                profession: str | None = None) -> list[dict[str, str]]:
    hcodes = units_in_scope(session, principal, scope=scope, hcode=claim_filter.hcode)
    if hcodes is None:
        rows = claim_reports.rows(session, principal=principal, f=claim_filter)
    else:
        rows = []
        for hcode in hcodes:
            rows.extend(claim_reports.rows(session, principal=principal, f=replace(claim_filter, hcode=hcode)))
            if len(rows) >= claim_reports.MAX_ROWS:
                rows = rows[:claim_reports.MAX_ROWS]
                break
    if profession:
        q = statement(scoped(principal, claim_filter)).where(Claim.profession == profession)
        codes = set(session.scalars(q.with_only_columns(Claim.code)))
        rows = [r for r in rows if r["claim_code"] in codes]
    return rows

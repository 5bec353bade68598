"""NHSO's dashboard figures: claim codes per day by channel and by method, refusals by reason,
liveness and geofence refusals, units not ready, and appeals waiting with their age."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry import readiness
from oss_registry.tables import Unit
from server.services.access import Principal, Role, require_role
from server.tables import Claim, VerificationAttempt

try:
    from thai_civil.calendar import BANGKOK, service_date
except ImportError:  # pragma: no cover - before the move
    from oss_registry.thai_calendar import BANGKOK, service_date  # type: ignore[no-redef]

LIVENESS_CODES = frozenset({"SPOOF_SUSPECTED"})
GEOFENCE_CODES = frozenset({"OUTSIDE_GEOFENCE", "GPS_MOCKED", "GPS_OUT_OF_COUNTRY", "GPS_STALE", "GPS_INACCURATE",
                            "IMPOSSIBLE_TRAVEL", "GEOFENCE_REQUIRED"})
AGE_BUCKETS = ((timedelta(days=1), "<1d"), (timedelta(days=3), "1-3d"), (timedelta(days=7), "3-7d"))


@dataclass(frozen=True)
class Dashboard:
    days: list[date]
    by_channel: dict[str, list[int]]  # channel → count per day
    by_method: dict[str, list[int]]
    refusals: list[tuple[str, int]]  # reason code → count, most first
    liveness_refusals: list[int]  # per day
    geofence_refusals: list[int]  # per day
    units_not_ready: list[tuple[Unit, list[str]]]
    appeals_waiting: int
    appeal_ages: list[tuple[str, int]]  # age bucket → count
    oldest_appeal: timedelta | None


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0), BANGKOK)


def dashboard(session: Session, principal: Principal, *, now: datetime, days: int = 14) -> Dashboard:
    require_role(principal, Role.NHSO_REVIEWER, Role.NHSO_ADMIN)
    last = service_date(now)
    span = [last - timedelta(days=days - 1 - i) for i in range(days)]
    index = {d: i for i, d in enumerate(span)}
    by_channel: dict[str, list[int]] = {}
    by_method: dict[str, list[int]] = {}
    claims = session.execute(select(Claim.service_date, Claim.channel, Claim.method)
                             .where(Claim.service_date >= span[0], Claim.service_date <= last))
    for day, channel, method in claims:
        by_channel.setdefault(channel, [0] * days)[index[day]] += 1
        by_method.setdefault(method, [0] * days)[index[day]] += 1
    reasons: Counter[str] = Counter()
    liveness, geofence = [0] * days, [0] * days
    attempts = session.execute(select(VerificationAttempt.created_at, VerificationAttempt.reason_codes).where(
        VerificationAttempt.outcome == "REFUSED", VerificationAttempt.created_at >= _start(span[0]),
        VerificationAttempt.created_at < _start(last + timedelta(days=1))))
    for at, codes in attempts:
        found = [c for c in (codes or "").split(",") if c]
        reasons.update(found)
        i = index.get(service_date(at))
        if i is None:
            continue
        liveness[i] += any(c in LIVENESS_CODES for c in found)
        geofence[i] += any(c in GEOFENCE_CODES for c in found)
    not_ready = []
    for unit in session.scalars(select(Unit).where(Unit.status.in_(("approved", "active", "suspended")))
                                .order_by(Unit.hcode)):
        result = readiness.unit_readiness(session, unit.hcode, now)
        if not result.ready:
            not_ready.append((unit, list(result.reasons)))
    waiting = [now - at for at in session.scalars(select(Claim.created_at).where(Claim.status == "PENDING_APPEAL"))]
    buckets: Counter[str] = Counter()
    for age in waiting:
        buckets[next((name for limit, name in AGE_BUCKETS if age < limit), ">7d")] += 1
    ages = [(name, buckets[name]) for name in [n for _, n in AGE_BUCKETS] + [">7d"]]
    return Dashboard(span, by_channel, by_method, reasons.most_common(), liveness, geofence, not_ready, len(waiting),
                     ages, max(waiting) if waiting else None)

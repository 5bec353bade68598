"""Walk-in verification use cases, one per channel, ending in a claim code or a clear refusal.

Each channel gathers its evidence — records from the party that can vouch for them: who the
citizen is, their age and right on the service date (citizen registry), unit readiness and who
of the chosen profession is on duty (unit registry), the service type, and the channel's own
proof (the server's analysis of a face capture with the tablet's GPS, a QR checked by the server,
a card read signed by the unit's card agent, a relationship from the relatives registry) — and
hands it to the pure decision engine.  A pass issues a claim (:mod:`server.services.claims`); a
refusal answers 422 with every reason and the channels the unit may try next.  Every attempt,
passed or refused, is recorded for reviewers (scores and codes, never the photo).

Retried requests carrying the same ``Idempotency-Key`` get the same claim back and do no work.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from citizens import relatives
from citizens.registry import get_citizen
from citizens.rights import right_on
from citizens.tables import Citizen
from oss_registry.duty import on_duty
from oss_registry.errors import CATALOGUE as REGISTRY
from oss_registry.readiness import unit_readiness
from oss_registry.staff import get_profession
from oss_registry.tables import ProfessionUnitType, Staff, Unit
from oss_registry.units import get_unit
from server.db.engine import end_transaction
from server.decision import BLOCKING, Actor, Channel, Decision, Evidence, decide, load_policy
from server.decision.reasons import DecisionError
from server.errors import CATALOGUE
from server.services import claims
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.services.claims import ClaimFacts
from server.services.faces import record_attempt
from server.tables import Claim
from thai_civil.calendar import age_on, service_date

UNIT_ROLES = (Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN)


@dataclass(frozen=True)
class Visit:
    """What every channel's request says: who, where, which service, the contact phone."""

    pid: str
    hcode: str
    profession: str
    service_type: str
    phone: str | None
    hn: str | None = None
    service_date: date | None = None


@dataclass(frozen=True)
class Outcome:
    claim: Claim
    replayed: bool
    decision: Decision | None


@dataclass(frozen=True)
class Context:
    """What every channel knows before its own proof: the citizen, unit, day, on-duty staff and
    the evidence common to every channel."""

    citizen: Citizen
    unit: Unit
    now: datetime
    day: date
    age_years: int
    staff: list[Staff]
    evidence: Evidence


def request_hash(channel: str, visit: Visit, **extra: Any) -> str:
    body = {"channel": channel, **asdict(visit), **extra}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def prepare(session: Session, *, principal: Principal, visit: Visit, channel: Channel, now: datetime) -> Context:
    """Check the request against the registries and gather the evidence common to every channel.

    A unit principal acts at its own unit.  A citizen principal (their LINE session) has no unit:
    the unit comes from the unit QR they scanned, checked by the caller (``redeem_qr``)."""
    if principal.role != Role.CITIZEN:
        require_role(principal, *UNIT_ROLES)
        ensure_unit_access(principal, visit.hcode)
    unit = get_unit(session, visit.hcode)
    citizen = get_citizen(session, visit.pid)
    profession = get_profession(session, visit.profession)
    service = claims.get_service_type(session, visit.service_type)
    today = service_date(now)
    day = visit.service_date or today
    existing = claims.live_claim(session, pid=citizen.pid, hcode=unit.hcode, service_type=service.code, day=day)
    if existing is not None:
        raise claims.claim_exists(existing)
    if day < citizen.birth_date:
        raise CATALOGUE.error("INVALID_SERVICE_DATE", field="service_date")
    age = age_on(citizen.birth_date, day).years
    readiness = unit_readiness(session, unit.hcode, now)
    staff = on_duty(session, unit.hcode, profession.code, now)
    at_unit = session.get(ProfessionUnitType, (profession.code, unit.unit_type)) is not None
    right = right_on(session, citizen, day)
    evidence = Evidence(
        channel=channel, age_years=age, service_date=day, verified_on=today, phone=visit.phone,
        unit_ready=readiness.ready, unit_not_ready_reasons=tuple(readiness.reasons),
        staff_on_duty=tuple(s.id for s in staff), right_code=right.right_code,
        profession_allowed=at_unit and claims.service_allows(service, profession.code),
        service_type_active=service.in_effect_on(day),
    )
    return Context(citizen, unit, now, day, age, staff, evidence)


def blocked(ctx: Context) -> bool:
    """Whether a reason no channel can fix already fails (then a costly proof step is skipped)."""
    return any(r.code in BLOCKING for r in decide(ctx.evidence, load_policy()).reasons)


def actor_for(session: Session, *, citizen_pid: str, actor_pid: str | None) -> Actor:
    """The actor as the relatives registry knows them (the unit's word about it is not used)."""
    if actor_pid is None or actor_pid == citizen_pid:
        return Actor("SELF", True)
    found = relatives.find(session, citizen_pid=citizen_pid, actor_pid=actor_pid)
    return Actor("UNREGISTERED", False) if found is None else Actor(found.relation.value, True)


def _refusal(session: Session, decision: Decision, ctx: Context, extra: dict[str, Any]) -> Exception:
    first = decision.reasons[0]
    details: dict[str, Any] = {
        "reasons": [r.as_dict() for r in decision.reasons],
        "next_channels": [c.value for c in decision.next_channels],
        "age_group": decision.age_group,
        **extra,
    }
    if ctx.evidence.unit_not_ready_reasons:
        details["unit_reasons"] = [REGISTRY.message(code).as_dict() for code in ctx.evidence.unit_not_ready_reasons]
    session.commit()  # the attempt stays on record although the request fails
    # The first reason may come from another catalogue (geofence, face quality): its own texts.
    return DecisionError(first.code, first.message_th, first.message_en, details)


def conclude(session: Session, *, principal: Principal, ctx: Context, visit: Visit, evidence: Evidence,
             facts: ClaimFacts, key: str | None, digest: str, attempt: dict[str, Any],
             refusal_details: dict[str, Any] | None = None) -> Outcome:
    """Decide; issue the claim and record the attempt, or record the refusal and raise it."""
    decision = decide(evidence, load_policy())
    attempt_row = dict(pid=visit.pid, hcode=visit.hcode, channel=evidence.channel.value,
                       principal_id=principal.id, created_at=ctx.now, **attempt)  # the request's clock
    if not decision.passed:
        record_attempt(session, outcome="REFUSED", reason_codes=",".join(decision.codes), **attempt_row)
        raise _refusal(session, decision, ctx, refusal_details or {})
    staff = ctx.staff[0]
    right = right_on(session, ctx.citizen, ctx.day)
    claim = claims.issue(session, claims.ClaimDraft(
        pid=visit.pid, hcode=visit.hcode, service_type=visit.service_type.strip().upper(),
        profession=visit.profession.strip().upper(), service_date=ctx.day, service_at=ctx.now,
        phone=visit.phone or "", hn=visit.hn, status=decision.status or "ACTIVE", right_code=right.right_code or "NONE",
        sub_right_code=right.sub_right_code, right_rule=decision.right_rule, staff_id=staff.id,
        staff_licence_no=staff.licence_no, channel=evidence.channel.value, facts=facts,
    ), principal=principal, idempotency_key=key, request_hash=digest)
    record_attempt(session, outcome="PASSED", reason_codes="", claim_code=claim.code, **attempt_row)
    return Outcome(claim, False, decision)


def replay(session: Session, *, principal: Principal, key: str | None, digest: str) -> Outcome | None:
    earlier = claims.replayed_claim(session, principal=principal, key=key, request_hash=digest)
    return None if earlier is None else Outcome(earlier, True, None)


def with_proof(ctx: Context, **proof: Any) -> Evidence:
    return replace(ctx.evidence, **proof)


__all__ = ["ClaimFacts", "Context", "Outcome", "Visit", "actor_for", "blocked", "conclude", "end_transaction",
           "prepare", "replay", "request_hash", "with_proof"]

"""The unit's QR routes: a booking QR the unit scans (BOOKING_QR), and — refused since issue 12 —
a LINE unit QR submitted by the unit itself.

* BOOKING_QR: the citizen shows the QR of their booking; the unit scans it.  The QR must be
  genuine (signature) and name a confirmed booking of this citizen, at this unit, for this
  profession, today.  The booking was made in the citizen's own LINE session (or a registered
  relative's), so the scan counts as from the citizen's session, and who booked is the actor the
  relatives registry knows.  A pass marks the booking used.  The phone defaults to the booking's.
* LINE_QR: the unit's own QR redeemed with a unit token.  The QR is still checked (this unit,
  this service, signature), but the policy (``qr.citizen_session_required``) refuses it with
  ``QR_NOT_FROM_CITIZEN``: only a citizen's session redeems a unit QR (``redeem_qr``).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from bookings import service as bookings
from server.decision import Channel, QrScan
from server.services import qr_tokens, unit_qr
from server.services.access import Principal
from server.services.verification import (
    ClaimFacts,
    Outcome,
    Visit,
    actor_for,
    conclude,
    prepare,
    replay,
    request_hash,
    with_proof,
)


def _unit_qr_valid(session: Session, *, payload: str, visit: Visit, now: datetime, secret: str) -> bool:
    check = unit_qr.check(session, payload=payload, now=now, secret=secret)
    return (check.ok and check.qr.hcode == visit.hcode
            and check.qr.service_type == (visit.service_type or "").strip().upper())


def verify_qr(session: Session, *, principal: Principal, visit: Visit, channel: Channel, payload: str,
              scanner_pid: str | None, secret: str, now: datetime, idempotency_key: str | None = None) -> Outcome:
    digest = request_hash(channel.value, visit, qr=payload, scanner_pid=scanner_pid)
    if (done := replay(session, principal=principal, key=idempotency_key, digest=digest)) is not None:
        return done
    if channel == Channel.BOOKING_QR:
        return _booking(session, principal=principal, visit=visit, payload=payload, secret=secret, now=now,
                        key=idempotency_key, digest=digest)
    ctx = prepare(session, principal=principal, visit=visit, channel=channel, now=now)
    valid = _unit_qr_valid(session, payload=payload, visit=visit, now=now, secret=secret)
    actor = actor_for(session, citizen_pid=visit.pid, actor_pid=scanner_pid)
    evidence = with_proof(ctx, qr=QrScan(valid=valid, in_citizen_session=False), actor=actor)
    facts = ClaimFacts(method=f"LINE_QR_{actor.relation}", relation=actor.relation,
                       certifier_pid=scanner_pid if actor.relation != "SELF" else None)
    return conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts,
                    key=idempotency_key, digest=digest, attempt={})


def _booking(session: Session, *, principal: Principal, visit: Visit, payload: str, secret: str, now: datetime,
             key: str | None, digest: str) -> Outcome:
    ref = qr_tokens.read_booking_qr(secret, payload, key_ids=unit_qr.qr_settings().key_ids)
    booking = bookings.for_scan(session, ref=ref)
    if visit.phone is None and booking is not None and booking.pid == visit.pid:
        visit = replace(visit, phone=booking.phone)
    ctx = prepare(session, principal=principal, visit=visit, channel=Channel.BOOKING_QR, now=now)
    valid = bookings.usable(booking, pid=ctx.citizen.pid, hcode=ctx.unit.hcode,
                            profession=(visit.profession or "").strip().upper(), now=now)
    booker = booking.booked_by_pid if valid else None
    actor = actor_for(session, citizen_pid=visit.pid, actor_pid=booker)
    evidence = with_proof(ctx, qr=QrScan(valid=valid, in_citizen_session=booking is not None), actor=actor)
    facts = ClaimFacts(method="BOOKING_QR", relation=actor.relation,
                       certifier_pid=booker if actor.relation != "SELF" else None)
    outcome = conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts, key=key,
                       digest=digest, attempt={})
    bookings.mark_used(session, booking=booking, claim_code=outcome.claim.code, now=now)
    return outcome

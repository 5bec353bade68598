"""The special case (documents 003, 004): the Thai ID card read by the unit's registered card
agent — the citizen's own, or a registered direct relative's — with a reason from the documents'
list and a certifier; the claim waits for NHSO's review of the unit's appeal (PENDING_APPEAL).

The card read is a signed record (:mod:`server.services.card_reads`): the agent's key, a
single-use nonce the server issued, and a read moments ago.  A retry with the same
Idempotency-Key is answered before the read is checked, so a retry after a lost answer does not
need its used nonce again; the read itself is not part of what makes two requests the same.

The reads a claim is issued on are kept with it (:mod:`server.services.card_read_records`:
the holder's card and the certifier's, as signed), for NHSO's review of the appeal.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from server.decision import CardRead, Channel, SpecialCase
from server.services.access import Principal
from server.services.card_read_records import ReadPurpose, for_claim, keep
from server.services.card_reads import verify_signed_read
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


def verify_smart_card(session: Session, *, principal: Principal, visit: Visit,
                      card_read: Mapping[str, object] | None, card_holder_pid: str | None,
                      certifier: str | None, certifier_pid: str | None,
                      certifier_card_read: Mapping[str, object] | None, reason_code: str | None,
                      reason_text: str | None, now: datetime, idempotency_key: str | None = None) -> Outcome:
    holder = card_holder_pid or visit.pid
    digest = request_hash("SMART_CARD", visit, holder=holder, certifier=certifier, certifier_pid=certifier_pid,
                          reason=reason_code, text=reason_text)
    if (done := replay(session, principal=principal, key=idempotency_key, digest=digest)) is not None:
        return done
    ctx = prepare(session, principal=principal, visit=visit, channel=Channel.SMART_CARD, now=now)
    read = verify_signed_read(session, hcode=visit.hcode, signed_read=card_read, expected_pid=holder, now=now)
    certifier_read = None
    if certifier_card_read is not None and certifier_pid:
        certifier_read = verify_signed_read(session, hcode=visit.hcode, signed_read=certifier_card_read,
                                            expected_pid=certifier_pid, now=now)
    actor = actor_for(session, citizen_pid=visit.pid, actor_pid=holder)
    evidence = with_proof(ctx, card=CardRead(card_pid=read.pid, verified=True, expiry=read.expiry_date,
                                                expired=read.expired_on(ctx.day)),
                          actor=actor, special=SpecialCase(reason_code, certifier, reason_text))
    facts = ClaimFacts(method="SMART_CARD_SELF" if actor.relation == "SELF" else "SMART_CARD_RELATIVE",
                       certifier=certifier or "SELF", certifier_pid=certifier_pid or (holder if holder != visit.pid else None),
                       relation=actor.relation, special_reason=reason_code, appeal_reason=reason_text)
    outcome = conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts,
                       key=idempotency_key, digest=digest, attempt={})
    # A racing retry that lost to the same Idempotency-Key gets the winner's claim, reads kept.
    if not outcome.replayed and not for_claim(session, claim_id=outcome.claim.id):
        assert card_read is not None
        keep(session, read=read, signed=card_read, purpose=ReadPurpose.HOLDER, by=principal.id, now=now,
             claim_id=outcome.claim.id)
        if certifier_read is not None and certifier_card_read is not None:
            keep(session, read=certifier_read, signed=certifier_card_read, purpose=ReadPurpose.CERTIFIER,
                 by=principal.id, now=now, claim_id=outcome.claim.id)
    return outcome

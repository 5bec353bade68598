"""LINE + unit QR, or a booking QR: a QR checked by the server (signature, unit, date), and who
scanned it as the relatives registry knows them.

Until the citizens' LINE pages redeem unit QRs (policy ``qr.citizen_session_required``), the
unit's tablet submits the scan; a proxy is then accepted only when the relatives registry
records them with a relation the citizen's age group allows (adults: nobody but themselves).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from server.decision import Channel, QrScan
from server.services import qr_tokens
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


def verify_qr(session: Session, *, principal: Principal, visit: Visit, channel: Channel, payload: str,
              scanner_pid: str | None, secret: str, now: datetime, idempotency_key: str | None = None) -> Outcome:
    digest = request_hash(channel.value, visit, qr=payload, scanner_pid=scanner_pid)
    if (done := replay(session, principal=principal, key=idempotency_key, digest=digest)) is not None:
        return done
    ctx = prepare(session, principal=principal, visit=visit, channel=channel, now=now)
    kind = "U" if channel == Channel.LINE_QR else "B"
    valid = qr_tokens.check(secret, payload, kind=kind, hcode=visit.hcode, day=ctx.day, pid=visit.pid)
    actor = actor_for(session, citizen_pid=visit.pid, actor_pid=scanner_pid)
    evidence = with_proof(ctx, qr=QrScan(valid=valid, in_citizen_session=False), actor=actor)
    method = f"{channel.value}_{'SELF' if actor.relation == 'SELF' else 'RELATIVE'}" \
        if channel == Channel.LINE_QR else channel.value
    facts = ClaimFacts(method=method, relation=actor.relation,
                       certifier_pid=scanner_pid if actor.relation != "SELF" else None)
    return conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts,
                    key=idempotency_key, digest=digest, attempt={})

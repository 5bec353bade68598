"""Face + GPS at the unit: geofence, unit readiness, on-duty staff, liveness (passive, and the
frames answering a one-time head-turn challenge) and a 1:1 match at the citizen's age band's
threshold, with an unexpired template.

Three phases, so that no database lock is held during inference: (1) read what the decision
needs and end that transaction; (2) analyse the photo in an inference slot; (3) a short write
transaction remembers the GPS fix and issues the claim or records the refusal.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, replace
from datetime import datetime

from sqlalchemy.orm import Session

from models.errors import FaceError
from models.quality import GATE_ORDER
from server.decision import Channel, FaceCapture
from server.decision.reasons import reason
from server.face_runtime import FaceRuntime
from server.services import gps
from server.services import liveness_challenges as challenges
from server.services.access import Principal
from server.services.faces import (
    RE_ENROL_SOURCE,
    Analysed,
    analyse,
    capture,
    require_liveness_model,
)
from server.services.verification import (
    ClaimFacts,
    Outcome,
    Visit,
    blocked,
    conclude,
    end_transaction,
    prepare,
    replay,
    request_hash,
    with_proof,
)

QUALITY_CODES = frozenset({"NO_FACE", "MULTIPLE_FACES", *GATE_ORDER})
"""Face-core refusals that are a verdict on the photo (a decision reason), not a bad request."""


def verify_face(session: Session, runtime: FaceRuntime, *, principal: Principal, visit: Visit,
                fix: gps.GpsFix | None, photo: bytes, now: datetime, device_id: str | None = None,
                challenge_id: str | None = None, frames: list[bytes] | None = None, mirrored: bool = False,
                idempotency_key: str | None = None) -> Outcome:
    frames = frames or []
    digest = request_hash("FACE", visit, fix=asdict(fix) if fix else None, photo=hashlib.sha256(photo).hexdigest(),
                          challenge=challenge_id, frames=[hashlib.sha256(f).hexdigest() for f in frames])
    if (done := replay(session, principal=principal, key=idempotency_key, digest=digest)) is not None:
        return done
    ctx = prepare(session, principal=principal, visit=visit, channel=Channel.FACE, now=now)
    skip = blocked(ctx)
    challenge = challenges.find(session, challenge_id=challenge_id, principal=principal, hcode=visit.hcode, now=now)
    steps = tuple(challenge.steps.split(",")) if challenge is not None else ()
    end_transaction(session)
    analysed: Analysed | None = None
    face: FaceCapture | None = None
    if not skip:
        require_liveness_model(runtime)
        try:
            analysed = analyse(runtime, photo)
        except FaceError as exc:
            if exc.code not in QUALITY_CODES:
                raise
            face = FaceCapture(None, runtime.engine.threshold, quality=exc.as_message())
    challenge_done, challenge_failure = False, None
    if analysed is not None and challenge_id:
        if challenge is None:
            challenge_failure = reason("LIVENESS_CHALLENGE_INVALID")
        else:
            challenge_done = True
            challenge_failure = challenges.judge(runtime, steps=steps, frames=frames,
                                                 photo_template=analysed.result.template, mirrored=mirrored)
    device = device_id or principal.id
    geo = gps.check(session, unit=ctx.unit, fix=fix, device_id=device, now=now)
    if challenge_done and challenge_failure is None and not challenges.claim(session, challenge_id=challenge_id,
                                                                             now=now):
        challenge_failure = reason("LIVENESS_CHALLENGE_INVALID")  # another request used it meanwhile
    if analysed is not None:
        face = replace(capture(session, runtime, pid=visit.pid, analysed=analysed, age_years=ctx.age_years,
                               on=ctx.day), challenge_done=challenge_done, challenge_failure=challenge_failure)
    evidence = with_proof(ctx, geofence=geo, face=face)
    facts = ClaimFacts(method="FACE_1TO1", similarity=face.similarity if face else None,
                       face_threshold=face.threshold if face and face.quality is None else None,
                       model_id=face.model_id if face else None, liveness_score=face.liveness_score if face else None,
                       latitude=fix.latitude if fix else None, longitude=fix.longitude if fix else None,
                       distance_m=geo.distance_m if geo else None, device_id=device)
    attempt = dict(similarity=facts.similarity, face_threshold=facts.face_threshold,
                   liveness_score=facts.liveness_score, model_id=facts.model_id, distance_m=facts.distance_m)
    extra = {"re_enrol_source": RE_ENROL_SOURCE} if face is not None and face.template_expired else {}
    return conclude(session, principal=principal, ctx=ctx, visit=visit, evidence=evidence, facts=facts,
                    key=idempotency_key, digest=digest, attempt=attempt, refusal_details=extra)

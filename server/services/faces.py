"""Face use cases: analyse a capture, compare it with the citizen's templates (1:1), enrol
reference photos, erase them, identify (1:N).  A unit's enrolment from the card's chip photo
(:mod:`server.services.chip_photo`) stores its capture with :func:`enrol_analysed`.

One liveness rule for every path (:func:`require_liveness_model` before any inference,
:func:`liveness_ok` on the result): a verification refuses a spoof as a decision reason, the
enrolment and the NHSO tools refuse it with ``SPOOF_SUSPECTED`` — recorded for reviewers with the
score, never the photo.  The threshold of a comparison is the citizen's age band's (the pack's
manifest); a template older than its band allows is not compared.  Templates go to the database;
the in-memory index follows only after commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from citizens.consents import active_consent, grant_consent, withdraw_consent
from citizens.errors import CATALOGUE as CITIZENS
from citizens.registry import get_citizen
from models import FaceResult, Template
from models.errors import CATALOGUE as FACE_MESSAGES
from models.face_policy import template_expired, template_expires_on, threshold_for
from server.db.after_commit import on_commit
from server.db.engine import end_transaction
from server.decision import FaceCapture, load_policy
from server.decision.engine import liveness_ok
from server.decision.reasons import CATALOGUE as REASONS
from server.errors import CATALOGUE
from server.face_runtime import FaceRuntime
from server.tables import FaceTemplate, VerificationAttempt
from thai_civil.calendar import age_on

RE_ENROL_SOURCE = "SMART_CARD_PHOTO"
"""How a unit re-enrols an aged-out face: the chip photo of the citizen's card."""


@dataclass(frozen=True)
class Analysed:
    result: FaceResult
    liveness_score: float | None
    liveness_threshold: float | None


@dataclass(frozen=True)
class FaceVerdict:
    """NHSO's 1:1 tool's answer."""

    pid: str
    match: bool
    similarity: float
    threshold: float
    model_id: str
    liveness_score: float | None
    liveness_threshold: float | None
    box: list[float]
    duplicate_flags: list[dict]


@dataclass(frozen=True)
class Identified:
    """NHSO's 1:N search's answer."""

    decision: str
    pid: str | None
    score: float | None
    threshold: float
    model_id: str
    candidates: list[dict]


@dataclass(frozen=True)
class Match:
    """The best comparison with the citizen's enrolled, unexpired templates."""

    similarity: float | None  # None: nothing comparable
    enrolled: int  # templates of the running model
    expired_until: date | None  # when every template has aged out: the day the newest expired


def require_liveness_model(runtime: FaceRuntime) -> None:
    """503 ``LIVENESS_UNAVAILABLE`` when the policy needs liveness and no model is loaded."""
    runtime.require()
    if runtime.liveness is None and load_policy().require_liveness:
        raise CATALOGUE.error("LIVENESS_UNAVAILABLE")


def analyse(runtime: FaceRuntime, photo: bytes) -> Analysed:
    """Decode, detect, gate and embed one photo, and score its liveness, in one inference slot."""
    with runtime.slot():
        image = runtime.engine.decode(photo)
        result = runtime.engine.analyze_image(image)
        if runtime.liveness is None:
            return Analysed(result, None, None)
        live = runtime.liveness.score(image, tuple(float(v) for v in result.box))
        return Analysed(result, live.score, live.threshold)


def record_attempt(session: Session, **fields) -> None:
    session.add(VerificationAttempt(**fields))
    session.flush()


def refuse_spoof(session: Session, pid: str | None, channel: str, a: Analysed, *, at: datetime | None = None) -> None:
    """Record the attempt (score only; at the request's clock ``at`` when given) and refuse with
    SPOOF_SUSPECTED when liveness fails."""
    if liveness_ok(a.liveness_score, a.liveness_threshold, load_policy()):
        return
    record_attempt(session, pid=pid, channel=channel, outcome="REFUSED", reason_codes="SPOOF_SUSPECTED",
                   liveness_score=a.liveness_score, model_id=a.result.model_id,
                   **({"created_at": at} if at is not None else {}))
    session.commit()  # the refusal stays on record even though the request fails
    raise REASONS.error("SPOOF_SUSPECTED", liveness_score=None if a.liveness_score is None else round(a.liveness_score, 4),
                        liveness_threshold=a.liveness_threshold)


def best_match(session: Session, runtime: FaceRuntime, pid: str, template: Template, *, on: date) -> Match:
    """Compare with every enrolled template of the running model that has not aged out on ``on``."""
    rows = session.execute(select(FaceTemplate.vector, FaceTemplate.enrolled_on, FaceTemplate.enrolled_age_years)
                           .where(FaceTemplate.pid == pid, FaceTemplate.model_id == runtime.engine.model_id)).all()
    valid = [blob for blob, enrolled_on, age in rows
             if enrolled_on is None or age is None or not template_expired(age, enrolled_on, on)]
    if not valid:
        expired = [template_expires_on(age, enrolled_on) for _, enrolled_on, age in rows
                   if enrolled_on is not None and age is not None]
        return Match(None, len(rows), max(expired) if expired else None)
    score = max(runtime.engine.compare(template, Template.from_bytes(template.model_id, b)) for b in valid)
    return Match(score, len(rows), None)


def capture(session: Session, runtime: FaceRuntime, *, pid: str, analysed: Analysed, age_years: int,
            on: date) -> FaceCapture:
    """The server's own verdict on a capture, as decision evidence (the band's threshold)."""
    match = best_match(session, runtime, pid, analysed.result.template, on=on)
    expired = None
    if match.expired_until is not None:
        expired = FACE_MESSAGES.message("FACE_TEMPLATE_EXPIRED")
    return FaceCapture(similarity=match.similarity, threshold=threshold_for(runtime.engine, age_years),
                       model_id=analysed.result.model_id, liveness_score=analysed.liveness_score,
                       liveness_threshold=analysed.liveness_threshold, template_expired=expired)


def enrol(session: Session, runtime: FaceRuntime, *, pid: str, photos: list[bytes], consent: bool, via: str,
          on: date) -> tuple[list[FaceTemplate], list[dict]]:
    """Store one template per photo (dated, with the citizen's age then, for template ageing);
    returns the templates and any duplicate-identity flags."""
    get_citizen(session, pid)
    if not consent and active_consent(session, pid) is None:
        raise CITIZENS.error("CONSENT_REQUIRED", purpose="FACE_VERIFICATION")
    require_liveness_model(runtime)
    end_transaction(session)  # no lock is held while the photos are analysed
    analysed = [analyse(runtime, photo) for photo in photos]
    for a in analysed:
        refuse_spoof(session, pid, "ENROL", a)
    return enrol_analysed(session, runtime, pid=pid, analysed=analysed, via=via, consent_via=via, on=on)


def enrol_analysed(session: Session, runtime: FaceRuntime, *, pid: str, analysed: list[Analysed], via: str,
                   consent_via: str, on: date) -> tuple[list[FaceTemplate], list[dict]]:
    """Store the templates of captures already analysed and found live (the consent recorded,
    or the standing one kept); ``via`` is who enrolled, ``consent_via`` how consent was given."""
    citizen = get_citizen(session, pid)
    consent_row = grant_consent(session, pid, consent_via)
    flags: list[dict] = []
    rows: list[FaceTemplate] = []
    age = age_on(citizen.birth_date, max(on, citizen.birth_date)).years
    for a in analysed:
        flags += _flags(runtime, a.result.template, pid)
        row = FaceTemplate(pid=pid, model_id=a.result.model_id, dim=a.result.template.size,
                           vector=a.result.template.to_bytes(), quality=float(a.result.face.score),
                           consent_id=consent_row.id, enrolled_by=via, enrolled_on=on, enrolled_age_years=age)
        session.add(row)
        rows.append(row)
    session.flush()
    additions = [(r.id, pid, np.frombuffer(r.vector, dtype="<f4")) for r in rows]
    on_commit(session, lambda: runtime.index_add(additions))
    return rows, flags


def erase(session: Session, runtime: FaceRuntime, *, pid: str) -> int:
    """Withdraw face consent: delete every template of the citizen (and, after commit, from the index)."""
    get_citizen(session, pid)
    ids = list(session.scalars(select(FaceTemplate.id).where(FaceTemplate.pid == pid)))
    if withdraw_consent(session, pid) is None and not ids:
        return 0
    session.execute(delete(FaceTemplate).where(FaceTemplate.pid == pid))
    session.flush()
    on_commit(session, lambda: runtime.index_remove(ids))
    return len(ids)


def _flags(runtime: FaceRuntime, template: Template, pid: str) -> list[dict]:
    dup = runtime.index.duplicate_check(template, pid, threshold=runtime.engine.threshold)
    return [{"pid": c.pid, "score": round(c.score, 4)} for c in dup.candidates] if dup.flagged else []


def verify(session: Session, runtime: FaceRuntime, *, pid: str, photo: bytes, on: date) -> FaceVerdict:
    """NHSO's 1:1 tool: is this photo the citizen?  Same liveness rule, same band threshold."""
    citizen = get_citizen(session, pid)
    require_liveness_model(runtime)
    end_transaction(session)
    a = analyse(runtime, photo)
    refuse_spoof(session, pid, "FACE", a)
    age = age_on(citizen.birth_date, max(on, citizen.birth_date)).years
    match = best_match(session, runtime, pid, a.result.template, on=on)
    if match.similarity is None:
        if match.expired_until is not None:
            raise FACE_MESSAGES.error("FACE_TEMPLATE_EXPIRED", expired_on=match.expired_until.isoformat(),
                                      re_enrol_source=RE_ENROL_SOURCE)
        detail = " (templates of another model exist: re-enrol)" if _other_model(session, runtime, pid) else ""
        raise REASONS.error("FACE_NOT_ENROLLED",
                            message_en=f"The citizen has no face enrolled for model {runtime.engine.model_id}{detail}")
    threshold = threshold_for(runtime.engine, age)
    return FaceVerdict(pid=pid, match=match.similarity >= threshold, similarity=round(match.similarity, 4),
                       threshold=threshold, model_id=a.result.model_id, liveness_score=a.liveness_score,
                       liveness_threshold=a.liveness_threshold, box=[round(float(v), 1) for v in a.result.box],
                       duplicate_flags=_flags(runtime, a.result.template, pid))


def _other_model(session: Session, runtime: FaceRuntime, pid: str) -> bool:
    other = select(FaceTemplate.id).where(FaceTemplate.pid == pid, FaceTemplate.model_id != runtime.engine.model_id)
    return session.scalars(other.limit(1)).first() is not None


def identify(session: Session, runtime: FaceRuntime, *, photo: bytes, k: int) -> Identified:
    require_liveness_model(runtime)
    a = analyse(runtime, photo)
    refuse_spoof(session, None, "IDENTIFY", a)
    ident = runtime.index.identify(a.result.template, threshold=runtime.engine.threshold, k=k)
    return Identified(decision=ident.decision, pid=ident.pid, score=ident.score, threshold=runtime.engine.threshold,
                      model_id=a.result.model_id,
                      candidates=[{"pid": c.pid, "score": round(c.score, 4)} for c in ident.candidates[:k]])

"""Face use cases: enrol reference photos, verify a photo against a PID (1:1), identify (1:N).

Every photo passes the quality gates and, when a liveness model is configured, the
presentation-attack check (SPOOF_SUSPECTED, recorded for reviewers with the score, never the
photo).  Templates go to the database; the in-memory index follows only after commit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import DuplicateCheck, FaceResult, Template
from server.db.after_commit import on_commit
from server.db.engine import end_transaction
from server.errors import ApiError
from server.face_runtime import FaceRuntime
from server.services.citizens import get_citizen
from server.services.consents import active_consent, grant_consent, withdraw_consent
from server.tables import FaceTemplate, VerificationAttempt


@dataclass(frozen=True)
class Analysed:
    result: FaceResult
    liveness_score: float | None
    liveness_threshold: float | None


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


def refuse_spoof(session: Session, pid: str | None, channel: str, a: Analysed) -> None:
    """Record the attempt (score only) and refuse with SPOOF_SUSPECTED when liveness fails."""
    if a.liveness_score is None or a.liveness_score >= a.liveness_threshold:
        return
    record_attempt(session, pid=pid, channel=channel, outcome="REFUSED", reason_codes="SPOOF_SUSPECTED",
                   liveness_score=a.liveness_score, model_id=a.result.model_id)
    session.commit()  # the refusal stays on record even though the request fails
    raise ApiError(422, "SPOOF_SUSPECTED", "สงสัยว่าเป็นภาพถ่ายหรือหน้าจอ ไม่ใช่ใบหน้าจริง",
                   "Suspected photo or screen, not a live face",
                   liveness_score=round(a.liveness_score, 4), liveness_threshold=a.liveness_threshold)


def enrol(session: Session, runtime: FaceRuntime, pid: str, photos: list[bytes], consent: bool,
          via: str) -> tuple[list[FaceTemplate], list[dict]]:
    """Store one template per photo; returns the templates and any duplicate-identity flags."""
    get_citizen(session, pid)
    if not consent and active_consent(session, pid) is None:
        raise ApiError(422, "CONSENT_REQUIRED", "ต้องได้รับความยินยอมจากผู้รับบริการก่อนลงทะเบียนใบหน้า",
                       "The citizen's consent is required before enrolling a face")
    end_transaction(session)  # no lock is held while the photos are analysed
    analysed = [analyse(runtime, photo) for photo in photos]
    for a in analysed:
        refuse_spoof(session, pid, "ENROL", a)
    consent_row = grant_consent(session, pid, via)
    flags: list[dict] = []
    rows: list[FaceTemplate] = []
    for a in analysed:
        dup = runtime.index.duplicate_check(a.result.template, pid, threshold=runtime.engine.threshold)
        if dup.flagged:
            flags += _flags(dup)
        row = FaceTemplate(pid=pid, model_id=a.result.model_id, dim=a.result.template.size,
                           vector=a.result.template.to_bytes(), quality=float(a.result.face.score),
                           consent_id=consent_row.id, enrolled_by=via)
        session.add(row)
        rows.append(row)
    session.flush()
    additions = [(r.id, pid, np.frombuffer(r.vector, dtype="<f4")) for r in rows]
    on_commit(session, lambda: runtime.index_add(additions))
    return rows, flags


def erase(session: Session, runtime: FaceRuntime, pid: str) -> int:
    """Withdraw face consent: delete every template of the citizen (and, after commit, from the index)."""
    get_citizen(session, pid)
    ids = withdraw_consent(session, pid)
    on_commit(session, lambda: runtime.index_remove(ids))
    return len(ids)


def best_similarity(session: Session, runtime: FaceRuntime, pid: str, template: Template) -> float | None:
    """Highest cosine similarity to the citizen's templates of the running model (None: none enrolled)."""
    blobs = session.scalars(select(FaceTemplate.vector).where(
        FaceTemplate.pid == pid, FaceTemplate.model_id == runtime.engine.model_id)).all()
    if not blobs:
        return None
    return max(runtime.engine.compare(template, Template.from_bytes(template.model_id, b)) for b in blobs)


def needs_reenrolment(session: Session, runtime: FaceRuntime, pid: str) -> bool:
    other = select(FaceTemplate.id).where(FaceTemplate.pid == pid, FaceTemplate.model_id != runtime.engine.model_id)
    return session.scalars(other.limit(1)).first() is not None


def _flags(dup: DuplicateCheck) -> list[dict]:
    return [{"pid": c.pid, "score": round(c.score, 4)} for c in dup.candidates] if dup.flagged else []


def verify(session: Session, runtime: FaceRuntime, pid: str, photo: bytes) -> dict:
    get_citizen(session, pid)
    end_transaction(session)
    a = analyse(runtime, photo)
    refuse_spoof(session, pid, "FACE", a)
    similarity = best_similarity(session, runtime, pid, a.result.template)
    if similarity is None:
        detail = " (templates of another model exist: re-enrol)" if needs_reenrolment(session, runtime, pid) else ""
        raise ApiError(404, "FACE_NOT_ENROLLED", "ยังไม่ได้ลงทะเบียนใบหน้าของผู้รับบริการ",
                       f"The citizen has no face enrolled for model {runtime.engine.model_id}{detail}")
    threshold = runtime.engine.threshold
    dup = runtime.index.duplicate_check(a.result.template, pid, threshold=threshold)
    return {"pid": pid, "match": similarity >= threshold, "duplicate_flags": _flags(dup),
            "similarity": round(similarity, 4), "threshold": threshold, "model_id": a.result.model_id,
            "liveness_score": a.liveness_score, "liveness_threshold": a.liveness_threshold,
            "box": [round(float(v), 1) for v in a.result.box]}


def identify(session: Session, runtime: FaceRuntime, photo: bytes, k: int) -> dict:
    a = analyse(runtime, photo)
    refuse_spoof(session, None, "IDENTIFY", a)
    ident = runtime.index.identify(a.result.template, threshold=runtime.engine.threshold, k=k)
    return {"decision": ident.decision, "pid": ident.pid, "score": ident.score,
            "threshold": runtime.engine.threshold, "model_id": a.result.model_id,
            "candidates": [{"pid": c.pid, "score": round(c.score, 4)} for c in ident.candidates[:k]]}

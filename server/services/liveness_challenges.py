"""Active liveness: one-time head-turn challenges and the frames that answer them.

The tablet asks for a challenge, shows its steps ("turn your head left, then right"), and sends
frame 0 (looking at the camera when the challenge is shown) and one frame after each step with
the capture.  The server judges the frames itself: frame 0 must be the same person as the capture
(1:1 at the model's threshold); each step is a head turn measured from the frame before it on the
detector's 5-point landmarks (:func:`models.active_liveness.verify_turn`).  A challenge is used
once (claimed in the transaction that issues the claim), lives ``ttl_s`` seconds, and belongs to
the device and unit it was given to.  Steps are random, so frames recorded earlier cannot answer.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from fvs_errors import Message
from models.active_liveness import verify_turn
from server.decision import load_policy
from server.decision.reasons import reason
from server.face_runtime import FaceRuntime
from server.services.access import Principal, Role, ensure_unit_access, require_role
from server.tables import LivenessChallenge

DIRECTIONS = ("left", "right")
INSTRUCTIONS = {"left": ("หันศีรษะไปทางซ้าย", "turn your head to your left"),
                "right": ("หันศีรษะไปทางขวา", "turn your head to your right")}
MAX_FRAMES = 5


@dataclass(frozen=True)
class Challenge:
    id: str
    steps: tuple[str, ...]
    expires_at: datetime
    instructions_th: str
    instructions_en: str


def issue(session: Session, *, principal: Principal, hcode: str, now: datetime) -> Challenge:
    """A fresh random sequence of turns for the unit's tablet (alternating, random first side)."""
    require_role(principal, Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN)
    ensure_unit_access(principal, hcode)
    rule = load_policy().challenge
    first = secrets.randbelow(2)
    steps = tuple(DIRECTIONS[(first + i) % 2] for i in range(rule.steps))
    row = LivenessChallenge(id=secrets.token_urlsafe(24), hcode=hcode, principal_id=principal.id,
                            steps=",".join(steps), issued_at=now, expires_at=now + timedelta(seconds=rule.ttl_s))
    session.add(row)
    session.flush()
    th = " แล้ว ".join(INSTRUCTIONS[s][0] for s in steps)
    en = ", then ".join(INSTRUCTIONS[s][1] for s in steps)
    return Challenge(row.id, steps, row.expires_at, f"มองกล้อง แล้ว{th}", f"Look at the camera, then {en}")


def find(session: Session, *, challenge_id: str | None, principal: Principal, hcode: str,
         now: datetime) -> LivenessChallenge | None:
    """The challenge when it is this device's, for this unit, unused and unexpired; else None."""
    row = session.get(LivenessChallenge, challenge_id) if challenge_id else None
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    if row.hcode != hcode or row.principal_id != principal.id:
        return None
    return row


def claim(session: Session, *, challenge_id: str, now: datetime) -> bool:
    """Use the challenge up, atomically (two requests with one challenge: one wins)."""
    done = session.execute(update(LivenessChallenge).where(
        LivenessChallenge.id == challenge_id, LivenessChallenge.used_at.is_(None),
        LivenessChallenge.expires_at > now).values(used_at=now))
    return done.rowcount == 1


def judge(runtime: FaceRuntime, *, steps: tuple[str, ...], frames: list[bytes], photo_template,
          mirrored: bool = False) -> Message | None:
    """None when the frames answer the steps; else the ``LIVENESS_CHALLENGE_FAILED`` reason."""
    if len(frames) != len(steps) + 1:
        return reason("LIVENESS_CHALLENGE_FAILED", detail=f"expected {len(steps) + 1} frames, got {len(frames)}")
    engine = runtime.engine
    with runtime.slot():
        images = [engine.decode(f) for f in frames]
        faces = [engine.detect(image) for image in images]
        if not all(faces):
            return reason("LIVENESS_CHALLENGE_FAILED", detail="no face in a frame")
        first = engine.analyze_image(images[0], enforce_quality=False)
    if engine.compare(first.template, photo_template) < engine.threshold:
        return reason("LIVENESS_CHALLENGE_FAILED", detail="FACE_CHANGED")
    landmarks = [found[0].landmarks for found in faces]
    for i, step in enumerate(steps):
        result = verify_turn([landmarks[i], landmarks[i + 1]], step, mirrored=mirrored)  # type: ignore[arg-type]
        if not result.passed:
            return reason("LIVENESS_CHALLENGE_FAILED", detail=f"step {i + 1} {step}: {result.reason}")
    return None

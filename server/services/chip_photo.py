"""Chip-photo enrolment: a unit's only way to enrol a citizen's face.

Enrolment otherwise belongs to NHSO (``faces.enrol``, NHSO admins).  A unit may enrol the face of
a citizen who stands at its counter with their ID card: the card is read by the unit's registered
agent (a fresh, signed read of *that* citizen's card, with its single-use nonce,
:func:`~server.services.card_reads.verify_signed_read`), the photo read from the chip is sent
along and must hash to the read's ``photo_sha256``, the live capture must pass the quality gates
and liveness, and it must match the chip photo at the citizen's age band's threshold.  Only then,
with the citizen's consent, is the **capture** enrolled (never the chip photo: it may be years
old and is a scan, not a live face).

The chip photo is small (a Thai card holds a JPEG of about 297 × 356 pixels, 3–5 kB, often grey)
and heavily compressed, so it is checked with its own, explicit gates
(:data:`CHIP_PHOTO_GATES`) and without liveness: liveness models score such a scan as a
presentation attack (they are trained to), and its genuineness is proven by the signature
over its hash instead.

The proof is kept: the signed read (purpose ``CHIP_PHOTO``, with the template's id), the
consent's ``granted_via`` ``card-photo:<hcode>`` when consent is given here, the template's
``enrolled_by`` (the unit principal), and a ``verification_attempts`` row (channel
``CARD_PHOTO``) with the similarity and liveness score, passed or refused.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from card_reader.errors import CATALOGUE as CARD_MESSAGES
from citizens.consents import active_consent
from citizens.errors import CATALOGUE as CITIZENS
from citizens.registry import get_citizen
from models import FaceError, FaceResult
from models.face_policy import threshold_for
from models.quality import QualityConfig, failed_gates
from server.db.engine import end_transaction
from server.face_runtime import FaceRuntime
from server.services.access import Principal, Role, require_role
from server.services.card_read_records import ReadPurpose, keep
from server.services.card_reads import verify_signed_read
from server.services.chip_photo_errors import chip_photo_error
from server.services.faces import (
    analyse,
    enrol_analysed,
    record_attempt,
    refuse_spoof,
    require_liveness_model,
)
from server.tables import FaceTemplate
from thai_civil.calendar import age_on, format_be_date, service_date
from thai_civil.pid import mask_pid

log = logging.getLogger("fvs.face")

UNIT_ROLES = (Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN)
CHANNEL = "CARD_PHOTO"

CHIP_PHOTO_GATES = QualityConfig(min_eye_distance_px=12.0, min_sharpness=1.0, min_brightness=30.0,
                                 max_brightness=235.0, max_yaw_deg=30.0, max_roll_deg=20.0)
"""Quality gates of the chip photo, relaxed for size and sharpness and tightened for pose.

* Eye distance ≥ 12 px (captures: 20): a 148 × 178 test card photo has 16–35 px, a real 297 × 356
  one about twice that; below 12 px the recogniser's 112 px crop is mostly interpolation.
* Sharpness ≥ 1.0 (captures: 2.5): a 3–5 kB JPEG loses fine detail by design; one of the five
  card photos made from ``shared/faces`` measures 1.77.  A photo below 1.0 is blocking noise.
* Brightness 30–235 (captures: 40–220): scans are often flat and light.
* Pose: |yaw| ≤ 30°, |roll| ≤ 20° (captures: 45°/30°): an ID photo is frontal by rule, so a
  larger angle means a bad read, not a pose.
"""


@dataclass(frozen=True)
class ChipEnrolment:
    pid: str
    template: FaceTemplate
    similarity: float
    threshold: float
    model_id: str
    liveness_score: float | None
    duplicate_flags: list[dict]
    card_read_id: int


def analyse_chip_photo(runtime: FaceRuntime, photo: bytes) -> FaceResult:
    """The chip photo's face under :data:`CHIP_PHOTO_GATES` (``CHIP_PHOTO_UNUSABLE`` otherwise)."""
    try:
        with runtime.slot():
            result = runtime.engine.analyze_image(runtime.engine.decode(photo), enforce_quality=False)
    except FaceError as exc:
        raise chip_photo_error("CHIP_PHOTO_UNUSABLE", reason=exc.code, reasons=[exc.code]) from None
    values = {k: getattr(result.quality, k) for k in ("eye_distance_px", "sharpness", "brightness", "yaw_deg",
                                                       "roll_deg")}
    failing = failed_gates(values, CHIP_PHOTO_GATES)
    if failing:
        raise chip_photo_error("CHIP_PHOTO_UNUSABLE", reason=failing[0], reasons=list(failing),
                               quality=result.quality.to_dict())
    return result


def enrol_from_card(session: Session, runtime: FaceRuntime, *, principal: Principal, pid: str, capture: bytes,
                    chip_photo: bytes, signed_read: Mapping[str, object] | None, consent: bool,
                    now: datetime) -> ChipEnrolment:
    """Enrol the live capture of the citizen whose card the unit's agent just read, if it matches the
    card's chip photo (see the module's documentation for every check)."""
    require_role(principal, *UNIT_ROLES)
    assert principal.hcode is not None
    citizen = get_citizen(session, pid)
    if not consent and active_consent(session, pid) is None:
        raise CITIZENS.error("CONSENT_REQUIRED", purpose="FACE_VERIFICATION")
    require_liveness_model(runtime)
    read = verify_signed_read(session, hcode=principal.hcode, signed_read=signed_read, expected_pid=pid, now=now)
    day = service_date(now)
    if read.expired_on(day):
        assert read.expiry_date is not None
        raise CARD_MESSAGES.error("CARD_EXPIRED", expiry=read.expiry_date.isoformat(),
                                  expiry_be=format_be_date(read.expiry_date), pid=mask_pid(pid))
    if read.photo_sha256 is None:
        raise chip_photo_error("CHIP_PHOTO_NOT_READ")
    if not hmac.compare_digest(hashlib.sha256(chip_photo).hexdigest(), read.photo_sha256.lower()):
        raise chip_photo_error("CHIP_PHOTO_MISMATCH")
    end_transaction(session)  # the nonce is used up; no lock is held during inference
    live = analyse(runtime, capture)
    refuse_spoof(session, pid, CHANNEL, live, at=now)
    chip = analyse_chip_photo(runtime, chip_photo)
    age = age_on(citizen.birth_date, max(day, citizen.birth_date)).years
    threshold = threshold_for(runtime.engine, age)
    similarity = float(runtime.engine.compare(live.result.template, chip.template))
    attempt = {"pid": pid, "hcode": principal.hcode, "channel": CHANNEL, "principal_id": principal.id,
               "similarity": round(similarity, 4), "liveness_score": live.liveness_score,
               "model_id": live.result.model_id, "created_at": now}
    if similarity < threshold:
        record_attempt(session, outcome="REFUSED", reason_codes="CHIP_FACE_MISMATCH", **attempt)
        session.commit()  # the refusal stays on record although the request fails
        raise chip_photo_error("CHIP_FACE_MISMATCH", similarity=round(similarity, 4), threshold=threshold)
    rows, flags = enrol_analysed(session, runtime, pid=pid, analysed=[live], via=principal.id,
                                 consent_via=f"card-photo:{principal.hcode}", on=day)
    kept = keep(session, read=read, signed=signed_read or {}, purpose=ReadPurpose.CHIP_PHOTO, by=principal.id, now=now,
                face_template_id=rows[0].id)
    record_attempt(session, outcome="PASSED", reason_codes="", **attempt)
    log.info("face of %s enrolled from the card photo by %s (similarity %.3f, threshold %.2f)", mask_pid(pid),
             principal.id, similarity, threshold)
    return ChipEnrolment(pid=pid, template=rows[0], similarity=round(similarity, 4), threshold=threshold,
                         model_id=live.result.model_id, liveness_score=live.liveness_score, duplicate_flags=flags,
                         card_read_id=kept.id)

"""End to end with the real face and liveness models: a unit's tablet verifies a citizen by face
and GPS and gets a claim code; retries are idempotent; cancel, search and report follow."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from server.settings import Settings
from server.tables import Claim, VerificationAttempt
from tests import face_poses
from tests.conftest import FIXED_NOW, SHARED, make_test_app
from tests.server.conftest import ADULT, ELDER, PHARMACY, bearer

PEOPLE = SHARED / "faces" / "people"
MODELS = SHARED / "models" / "buffalo_sc"


def person(folder: str, index: int = 0) -> bytes:
    return sorted((PEOPLE / folder).iterdir())[index].read_bytes()


@pytest.fixture
def tablet(settings: Settings, session, world):
    settings = settings.model_copy(update={
        "model_dir": MODELS, "liveness_dir": SHARED / "models" / "antispoof",
    })
    app = make_test_app(settings, session)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert app.state.face.wait_loaded(120)
        photos = [("photos", ("p.jpg", person("obama"), "image/jpeg"))]
        url = f"/api/v1/citizens/{ADULT}/faces"
        # Enrolment belongs to NHSO: the unit's own tablet is refused.
        refused = c.post(url, data={"consent": "true"}, files=photos, headers=bearer(world.device[world.pharmacy]))
        assert refused.status_code == 403 and refused.json()["code"] == "ROLE_FORBIDDEN"
        r = c.post(url, data={"consent": "true"}, files=photos, headers=bearer(world.nhso_admin))
        assert r.status_code == 201, r.json()
        c.headers.update(bearer(world.device[world.pharmacy]))
        yield c


def form(**changes) -> dict:
    fix_time = (FIXED_NOW - timedelta(seconds=30)).isoformat()
    base = {"pid": ADULT, "hcode": PHARMACY.hcode, "profession": "PHARMACIST", "service_type": "PG0070001",
            "phone": "0812345678", "latitude": "13.7564", "longitude": "100.5019", "accuracy_m": "12",
            "fix_time": fix_time, "device_id": "tablet-1"}
    return {k: v for k, v in {**base, **changes}.items() if v is not None}


def challenge(c, hcode: str = PHARMACY.hcode) -> dict:
    r = c.post("/api/v1/verifications/face/challenges", json={"hcode": hcode})
    assert r.status_code == 201, r.json()
    return r.json()


def verify(c, photo: bytes, key: str | None = None, turning: str | None = "obama", answer_with=None, **changes):
    """A verification answering a fresh head-turn challenge with frames of ``turning`` (or
    ``answer_with``: (challenge_id, frames))."""
    headers = {"Idempotency-Key": key} if key else {}
    data, files = form(**changes), [("photo", ("face.jpg", photo, "image/jpeg"))]
    if answer_with is None and turning is not None:
        asked = challenge(c)
        answer_with = (asked["challenge_id"], face_poses.answer(asked["steps"], turning))
    if answer_with is not None:
        data["challenge_id"] = answer_with[0]
        files += [("frames", (f"frame-{i}.jpg", f, "image/jpeg")) for i, f in enumerate(answer_with[1])]
    return c.post("/api/v1/verifications/face", data=data, headers=headers, files=files)


def test_face_verification_issues_a_claim_and_follows_it_through(tablet, session):
    c = tablet
    asked = challenge(c)
    first_answer = (asked["challenge_id"], face_poses.answer(asked["steps"]))
    r = verify(c, person("obama", 1), key="visit-1", answer_with=first_answer)
    assert r.status_code == 201, r.json()
    claim = r.json()["claim"]
    assert claim["code"].startswith("PP") and len(claim["code"]) == 12 and claim["status"] == "ACTIVE"
    assert claim["method"] == "FACE_1TO1" and claim["model_id"] and claim["similarity"] >= 0.37
    assert 0.52 <= claim["liveness_score"] <= 1.0           # the liveness score is on every claim
    assert claim["distance_m"] < 100 and claim["staff_id"] is not None
    stored = session.scalars(select(Claim).where(Claim.code == claim["code"])).one()
    assert stored.liveness_score == pytest.approx(claim["liveness_score"]) and stored.latitude == pytest.approx(13.7564)

    again = verify(c, person("obama", 1), key="visit-1", answer_with=first_answer)
    assert again.status_code == 201 and again.json()["claim"]["code"] == claim["code"] and again.json()["replayed"]
    assert session.scalars(select(Claim).where(Claim.pid == ADULT)).all() == [stored]

    cancel = c.post(f"/api/v1/claims/{claim['code']}/cancel", json={"reason": "ผู้รับบริการขอยกเลิก"})
    assert cancel.status_code == 200
    found = c.get("/api/v1/claims", params={"pid": ADULT}).json()["items"]
    assert [(x["code"], x["status"], x["cancel_reason"]) for x in found] == [(claim["code"], "CANCELLED", "ผู้รับบริการขอยกเลิก")]
    report = c.get("/api/v1/reports/claims", params={"format": "csv", "service_from": "22/11/2569"})
    rows = list(csv.DictReader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert [(x["รหัสเคลม"], x["วันที่รับบริการ"], x["สถานะ"], x["เหตุผลการยกเลิก"]) for x in rows] == [
        (claim["code"], "22/11/2569", "CANCELLED", "ผู้รับบริการขอยกเลิก")]


@pytest.mark.parametrize("photo, changes, code, next_channels", [
    (("obama", 1), {"latitude": "13.80", "longitude": "100.55", "device_id": "tablet-far"}, "OUTSIDE_GEOFENCE",
     ["BOOKING_QR", "LINE_QR"]),
    (("obama", 1), {"latitude": None, "longitude": None, "fix_time": None}, "GEOFENCE_REQUIRED", ["BOOKING_QR", "LINE_QR"]),
    (("obama", 1), {"mocked": "true", "device_id": "tablet-mock"}, "GPS_MOCKED", ["BOOKING_QR", "LINE_QR"]),
    (("biden", 0), {"turning": "biden"}, "FACE_MISMATCH", ["BOOKING_QR", "LINE_QR"]),
    (("obama", 1), {"phone": None}, "PHONE_REQUIRED", []),
    (("obama", 1), {"profession": "DENTIST"}, "STAFF_NOT_ON_DUTY", []),
    (("obama", 1), {"pid": ELDER}, "FACE_NOT_ENROLLED", ["LINE_QR", "BOOKING_QR", "SMART_CARD"]),
])
def test_face_refusals(tablet, session, photo, changes, code, next_channels):
    r = verify(tablet, person(*photo), **changes)
    assert r.status_code == 422, r.json()
    assert r.json()["code"] == code and r.json()["next_channels"] == next_channels
    attempt = session.scalars(select(VerificationAttempt).where(VerificationAttempt.channel == "FACE")
                              .order_by(VerificationAttempt.id.desc())).first()
    assert attempt.outcome == "REFUSED" and code in attempt.reason_codes


@pytest.mark.parametrize("attack", ["image_F1.jpg", "image_F2.jpg"])
def test_a_spoof_is_refused_before_any_claim(tablet, session, attack):
    r = verify(tablet, (SHARED / "faces" / "antispoof" / attack).read_bytes())
    assert (r.status_code, r.json()["code"]) == (422, "SPOOF_SUSPECTED")
    attempt = session.scalars(select(VerificationAttempt).order_by(VerificationAttempt.id.desc())).first()
    assert attempt.liveness_score is not None and attempt.liveness_score < 0.52 and attempt.claim_code is None
    assert session.scalars(select(Claim)).all() == []


def test_a_photo_without_a_face_is_a_quality_refusal(tablet):
    import cv2
    import numpy as np
    blank = cv2.imencode(".jpg", np.full((480, 640, 3), 128, np.uint8))[1].tobytes()
    r = verify(tablet, blank)
    assert (r.status_code, r.json()["code"]) == (422, "NO_FACE")


def test_the_head_turn_challenge_is_the_servers_and_used_once(tablet, session):
    c = tablet
    photo = person("obama", 1)
    assert verify(c, photo, turning=None).json()["code"] == "LIVENESS_CHALLENGE_REQUIRED"
    asked = challenge(c)
    wrong = list(reversed(asked["steps"]))  # the turns of another challenge
    r = verify(c, photo, answer_with=(asked["challenge_id"], face_poses.answer(wrong)))
    assert r.json()["code"] == "LIVENESS_CHALLENGE_FAILED", r.json()
    other = challenge(c)
    r = verify(c, photo, answer_with=(other["challenge_id"], face_poses.answer(other["steps"], "biden")))
    assert r.json()["code"] == "LIVENESS_CHALLENGE_FAILED" and "FACE_CHANGED" in r.json()["message_en"]
    assert verify(c, photo, answer_with=("made-up", face_poses.answer(["left", "right"]))).json()["code"] \
        == "LIVENESS_CHALLENGE_INVALID"
    good = challenge(c)
    answer = (good["challenge_id"], face_poses.answer(good["steps"]))
    assert verify(c, photo, answer_with=answer).status_code == 201
    r = verify(c, photo, answer_with=answer, service_type="PG0060001")  # the same challenge again
    assert r.json()["code"] == "LIVENESS_CHALLENGE_INVALID"
    assert len(good["steps"]) == 2 and set(good["steps"]) == {"left", "right"}

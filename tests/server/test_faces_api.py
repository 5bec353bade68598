"""Face endpoints end to end with the real models: enrol, verify, identify, liveness, erase."""

import pytest
from fastapi.testclient import TestClient

from server.settings import Settings
from server.tables import VerificationAttempt
from tests.conftest import SHARED, make_test_app, root_token

PEOPLE = SHARED / "faces" / "people"

OBAMA, BIDEN = "1101700203450", "3100000000004"


def photo(rel: str) -> bytes:
    return (SHARED / "faces" / rel).read_bytes()


@pytest.fixture
def face_client(settings: Settings, session):
    settings = settings.model_copy(update={
        "model_dir": SHARED / "models" / "buffalo_sc", "liveness_dir": SHARED / "models" / "antispoof",
    })
    app = make_test_app(settings, session)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {root_token(session)}"
        assert app.state.face.wait_loaded(120)
        assert c.get("/readyz").json()["checks"]["face_models"]["ok"] is True
        for pid, name in ((OBAMA, "บารัก"), (BIDEN, "โจ")):
            body = {"pid": pid, "title_th": "นาย", "first_name_th": name, "last_name_th": "ทดสอบ",
                    "birth_date": "04/08/2504", "sex": "M", "right_code": "UCS"}
            assert c.put(f"/api/v1/citizens/{pid}", json=body).status_code in (200, 201)
        yield c


def first(folder: str, index: int = 0) -> bytes:
    files = sorted((PEOPLE / folder).iterdir())
    return files[index].read_bytes()


def enrol(c, pid, data, consent="true"):
    return c.post(f"/api/v1/citizens/{pid}/faces", files=[("photos", ("p.jpg", data, "image/jpeg"))],
                  data={"consent": consent})


def test_enrol_verify_identify_erase(face_client):
    c = face_client
    assert enrol(c, OBAMA, first("obama"), consent="false").json()["code"] == "CONSENT_REQUIRED"
    r = enrol(c, OBAMA, first("obama"))
    assert r.status_code == 201, r.json()
    assert enrol(c, BIDEN, first("biden")).status_code == 201

    same = c.post("/api/v1/faces/verify", data={"pid": OBAMA}, files={"photo": ("p.jpg", first("obama", 1), "image/jpeg")})
    assert same.status_code == 200 and same.json()["match"] is True
    assert same.json()["duplicate_flags"] == []
    other = c.post("/api/v1/faces/verify", data={"pid": BIDEN}, files={"photo": ("p.jpg", first("obama", 1), "image/jpeg")})
    assert other.json()["match"] is False and other.json()["similarity"] < other.json()["threshold"]

    # Obama's face enrolled under Biden's PID too: verification flags the other identity
    assert enrol(c, BIDEN, first("obama", 2)).json()["duplicate_flags"][0]["pid"] == OBAMA
    flagged = c.post("/api/v1/faces/verify", data={"pid": BIDEN}, files={"photo": ("p.jpg", first("obama", 1), "image/jpeg")})
    assert flagged.json()["duplicate_flags"][0]["pid"] == OBAMA
    c.delete(f"/api/v1/citizens/{BIDEN}/faces")
    assert enrol(c, BIDEN, first("biden")).status_code == 201

    who = c.post("/api/v1/faces/identify", files={"photo": ("p.jpg", first("biden", 1), "image/jpeg")}).json()
    assert who["decision"] == "MATCH" and who["pid"] == BIDEN

    assert c.delete(f"/api/v1/citizens/{OBAMA}/faces").json()["erased"] == 1
    gone = c.post("/api/v1/faces/verify", data={"pid": OBAMA}, files={"photo": ("p.jpg", first("obama", 1), "image/jpeg")})
    assert gone.status_code == 422 and gone.json()["code"] == "FACE_NOT_ENROLLED"  # a refusal reason, like verification


def test_spoof_refused_and_recorded_without_photo(face_client, session):
    c = face_client
    assert enrol(c, OBAMA, photo("antispoof/image_T1.jpg")).status_code == 201  # the live sample passes
    r = c.post("/api/v1/faces/verify", data={"pid": OBAMA},
               files={"photo": ("p.jpg", photo("antispoof/image_F1.jpg"), "image/jpeg")})
    assert r.status_code == 422 and r.json()["code"] == "SPOOF_SUSPECTED"
    attempt = session.query(VerificationAttempt).filter_by(pid=OBAMA, reason_codes="SPOOF_SUSPECTED").one()
    assert attempt.liveness_score < r.json()["liveness_threshold"]


@pytest.mark.parametrize(
    "payload, status, code",
    [
        (b"not an image at all", 422, "IMAGE_INVALID"),
        (None, 422, "IMAGE_INVALID"),  # truncated JPEG
        (b"", 422, "IMAGE_INVALID"),
    ],
)
def test_bad_photos_are_4xx(face_client, payload, status, code):
    if payload is None:
        payload = first("obama")[:2000]
    r = face_client.post("/api/v1/faces/verify", data={"pid": OBAMA}, files={"photo": ("p.jpg", payload, "image/jpeg")})
    assert (r.status_code, r.json()["code"]) == (status, code)


def test_oversize_and_wrong_type(face_client):
    big = b"\xff\xd8" + b"0" * (9 * 1024 * 1024)
    r = face_client.post("/api/v1/faces/verify", data={"pid": OBAMA}, files={"photo": ("p.jpg", big, "image/jpeg")})
    assert (r.status_code, r.json()["code"]) == (413, "IMAGE_TOO_LARGE")
    r = face_client.post("/api/v1/faces/verify", data={"pid": OBAMA}, files={"photo": ("p.gif", b"GIF89a", "image/gif")})
    assert r.status_code == 415


def test_face_endpoints_503_without_models(client):
    r = client.post("/api/v1/faces/identify", files={"photo": ("p.jpg", b"x", "image/jpeg")})
    assert r.status_code == 503 and r.json()["code"] == "MODEL_UNAVAILABLE"

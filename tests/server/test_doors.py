"""Nobody enters where they do not belong: faces belong to NHSO, identity confirmation belongs
to NHSO, and every look-up of a citizen is audited."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from server.tables import CitizenLookup
from tests.server.conftest import ADULT, bearer
from thai_civil.pid import generate_pid

PHOTO = {"photo": ("p.jpg", b"not really a photo", "image/jpeg")}


def test_a_unit_can_neither_enrol_erase_compare_nor_search_faces(client, world):
    for token in (world.device[world.pharmacy], world.unit_admin[world.pharmacy]):
        for method, url, kwargs in [
            ("post", f"/api/v1/citizens/{ADULT}/faces", {"files": [("photos", PHOTO["photo"])], "data": {"consent": "true"}}),
            ("delete", f"/api/v1/citizens/{ADULT}/faces", {}),
            ("post", "/api/v1/faces/identify", {"files": PHOTO}),
            ("post", "/api/v1/faces/verify", {"files": PHOTO, "data": {"pid": ADULT}}),
        ]:
            r = getattr(client, method)(url, headers=bearer(token), **kwargs)
            assert (r.status_code, r.json()["code"]) == (403, "ROLE_FORBIDDEN"), (url, r.json())
    # a reviewer may compare and search, but enrolling and erasing are the NHSO admin's
    reviewer = bearer(world.reviewer)
    assert client.delete(f"/api/v1/citizens/{ADULT}/faces", headers=reviewer).status_code == 403
    assert client.post("/api/v1/faces/identify", headers=reviewer, files=PHOTO).json()["code"] == "MODEL_UNAVAILABLE"
    assert client.delete(f"/api/v1/citizens/{ADULT}/faces", headers=bearer(world.nhso_admin)).json()["erased"] == 0


def _staff(**over) -> dict:
    return {"pid": generate_pid(), "title": "ภก.", "first_name": "สมชาย", "last_name": "ใจดี",
            "profession": "PHARMACIST", "licence_no": "ภ.54321", "start_date": "2026-01-01", **over}


def test_only_nhso_confirms_a_staff_members_identity(client, world, session):
    unit_admin = bearer(world.unit_admin[world.pharmacy])
    url = f"/api/v1/units/{world.pharmacy}/staff"
    r = client.post(url, json=_staff(verification_status="VERIFIED"), headers=unit_admin)
    assert (r.status_code, r.json()["code"]) == (403, "STAFF_VERIFICATION_NHSO_ONLY")
    body = _staff()
    created = client.post(url, json=body, headers=unit_admin).json()
    assert created["verification_status"] == "PENDING"
    sid = created["id"]
    # a reviewer confirms; a unit cannot
    assert client.post(f"{url}/{sid}/verification", json={"status": "VERIFIED"}, headers=unit_admin).status_code == 403
    confirm = client.post(f"{url}/{sid}/verification", json={"status": "VERIFIED"}, headers=bearer(world.reviewer))
    assert confirm.status_code == 200 and confirm.json()["verification_status"] == "VERIFIED"
    # the unit may correct the name and keep the confirmation…
    renamed = {**body, "first_name": "สมชัย", "verification_status": "VERIFIED"}
    r = client.put(f"{url}/{sid}", json=renamed, headers=unit_admin)
    assert r.status_code == 200 and r.json()["verification_status"] == "VERIFIED"
    # …but changing who the person is (the licence) sends the record back to NHSO
    r = client.put(f"{url}/{sid}", json={**renamed, "licence_no": "ภ.99999"}, headers=unit_admin)
    assert r.status_code == 200 and r.json()["verification_status"] == "PENDING"


def test_every_citizen_look_up_is_audited(client, world, session):
    device = bearer(world.device[world.pharmacy])
    assert client.get(f"/api/v1/citizens/{ADULT}", headers=device).status_code == 200
    assert client.get(f"/api/v1/citizens/{ADULT}/claims", headers=device).status_code == 200
    assert client.get(f"/api/v1/citizens/{ADULT}", headers=bearer(world.reviewer)).status_code == 200
    rows = session.scalars(select(CitizenLookup).where(CitizenLookup.pid == ADULT).order_by(CitizenLookup.id)).all()
    assert [(r.purpose, r.hcode, r.principal_id.split(":")[0]) for r in rows] == [
        ("PERSON_PANEL", world.pharmacy, "device"), ("CLAIM_HISTORY", world.pharmacy, "device"),
        ("PERSON_PANEL", None, "user")]
    assert all(r.at is not None for r in rows) and date.today().year >= 2026

"""The face channel holds each citizen to their age band's threshold (the pack's manifest) and
refuses a template older than its band allows, pointing to the other channels and to re-enrolment
from the card's chip photo."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from models import load_manifest
from models.face_policy import threshold_for
from server.tables import FaceTemplate
from tests.server.conftest import ADULT, CHILD, bearer
from tests.server.test_face_verification_e2e import MODELS, person, tablet, verify  # noqa: F401 (fixture)


def _enrol(c, world, pid: str) -> None:
    r = c.post(f"/api/v1/citizens/{pid}/faces", data={"consent": "true"}, headers=bearer(world.nhso_admin),
               files=[("photos", ("p.jpg", person("obama"), "image/jpeg"))])
    assert r.status_code == 201, r.json()


def test_a_child_is_held_to_the_child_bands_threshold(tablet, world):  # noqa: F811
    manifest = load_manifest(MODELS)
    child_threshold, adult_threshold = threshold_for(manifest, 11), threshold_for(manifest, 36)
    assert child_threshold > adult_threshold  # the pack's data: children are harder to tell apart
    _enrol(tablet, world, CHILD)  # aged 11 on 22/11/2569
    child = verify(tablet, person("obama", 1), pid=CHILD, key="child")
    adult = verify(tablet, person("obama", 1), key="adult")
    assert child.status_code == 201 and adult.status_code == 201, (child.json(), adult.json())
    assert child.json()["claim"]["face_threshold"] == child_threshold
    assert adult.json()["claim"]["face_threshold"] == adult_threshold


def test_an_aged_out_template_is_refused_with_the_next_channels(tablet, world, session):  # noqa: F811
    _enrol(tablet, world, CHILD)
    # enrolled at 6, four years ago: a child's face of that age is valid 12 months (face policy data)
    session.execute(update(FaceTemplate).where(FaceTemplate.pid == CHILD)
                    .values(enrolled_on=date(2022, 6, 1), enrolled_age_years=6))
    session.commit()
    r = verify(tablet, person("obama", 1), pid=CHILD)
    assert r.status_code == 422, r.json()
    body = r.json()
    assert body["code"] == "FACE_TEMPLATE_EXPIRED" and body["re_enrol_source"] == "SMART_CARD_PHOTO"
    assert body["next_channels"] == ["LINE_QR", "BOOKING_QR", "SMART_CARD"]
    assert session.scalars(select(FaceTemplate).where(FaceTemplate.pid == CHILD)).first() is not None  # kept
    assert verify(tablet, person("obama", 1), pid=ADULT).status_code == 201  # a fresh template still works

"""The buffalo_sc pipeline on real photos: verification decisions, faces, reasons."""

from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import pytest

from models import FaceEngine, FaceError, FaceResult
from tests.models.conftest import FACES, decode_bgr, jpeg, photo, require


@pytest.fixture(scope="module")
def people(buffalo: FaceEngine) -> dict[str, FaceResult]:
    """Every people/ photo analysed once (quality gates enforced)."""
    root = require(FACES / "people")
    return {
        str(p.relative_to(root)): buffalo.analyze(p.read_bytes())
        for p in sorted(root.glob("*/*"))
        if p.is_file()
    }


def _pairs() -> list[tuple[str, str, bool]]:
    with require(FACES / "pairs.csv").open(newline="") as fh:
        return [(r["image_a"], r["image_b"], r["label"] == "same") for r in csv.DictReader(fh)]


def test_result_carries_template_box_landmarks_and_quality(people: dict[str, FaceResult]) -> None:
    result = people["obama/obama1.jpg"]
    assert result.model_id == "buffalo_sc"
    assert result.embedding.shape == (512,) and result.embedding.dtype == np.float32
    assert abs(float(np.linalg.norm(result.embedding)) - 1) < 1e-5
    x1, y1, x2, y2 = result.box
    assert 0 <= x1 < x2 <= result.image_size[0] and 0 <= y1 < y2 <= result.image_size[1]
    assert result.landmarks.shape == (5, 2)
    assert all(x1 <= x <= x2 and y1 <= y <= y2 for x, y in result.landmarks)
    assert result.det_score > 0.5 and result.quality.passed and result.face_count == 1


def test_labelled_pairs_are_decided_correctly(
    buffalo: FaceEngine, people: dict[str, FaceResult]
) -> None:
    pairs = _pairs()
    assert sum(same for *_, same in pairs) >= 20
    wrong = [
        (a, b, same)
        for a, b, same in pairs
        if buffalo.is_match(buffalo.compare(people[a], people[b])) != same
    ]
    assert not wrong


def test_same_person_years_apart_matches_and_impostors_do_not(buffalo: FaceEngine) -> None:
    faces = {
        n: buffalo.analyze(photo(f"credited/{n}.jpg"))
        for n in ("person_a_1", "person_a_2", "person_b_1", "person_b_2", "impostor_2")
    }
    assert buffalo.is_match(buffalo.compare(faces["person_a_1"], faces["person_a_2"]))
    assert buffalo.is_match(buffalo.compare(faces["person_b_1"], faces["person_b_2"]))
    for name in ("person_a_1", "person_b_1"):
        assert not buffalo.is_match(buffalo.compare(faces[name], faces["impostor_2"]))


def test_photo_without_a_face(buffalo: FaceEngine) -> None:
    noise = np.random.default_rng(0).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    for image in (np.full((400, 400, 3), 128, np.uint8), cv2.GaussianBlur(noise, (0, 0), 3)):
        with pytest.raises(FaceError) as err:
            buffalo.analyze(jpeg(image))
        assert err.value.code == "NO_FACE"
        assert err.value.message_th and err.value.message_en


@pytest.mark.parametrize(
    "name", ["two_people.jpg", "obama_and_biden.jpg", "kit_with_rose.jpg", "players.jpg"]
)
def test_two_large_faces_are_refused(buffalo: FaceEngine, name: str) -> None:
    with pytest.raises(FaceError) as err:
        buffalo.analyze(photo(f"group/{name}"))
    assert err.value.code == "MULTIPLE_FACES"
    assert err.value.details["second_face_area_ratio"] >= 0.5


def test_detect_exposes_every_face_for_other_modules(buffalo: FaceEngine) -> None:
    image = buffalo.decode(photo("group/obama_and_biden.jpg"))
    faces = buffalo.detect(image)
    assert len(faces) >= 3
    assert [f.area for f in faces] == sorted((f.area for f in faces), reverse=True)
    for face in faces:
        assert face.box.shape == (4,) and face.landmarks.shape == (5, 2) and 0 < face.score <= 1


def test_crop_of_a_group_photo_with_one_face_is_analysed(
    buffalo: FaceEngine, people: dict[str, FaceResult]
) -> None:
    image = decode_bgr(photo("group/two_people.jpg"))
    left = image[:, : image.shape[1] // 2]  # Obama's half
    result = buffalo.analyze(jpeg(left))
    assert buffalo.is_match(buffalo.compare(result, people["obama/obama1.jpg"]))
    assert not buffalo.is_match(buffalo.compare(result, people["biden/biden2.jpg"]))


@pytest.fixture(scope="module")
def portrait() -> np.ndarray:
    return decode_bgr(photo("people/obama/obama1.jpg"))


def _reason(engine: FaceEngine, image: np.ndarray) -> str:
    with pytest.raises(FaceError) as err:
        engine.analyze(jpeg(image))
    return err.value.code


def test_blurred_copy_is_blurry(buffalo: FaceEngine, portrait: np.ndarray) -> None:
    assert buffalo.analyze(jpeg(portrait)).quality.passed
    assert _reason(buffalo, cv2.GaussianBlur(portrait, (0, 0), 6)) == "BLURRY"


def test_dark_and_overexposed_copies(buffalo: FaceEngine, portrait: np.ndarray) -> None:
    assert _reason(buffalo, (portrait * 0.12).astype(np.uint8)) == "TOO_DARK"
    assert _reason(buffalo, np.clip(portrait * 0.3 + 190, 0, 255).astype(np.uint8)) == "TOO_BRIGHT"


def test_small_face_is_too_small(buffalo: FaceEngine, portrait: np.ndarray) -> None:
    small = cv2.resize(portrait, None, fx=0.13, fy=0.13, interpolation=cv2.INTER_AREA)
    canvas = np.full((480, 640, 3), 120, np.uint8)
    canvas[100 : 100 + small.shape[0], 100 : 100 + small.shape[1]] = small
    assert _reason(buffalo, canvas) == "FACE_TOO_SMALL"


def test_strongly_tilted_head_is_refused(buffalo: FaceEngine, portrait: np.ndarray) -> None:
    h, w = portrait.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 50, 1.0)
    tilted = cv2.warpAffine(portrait, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    with pytest.raises(FaceError) as err:
        buffalo.analyze(jpeg(tilted))
    assert err.value.code == "POSE_TOO_LARGE"
    assert abs(err.value.details["quality"]["roll_deg"]) > 40


def test_quality_can_be_reported_without_refusing(
    buffalo: FaceEngine, portrait: np.ndarray
) -> None:
    result = buffalo.analyze(jpeg(cv2.GaussianBlur(portrait, (0, 0), 6)), enforce_quality=False)
    assert result.quality.reasons == ("BLURRY",) and result.embedding.shape == (512,)


def test_one_engine_is_safe_to_share_between_threads(
    buffalo: FaceEngine, people: dict[str, FaceResult]
) -> None:
    names = [
        "obama/obama1.jpg",
        "biden/biden2.jpg",
        "kit_harington/kit3.jpg",
        "rose_leslie/rose1.jpg",
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: buffalo.analyze(photo(f"people/{n}")), names * 3))
    for name, result in zip(names * 3, results, strict=True):
        np.testing.assert_allclose(result.embedding, people[name].embedding, atol=1e-5)

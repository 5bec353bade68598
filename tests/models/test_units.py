"""Pure units: alignment, face selection, pose, quality gates, errors, templates."""

from __future__ import annotations

import numpy as np
import pytest

from models import CATALOGUE, Face, FaceError, QualityConfig, Template, select_face
from models.align import ARCFACE_TEMPLATE, align_face, similarity_transform
from models.quality import failed_gates, pose_from_landmarks
from models.similarity import compare


def _face(area_side: float, x: float = 0.0) -> Face:
    return Face(
        box=np.array([x, 0, x + area_side, area_side], np.float32),
        landmarks=np.zeros((5, 2), np.float32),
        score=0.9,
    )


def test_similarity_transform_recovers_a_known_transform() -> None:
    angle, scale, shift = np.radians(20), 1.7, np.array([12.0, -5.0])
    rotation = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = np.random.default_rng(1).uniform(0, 100, (5, 2))
    dst = src @ rotation.T + shift
    matrix = similarity_transform(src, dst)
    np.testing.assert_allclose(matrix, np.hstack([rotation, shift[:, None]]), atol=1e-9)


def test_alignment_puts_landmarks_on_the_template() -> None:
    image = np.zeros((300, 300, 3), np.uint8)
    landmarks = ARCFACE_TEMPLATE * 2 + 40  # a face twice the template size, shifted
    for x, y in landmarks.astype(int):
        image[y - 1 : y + 2, x - 1 : x + 2] = 255
    aligned = align_face(image, landmarks)
    assert aligned.shape == (112, 112, 3)
    for x, y in ARCFACE_TEMPLATE.round().astype(int):
        assert aligned[y, x].max() > 100


@pytest.mark.parametrize(
    "second_side, refused", [(69, False), (71, True), (100, True), (10, False)]
)
def test_multiple_face_policy_uses_the_area_ratio(second_side: float, refused: bool) -> None:
    faces = [_face(second_side, x=200), _face(100)]  # second area ratio = (side/100)²
    if refused:
        with pytest.raises(FaceError) as err:
            select_face(faces, multiple_ratio=0.5)
        assert err.value.code == "MULTIPLE_FACES"
    else:
        assert select_face(faces, multiple_ratio=0.5).width == 100


def test_multiple_face_ratio_is_a_parameter() -> None:
    faces = [_face(100), _face(60, x=200)]  # ratio 0.36
    assert select_face(faces, multiple_ratio=0.5).width == 100
    with pytest.raises(FaceError):
        select_face(faces, multiple_ratio=0.3)
    with pytest.raises(FaceError) as err:
        select_face([])
    assert err.value.code == "NO_FACE"


def test_pose_from_landmarks() -> None:
    frontal = ARCFACE_TEMPLATE.copy()
    yaw, roll = pose_from_landmarks(frontal)
    assert abs(yaw) < 3 and abs(roll) < 1
    turned = frontal.copy()
    turned[2, 0] += 30  # nose far to the side: head turned
    assert abs(pose_from_landmarks(turned)[0]) > 45
    angle = np.radians(40)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    assert pose_from_landmarks(frontal @ rot.T)[1] == pytest.approx(40, abs=0.5)


def test_gates_report_every_failure_in_a_stable_order() -> None:
    config = QualityConfig()
    good = {
        "eye_distance_px": 80.0,
        "sharpness": 20.0,
        "brightness": 120.0,
        "yaw_deg": 0.0,
        "roll_deg": 0.0,
    }
    assert failed_gates(good, config) == ()
    bad = {**good, "eye_distance_px": 10.0, "sharpness": 1.0, "brightness": 10.0, "yaw_deg": 60.0}
    assert failed_gates(bad, config) == ("FACE_TOO_SMALL", "POSE_TOO_LARGE", "TOO_DARK", "BLURRY")
    assert failed_gates({**good, "brightness": 250.0}, config) == ("TOO_BRIGHT",)
    assert failed_gates({**good, "roll_deg": -35.0}, config) == ("POSE_TOO_LARGE",)


def test_error_catalogue_has_thai_and_english() -> None:
    for code in (
        "IMAGE_INVALID",
        "IMAGE_TOO_LARGE",
        "NO_FACE",
        "MULTIPLE_FACES",
        "FACE_TOO_SMALL",
        "BLURRY",
        "TOO_DARK",
        "TOO_BRIGHT",
        "POSE_TOO_LARGE",
        "MODEL_UNAVAILABLE",
        "MODEL_MISMATCH",
        "AMBIGUOUS",
        "NO_MATCH",
        "DUPLICATE_FACE",
    ):
        th, en = CATALOGUE[code]
        assert th and en and th != en
    error = FaceError("BLURRY", details={"sharpness": 1.0})
    assert error.to_dict() == {
        "code": "BLURRY",
        "message_th": CATALOGUE["BLURRY"][0],
        "message_en": CATALOGUE["BLURRY"][1],
        "sharpness": 1.0,
    }
    with pytest.raises(ValueError):
        FaceError("NOT_A_CODE")


def test_templates_of_different_models_are_never_compared() -> None:
    rng = np.random.default_rng(0)
    a = Template("buffalo_sc", rng.standard_normal(512))
    b = Template("opencv_zoo_yunet_sface", rng.standard_normal(128))
    c = Template("other_512", rng.standard_normal(512))
    for x, y in ((a, b), (a, c), (b, a)):
        with pytest.raises(FaceError) as err:
            compare(x, y)
        assert err.value.code == "MODEL_MISMATCH"
        assert "re-enrol" in err.value.message_en
    assert compare(a, a) == pytest.approx(1.0)


def test_template_bytes_round_trip_and_validation() -> None:
    template = Template("m", np.arange(1, 9, dtype=np.float64))
    assert template.vector.dtype == np.float32
    assert np.linalg.norm(template.vector) == pytest.approx(1.0)
    again = Template.from_bytes("m", template.to_bytes())
    np.testing.assert_array_equal(again.vector, template.vector)
    for bad in (np.zeros(8), np.array([np.nan] * 8), np.array([])):
        with pytest.raises(FaceError) as err:
            Template("m", bad)
        assert err.value.code == "TEMPLATE_INVALID"

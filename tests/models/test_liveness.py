"""Passive liveness (MiniFASNet): decisions on the shared samples, crop geometry, fusion and
clear errors for missing/corrupt weights.  Face boxes come from the face core's YuNet pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from models import FaceEngine, FaceError
from models.liveness import BUILTIN_MANIFEST, LivenessModel, fuse, softmax
from models.liveness_crop import crop_face, enlarged_box, to_blob
from tests.models.conftest import MODELS, decode_bgr, photo, require

ANTISPOOF_DIR = MODELS / "antispoof"


@pytest.fixture(scope="module")
def liveness() -> LivenessModel:
    model = LivenessModel.load(require(ANTISPOOF_DIR))
    model.warmup()
    return model


def _score(liveness: LivenessModel, zoo: FaceEngine, relative: str):
    image = decode_bgr(photo(relative))
    box = zoo.detect(image)[0].box
    return liveness.score(image, tuple(box))


# --- decisions on the shared samples --------------------------------------------------------------
def test_live_sample_passes(liveness: LivenessModel, zoo: FaceEngine) -> None:
    result = _score(liveness, zoo, "antispoof/image_T1.jpg")
    assert result.passed
    assert result.score >= result.threshold == liveness.threshold


@pytest.mark.parametrize("name", ["image_F1.jpg", "image_F2.jpg"])
def test_attack_samples_are_refused(liveness: LivenessModel, zoo: FaceEngine, name: str) -> None:
    result = _score(liveness, zoo, f"antispoof/{name}")
    assert not result.passed
    assert result.score < result.threshold


def test_result_fields(liveness: LivenessModel, zoo: FaceEngine) -> None:
    result = _score(liveness, zoo, "antispoof/image_T1.jpg")
    assert set(result.per_model) == {"MiniFASNetV2", "MiniFASNetV1SE"}
    assert all(0.0 <= p <= 1.0 for p in result.per_model.values())
    assert result.to_dict()["passed"] is True


def test_fused_score_is_the_documented_weighted_mean(
    liveness: LivenessModel, zoo: FaceEngine
) -> None:
    result = _score(liveness, zoo, "antispoof/image_F1.jpg")
    weights = {s.name: s.weight for s in liveness.manifest.models}
    assert weights == {"MiniFASNetV2": 0.5, "MiniFASNetV1SE": 0.5}
    expected = sum(weights[name] * p for name, p in result.per_model.items())
    assert result.score == pytest.approx(expected, abs=1e-9)
    assert fuse(result.per_model, liveness.manifest.models) == pytest.approx(expected, abs=1e-9)


def test_per_model_probability_is_softmax_of_the_real_logit(
    liveness: LivenessModel, zoo: FaceEngine
) -> None:
    """Recompute one model by hand: raw BGR 0–255 crop ×2.7, 80×80, softmax index 1."""
    image = decode_bgr(photo("antispoof/image_F2.jpg"))
    box = tuple(zoo.detect(image)[0].box)
    spec, session, input_name = liveness._runs[0]
    assert (spec.name, spec.scale, spec.input_size) == ("MiniFASNetV2", 2.7, (80, 80))
    blob = to_blob(crop_face(image, box, 2.7, (80, 80)))
    assert blob.shape == (1, 3, 80, 80) and blob.dtype == np.float32 and blob.max() > 1.0
    logits = session.run(None, {input_name: blob})[0].reshape(-1)
    assert liveness.score(image, box).per_model["MiniFASNetV2"] == pytest.approx(
        float(softmax(logits.astype(np.float64))[1]), abs=1e-6
    )


def test_manifest_records_threshold_evidence() -> None:
    data = json.loads(BUILTIN_MANIFEST.read_text(encoding="utf-8"))
    threshold = data["threshold"]
    assert 0.0 < threshold["value"] < 1.0
    assert threshold["method"] and threshold["note"]
    for evidence in threshold["evidence_by_detector"].values():
        assert evidence["bona_fide"] > 0 and evidence["attacks_recorded"] > 0


def test_rejects_bad_input(liveness: LivenessModel) -> None:
    with pytest.raises(ValueError):
        liveness.score(np.zeros((100, 100), np.uint8), (10, 10, 50, 50))
    with pytest.raises(ValueError):
        liveness.score(np.zeros((100, 100, 3), np.uint8), (50, 50, 50, 80))


# --- crop geometry --------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [2.7, 4.0])
def test_box_enlarged_around_centre(scale: float) -> None:
    x1, y1, x2, y2 = enlarged_box((2000, 2000), (900, 950, 1000, 1070), scale)
    assert (x2 - x1) == pytest.approx(100 * scale, abs=1)
    assert (y2 - y1) == pytest.approx(120 * scale, abs=1)
    assert (x1 + x2) / 2 == pytest.approx(950, abs=1)
    assert (y1 + y2) / 2 == pytest.approx(1010, abs=1)


def test_box_shifted_inside_at_the_edges() -> None:
    # Near the top-left corner: shifted right/down, size kept.
    x1, y1, x2, y2 = enlarged_box((1000, 800), (0, 10, 100, 110), 4.0)
    assert (x1, y1) == (0, 0)
    assert (x2, y2) == (400, 400)
    # Near the bottom-right corner: shifted left/up, ends on the last pixel.
    x1, y1, x2, y2 = enlarged_box((1000, 800), (900, 700, 1000, 800), 2.7)
    assert (x2, y2) == (999, 799)
    assert (x2 - x1, y2 - y1) == (270, 270)


def test_scale_reduced_when_the_box_cannot_fit() -> None:
    # A 200×300 face in a 400×400 image: ×4 cannot fit, the scale becomes (400-1)/300.
    x1, y1, x2, y2 = enlarged_box((400, 400), (100, 50, 300, 350), 4.0)
    assert (y1, y2) == (0, 399)
    assert x2 - x1 == pytest.approx(200 * 399 / 300, abs=1)
    assert (x1 + x2) / 2 == pytest.approx(200, abs=1)


def test_crop_is_80x80_bgr_of_the_enlarged_region() -> None:
    image = np.zeros((300, 300, 3), np.uint8)
    image[:, :150] = (255, 0, 0)  # blue left half (BGR)
    patch = crop_face(image, (140, 140, 160, 160), 2.7, (80, 80))
    assert patch.shape == (80, 80, 3) and patch.dtype == np.uint8
    assert tuple(patch[40, 5]) == (255, 0, 0) and tuple(patch[40, 75]) == (0, 0, 0)


# --- missing / corrupt weights --------------------------------------------------------------------
@pytest.fixture(scope="module")
def broken_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the antispoof folder: one without V1SE, one with V2 truncated."""
    source = require(ANTISPOOF_DIR)
    dirs = {}
    for kind in ("missing", "corrupt"):
        target = tmp_path_factory.mktemp(kind)
        for name in ("MiniFASNetV2.onnx", "MiniFASNetV1SE.onnx"):
            shutil.copy(source / name, target / name)
        dirs[kind] = target
    (dirs["missing"] / "MiniFASNetV1SE.onnx").unlink()
    corrupt = dirs["corrupt"] / "MiniFASNetV2.onnx"
    corrupt.write_bytes(corrupt.read_bytes()[:1000])
    return dirs


def test_missing_weights_name_the_file(broken_dirs: dict[str, Path]) -> None:
    with pytest.raises(FaceError) as info:
        LivenessModel.load(broken_dirs["missing"])
    assert info.value.code == "MODEL_UNAVAILABLE"
    assert "MiniFASNetV1SE.onnx" in info.value.message_en
    assert str(broken_dirs["missing"]) in info.value.message_en
    assert info.value.details["file"] == "MiniFASNetV1SE.onnx"


def test_corrupt_weights_name_the_file(broken_dirs: dict[str, Path]) -> None:
    with pytest.raises(FaceError) as info:
        LivenessModel.load(broken_dirs["corrupt"])
    assert info.value.code == "MODEL_UNAVAILABLE"
    assert "MiniFASNetV2.onnx" in info.value.message_en and "corrupt" in info.value.message_en
    assert info.value.message_th


def test_missing_directory_is_model_unavailable(tmp_path: Path) -> None:
    with pytest.raises(FaceError) as info:
        LivenessModel.load(tmp_path / "nowhere")
    assert info.value.code == "MODEL_UNAVAILABLE"


def test_directory_manifest_wins(tmp_path: Path) -> None:
    """A ``manifest.json`` in the folder replaces the built-in one (here: V2 only)."""
    source = require(ANTISPOOF_DIR)
    shutil.copy(source / "MiniFASNetV2.onnx", tmp_path / "MiniFASNetV2.onnx")
    data = json.loads(BUILTIN_MANIFEST.read_text(encoding="utf-8"))
    data["id"] = "v2_only"
    data["models"] = data["models"][:1]
    (tmp_path / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    model = LivenessModel.load(tmp_path)
    assert model.manifest.id == "v2_only"
    assert [s.weight for s in model.manifest.models] == [1.0]
    result = model.score(decode_bgr(photo("antispoof/image_T1.jpg")), (116, 109, 297, 360))
    assert set(result.per_model) == {"MiniFASNetV2"}

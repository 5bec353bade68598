"""Model packs: manifest resolution, sha256 verification, clear MODEL_UNAVAILABLE errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from models import FaceEngine, FaceModelUnavailable, builtin_manifests, load_manifest
from models.manifest import file_sha256
from tests.models.conftest import MODELS, require


@pytest.mark.parametrize(
    "pack, model_id, size",
    [
        ("buffalo_sc", "buffalo_sc", 512),
        ("opencv_zoo", "opencv_zoo_yunet_sface", 128),
        ("extra", "scrfd2.5g_mbf128", 128),
    ],
)
def test_builtin_manifest_is_picked_by_the_files_present(
    pack: str, model_id: str, size: int
) -> None:
    manifest = load_manifest(require(MODELS / pack))
    assert manifest.id == model_id
    assert manifest.recognizer.embedding_size == size
    assert manifest.directory == (MODELS / pack).resolve()


def test_builtin_manifests_document_licence_hashes_and_threshold_data() -> None:
    packs = {m.id: m for m in builtin_manifests()}
    assert {"buffalo_sc", "opencv_zoo_yunet_sface", "scrfd2.5g_mbf128"} <= set(packs)
    assert "NON-COMMERCIAL" in packs["buffalo_sc"].licence
    assert "MIT" in packs["opencv_zoo_yunet_sface"].licence
    for manifest in packs.values():
        assert all(len(sha or "") == 64 for sha in manifest.files.values())
        thresholds = manifest.thresholds
        assert 0 < thresholds.verify < 1
        assert thresholds.genuine_pairs > 0 and thresholds.impostor_pairs > 0
        assert {p.far for p in thresholds.operating_points} == {1e-3, 1e-4}
        strict = next(p for p in thresholds.operating_points if p.far == 1e-4)
        # 0.01 % FAR cannot be estimated from fewer than 10,000 impostor pairs: say so.
        assert strict.estimable == (thresholds.impostor_pairs >= 10_000)
        assert thresholds.note


def test_model_dir_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FVS_MODEL_DIR", str(require(MODELS / "buffalo_sc")))
    assert load_manifest().id == "buffalo_sc"
    monkeypatch.delenv("FVS_MODEL_DIR")
    with pytest.raises(FaceModelUnavailable) as err:
        load_manifest()
    assert err.value.code == "MODEL_UNAVAILABLE"


def _pack_copy(tmp_path: Path, *, truncate: str | None = None, skip: str | None = None) -> Path:
    """buffalo_sc in a temp dir: symlinks, except a truncated copy of ``truncate``."""
    source = require(MODELS / "buffalo_sc")
    for file in ("det_500m.onnx", "w600k_mbf.onnx"):
        if file == skip:
            continue
        if file == truncate:
            (tmp_path / file).write_bytes((source / file).read_bytes()[:100_000])
        else:
            os.symlink(source / file, tmp_path / file)
    return tmp_path


def test_missing_weight_names_the_file_and_directory(tmp_path: Path) -> None:
    directory = _pack_copy(tmp_path, skip="w600k_mbf.onnx")
    with pytest.raises(FaceModelUnavailable) as err:
        FaceEngine.load(directory)
    assert err.value.code == "MODEL_UNAVAILABLE"
    assert "w600k_mbf.onnx" in err.value.message_en and str(directory) in err.value.message_en
    assert err.value.details["file"] == "w600k_mbf.onnx"


def test_corrupt_weight_names_the_file(tmp_path: Path) -> None:
    directory = _pack_copy(tmp_path, truncate="det_500m.onnx")
    with pytest.raises(FaceModelUnavailable) as err:
        FaceEngine.load(directory)
    assert "det_500m.onnx" in err.value.message_en and "corrupt" in err.value.message_en
    assert err.value.message_th


def test_empty_directory_is_model_unavailable(tmp_path: Path) -> None:
    with pytest.raises(FaceModelUnavailable) as err:
        load_manifest(tmp_path)
    assert str(tmp_path) in err.value.message_en
    with pytest.raises(FaceModelUnavailable):
        load_manifest(tmp_path / "does-not-exist")


def test_directory_manifest_json_wins_and_any_file_names_work(tmp_path: Path) -> None:
    source = require(MODELS / "buffalo_sc")
    os.symlink(source / "det_500m.onnx", tmp_path / "my-detector.onnx")
    os.symlink(source / "w600k_mbf.onnx", tmp_path / "my-recogniser.onnx")
    data = json.loads((Path(__file__).parents[2] / "models/manifests/buffalo_sc.json").read_text())
    data["id"] = "site_pack"
    data["detector"]["file"] = "my-detector.onnx"
    data["recognizer"]["file"] = "my-recogniser.onnx"
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    assert load_manifest(tmp_path).id == "site_pack"

    data["recognizer"]["sha256"] = "0" * 64
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(FaceModelUnavailable, match="my-recogniser.onnx"):
        load_manifest(tmp_path)


def test_invalid_manifest_json_is_model_unavailable(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"id": "x", "detector": {}}))
    with pytest.raises(FaceModelUnavailable, match="manifest"):
        load_manifest(tmp_path)


def test_hash_cache_notices_a_changed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FVS_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "weights.onnx"
    target.write_bytes(b"a" * 1000)
    first = file_sha256(target)
    assert file_sha256(target) == first
    target.write_bytes(b"b" * 1000)  # same size, new mtime
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
    assert file_sha256(target) != first
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)


def test_manifest_declaring_the_wrong_embedding_size_is_refused(tmp_path: Path) -> None:
    source = require(MODELS / "buffalo_sc")
    for file in ("det_500m.onnx", "w600k_mbf.onnx"):
        os.symlink(source / file, tmp_path / file)
    data = json.loads((Path(__file__).parents[2] / "models/manifests/buffalo_sc.json").read_text())
    data["recognizer"]["embedding_size"] = 128
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(FaceModelUnavailable) as err:
        FaceEngine.load(tmp_path)
    assert "w600k_mbf.onnx" in err.value.message_en and "outputs 512-d" in err.value.message_en

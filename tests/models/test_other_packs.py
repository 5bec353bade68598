"""Any detector/recogniser pair described by a manifest works: YuNet+SFace (OpenCV DNN, 128-d)
and SCRFD-2.5G+MobileFaceNet-128."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from models import FaceEngine, FaceError, FaceResult
from tests.models.conftest import photo

PHOTOS = {
    "obama": ["people/obama/obama1.jpg", "people/obama/obama2.jpg", "people/obama/obama3.jpg"],
    "biden": ["people/biden/biden1.jpg", "people/biden/biden2.jpg"],
    "kit": ["people/kit_harington/kit1.jpeg", "people/kit_harington/kit3.jpg"],
    "rose": ["people/rose_leslie/rose1.jpg", "people/rose_leslie/rose2.jpg"],
    "ardern": ["credited/person_b_1.jpg", "credited/person_b_2.jpg"],
}


def _decisions(engine: FaceEngine) -> tuple[list[str], list[str]]:
    """Wrongly decided genuine and impostor pairs over PHOTOS."""
    results: list[tuple[str, str, FaceResult]] = [
        (who, path, engine.analyze(photo(path))) for who, paths in PHOTOS.items() for path in paths
    ]
    wrong_genuine, wrong_impostor = [], []
    for (wa, pa, ra), (wb, pb, rb) in itertools.combinations(results, 2):
        if engine.is_match(engine.compare(ra, rb)) != (wa == wb):
            (wrong_genuine if wa == wb else wrong_impostor).append(f"{pa} vs {pb}")
    return wrong_genuine, wrong_impostor


@pytest.mark.parametrize("pack", ["zoo", "extra"])
def test_pack_verifies_same_and_different(pack: str, request: pytest.FixtureRequest) -> None:
    engine: FaceEngine = request.getfixturevalue(pack)
    assert _decisions(engine) == ([], [])


def test_yunet_sface_pack(zoo: FaceEngine) -> None:
    assert zoo.model_id == "opencv_zoo_yunet_sface" and zoo.embedding_size == 128
    result = zoo.analyze(photo("people/obama/obama1.jpg"))
    assert result.embedding.shape == (128,)
    assert abs(float(np.linalg.norm(result.embedding)) - 1) < 1e-5
    with pytest.raises(FaceError) as err:
        zoo.analyze(photo("group/two_people.jpg"))
    assert err.value.code == "MULTIPLE_FACES"


def test_128d_pack(extra: FaceEngine) -> None:
    assert extra.model_id == "scrfd2.5g_mbf128" and extra.embedding_size == 128
    assert extra.analyze(photo("people/biden/biden1.jpg")).embedding.shape == (128,)


def test_engines_refuse_each_others_templates(
    buffalo: FaceEngine, zoo: FaceEngine, extra: FaceEngine
) -> None:
    data = photo("people/obama/obama1.jpg")
    a, b, c = buffalo.analyze(data), zoo.analyze(data), extra.analyze(data)
    for engine, x, y in ((buffalo, a, b), (zoo, b, c), (extra, c, b), (zoo, a, a)):
        with pytest.raises(FaceError) as err:
            engine.compare(x, y)
        assert err.value.code == "MODEL_MISMATCH"


def test_opencv_backed_pack_is_safe_to_share_between_threads(zoo: FaceEngine) -> None:
    names = ["people/obama/obama1.jpg", "people/biden/biden2.jpg", "credited/person_b_1.jpg"]
    expected = [zoo.analyze(photo(n)).embedding for n in names]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda n: zoo.analyze(photo(n)).embedding, names * 4))
    for want, got in zip(expected * 4, results, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-5)

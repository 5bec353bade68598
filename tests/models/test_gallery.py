"""1:N gallery: identification among real faces, FAISS = numpy, margin, duplicates, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from models import FaceEngine, FaceError, Template, TemplateIndex
from models.gallery import make_index
from tests.models.conftest import decode_bgr, photo

ENROL = {
    "OBAMA": "people/obama/obama1.jpg",
    "BIDEN": "people/biden/biden2.jpg",
    "KIT": "people/kit_harington/kit1.jpeg",
    "ROSE": "people/rose_leslie/rose2.jpg",
    "ALEX": "people/alex_lacamoire/alex1.jpg",
    "LIN": "people/lin_manuel_miranda/lin1.png",
    "MACRON": "credited/person_a_2.jpg",
    "ARDERN": "credited/person_b_1.jpg",
}
PROBES = {
    "people/obama/obama3.jpg": "OBAMA",
    "people/biden/biden1.jpg": "BIDEN",
    "people/kit_harington/kit3.jpg": "KIT",
    "people/rose_leslie/rose1.jpg": "ROSE",
    "people/alex_lacamoire/alex2.jpg": "ALEX",
    "credited/person_a_1.jpg": "MACRON",
    "credited/person_b_2.jpg": "ARDERN",
}


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def gallery(buffalo: FaceEngine) -> TemplateIndex:
    index = TemplateIndex(buffalo.model_id, buffalo.embedding_size)
    rng = np.random.default_rng(7)
    rows = [
        (i + 1, pid, buffalo.analyze(photo(path)).template)
        for i, (pid, path) in enumerate(ENROL.items())
    ]
    # 2,000 synthetic citizens around them, two templates each.
    rows += [(1000 + i, f"SYN{i // 2:05d}", v) for i, v in enumerate(_unit(rng, 4000, 512))]
    assert index.add(rows) == len(rows)
    return index


def test_identify_returns_the_right_pid(buffalo: FaceEngine, gallery: TemplateIndex) -> None:
    for path, pid in PROBES.items():
        decision = gallery.identify(
            buffalo.analyze(photo(path)).template, threshold=buffalo.threshold
        )
        assert (decision.decision, decision.pid) == ("MATCH", pid), path
        assert decision.candidates[0].pid == pid and decision.reason is None


def test_unenrolled_face_is_no_match(buffalo: FaceEngine, gallery: TemplateIndex) -> None:
    probe = buffalo.analyze(photo("credited/impostor_2.jpg")).template
    decision = gallery.identify(probe, threshold=buffalo.threshold)
    assert (
        decision.decision == "NO_MATCH" and decision.pid is None and decision.reason == "NO_MATCH"
    )


def test_search_returns_best_template_per_pid() -> None:
    rng = np.random.default_rng(3)
    index = TemplateIndex("m", 64)
    base = _unit(rng, 3, 64)
    index.add(
        [
            (1, "A", base[0]),
            (2, "A", base[0] + 0.01 * base[1]),
            (3, "B", base[1]),
            (4, "C", base[2]),
        ]
    )
    found = index.search(base[0], k=3)
    assert [c.pid for c in found][0] == "A" and len({c.pid for c in found}) == len(found) == 3
    assert found[0].template_id == 1


def test_search_inside_a_crowd(buffalo: FaceEngine) -> None:
    crowd = decode_bgr(photo("group/players.jpg"))
    index = TemplateIndex(buffalo.model_id, buffalo.embedding_size)
    faces = buffalo.detect(crowd)
    index.add(
        (i, f"PLAYER{i:02d}", buffalo.embed(buffalo.align(crowd, f))) for i, f in enumerate(faces)
    )
    probe = buffalo.analyze(photo("group/yaoming.jpg")).template
    best = index.search(probe, k=1)[0]
    x1, y1, x2, y2 = faces[best.template_id].box
    assert x1 <= 741 <= x2 and y1 <= 166 <= y2  # Yao Ming, number 13, hand-labelled position


def test_faiss_flat_equals_numpy_brute_force() -> None:
    rng = np.random.default_rng(11)
    vectors, queries = _unit(rng, 5000, 512), _unit(rng, 50, 512)
    ids = rng.permutation(100_000)[:5000].astype(np.int64)
    flat, brute = make_index("flat", 512), make_index("numpy", 512)
    for index in (flat, brute):
        index.add(ids, vectors)
        index.remove(ids[:100])
    (fs, fi), (bs, bi) = flat.search(queries, 10), brute.search(queries, 10)
    np.testing.assert_array_equal(fi, bi)
    np.testing.assert_allclose(fs, bs, atol=1e-5)


@pytest.mark.parametrize("backend", ["binary", "hnsw"])
def test_approximate_indexes_find_noisy_copies_and_honour_removals(backend: str) -> None:
    rng = np.random.default_rng(5)
    vectors = _unit(rng, 3000, 128)
    ids = np.arange(3000, dtype=np.int64) * 3
    index = make_index(backend, 128)
    index.add(ids, vectors)
    probes = vectors[:200] + 0.05 * _unit(rng, 200, 128)
    assert (index.search(probes, 1)[1][:, 0] == ids[:200]).mean() >= 0.99
    index.remove(ids[:50])
    assert not np.isin(index.search(probes[:50], 5)[1], ids[:50]).any()
    assert len(index) == 2950
    index.remove(ids[50:1500])  # past the compaction point
    kept_ids, kept = index.vectors()
    assert sorted(kept_ids.tolist()) == ids[1500:].tolist()
    assert (index.search(vectors[1600:1650], 1)[1][:, 0] == ids[1600:1650]).all()


@pytest.mark.parametrize("shards, parallel", [(1, False), (2, False), (2, True)])
def test_binary_index_scores_are_exact_inner_products(shards: int, parallel: bool) -> None:
    rng = np.random.default_rng(8)
    vectors, queries = _unit(rng, 2000, 512), _unit(rng, 5, 512)
    ids = np.arange(2000, dtype=np.int64) + 10
    binary, exact = make_index("binary", 512, shards=shards), make_index("numpy", 512)
    if parallel:
        binary.PARALLEL_MIN_ROWS = 0
    for index in (binary, exact):
        index.add(ids[:1000], vectors[:1000])
        index.add(ids[1000:], vectors[1000:])
    probes = 0.7 * vectors[::400] + 0.7 * queries
    (bs, bi), (es, ei) = binary.search(probes, 3), exact.search(probes, 3)
    np.testing.assert_array_equal(bi[:, 0], ei[:, 0])
    np.testing.assert_allclose(bs[:, 0], es[:, 0], atol=1e-5)


@pytest.mark.parametrize("approximate", ["binary", "hnsw"])
def test_large_gallery_migrates_to_approximate_with_same_answers(approximate: str) -> None:
    rng = np.random.default_rng(9)
    vectors = _unit(rng, 600, 64)
    index = TemplateIndex("m", 64, exact_limit=500, approximate=approximate)
    index.add((i, f"P{i}", v) for i, v in enumerate(vectors[:400]))
    assert index.exact
    index.add((i, f"P{i}", v) for i, v in enumerate(vectors[400:], start=400))
    assert not index.exact and len(index) == 600
    hits = [index.search(vectors[i], k=1)[0].pid == f"P{i}" for i in range(0, 600, 7)]
    assert all(hits)


def test_close_second_pid_is_ambiguous() -> None:
    rng = np.random.default_rng(1)
    a, noise = _unit(rng, 2, 128)
    twin = a + 0.02 * noise  # another citizen with a near-identical face (twins, or fraud)
    index = TemplateIndex("m", 128)
    index.add([(1, "A", a), (2, "B", twin)])
    decision = index.identify(a + 0.1 * noise, threshold=0.4, margin=0.05)
    assert decision.decision == "AMBIGUOUS" and decision.pid is None
    assert decision.reason == "AMBIGUOUS" and {c.pid for c in decision.candidates} == {"A", "B"}
    assert index.identify(a, threshold=0.4, margin=0.0).decision == "MATCH"
    index.remove_pid("B")
    assert index.identify(a + 0.1 * noise, threshold=0.4, margin=0.05).pid == "A"


def test_duplicate_check_flags_the_same_face_under_another_pid(
    buffalo: FaceEngine, gallery: TemplateIndex
) -> None:
    probe = buffalo.analyze(photo("people/obama/obama2.jpg")).template
    check = gallery.duplicate_check(probe, exclude_pid="1234567890123", threshold=buffalo.threshold)
    assert check.flagged and check.candidates[0].pid == "OBAMA" and check.reason == "DUPLICATE_FACE"
    own = gallery.duplicate_check(probe, exclude_pid="OBAMA", threshold=buffalo.threshold)
    assert not own.flagged and own.reason is None


def test_refuses_other_models_and_dimensions(gallery: TemplateIndex) -> None:
    rng = np.random.default_rng(2)
    for bad in (
        Template("opencv_zoo_yunet_sface", _unit(rng, 1, 128)[0]),
        Template("another_512d_model", _unit(rng, 1, 512)[0]),
        _unit(rng, 1, 128)[0],
    ):
        with pytest.raises(FaceError) as err:
            gallery.search(bad)
        assert err.value.code == "MODEL_MISMATCH"
        with pytest.raises(FaceError):
            gallery.add([(999_999, "X", bad)])
    assert 999_999 not in gallery


def test_add_replaces_remove_and_counts() -> None:
    rng = np.random.default_rng(4)
    v = _unit(rng, 3, 32)
    index = TemplateIndex("m", 32)
    index.add([(1, "A", v[0]), (2, "A", v[1]), (3, "B", v[2])])
    assert len(index) == 3 and index.pid_count == 2 and index.templates_of("A") == {1, 2}
    index.add([(1, "C", v[2])])  # template 1 re-enrolled: replaced, not duplicated
    assert len(index) == 3 and index.templates_of("A") == {2} and 1 in index.templates_of("C")
    assert index.remove([2, 42]) == 1 and index.pid_count == 2
    assert index.remove_pid("C") == 1 and len(index) == 1
    assert index.search(v[2], k=3)[0].pid == "B"
    assert TemplateIndex("m", 32).search(v[0]) == []

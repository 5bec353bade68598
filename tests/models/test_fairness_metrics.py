"""The pair and metric code of the age benchmarks (``benchmarks/_fairness.py``) on synthetic
names, vectors and scores: no photos, no weights."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

# the benchmark scripts import their helpers by module name (``from _common import ...``)
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import _fairness as F

from models.face_policy import load_face_policy

POLICY = load_face_policy()


# --- file names ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, parsed",
    [
        ("078A11.JPG", ("078", 11)),
        ("001A43a.JPG", ("001", 43)),
        ("002a05.jpg", ("002", 5)),
        ("somchai_34.jpg", ("somchai", 34)),
        ("somchai_k_34_2.jpeg", ("somchai_k", 34)),
        ("p1_2020_7.png", ("p1_2020", 7)),
        ("photo.jpg", None),
        ("078A11.txt", None),
        ("somchai_34.gif", None),
    ],
)
def test_parse_name(name: str, parsed) -> None:
    assert F.parse_name(name) == parsed


def test_find_photos_recurses_and_lists_unparsed_names(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("001A02.JPG", "sub/anna_30_a.png", "sub/readme.jpg", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    photos, skipped = F.find_photos(tmp_path)
    assert sorted((p.identity, p.age) for p in photos) == [("001", 2), ("anna", 30)]
    assert [p.name for p in skipped] == ["readme.jpg"]


# --- pairs -----------------------------------------------------------------------------------
def _vectors(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, 8))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


IDS = ["a", "a", "a", "b", "b", "c", "d", "d"]
AGES = [10, 3, 20, 5, 5, 40, 61, 70]


def test_all_pairs_template_is_the_younger_photo() -> None:
    vectors = _vectors(len(IDS))
    pairs = F.make_pairs(IDS, AGES, vectors)
    assert int(pairs.genuine.sum()) == 3 + 1 + 1  # C(3,2) + C(2,2) + C(2,2)
    assert int((~pairs.genuine).sum()) == 28 - 5 == pairs.impostors_total
    assert not pairs.impostors_sampled
    assert (pairs.ref_age <= pairs.probe_age).all()
    # person a at 3 (template) vs at 20 (probe): the score is their dot product
    sel = pairs.genuine & (pairs.ref_age == 3) & (pairs.probe_age == 20)
    assert pairs.score[sel] == pytest.approx([float(vectors[1] @ vectors[2])])


def test_impostor_sampling_is_seeded_distinct_and_impostor_only() -> None:
    ids = [f"p{i // 3}" for i in range(300)]  # 100 people with 3 photos
    ages = list(range(300))
    vectors = _vectors(300, 1)
    one = F.make_pairs(ids, ages, vectors, max_impostors=5_000, seed=7)
    again = F.make_pairs(ids, ages, vectors, max_impostors=5_000, seed=7)
    other = F.make_pairs(ids, ages, vectors, max_impostors=5_000, seed=8)
    assert int(one.genuine.sum()) == 300  # every genuine pair is kept
    assert int((~one.genuine).sum()) == 5_000 and one.impostors_sampled
    assert one.impostors_total == 300 * 299 // 2 - 300
    assert np.array_equal(one.score, again.score)
    assert not np.array_equal(one.score, other.score)
    keys = set(zip(one.ref_age[~one.genuine].tolist(), one.probe_age[~one.genuine].tolist()))
    assert len(keys) == 5_000  # ages are unique per photo here, so pairs are distinct


# --- metrics ---------------------------------------------------------------------------------
def test_fnmr_and_fmr_count_the_threshold_itself_as_a_match() -> None:
    scores = np.array([0.2, 0.4, 0.5, 0.9])
    assert F.fnmr(scores, 0.5) == F.Rate(2, 4)
    assert F.fmr(scores, 0.5) == F.Rate(2, 4)
    assert F.fnmr(scores, np.array([0.1, 0.5, 0.5, 1.0])) == F.Rate(2, 4)  # one per pair
    assert str(F.Rate(1, 3)) == "33.3% (1/3)"
    assert str(F.Rate(25, 30_186)) == "0.083% (25/30,186)"
    assert str(F.Rate(172, 36_872)) == "0.47% (172/36,872)"
    assert str(F.Rate(0, 0)) == "n/a (0 pairs)"


def test_far_point_needs_ten_over_far_impostor_pairs() -> None:
    genuine = np.linspace(0.3, 0.9, 100)
    short = np.linspace(0.0, 0.5, 999)
    point = F.far_point(genuine, short, 0.01)
    assert point.threshold is None and point.tar is None and point.needed == 1_000
    impostor = np.linspace(0.0, 0.5, 1_000)
    point = F.far_point(genuine, impostor, 0.01)
    assert int((impostor >= point.threshold).sum()) == 10  # floor(0.01 × 1,000) accepted
    assert int((impostor >= np.nextafter(point.threshold, -1)).sum()) == 11
    assert point.tar == F.Rate(int((genuine >= point.threshold).sum()), 100)


def _pairs(rows):
    """Pairs from (ref_age, probe_age, genuine, score) rows."""
    ref, probe, gen, score = map(np.array, zip(*rows))
    return F.Pairs(ref, probe, gen.astype(bool), score.astype(float), int((~gen).sum()))


def test_by_band_uses_the_probe_band_same_band_impostors_and_valid_templates() -> None:
    pairs = _pairs([
        (3, 4, True, 0.55),    # 0-6, valid (1 year), accepted at 0.5
        (2, 4, True, 0.45),    # 0-6, 2 years > 12 months: template expired, not counted
        (8, 10, True, 0.45),   # 7-15, valid, refused at 0.5
        (5, 9, True, 0.10),    # probe 7-15, template of 0-6 expired: not counted
        (20, 29, True, 0.30),  # 16-60, valid, refused at 0.4
        (3, 5, False, 0.60),   # 0-6 impostor, accepted
        (3, 12, False, 0.90),  # cross-band impostor: not in any band row
        (30, 31, False, 0.41), # 16-60 impostor, accepted at 0.4, not at 0.45
    ])
    rows = {r.band.label: r for r in F.by_band(pairs, POLICY, [0.5, 0.5, 0.4, 0.6], verify=0.45)}
    assert rows["0-6"].fnmr == F.Rate(0, 1) and rows["0-6"].fmr == F.Rate(1, 1)
    assert rows["7-15"].fnmr == F.Rate(1, 1) and rows["7-15"].impostor == 0
    assert rows["16-60"].fnmr == F.Rate(1, 1) and rows["16-60"].fmr == F.Rate(1, 1)
    assert rows["16-60"].fmr_global == F.Rate(0, 1)
    assert rows["61+"].genuine == 0 and rows["61+"].impostor == 0
    assert all(p.threshold is None for r in rows.values() for p in r.points)


def test_by_gap_and_ageing_judge_each_pair_at_its_probe_band() -> None:
    pairs = _pairs([
        (3, 4, True, 0.45),    # gap 1, probe 0-6 (0.5): refused
        (10, 12, True, 0.45),  # gap 2, probe 7-15 (0.4): accepted
        (3, 7, True, 0.45),    # gap 4, template 0-6, probe 7-15: accepted
        (5, 20, True, 0.45),   # gap 15, probe 16-60 (0.5): refused
        (3, 5, False, 0.45),   # gap 2 impostor, probe 0-6: refused
        (8, 9, False, 0.45),   # gap 1 impostor, probe 7-15: accepted
    ])
    thresholds = [0.5, 0.4, 0.5, 0.5]
    gaps = {r.label: r for r in F.by_gap(pairs, POLICY, thresholds, verify=0.4)}
    assert list(gaps) == ["0-2", "3-5", "6-10", ">10"]
    assert gaps["0-2"].fnmr == F.Rate(1, 2) and gaps["0-2"].fmr == F.Rate(1, 2)
    assert gaps["0-2"].fnmr_global == F.Rate(0, 2) and gaps["0-2"].fmr_global == F.Rate(2, 2)
    assert gaps["3-5"].fnmr == F.Rate(0, 1) and gaps[">10"].fnmr == F.Rate(1, 1)
    table = F.ageing(pairs, POLICY, thresholds)
    assert table["0-6"]["0-2"] == F.Rate(1, 1)
    assert table["0-6"]["3-5"] == F.Rate(0, 1)
    assert table["0-6"][">10"] == F.Rate(1, 1)
    assert table["7-15"]["0-2"] == F.Rate(0, 1)


def test_derived_band_thresholds_round_up_floor_at_verify_and_fall_back() -> None:
    rng = np.random.default_rng(3)
    rows = []
    # 0-6: 20,000 same-band impostors uniform on [0, 0.6]; 16-60: uniform on [0, 0.2]
    rows += [(3, 4, False, s) for s in rng.uniform(0, 0.6, 20_000)]
    rows += [(30, 31, False, s) for s in rng.uniform(0, 0.2, 20_000)]
    rows += [(8, 9, False, s) for s in rng.uniform(0, 0.5, 9_999)]  # 7-15: one short of 10,000
    rows += [(3, 4, True, 0.7), (3, 4, True, 0.55)]
    entries = F.derive_band_thresholds(_pairs(rows), POLICY, verify=0.37, dataset="syn",
                                       date="2026-01-01")
    by = {(e["min_age"], e["max_age"]): e for e in entries}
    child = by[(0, 6)]
    raw = child["source"]["far_threshold"]
    assert 0.58 < raw < 0.6 and child["threshold"] == pytest.approx(np.ceil(raw * 100) / 100)
    assert child["source"]["estimable"] and child["source"]["fnmr"] == 0.5  # 0.55 < 0.6
    assert child["source"]["impostor_pairs"] == 20_000 and child["source"]["genuine_pairs"] == 2
    assert by[(16, 60)]["threshold"] == 0.37  # its FAR threshold (~0.2) is below verify
    for unestimable in (by[(7, 15)], by[(61, None)]):
        assert not unestimable["source"]["estimable"]
        assert unestimable["threshold"] == child["threshold"]  # strictest estimated band


def test_face_fairness_script_on_a_generic_folder(tmp_path: Path) -> None:
    """The whole report on five real photos renamed to ``<identity>_<age>[_x].jpg``."""
    import json
    import subprocess

    from tests.models.conftest import FACES, MODELS, require

    copies = {"people/obama/obama1.jpg": "obama_47_a.jpg", "people/obama/obama2.jpg": "obama_50.jpg",
              "people/biden/biden1.jpg": "joe_b_70.jpg", "credited/person_a_1.jpg": "p_a_39.jpg",
              "credited/person_a_2.jpg": "p_a_45.jpg"}
    for source, name in copies.items():
        (tmp_path / name).write_bytes(require(FACES / source).read_bytes())
    (tmp_path / "notes.jpg").write_bytes(b"")
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "face_fairness.py"
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path), "--pack", str(require(MODELS / "buffalo_sc")),
         "--json"], capture_output=True, text=True, check=True,
    )
    out = json.loads(run.stdout)
    assert out["model_id"] == "buffalo_sc"
    assert out["photos"]["compared"] == 5 and out["photos"]["identities"] == 3
    assert out["photos"]["names_not_parsed"] == 1
    assert out["pairs"] == {"genuine": 2, "impostor": 8, "impostor_pairs_existing": 8,
                            "impostors_sampled": False, "seed": 0}
    adult = next(b for b in out["bands"] if b["band"] == "16-60")
    # both genuine pairs are adults within 10 years; impostors with both photos in 16-60: 4
    assert adult["fnmr"]["pairs"] == 2 and adult["fmr"]["pairs"] == 4
    assert adult["far_points"][0]["threshold"] is None  # 4 impostor pairs estimate no FAR
    elder = next(b for b in out["bands"] if b["band"] == "61+")
    assert elder["fnmr"]["pairs"] == 0 and elder["fmr"]["pairs"] == 0  # Biden (70) has no pair
    assert [g["gap_years"] for g in out["gaps"]] == ["0-2", "3-5", "6-10", ">10"]

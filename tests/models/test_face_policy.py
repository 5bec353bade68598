"""The face policy by age band: bands, band thresholds of a pack, face role, template expiry, and
the validation of ``thresholds.bands`` in manifests.  No weights are needed."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from models import CATALOGUE, FaceModelUnavailable, builtin_manifests
from models.face_policy import (
    DEFAULT_POLICY,
    band_for,
    check_manifest,
    face_role,
    load_face_policy,
    parse_face_policy,
    template_expired,
    template_expired_error,
    template_expires_on,
    threshold_for,
)
from models.manifest import BUILTIN_DIR, parse_manifest

POLICY_DATA = json.loads(DEFAULT_POLICY.read_text(encoding="utf-8"))
BUFFALO = json.loads((BUILTIN_DIR / "buffalo_sc.json").read_text(encoding="utf-8"))


def _source(**extra):
    return {"dataset": "synthetic", "method": "test", "date": "2026-01-01", "genuine_pairs": 100,
            "impostor_pairs": 20_000, "estimable": True, "fnmr": 0.02, **extra}


def _manifest(bands, verify=0.4):
    data = copy.deepcopy(BUFFALO)
    data["thresholds"] = {"verify": verify, "bands": bands}
    return parse_manifest(data, source="test")


def _band(lo, hi, threshold, **source):
    return {"min_age": lo, "max_age": hi, "threshold": threshold, "far_target": 0.001,
            "source": _source(**source)}


FOUR = [_band(0, 6, 0.6), _band(7, 15, 0.5), _band(16, 60, 0.4), _band(61, None, 0.55)]


# --- bands -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "age, band_id",
    [(0, "CHILD_0_6"), (6, "CHILD_0_6"), (7, "CHILD_7_15"), (15, "CHILD_7_15"), (16, "ADULT"),
     (60, "ADULT"), (61, "ELDER"), (119, "ELDER")],
)
def test_band_boundaries(age: int, band_id: str) -> None:
    assert band_for(age).id == band_id


def test_negative_age_is_refused() -> None:
    with pytest.raises(ValueError):
        band_for(-1)


def test_packaged_policy_defaults() -> None:
    policy = load_face_policy()
    assert [b.label for b in policy.bands] == ["0-6", "7-15", "16-60", "61+"]
    assert {b.far_target for b in policy.bands} == {0.001}
    # NHSO: face is primary only for 16-60; children's templates expire first
    assert [b.face_role for b in policy.bands] == ["alternative", "alternative", "primary",
                                                   "alternative"]
    months = [b.template_valid_months for b in policy.bands]
    assert months[0] < months[1] < months[2]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["bands"][1].update(min_age=8), "contiguous"),
        (lambda d: d["bands"][1].update(min_age=6), "contiguous"),
        (lambda d: d["bands"][0].update(min_age=1), "contiguous"),
        (lambda d: d["bands"][3].update(max_age=120), "open-ended"),
        (lambda d: d["bands"][2].update(max_age=None), "open-ended"),
        (lambda d: d["bands"][0].update(face_role="sometimes"), "face_role"),
        (lambda d: d["bands"][0].update(template_valid_months=0), "template_valid_months"),
        (lambda d: d["bands"][0].update(far_target=0), "far_target"),
        (lambda d: d["bands"][0].pop("template_valid_months"), "template_valid_months"),
        (lambda d: d["bands"][1].update(id="CHILD_0_6"), "unique"),
    ],
)
def test_invalid_policy_is_refused(mutate, message: str) -> None:
    data = copy.deepcopy(POLICY_DATA)
    mutate(data)
    with pytest.raises(ValueError, match=message):
        parse_face_policy(data)


# --- thresholds of a pack ----------------------------------------------------------------------
@pytest.mark.parametrize("age, expected", [(0, 0.6), (6, 0.6), (7, 0.5), (15, 0.5), (16, 0.4),
                                           (60, 0.4), (61, 0.55), (90, 0.55)])
def test_threshold_for_uses_the_band_of_the_age(age: int, expected: float) -> None:
    assert threshold_for(_manifest(FOUR), age) == expected


def test_threshold_for_accepts_an_engine_like_object() -> None:
    class Engine:
        manifest = _manifest(FOUR)

    assert threshold_for(Engine(), 10) == 0.5


def test_without_band_thresholds_every_age_uses_verify() -> None:
    manifest = _manifest([], verify=0.42)
    assert {threshold_for(manifest, age) for age in (0, 10, 30, 80)} == {0.42}
    assert check_manifest(manifest) and "no band thresholds" in check_manifest(manifest)[0]


def test_bands_cut_differently_take_the_strictest_overlap() -> None:
    # the pack splits 16-60 in two; the policy band 16-60 must hold the stricter threshold
    cuts = [_band(0, 15, 0.6), _band(16, 30, 0.38), _band(31, 60, 0.45), _band(61, None, 0.5)]
    manifest = _manifest(cuts)
    assert threshold_for(manifest, 20) == 0.45
    assert threshold_for(manifest, 3) == 0.6
    problems = check_manifest(manifest)
    assert any("0-6" in p for p in problems) and any("16-60" in p for p in problems)


def test_check_manifest_flags_a_looser_far_target_and_unestimable_bands() -> None:
    bands = copy.deepcopy(FOUR)
    bands[2]["far_target"] = 0.01
    bands[3]["source"]["estimable"] = False
    problems = check_manifest(_manifest(bands))
    assert any("FAR 0.01" in p and "16-60" in p for p in problems)
    assert any("not estimable" in p and "61+" in p for p in problems)
    assert check_manifest(_manifest(FOUR)) == []


def test_builtin_manifests_carry_band_thresholds_for_every_policy_band() -> None:
    policy = load_face_policy()
    for manifest in builtin_manifests():
        bands = manifest.thresholds.bands
        assert [(b.min_age, b.max_age) for b in bands] == [
            (b.min_age, b.max_age) for b in policy.bands
        ], manifest.id
        for band in bands:
            assert band.threshold >= manifest.thresholds.verify
            assert band.far_target == 0.001
            assert band.source.dataset.startswith("FG-NET") and band.source.date
            # a band threshold claims its FAR target only with >= 10/FAR impostor pairs
            assert band.source.estimable == (band.source.impostor_pairs >= 10_000)
        # the unestimable elderly band takes the strictest estimated threshold
        assert bands[-1].threshold == max(b.threshold for b in bands)


# --- face role -------------------------------------------------------------------------------
def test_face_role_follows_policy_and_measured_fnmr() -> None:
    assert face_role(_manifest(FOUR), 30) == "primary"
    assert face_role(_manifest(FOUR), 10) == "alternative"
    assert face_role(_manifest(FOUR), 70) == "alternative"
    weak = copy.deepcopy(FOUR)
    weak[2]["source"]["fnmr"] = 0.25
    assert face_role(_manifest(weak), 30) == "alternative"
    unmeasured = copy.deepcopy(FOUR)
    unmeasured[2]["source"]["estimable"] = False
    assert face_role(_manifest(unmeasured), 30) == "alternative"
    assert face_role(_manifest([]), 30) == "alternative"


def test_face_role_none_in_the_policy_wins() -> None:
    data = copy.deepcopy(POLICY_DATA)
    data["bands"][0]["face_role"] = "none"
    assert face_role(_manifest(FOUR), 3, parse_face_policy(data)) == "none"


# --- template ageing -------------------------------------------------------------------------
def test_template_expiry_by_age_at_enrolment() -> None:
    enrolled = date(2024, 3, 10)
    assert template_expires_on(5, enrolled) == date(2025, 3, 10)  # 0-6: 12 months
    assert template_expires_on(15, enrolled) == date(2027, 3, 10)  # 7-15: 36 months
    assert template_expires_on(16, enrolled) == date(2034, 3, 10)  # 16-60: 120 months
    assert template_expires_on(61, enrolled) == date(2029, 3, 10)  # 61+: 60 months


def test_template_expires_on_its_expiry_date_not_before() -> None:
    enrolled = date(2024, 3, 10)
    assert not template_expired(5, enrolled, date(2025, 3, 9))
    assert template_expired(5, enrolled, date(2025, 3, 10))
    assert not template_expired(30, enrolled, date(2034, 3, 9))
    assert template_expired(30, enrolled, date(2034, 3, 10))


def test_template_enrolled_on_29_february_expires_on_the_month_end() -> None:
    # a year after 29/02 falls on 28/02 (the convention of thai_civil.calendar ages)
    assert template_expires_on(4, date(2024, 2, 29)) == date(2025, 2, 28)
    assert template_expires_on(30, date(2024, 2, 29)) == date(2034, 2, 28)


def test_template_expired_error_carries_dates_and_re_enrolment() -> None:
    err = template_expired_error(5, date(2024, 3, 10))
    body = err.to_dict()
    assert err.code == "FACE_TEMPLATE_EXPIRED"
    assert (body["message_th"], body["message_en"]) == CATALOGUE["FACE_TEMPLATE_EXPIRED"]
    assert body["expired_on"] == "2025-03-10" and body["valid_months"] == 12
    assert body["re_enrol_source"] == "SMART_CARD_PHOTO"


# --- manifest band validation ----------------------------------------------------------------
@pytest.mark.parametrize(
    "bands, message",
    [
        ([_band(1, 15, 0.5), _band(16, None, 0.4)], "start at age 0"),
        ([_band(0, 6, 0.5), _band(8, None, 0.4)], "start at age 7"),
        ([_band(0, 6, 0.5), _band(5, None, 0.4)], "start at age 7"),
        ([_band(0, 6, 0.5), _band(7, 60, 0.4)], "open-ended"),
        ([_band(0, None, 0.5), _band(7, None, 0.4)], "not the last band"),
        ([_band(0, 6, 1.5), _band(7, None, 0.4)], "cosine"),
        ([_band(0, 6, 0.5), {**_band(7, None, 0.4), "far_target": 0}], "far_target"),
        ([_band(0, 6, 0.5), _band(7, None, 0.4, dataset="")], "dataset, method and date"),
    ],
)
def test_invalid_band_thresholds_make_the_pack_unavailable(bands, message: str) -> None:
    with pytest.raises(FaceModelUnavailable, match=message) as err:
        _manifest(bands)
    assert err.value.code == "MODEL_UNAVAILABLE"


def test_band_without_source_fields_is_refused() -> None:
    band = _band(0, None, 0.4)
    del band["source"]["impostor_pairs"]
    with pytest.raises(FaceModelUnavailable, match="impostor_pairs"):
        _manifest([band])

"""Table tests of the verification decision engine (pure: no database, no models)."""
from dataclasses import replace
from datetime import date

import pytest

from oss_registry.thai_calendar import age_on
from server.decision import (
    Channel,
    Evidence,
    FaceEvidence,
    QrEvidence,
    SmartCardEvidence,
    decide,
    load_policy,
)
from server.decision.evidence import GeofenceEvidence
from server.decision.policy import parse_policy
from server.decision.reasons import known_codes

POLICY = load_policy()
SERVICE_DAY = date(2026, 11, 22)
GEO_OK = GeofenceEvidence(ok=True, code="OK", distance_m=12.0)
FACE_OK = FaceEvidence(similarity=0.71, threshold=0.40, liveness_score=0.98, liveness_threshold=0.8)
QR_OK = QrEvidence(valid=True)
CARD_OK = SmartCardEvidence(read_ok=True, holder_relation="SELF", appeal_reason="ผู้สูงอายุสแกนใบหน้าไม่ผ่าน")
EVIDENCE_FOR = {
    Channel.FACE: {"geofence": GEO_OK, "face": FACE_OK},
    Channel.LINE_QR: {"qr": QR_OK},
    Channel.BOOKING_QR: {"qr": QR_OK},
    Channel.SMART_CARD: {"smart_card": CARD_OK},
    Channel.PID_PHOTO: {"smart_card": CARD_OK},
}


def evidence(channel: Channel, age: int, **over) -> Evidence:
    base = dict(
        channel=channel, age_years=age, service_date=SERVICE_DAY, verified_on=SERVICE_DAY,
        phone="0812345678", unit_ready=True, staff_on_duty=(7,), **EVIDENCE_FOR[channel],
    )
    base.update(over)
    return Evidence(**base)


# (age, channel) → expected outcome: "ACTIVE", "PENDING_APPEAL" or a refusal code
MATRIX = {
    15: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "PENDING_APPEAL", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
    16: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "CHANNEL_NOT_ALLOWED", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
    60: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "CHANNEL_NOT_ALLOWED", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
    61: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "PENDING_APPEAL", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
    0: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "PENDING_APPEAL", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
    95: {"FACE": "ACTIVE", "LINE_QR": "ACTIVE", "BOOKING_QR": "ACTIVE", "SMART_CARD": "PENDING_APPEAL", "PID_PHOTO": "CHANNEL_NOT_ALLOWED"},
}


@pytest.mark.parametrize(
    "age, channel, expected",
    [(age, ch, exp) for age, row in MATRIX.items() for ch, exp in row.items()],
)
def test_every_channel_for_every_group(age, channel, expected):
    d = decide(evidence(Channel(channel), age), POLICY)
    if expected in ("ACTIVE", "PENDING_APPEAL"):
        assert d.passed and d.status == expected and d.reasons == ()
    else:
        assert not d.passed and d.status is None and d.codes == [expected]
        assert Channel(channel) not in d.next_channels
        assert d.next_channels  # the unit is told what to try instead


@pytest.mark.parametrize("age, group", [(15, "CHILD"), (16, "ADULT"), (60, "ADULT"), (61, "ELDER")])
def test_age_group_boundaries(age, group):
    assert decide(evidence(Channel.FACE, age), POLICY).age_group == group


@pytest.mark.parametrize(
    "birth, group",
    [
        (date(2010, 11, 22), "ADULT"),  # 16th birthday on the service date: 16 already
        (date(2010, 11, 23), "CHILD"),  # 16 tomorrow: still 15
        (date(1965, 11, 22), "ELDER"),  # 61st birthday today
        (date(1965, 11, 23), "ADULT"),  # 60 years 11 months 30 days
    ],
)
def test_birthday_on_the_service_date(birth, group):
    age = age_on(birth, SERVICE_DAY).years
    assert decide(evidence(Channel.FACE, age), POLICY).age_group == group


def test_smart_card_refused_for_adults_with_next_channels():
    d = decide(evidence(Channel.SMART_CARD, 30), POLICY)
    assert d.codes == ["CHANNEL_NOT_ALLOWED"]
    assert set(d.next_channels) == {Channel.FACE, Channel.LINE_QR, Channel.BOOKING_QR}


@pytest.mark.parametrize(
    "over, code",
    [
        ({"phone": None}, "PHONE_REQUIRED"),
        ({"phone": ""}, "PHONE_REQUIRED"),
        ({"phone": "12345"}, "PHONE_INVALID"),
        ({"staff_on_duty": ()}, "STAFF_NOT_ON_DUTY"),
        ({"unit_ready": False, "unit_not_ready_reasons": ("NO_COORDINATES",)}, "UNIT_NOT_READY"),
        ({"verified_on": date(2026, 11, 23)}, "NOT_SERVICE_DATE"),
        ({"profession_allowed": False}, "PROFESSION_NOT_ALLOWED"),
        ({"service_type_active": False}, "SERVICE_TYPE_INACTIVE"),
    ],
)
@pytest.mark.parametrize("channel", [Channel.FACE, Channel.LINE_QR])
def test_blocking_failures_leave_no_channel_to_try(over, code, channel):
    d = decide(evidence(channel, 30, **over), POLICY)
    assert not d.passed and code in d.codes
    assert d.next_channels == ()


@pytest.mark.parametrize(
    "over, code",
    [
        ({"geofence": GeofenceEvidence(ok=False, code="OUTSIDE_GEOFENCE", distance_m=812.0)}, "OUTSIDE_GEOFENCE"),
        ({"geofence": None}, "GEOFENCE_REQUIRED"),
        ({"face": None}, "FACE_REQUIRED"),
        ({"face": replace(FACE_OK, similarity=0.39)}, "FACE_MISMATCH"),
        ({"face": replace(FACE_OK, similarity=None)}, "FACE_NOT_ENROLLED"),
        ({"face": replace(FACE_OK, liveness_score=0.05)}, "SPOOF_SUSPECTED"),
        ({"face": replace(FACE_OK, liveness_score=None)}, "SPOOF_SUSPECTED"),
        ({"face": replace(FACE_OK, quality_code="BLURRY", quality_message_th="ภาพเบลอ", quality_message_en="Blurry")}, "BLURRY"),
    ],
)
def test_face_failures_point_to_other_channels(over, code):
    adult = decide(evidence(Channel.FACE, 30, **over), POLICY)
    assert not adult.passed and code in adult.codes
    assert adult.next_channels == (Channel.BOOKING_QR, Channel.LINE_QR)
    elder = decide(evidence(Channel.FACE, 70, **over), POLICY)
    assert Channel.SMART_CARD in elder.next_channels and Channel.LINE_QR in elder.next_channels


def test_similarity_exactly_at_threshold_passes():
    assert decide(evidence(Channel.FACE, 30, face=replace(FACE_OK, similarity=0.40)), POLICY).passed


def test_all_failures_are_reported_together():
    d = decide(evidence(Channel.FACE, 30, phone=None, face=replace(FACE_OK, similarity=0.1)), POLICY)
    assert d.codes == ["PHONE_REQUIRED", "FACE_MISMATCH"]


@pytest.mark.parametrize(
    "card, code",
    [
        (replace(CARD_OK, appeal_reason=None), "APPEAL_REASON_REQUIRED"),
        (replace(CARD_OK, appeal_reason="   "), "APPEAL_REASON_REQUIRED"),
        (replace(CARD_OK, read_ok=False), "SMART_CARD_UNREADABLE"),
        (replace(CARD_OK, holder_relation="NEIGHBOUR"), "CARD_HOLDER_NOT_RELATIVE"),
        (None, "SMART_CARD_REQUIRED"),
    ],
)
def test_smart_card_rules(card, code):
    d = decide(evidence(Channel.SMART_CARD, 70, smart_card=card), POLICY)
    assert not d.passed and d.codes == [code]


def test_relative_card_goes_to_appeal():
    d = decide(evidence(Channel.SMART_CARD, 8, smart_card=replace(CARD_OK, holder_relation="PARENT")), POLICY)
    assert d.passed and d.status == "PENDING_APPEAL"


@pytest.mark.parametrize("relation, ok", [("SELF", True), ("PARENT", True), ("CHILD", True), ("FRIEND", False)])
def test_line_proxy_relations(relation, ok):
    d = decide(evidence(Channel.LINE_QR, 75, qr=QrEvidence(valid=True, relation=relation)), POLICY)
    assert d.passed is ok
    if not ok:
        assert d.codes == ["PROXY_NOT_ALLOWED"]


def test_invalid_qr_refused():
    d = decide(evidence(Channel.BOOKING_QR, 30, qr=QrEvidence(valid=False)), POLICY)
    assert d.codes == ["QR_INVALID"] and Channel.FACE in d.next_channels


def test_every_reason_has_thai_and_english():
    from server.decision.reasons import reason

    for code in known_codes():
        r = reason(code)
        assert r.message_en and any("\u0e00" <= ch <= "\u0e7f" for ch in r.message_th)


def test_policy_is_data_and_is_checked():
    import json
    from importlib import resources

    data = json.loads(resources.files("server.reference").joinpath("verification_policy.json").read_text("utf-8"))
    data["age_groups"][1]["min_years"] = 18  # leaves 16-17 uncovered
    with pytest.raises(ValueError, match="contiguous"):
        parse_policy(data)
    data["age_groups"][1]["min_years"] = 16
    data["age_groups"][1]["special"] = ["SMART_CARD"]  # a deployment could allow cards for adults
    assert decide(evidence(Channel.SMART_CARD, 30), parse_policy(data)).status == "PENDING_APPEAL"

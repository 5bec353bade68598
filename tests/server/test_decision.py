"""Table tests of the verification decision engine (pure: no database, no models)."""
from dataclasses import replace
from datetime import date

import pytest

from fvs_errors import Message
from server.decision import (
    Actor,
    CardRead,
    Channel,
    Evidence,
    FaceCapture,
    GeofenceEvidence,
    QrScan,
    SpecialCase,
    decide,
    load_policy,
)
from server.decision.policy import parse_policy
from server.decision.reasons import known_codes
from thai_civil.calendar import age_on

POLICY = load_policy()
SERVICE_DAY = date(2026, 11, 22)
GEO_OK = GeofenceEvidence(ok=True, code="OK", distance_m=12.0)
FACE_OK = FaceCapture(similarity=0.71, threshold=0.40, model_id="m", liveness_score=0.98, liveness_threshold=0.8,
                      challenge_done=True)
QR_OK = QrScan(valid=True, in_citizen_session=True)
CARD_OK = CardRead(card_pid="3100000000004", verified=True)
SPECIAL_OK = SpecialCase(reason_code="CHILD_UNDER_15_OR_NO_CARD", certifier="GUARDIAN")
EVIDENCE_FOR = {
    Channel.FACE: {"geofence": GEO_OK, "face": FACE_OK},
    Channel.LINE_QR: {"qr": QR_OK},
    Channel.BOOKING_QR: {"qr": QR_OK},
    Channel.SMART_CARD: {"card": CARD_OK, "special": SPECIAL_OK},
    Channel.PID_PHOTO: {"card": CARD_OK, "special": SPECIAL_OK},
}


def evidence(channel: Channel, age: int, **over) -> Evidence:
    base = dict(
        channel=channel, age_years=age, service_date=SERVICE_DAY, verified_on=SERVICE_DAY,
        phone="0812345678", unit_ready=True, staff_on_duty=(7,), right_code="UCS", **EVIDENCE_FOR[channel],
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
        ({"profession_allowed": False}, "PROFESSION_NOT_FOR_SERVICE"),
        ({"service_type_active": False}, "SERVICE_TYPE_INACTIVE"),
        ({"right_code": "SSS"}, "RIGHT_NOT_COVERED"),
        ({"right_code": "OFC"}, "RIGHT_NOT_COVERED"),
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
        ({"face": replace(FACE_OK, challenge_done=False)}, "LIVENESS_CHALLENGE_REQUIRED"),
        ({"face": replace(FACE_OK, challenge_failure=Message("LIVENESS_CHALLENGE_FAILED", "ก", "e"))},
         "LIVENESS_CHALLENGE_FAILED"),
        ({"face": replace(FACE_OK, quality=Message("BLURRY", "ภาพเบลอ", "Blurry"))}, "BLURRY"),
        ({"face": replace(FACE_OK, similarity=None, template_expired=Message("FACE_TEMPLATE_EXPIRED", "ก", "e"))},
         "FACE_TEMPLATE_EXPIRED"),
    ],
)
def test_face_failures_point_to_other_channels(over, code):
    adult = decide(evidence(Channel.FACE, 30, **over), POLICY)
    assert not adult.passed and code in adult.codes
    assert adult.next_channels == (Channel.BOOKING_QR, Channel.LINE_QR)
    elder = decide(evidence(Channel.FACE, 70, **over), POLICY)
    assert Channel.SMART_CARD in elder.next_channels and Channel.LINE_QR in elder.next_channels


def test_the_challenge_is_policy_data():
    relaxed = replace(POLICY, challenge=replace(POLICY.challenge, required=False))
    assert decide(evidence(Channel.FACE, 30, face=replace(FACE_OK, challenge_done=False)), relaxed).passed
    failed = replace(FACE_OK, challenge_failure=Message("LIVENESS_CHALLENGE_FAILED", "ก", "e"))
    assert not decide(evidence(Channel.FACE, 30, face=failed), relaxed).passed  # a failed answer always counts


def test_similarity_exactly_at_threshold_passes():
    assert decide(evidence(Channel.FACE, 30, face=replace(FACE_OK, similarity=0.40)), POLICY).passed


def test_all_failures_are_reported_together():
    d = decide(evidence(Channel.FACE, 30, phone=None, face=replace(FACE_OK, similarity=0.1)), POLICY)
    assert d.codes == ["PHONE_REQUIRED", "FACE_MISMATCH"]


@pytest.mark.parametrize(
    "over, code",
    [
        ({"special": replace(SPECIAL_OK, reason_code=None)}, "SPECIAL_REASON_REQUIRED"),
        ({"special": replace(SPECIAL_OK, reason_code="BECAUSE")}, "SPECIAL_REASON_REQUIRED"),
        ({"special": replace(SPECIAL_OK, certifier=None)}, "CERTIFIER_REQUIRED"),
        ({"special": replace(SPECIAL_OK, certifier="NEIGHBOUR")}, "CERTIFIER_REQUIRED"),
        ({"card": replace(CARD_OK, verified=False)}, "CARD_READ_REQUIRED"),
        ({"card": None}, "CARD_READ_REQUIRED"),
        ({"card": replace(CARD_OK, expired=True)}, "CARD_EXPIRED"),
        ({"actor": Actor("SPOUSE", True)}, "CARD_HOLDER_NOT_RELATIVE"),
        ({"actor": Actor("UNREGISTERED", False)}, "RELATIVE_NOT_REGISTERED"),
    ],
)
def test_smart_card_rules(over, code):
    d = decide(evidence(Channel.SMART_CARD, 70, **over), POLICY)
    assert not d.passed and code in d.codes


@pytest.mark.parametrize("reason, age, ok", [
    ("CHILD_UNDER_7", 6, True), ("CHILD_UNDER_7", 7, False), ("CHILD_UNDER_7", 70, False),
    ("UNCONSCIOUS", 70, True), ("EMERGENCY_ACCIDENT", 3, True), ("FACE_PROBLEM", 80, True),
])
def test_special_reasons_must_fit_the_age(reason, age, ok):
    d = decide(evidence(Channel.SMART_CARD, age, special=replace(SPECIAL_OK, reason_code=reason)), POLICY)
    assert d.passed is ok and (ok or d.codes == ["SPECIAL_REASON_NOT_FOR_AGE"])


def test_a_registered_direct_relatives_card_goes_to_appeal():
    d = decide(evidence(Channel.SMART_CARD, 8, actor=Actor("PARENT", True)), POLICY)
    assert d.passed and d.status == "PENDING_APPEAL"


@pytest.mark.parametrize("age, actor, codes", [
    (75, Actor("SELF"), []),
    (75, Actor("CHILD", True), []),  # an elder's registered son or daughter scans for them
    (8, Actor("PARENT", True), []),  # a child's registered father or mother
    (75, Actor("SPOUSE", True), ["PROXY_NOT_ALLOWED"]),  # not a relation the policy allows
    (75, Actor("UNREGISTERED", False), ["RELATIVE_NOT_REGISTERED", "PROXY_NOT_ALLOWED"]),
    (30, Actor("PARENT", True), ["PROXY_NOT_ALLOWED"]),  # adults prove presence themselves
])
def test_who_may_scan_for_whom(age, actor, codes):
    d = decide(evidence(Channel.LINE_QR, age, actor=actor), POLICY)
    assert d.codes == codes and d.passed is (not codes)


def test_a_face_is_the_citizens_own():
    assert decide(evidence(Channel.FACE, 70, actor=Actor("CHILD", True)), POLICY).codes == ["PROXY_NOT_ALLOWED"]


def test_invalid_qr_refused():
    d = decide(evidence(Channel.BOOKING_QR, 30, qr=QrScan(valid=False, in_citizen_session=True)), POLICY)
    assert d.codes == ["QR_INVALID"] and Channel.FACE in d.next_channels


def test_a_qr_scan_must_come_from_the_citizens_session_when_the_policy_says_so():
    strict = replace(POLICY, qr_needs_citizen_session=True)
    unit_scan = QrScan(valid=True, in_citizen_session=False)
    assert decide(evidence(Channel.LINE_QR, 70, qr=unit_scan), strict).codes == ["QR_NOT_FROM_CITIZEN"]
    assert decide(evidence(Channel.LINE_QR, 70), strict).passed


@pytest.mark.parametrize("right, passed, rule", [
    ("UCS", True, "ALLOW"), ("NONE", True, "FLAG"), (None, True, "FLAG"), ("STP", True, "FLAG"),
    ("SSS", False, None), ("LGO", False, None),
])
def test_the_right_in_force_on_the_service_date_is_checked(right, passed, rule):
    d = decide(evidence(Channel.FACE, 30, right_code=right), POLICY)
    assert d.passed is passed
    if passed:
        assert d.right_rule == rule
    else:
        assert d.codes == ["RIGHT_NOT_COVERED"] and d.next_channels == ()


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
    data["rights"]["SSS"] = "ALLOW"  # or bill another right
    assert decide(evidence(Channel.FACE, 30, right_code="SSS"), parse_policy(data)).passed
    data["rights"]["SSS"] = "MAYBE"
    with pytest.raises(ValueError, match="ALLOW, FLAG or REFUSE"):
        parse_policy(data)

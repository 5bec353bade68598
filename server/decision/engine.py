"""Judge one verification attempt against the policy.  Pure: same evidence, same decision.

Rules (NHSO walk-in verification):
* Always: the service type is active, a valid contact phone is given, the verification happens
  on the service date (Asia/Bangkok), the unit is ready, and a staff member of the chosen
  profession is on duty and may provide the service.
* The channel must be allowed for the citizen's age group (policy data): 16–60 → FACE primary,
  LINE_QR alternative; >60 or ≤15 → LINE_QR primary (self or a registered parent/child), FACE
  when the scan passes, SMART_CARD only as a special case with an appeal.
* Channel evidence: FACE needs a geofence pass, a photo passing quality and liveness, and a
  similarity at or above the model's threshold; QR channels need a valid QR scanned by the
  citizen or an allowed proxy; SMART_CARD needs a read card of the citizen or a direct relative
  and an appeal reason, and yields PENDING_APPEAL instead of an active code.

Every failing rule is reported (not just the first), and the decision lists the channels the
unit may try next: the group's other channels, none when the failure is not the channel's
fault (unit not ready, nobody on duty, wrong date, no phone).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from server.decision.evidence import Channel, Evidence
from server.decision.policy import AgeGroup, Policy
from server.decision.reasons import Reason, reason

# Failures that no other channel can fix.
BLOCKING = frozenset({
    "SERVICE_TYPE_INACTIVE", "PHONE_REQUIRED", "PHONE_INVALID", "NOT_SERVICE_DATE",
    "UNIT_NOT_READY", "STAFF_NOT_ON_DUTY", "PROFESSION_NOT_ALLOWED",
})
_QR_CHANNELS = (Channel.LINE_QR, Channel.BOOKING_QR)


@dataclass(frozen=True)
class Decision:
    passed: bool
    status: str | None  # ACTIVE, PENDING_APPEAL, or None when refused
    age_group: str
    reasons: tuple[Reason, ...] = ()
    next_channels: tuple[Channel, ...] = ()
    details: dict = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def _common(ev: Evidence, policy: Policy) -> list[Reason]:
    out: list[Reason] = []
    if not ev.service_type_active:
        out.append(reason("SERVICE_TYPE_INACTIVE"))
    if not ev.phone:
        out.append(reason("PHONE_REQUIRED"))
    elif not policy.phone_pattern.match(ev.phone):
        out.append(reason("PHONE_INVALID"))
    if ev.service_date != ev.verified_on:
        out.append(reason("NOT_SERVICE_DATE"))
    if not ev.unit_ready:
        out.append(reason("UNIT_NOT_READY"))
    if not ev.staff_on_duty:
        out.append(reason("STAFF_NOT_ON_DUTY"))
    if not ev.profession_allowed:
        out.append(reason("PROFESSION_NOT_ALLOWED"))
    return out


def _face(ev: Evidence, policy: Policy) -> list[Reason]:
    out: list[Reason] = []
    geo = ev.geofence
    if geo is None:
        out.append(reason("GEOFENCE_REQUIRED"))
    elif not geo.ok:
        out.append(Reason(geo.code, geo.message_th, geo.message_en))
    face = ev.face
    if face is None:
        return out + [reason("FACE_REQUIRED")]
    if face.quality_code:
        return out + [Reason(face.quality_code, face.quality_message_th, face.quality_message_en)]
    if policy.require_liveness and (
        face.liveness_score is None
        or face.liveness_threshold is None
        or face.liveness_score < face.liveness_threshold
    ):
        out.append(reason("SPOOF_SUSPECTED"))
    if face.similarity is None:
        out.append(reason("FACE_NOT_ENROLLED"))
    elif face.similarity < face.threshold:
        out.append(reason("FACE_MISMATCH"))
    return out


def _qr(ev: Evidence, policy: Policy) -> list[Reason]:
    qr = ev.qr
    if qr is None:
        return [reason("QR_REQUIRED")]
    out: list[Reason] = []
    if not qr.valid:
        out.append(reason("QR_INVALID"))
    if ev.channel == Channel.LINE_QR and qr.relation not in policy.line_proxy_relations:
        out.append(reason("PROXY_NOT_ALLOWED"))
    return out


def _card(ev: Evidence, policy: Policy) -> list[Reason]:
    card = ev.smart_card
    if card is None:
        return [reason("SMART_CARD_REQUIRED")]
    out: list[Reason] = []
    if not card.read_ok:
        out.append(reason("SMART_CARD_UNREADABLE"))
    if card.holder_relation not in policy.smart_card_holder_relations:
        out.append(reason("CARD_HOLDER_NOT_RELATIVE"))
    if policy.special_channels_need_appeal and not (card.appeal_reason or "").strip():
        out.append(reason("APPEAL_REASON_REQUIRED"))
    return out


def _channel_reasons(ev: Evidence, policy: Policy) -> list[Reason]:
    if ev.channel == Channel.FACE:
        return _face(ev, policy)
    if ev.channel in _QR_CHANNELS:
        return _qr(ev, policy)
    return _card(ev, policy)


def _next_channels(group: AgeGroup, tried: Channel, reasons: list[Reason]) -> tuple[Channel, ...]:
    if any(r.code in BLOCKING for r in reasons):
        return ()
    return tuple(c for c in group.channels if c != tried)


def decide(ev: Evidence, policy: Policy) -> Decision:
    group = policy.group_for(ev.age_years)
    reasons = _common(ev, policy)
    if ev.channel not in group.channels:
        reasons.append(reason("CHANNEL_NOT_ALLOWED"))
    else:
        reasons.extend(_channel_reasons(ev, policy))
    details = {"age_group": group.id, "allowed_channels": [c.value for c in group.channels]}
    if reasons:
        return Decision(False, None, group.id, tuple(reasons), _next_channels(group, ev.channel, reasons), details)
    special = ev.channel in group.special and policy.special_channels_need_appeal
    return Decision(True, "PENDING_APPEAL" if special else "ACTIVE", group.id, (), (), details)

"""Judge one verification attempt against the policy.  Pure: same evidence, same decision.

Rules (NHSO walk-in verification, documents 003 and 004):
* Always: the service type is in effect on the service date, a valid contact phone is given, the
  verification happens on the service date (Asia/Bangkok), the unit is ready, a staff member of
  the chosen profession is on duty and may provide the service, and the citizen's right in force
  on the service date may be billed here (policy: allow, flag or refuse).
* The channel must be allowed for the citizen's age group (policy data): 16–60 → FACE primary,
  LINE_QR alternative; >60 or ≤15 → LINE_QR primary, FACE when it passes, SMART_CARD only as a
  special case with an appeal.
* Who proves presence: the citizen, or — for the groups whose policy allows it — a relative the
  relatives registry records with an allowed relation.  Adults prove presence themselves.
* Channel evidence: FACE needs a geofence pass and the server's own analysis of the capture
  (quality, liveness, an unexpired template, a similarity at or above the age band's threshold);
  QR channels need a valid QR scanned in the citizen's own session; SMART_CARD needs a card read
  signed by the unit's card agent (the citizen's card or a registered direct relative's), a reason
  from the documents' list that fits the age, and a certifier; it yields PENDING_APPEAL.

Every failing rule is reported (not just the first), and the decision lists the channels the
unit may try next: the group's other channels, none when the failure is not the channel's
fault (unit not ready, nobody on duty, wrong date, no phone, a right that is not covered).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from card_reader.errors import CATALOGUE as CARD_MESSAGES
from server.decision.evidence import Channel, Evidence
from server.decision.policy import AgeGroup, Policy
from server.decision.reasons import Reason, reason
from thai_civil.calendar import format_be_date
from thai_civil.errors import ThaiCivilError
from thai_civil.phone import validate_phone

# Failures that no other channel can fix.
BLOCKING = frozenset({
    "SERVICE_TYPE_INACTIVE", "PHONE_REQUIRED", "PHONE_INVALID", "NOT_SERVICE_DATE",
    "UNIT_NOT_READY", "STAFF_NOT_ON_DUTY", "PROFESSION_NOT_FOR_SERVICE", "RIGHT_NOT_COVERED",
})
_QR_CHANNELS = (Channel.LINE_QR, Channel.BOOKING_QR)


@dataclass(frozen=True)
class Decision:
    passed: bool
    status: str | None  # ACTIVE, PENDING_APPEAL, or None when refused
    age_group: str
    reasons: tuple[Reason, ...] = ()
    next_channels: tuple[Channel, ...] = ()
    right_rule: str = "ALLOW"  # ALLOW or FLAG when passed
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
    else:
        try:
            validate_phone(ev.phone)
        except ThaiCivilError:
            out.append(reason("PHONE_INVALID"))
    if ev.service_date != ev.verified_on:
        out.append(reason("NOT_SERVICE_DATE"))
    if not ev.unit_ready:
        out.append(reason("UNIT_NOT_READY"))
    if not ev.staff_on_duty:
        out.append(reason("STAFF_NOT_ON_DUTY"))
    if not ev.profession_allowed:
        out.append(reason("PROFESSION_NOT_FOR_SERVICE"))
    if policy.right_rule(ev.right_code) == "REFUSE":
        out.append(reason("RIGHT_NOT_COVERED", right=ev.right_code or "-"))
    return out


def _actor(ev: Evidence, group: AgeGroup, policy: Policy) -> list[Reason]:
    """Who proved presence may do so for this citizen (the registry vouches for relatives)."""
    actor = ev.actor
    if actor.relation == "SELF":
        return []
    if ev.channel == Channel.FACE:
        return [reason("PROXY_NOT_ALLOWED")]
    out = [] if actor.registered else [reason("RELATIVE_NOT_REGISTERED")]
    if ev.channel in _QR_CHANNELS and actor.relation not in group.proxies:
        out.append(reason("PROXY_NOT_ALLOWED"))
    if ev.channel == Channel.SMART_CARD and actor.relation not in policy.card_holder_relations:
        out.append(reason("CARD_HOLDER_NOT_RELATIVE"))
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
    if face.quality is not None:
        return out + [face.quality]
    if not liveness_ok(face.liveness_score, face.liveness_threshold, policy):
        out.append(reason("SPOOF_SUSPECTED"))
    if face.challenge_failure is not None:
        out.append(face.challenge_failure)
    elif policy.challenge.required and not face.challenge_done:
        out.append(reason("LIVENESS_CHALLENGE_REQUIRED"))
    if face.similarity is None:
        out.append(face.template_expired or reason("FACE_NOT_ENROLLED"))
    elif face.similarity < face.threshold:
        out.append(reason("FACE_MISMATCH"))
    return out


def liveness_ok(score: float | None, threshold: float | None, policy: Policy) -> bool:
    """The one liveness rule of every face path: when the policy requires liveness, a capture
    passes only with a score at or above the model's threshold."""
    if not policy.require_liveness:
        return score is None or threshold is None or score >= threshold
    return score is not None and threshold is not None and score >= threshold


def _qr(ev: Evidence, policy: Policy) -> list[Reason]:
    qr = ev.qr
    if qr is None:
        return [reason("QR_REQUIRED")]
    out: list[Reason] = []
    if not qr.valid:
        out.append(reason("QR_INVALID"))
    if policy.qr_needs_citizen_session and not qr.in_citizen_session:
        out.append(reason("QR_NOT_FROM_CITIZEN"))
    return out


def _card(ev: Evidence, policy: Policy) -> list[Reason]:
    out: list[Reason] = []
    card = ev.card
    if card is None or not card.verified:
        out.append(reason("CARD_READ_REQUIRED"))
    elif card.expired:
        expiry = card.expiry
        out.append(CARD_MESSAGES.message("CARD_EXPIRED", expiry=expiry.isoformat() if expiry else "",
                                         expiry_be=format_be_date(expiry) if expiry else ""))
    special = ev.special
    chosen = policy.special_reason(special.reason_code if special else None)
    if chosen is None:
        out.append(reason("SPECIAL_REASON_REQUIRED"))
    elif chosen.max_age is not None and ev.age_years > chosen.max_age:
        out.append(reason("SPECIAL_REASON_NOT_FOR_AGE"))
    if special is None or special.certifier not in {c.code for c in policy.certifiers}:
        out.append(reason("CERTIFIER_REQUIRED"))
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
        reasons.extend(_actor(ev, group, policy))
        reasons.extend(_channel_reasons(ev, policy))
    details = {"age_group": group.id, "allowed_channels": [c.value for c in group.channels]}
    if reasons:
        return Decision(False, None, group.id, tuple(reasons), _next_channels(group, ev.channel, reasons),
                        details=details)
    special = ev.channel in group.special and policy.special_channels_need_appeal
    return Decision(True, "PENDING_APPEAL" if special else "ACTIVE", group.id, (), (),
                    right_rule=policy.right_rule(ev.right_code), details=details)

"""What the decision engine is told about one verification attempt.

Every piece of evidence is a record produced by the party that can vouch for it, never the unit's
own word: a face capture analysed by the server itself (:class:`FaceCapture`); a QR scan made in
the citizen's own session (:class:`QrScan`); a card read signed by the unit's registered card
agent and checked by the server (:class:`CardRead`); a relationship found in the relatives
registry (:class:`Actor`); the GPS fix judged against the unit's geofence
(:class:`GeofenceEvidence`); the right in force on the service date from the citizen registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fvs_errors import Message


class Channel(StrEnum):
    FACE = "FACE"
    LINE_QR = "LINE_QR"
    BOOKING_QR = "BOOKING_QR"
    SMART_CARD = "SMART_CARD"
    PID_PHOTO = "PID_PHOTO"


@dataclass(frozen=True)
class FaceCapture:
    """The server's own analysis of a capture against the citizen's enrolled templates."""

    similarity: float | None  # best match to an enrolled, unexpired template; None: none
    threshold: float  # the operating threshold of the citizen's age band
    model_id: str | None = None
    quality: Message | None = None  # the first failed quality gate (the photo was not compared)
    liveness_score: float | None = None
    liveness_threshold: float | None = None
    template_expired: Message | None = None  # every enrolled template has aged out
    challenge_done: bool = False  # the head-turn frames of a valid one-time challenge were judged
    challenge_failure: Message | None = None  # why the challenge was not met


@dataclass(frozen=True)
class QrScan:
    """A unit or booking QR checked by the server (signature, unit, service, date)."""

    valid: bool
    in_citizen_session: bool  # scanned in the citizen's (or a registered relative's) own session


@dataclass(frozen=True)
class CardRead:
    """A Thai ID card read, signed by the unit's card agent and checked by the server (signature,
    single-use nonce, freshness)."""

    card_pid: str
    verified: bool
    expiry: date | None = None  # None: a lifelong card
    expired: bool = False


@dataclass(frozen=True)
class Actor:
    """Who proved presence for the citizen: the citizen (``SELF``) or a relative as the relatives
    registry records them (``relation`` is the actor's relation to the citizen)."""

    relation: str = "SELF"
    registered: bool = True  # SELF, or found in the relatives registry


@dataclass(frozen=True)
class GeofenceEvidence:
    ok: bool
    code: str
    distance_m: float | None = None
    message_th: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class SpecialCase:
    """Why the special (smart card) path was taken and who certifies the visit."""

    reason_code: str | None
    certifier: str | None  # GUARDIAN, CAREGIVER, RECORDING_STAFF
    reason_text: str | None = None


@dataclass(frozen=True)
class Evidence:
    channel: Channel
    age_years: int
    service_date: date
    verified_on: date
    phone: str | None
    unit_ready: bool
    right_code: str | None  # the right in force on the service date; None: the registry has none
    unit_not_ready_reasons: tuple[str, ...] = ()
    staff_on_duty: tuple[int, ...] = ()
    profession_allowed: bool = True
    service_type_active: bool = True
    actor: Actor = Actor()
    geofence: GeofenceEvidence | None = None
    face: FaceCapture | None = None
    qr: QrScan | None = None
    card: CardRead | None = None
    special: SpecialCase | None = None

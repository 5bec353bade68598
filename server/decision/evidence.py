"""What the decision engine is told about one verification attempt."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    FACE = "FACE"
    LINE_QR = "LINE_QR"
    BOOKING_QR = "BOOKING_QR"
    SMART_CARD = "SMART_CARD"
    PID_PHOTO = "PID_PHOTO"


@dataclass(frozen=True)
class FaceEvidence:
    """Outcome of the face pipeline (``quality_code`` None when the photo passed the gates)."""

    similarity: float | None
    threshold: float
    quality_code: str | None = None
    quality_message_th: str = ""
    quality_message_en: str = ""
    liveness_score: float | None = None
    liveness_threshold: float | None = None
    duplicate_pid_flag: bool = False


@dataclass(frozen=True)
class QrEvidence:
    """A scanned LINE or booking QR: valid for this unit/date, and who scanned it."""

    valid: bool
    relation: str = "SELF"


@dataclass(frozen=True)
class SmartCardEvidence:
    """A smart card read: whose card it is (the citizen's own or a direct relative's)."""

    read_ok: bool
    holder_relation: str = "SELF"
    appeal_reason: str | None = None


@dataclass(frozen=True)
class GeofenceEvidence:
    ok: bool
    code: str
    distance_m: float | None = None
    message_th: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class Evidence:
    channel: Channel
    age_years: int
    service_date: date
    verified_on: date
    phone: str | None
    unit_ready: bool
    unit_not_ready_reasons: tuple[str, ...] = ()
    staff_on_duty: tuple[int, ...] = ()
    profession_allowed: bool = True
    service_type_active: bool = True
    geofence: GeofenceEvidence | None = None
    face: FaceEvidence | None = None
    qr: QrEvidence | None = None
    smart_card: SmartCardEvidence | None = None
    extra: dict = field(default_factory=dict)

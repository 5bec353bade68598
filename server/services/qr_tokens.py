"""Signed QR payloads: a unit's QR per service type (static, or rotating every 30 s) and a
booking's QR.  Pure: the secret and the clock are given.

* Static unit QR (printed, or shown on the unit's tablet): ``FVS2:U:<hcode>:<service>:<kid>:<ver>:<sig>``
  — ``ver`` is the unit's static-QR version (raising it voids every QR printed before).
* Rotating unit QR (the unit's screen): ``FVS2:R:<hcode>:<service>:<kid>:<window>:<sig>`` —
  ``window`` is the Unix time divided by :data:`ROTATE_S`; it is accepted in its own window and
  the next, so a photographed QR stops working within 30–60 s.
* Booking QR (the citizen's phone): ``FVS2:B:<ref>:<kid>:<sig>`` — the server looks the booking
  up by ``ref`` (citizen, unit, profession and day live there, not in the QR).

``kid`` names the signing key: ``HMAC-SHA256(FVS_SECRET_KEY, "fvs-qr-key|" + kid)``, so keys rotate
by changing the key id (``FVS_QR_KEY_ID``) while the ids still accepted (``FVS_QR_ACCEPTED_KEY_IDS``)
keep older QRs working.  ``sig`` is the first 120 bits of HMAC-SHA256 under that key over every
other field, in upper-case base32: the whole payload stays in the QR's compact alphanumeric mode.
A QR cannot be forged, or moved to another unit, service, version, window or booking, without
the key.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

VERSION = "FVS2"
ROTATE_S = 30
KEY_ID = "1"
STATIC, ROTATING = "STATIC", "ROTATING"
_KIND_TAG = {STATIC: "U", ROTATING: "R"}
_HCODE = re.compile(r"^\d{5}$")
_SERVICE = re.compile(r"^[A-Z0-9-]{2,16}$")
_KID = re.compile(r"^[A-Z0-9]{1,8}$")
_NUMBER = re.compile(r"^\d{1,12}$")
_REF = re.compile(r"^[A-Z0-9]{6,16}$")


@dataclass(frozen=True)
class UnitQr:
    """A genuine unit QR, as read back (the signature checked)."""

    kind: str  # STATIC or ROTATING
    hcode: str
    service_type: str
    key_id: str
    number: int  # the static version, or the rotating window


def key_for(secret: str, key_id: str) -> bytes:
    return hmac.new(secret.encode(), f"fvs-qr-key|{key_id}".encode(), hashlib.sha256).digest()


def _sig(secret: str, key_id: str, *parts: str) -> str:
    mac = hmac.new(key_for(secret, key_id), "|".join(parts).encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:15]).decode()


def window_of(now: datetime) -> int:
    return int(now.timestamp()) // ROTATE_S


def window_ends(window: int) -> datetime:
    """When a rotating QR of ``window`` stops being accepted (the end of the next window)."""
    return datetime.fromtimestamp((window + 2) * ROTATE_S, UTC)


def _check_fields(hcode: str, service_type: str, key_id: str) -> None:
    if not (_HCODE.match(hcode) and _SERVICE.match(service_type) and _KID.match(key_id)):
        raise ValueError("hcode, service type or key id cannot go into a QR")


def unit_qr(secret: str, *, hcode: str, service_type: str, version: int = 1, key_id: str = KEY_ID) -> str:
    """The static QR of a unit and service type."""
    _check_fields(hcode, service_type, key_id)
    parts = ["U", hcode, service_type, key_id, str(version)]
    return ":".join([VERSION, *parts, _sig(secret, key_id, *parts)])


def rotating_qr(secret: str, *, hcode: str, service_type: str, now: datetime, key_id: str = KEY_ID) -> str:
    """The rotating QR of a unit and service type for the 30-second window of ``now``."""
    _check_fields(hcode, service_type, key_id)
    parts = ["R", hcode, service_type, key_id, str(window_of(now))]
    return ":".join([VERSION, *parts, _sig(secret, key_id, *parts)])


def booking_qr(secret: str, *, ref: str, key_id: str = KEY_ID) -> str:
    if not (_REF.match(ref) and _KID.match(key_id)):
        raise ValueError("a booking reference is 6-16 upper-case letters and digits")
    return ":".join([VERSION, "B", ref, key_id, _sig(secret, key_id, "B", ref, key_id)])


def _split(payload: str | None, count: int) -> list[str] | None:
    text = (payload or "").strip()
    if len(text) > 200:
        return None
    parts = text.split(":")
    return parts if len(parts) == count and parts[0] == VERSION else None


def read_unit_qr(secret: str, payload: str | None, *, key_ids: Iterable[str]) -> UnitQr | None:
    """The unit QR ``payload`` says, when its signature holds under an accepted key; else None
    (forged, tampered, malformed, another kind of QR, or a retired key)."""
    parts = _split(payload, 7)
    if parts is None:
        return None
    _, tag, hcode, service, kid, number, sig = parts
    kind = {v: k for k, v in _KIND_TAG.items()}.get(tag)
    if (kind is None or kid not in set(key_ids) or not _HCODE.match(hcode) or not _SERVICE.match(service)
            or not _NUMBER.match(number)):
        return None
    if not hmac.compare_digest(sig.encode(), _sig(secret, kid, tag, hcode, service, kid, number).encode()):
        return None
    return UnitQr(kind, hcode, service, kid, int(number))


def rotating_fresh(qr: UnitQr, now: datetime) -> bool:
    """A rotating QR is accepted in its own 30-second window and the next one."""
    return window_of(now) - 1 <= qr.number <= window_of(now)


def read_booking_qr(secret: str, payload: str | None, *, key_ids: Iterable[str]) -> str | None:
    """The booking reference of a genuine booking QR, else None."""
    parts = _split(payload, 5)
    if parts is None or parts[1] != "B":
        return None
    _, tag, ref, kid, sig = parts
    if kid not in set(key_ids) or not _REF.match(ref):
        return None
    return ref if hmac.compare_digest(sig.encode(), _sig(secret, kid, tag, ref, kid).encode()) else None

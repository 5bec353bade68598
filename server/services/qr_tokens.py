"""Signed QR payloads: a unit's daily QR (citizens scan it with LINE) and a booking's QR.

* Unit QR: ``FVS1:U:<hcode>:<yyyymmdd>:<sig>`` — valid at that unit on that Bangkok date.
* Booking QR: ``FVS1:B:<hcode>:<yyyymmdd>:<ref>:<sig>`` — the signature also covers the
  citizen's PID, which the QR itself never contains.

``sig`` is the first 20 hex digits of HMAC-SHA256 under the server's secret key; a QR cannot be
forged or moved to another unit, day or citizen without the key.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

VERSION = "FVS1"


def _sig(secret: str, *parts: str) -> str:
    return hmac.new(secret.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()[:20]


def unit_qr(secret: str, hcode: str, day: date) -> str:
    d = day.strftime("%Y%m%d")
    return f"{VERSION}:U:{hcode}:{d}:{_sig(secret, 'U', hcode, d)}"


def booking_qr(secret: str, hcode: str, day: date, ref: str, pid: str) -> str:
    d = day.strftime("%Y%m%d")
    return f"{VERSION}:B:{hcode}:{d}:{ref}:{_sig(secret, 'B', hcode, d, ref, pid)}"


def check(secret: str, payload: str, *, kind: str, hcode: str, day: date, pid: str) -> bool:
    """Whether ``payload`` is a genuine QR of ``kind`` ("U" or "B") for this unit, day (and PID)."""
    parts = (payload or "").strip().split(":")
    d = day.strftime("%Y%m%d")
    if kind == "U" and len(parts) == 5 and parts[:4] == [VERSION, "U", hcode, d]:
        return hmac.compare_digest(parts[4], _sig(secret, "U", hcode, d))
    if kind == "B" and len(parts) == 6 and parts[:4] == [VERSION, "B", hcode, d]:
        return hmac.compare_digest(parts[5], _sig(secret, "B", hcode, d, parts[4], pid))
    return False

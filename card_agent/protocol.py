"""The signed card read: the record a card agent signs and FVS verifies, defined once for both.

A record is a flat JSON object whose values are strings (``null`` where marked):

============== ===================================================================================
``format``     ``fvs-card-read/1``: a signature over anything else is never taken for a card read
``pid``        the citizen ID read from the chip
``title_th``, ``first_name_th``, ``middle_name_th``, ``last_name_th``   the Thai name on the card
``birth_date`` ISO 8601, reduced for a partly unknown date (``1987-04-15``, ``1987-04``, ``1987``)
``sex``        ``M`` or ``F``
``issue_date`` ISO date; ``expiry_date`` ISO date or ``null`` (a lifelong card)
``photo_sha256`` SHA-256 (hex) of the JPEG read from the chip, ``null`` when it was not read
``reader``     the PC/SC reader's name; ``atr`` the card's ATR (hex, upper case, no spaces)
``nonce``      the single-use value FVS issued to this agent just before the read
``read_at``    when the card was read, UTC, ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (in the server's time: the
               agent corrects its clock by the ``issued_at`` of the nonce)
``agent_key_id`` :func:`key_id` of the agent's public key
============== ===================================================================================

The signed bytes are the record's *canonical JSON*: keys sorted, no spaces, UTF-8, non-ASCII kept
as it is (``ensure_ascii=False``).  The signature is Ed25519 over those bytes, base64 (standard
alphabet, padded).  A signed read travels as ``{"record": {...}, "signature": "..."}``.

This module needs only the standard library and ``cryptography``; the server imports it too.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "fvs-card-read/1"
REQUIRED = ("format", "pid", "first_name_th", "last_name_th", "birth_date", "sex", "issue_date",
            "reader", "atr", "nonce", "read_at", "agent_key_id")
NULLABLE = ("title_th", "middle_name_th", "expiry_date", "photo_sha256")
FIELDS = frozenset(REQUIRED + NULLABLE)
MAX_VALUE_CHARS = 200
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


class RecordError(ValueError):
    """A record or signed read that is not of the agreed shape (``reason`` says how)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def canonical_json(record: Mapping[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def key_id(public_raw: bytes) -> str:
    """A public key's id: the first 32 hex digits of the SHA-256 of its 32 raw bytes."""
    return hashlib.sha256(public_raw).hexdigest()[:32]


def decode_public_key(text: str) -> bytes:
    """The 32 raw bytes of a base64 Ed25519 public key; :class:`RecordError` otherwise."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError, AttributeError):
        raise RecordError("the public key is not base64") from None
    if len(raw) != PUBLIC_KEY_BYTES:
        raise RecordError(f"an Ed25519 public key has {PUBLIC_KEY_BYTES} bytes, not {len(raw)}")
    try:
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise RecordError("not an Ed25519 public key") from None
    return raw


def public_key_b64(private_key: Ed25519PrivateKey) -> str:
    """The base64 of the raw public key, as it is registered with FVS."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def format_read_at(at: datetime) -> str:
    """``2026-11-22T03:00:00.123Z`` (UTC, milliseconds)."""
    if at.tzinfo is None:
        raise ValueError("naive datetime: give an aware instant")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.astimezone(UTC).microsecond // 1000:03d}Z"


def parse_read_at(text: str) -> datetime:
    """The instant of a ``read_at``; it must carry a UTC offset (``Z`` or ``+00:00``)."""
    try:
        at = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise RecordError("read_at is not an ISO 8601 time") from None
    if at.tzinfo is None:
        raise RecordError("read_at has no UTC offset")
    return at.astimezone(UTC)


def check_record(record: object) -> dict[str, str | None]:
    """The record as a plain dict when it has exactly the agreed fields and value types."""
    if not isinstance(record, Mapping):
        raise RecordError("the record is not a JSON object")
    keys = set(record)
    if missing := sorted(set(REQUIRED) - keys):
        raise RecordError(f"missing field(s): {', '.join(missing)}")
    if extra := sorted(keys - FIELDS):
        raise RecordError(f"unknown field(s): {', '.join(str(k) for k in extra)}")
    out: dict[str, str | None] = {}
    for name in sorted(FIELDS & keys):
        value = record[name]
        if value is None and name in NULLABLE:
            out[name] = None
            continue
        if not isinstance(value, str) or not value:
            raise RecordError(f"{name} must be a non-empty string")
        if len(value) > MAX_VALUE_CHARS:
            raise RecordError(f"{name} is longer than {MAX_VALUE_CHARS} characters")
        out[name] = value
    if out["format"] != FORMAT:
        raise RecordError(f"unknown format (expected {FORMAT})")
    parse_read_at(str(out["read_at"]))
    return out


def sign_record(private_key: Ed25519PrivateKey, record: Mapping[str, Any]) -> dict[str, Any]:
    """``{"record": record, "signature": base64}`` (the record is checked first)."""
    clean = check_record(record)
    signature = private_key.sign(canonical_json(clean))
    return {"record": clean, "signature": base64.b64encode(signature).decode("ascii")}


def signature_valid(public_raw: bytes, record: Mapping[str, Any], signature: str) -> bool:
    """Whether ``signature`` (base64) is the key's Ed25519 signature of the record's canonical JSON."""
    try:
        sig = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError, TypeError):
        return False
    if len(sig) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(sig, canonical_json(record))
    except (InvalidSignature, ValueError):
        return False
    return True

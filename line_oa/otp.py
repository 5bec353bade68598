"""One-time passwords to the citizen's phone.

* 6 digits, with a 6-character reference code (mixed-case letters and digits, e.g. ``p5eHWf``)
  that the SMS and the page both show.  Only an HMAC of the code is stored.
* Valid :data:`TTL` (5 minutes); :data:`MAX_ATTEMPTS` (3) wrong codes end the challenge.
* A new code ("รับ OTP ใหม่อีกครั้ง") supersedes the earlier one, gets a new reference, and may be
  asked for :data:`RESEND_AFTER` (60 s) after the previous one at the earliest; at most
  :data:`MAX_PER_HOUR` (5) codes per LINE user per rolling hour.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from line_oa.errors import CATALOGUE
from line_oa.sms import SmsSender
from line_oa.tables import OtpChallenge

CODE_DIGITS = 6
REF_LENGTH = 6
TTL = timedelta(minutes=5)
MAX_ATTEMPTS = 3
RESEND_AFTER = timedelta(seconds=60)
MAX_PER_HOUR = 5
PURPOSES = ("REGISTER", "RESET_PIN")
_REF_ALPHABET = string.ascii_letters + string.digits
SMS_TEXT = ("รหัส OTP ของท่านคือ {code} (รหัสอ้างอิง {ref}) ใช้ได้ภายใน {minutes} นาที "
            "ห้ามบอกรหัสนี้แก่ผู้อื่น - สปสช. / NHSO OTP {code} (ref {ref})")


@dataclass(frozen=True)
class Sent:
    """What the page shows after sending: the challenge id, its reference and expiry."""

    challenge_id: str
    ref: str
    phone: str
    expires_at: datetime
    resend_at: datetime


def _digest(key: bytes, challenge_id: str, code: str) -> str:
    return hmac.new(key, f"fvs-otp|{challenge_id}|{code}".encode(), hashlib.sha256).hexdigest()


def _wait(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))


def send(session: Session, *, line_user_id: str, purpose: str, phone: str, now: datetime, key: bytes,
         sender: SmsSender) -> Sent:
    """Supersede any open challenge of this LINE user and purpose, and text a new code."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown OTP purpose {purpose!r}")
    recent = session.scalars(select(OtpChallenge).where(
        OtpChallenge.line_user_id == line_user_id, OtpChallenge.created_at > now - timedelta(hours=1))
        .order_by(OtpChallenge.created_at.desc())).all()
    if recent and recent[0].created_at + RESEND_AFTER > now:
        raise CATALOGUE.error("OTP_RESEND_TOO_SOON", retry_after_s=_wait(recent[0].created_at + RESEND_AFTER, now))
    if len(recent) >= MAX_PER_HOUR:
        raise CATALOGUE.error("OTP_TOO_MANY", retry_after_s=_wait(recent[-1].created_at + timedelta(hours=1), now))
    session.execute(update(OtpChallenge).where(
        OtpChallenge.line_user_id == line_user_id, OtpChallenge.purpose == purpose,
        OtpChallenge.verified_at.is_(None), OtpChallenge.superseded_at.is_(None)).values(superseded_at=now))
    challenge_id = secrets.token_urlsafe(18)
    code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    ref = "".join(secrets.choice(_REF_ALPHABET) for _ in range(REF_LENGTH))
    row = OtpChallenge(id=challenge_id, line_user_id=line_user_id, purpose=purpose, phone=phone, ref=ref,
                       code_hash=_digest(key, challenge_id, code), created_at=now, expires_at=now + TTL)
    session.add(row)
    session.flush()
    try:
        sender.send(phone, SMS_TEXT.format(code=code, ref=ref, minutes=int(TTL.total_seconds() // 60)))
    except Exception as exc:  # the provider's own error: the citizen may simply retry
        raise CATALOGUE.error("SMS_NOT_SENT", reason=type(exc).__name__) from None
    return Sent(challenge_id, ref, phone, row.expires_at, now + RESEND_AFTER)


def open_challenge(session: Session, *, challenge_id: str, line_user_id: str, purpose: str) -> OtpChallenge:
    """The LINE user's challenge of that purpose (``OTP_NOT_FOUND`` for anything else)."""
    row = session.get(OtpChallenge, challenge_id) if challenge_id and len(challenge_id) <= 32 else None
    if row is None or row.line_user_id != line_user_id or row.purpose != purpose:
        raise CATALOGUE.error("OTP_NOT_FOUND")
    return row


def verify(session: Session, *, challenge: OtpChallenge, code: str, now: datetime, key: bytes) -> None:
    """Accept the right code once; count a wrong one.  The caller commits before answering."""
    if challenge.verified_at is not None or challenge.superseded_at is not None:
        raise CATALOGUE.error("OTP_NOT_FOUND")
    if challenge.expires_at <= now:
        raise CATALOGUE.error("OTP_EXPIRED")
    if challenge.attempts >= MAX_ATTEMPTS:
        raise CATALOGUE.error("OTP_ATTEMPTS_EXCEEDED")
    code = str(code or "").strip()
    if hmac.compare_digest(_digest(key, challenge.id, code), challenge.code_hash):
        challenge.verified_at = now
        session.flush()
        return
    challenge.attempts += 1
    session.flush()
    if challenge.attempts >= MAX_ATTEMPTS:
        raise CATALOGUE.error("OTP_ATTEMPTS_EXCEEDED")
    raise CATALOGUE.error("OTP_WRONG", attempts_left=MAX_ATTEMPTS - challenge.attempts)


def sent_count(session: Session, *, line_user_id: str, since: datetime) -> int:
    return session.scalar(select(func.count()).select_from(OtpChallenge).where(
        OtpChallenge.line_user_id == line_user_id, OtpChallenge.created_at > since)) or 0

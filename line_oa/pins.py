"""The citizen's 6-digit PIN: rules, argon2 hashing, and the lockout after wrong PINs.

* Exactly six digits.  Refused as too easy to guess: one digit repeated (``111111``), a run up
  or down (``123456``, ``987654``, ``012345``), and the birth date as ``ddmmyy`` in either era.
* Stored with argon2id (``argon2-cffi``'s RFC 9106 low-memory profile); never logged.
* :data:`MAX_FAILURES` wrong PINs in a row lock the account for :data:`FIRST_LOCK`; each further
  lock lasts twice as long, up to :data:`MAX_LOCK`.  While locked every PIN — even the right one —
  is refused with ``PIN_LOCKED`` (so a lock cannot be used to test guesses).  A right PIN clears
  the count; setting a new PIN through "forgot PIN" (an OTP to the registered phone) unlocks.
"""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from line_oa.errors import CATALOGUE
from line_oa.tables import LineAccount

PIN_LENGTH = 6
MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=15)
MAX_LOCK = timedelta(hours=24)
_HASHER = PasswordHasher()
_DIGITS = "0123456789"


def is_weak(pin: str, birth_date: date | None = None) -> bool:
    """Whether ``pin`` is one of the easily guessed PINs (see the module doc)."""
    if len(set(pin)) == 1 or pin in _DIGITS or pin in _DIGITS[::-1]:
        return True
    if birth_date is not None:
        d = birth_date
        return pin in {f"{d.day:02d}{d.month:02d}{d.year % 100:02d}", f"{d.day:02d}{d.month:02d}{(d.year + 543) % 100:02d}"}
    return False


def validate_pin(pin: str, birth_date: date | None = None) -> str:
    """The PIN when it may be used; ``PIN_FORMAT`` or ``PIN_WEAK`` otherwise."""
    pin = str(pin or "").strip()
    if len(pin) != PIN_LENGTH or not pin.isascii() or not pin.isdigit():
        raise CATALOGUE.error("PIN_FORMAT", field="pin")
    if is_weak(pin, birth_date):
        raise CATALOGUE.error("PIN_WEAK", field="pin")
    return pin


def hash_pin(pin: str) -> str:
    return _HASHER.hash(pin)


def pin_matches(pin: str, stored: str) -> bool:
    try:
        return _HASHER.verify(stored, str(pin or ""))
    except (VerificationError, InvalidHashError):
        return False


def lock_remaining(account: LineAccount, now: datetime) -> int:
    """Seconds the account stays locked (0: not locked)."""
    if account.locked_until is None or account.locked_until <= now:
        return 0
    return max(1, math.ceil((account.locked_until - now).total_seconds()))


def check_pin(account: LineAccount, pin: str, *, now: datetime) -> None:
    """Accept the right PIN (clearing the count) or count a wrong one, locking at the limit.

    Raises ``PIN_LOCKED`` (with ``retry_after_s``) or ``PIN_WRONG`` (with ``attempts_left``).
    The caller commits before answering, so a failure counts whatever happens next.
    """
    if (wait := lock_remaining(account, now)) > 0:
        raise CATALOGUE.error("PIN_LOCKED", retry_after_s=wait)
    if pin_matches(pin, account.pin_hash):
        account.pin_failures, account.lock_count, account.locked_until = 0, 0, None
        return
    account.pin_failures += 1
    if account.pin_failures >= MAX_FAILURES:
        lock = min(FIRST_LOCK * (2 ** account.lock_count), MAX_LOCK)
        account.pin_failures, account.lock_count = 0, account.lock_count + 1
        account.locked_until = now + lock
        raise CATALOGUE.error("PIN_LOCKED", retry_after_s=int(lock.total_seconds()))
    raise CATALOGUE.error("PIN_WRONG", attempts_left=MAX_FAILURES - account.pin_failures)


def set_pin(account: LineAccount, pin_hash: str, *, now: datetime) -> None:
    """A new PIN (already validated and hashed); clears any lock."""
    account.pin_hash, account.pin_changed_at = pin_hash, now
    account.pin_failures, account.lock_count, account.locked_until = 0, 0, None

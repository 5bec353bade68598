"""LINE accounts: who a LINE user is, the identity check of a new registration against the citizen
registry, who may register, and registering (or moving a PID to a new LINE account).

* "Returning" is keyed on the LINE user: a LINE user with an account goes straight to the PIN.
* A new registration proves the card: first and last name, birth date and the laser code on the
  back of the ID card must match the citizen registry (Thai or English names; spacing ignored).
  A mismatch never says which field was wrong; failures are throttled (:mod:`line_oa.throttle`).
* Eligible to register oneself (documents 001/002): 15 full years or older today, and the right in
  force today is UC (``UCS``) or none (``NONE``, สิทธิว่าง).
* One account per LINE user and one per PID.  A PID already registered from another LINE account
  (a new phone, a new LINE account) moves to the new one after the full proof (registry details,
  new PIN, OTP to the phone given); the account keeps its members.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from citizens.rights import NO_RIGHT, right_on
from citizens.tables import Citizen
from line_oa import consent, throttle
from line_oa.errors import CATALOGUE
from line_oa.tables import LineAccount
from thai_civil.calendar import age_on
from thai_civil.laser_code import normalize_laser_code

MIN_AGE = 15
ELIGIBLE_RIGHTS = frozenset({"UCS", NO_RIGHT})


@dataclass(frozen=True)
class ClaimedIdentity:
    """What a new user typed on the registration form."""

    pid: str
    first_name: str
    last_name: str
    birth_date: date
    laser_code: str


def by_line_user(session: Session, line_user_id: str) -> LineAccount | None:
    return session.scalars(select(LineAccount).where(LineAccount.line_user_id == line_user_id)).first()


def by_pid(session: Session, pid: str) -> LineAccount | None:
    return session.scalars(select(LineAccount).where(LineAccount.pid == pid)).first()


def get(session: Session, account_id: int) -> LineAccount:
    account = session.get(LineAccount, account_id)
    if account is None:
        raise CATALOGUE.error("LINE_ACCOUNT_NOT_FOUND")
    return account


def _name(value: str | None) -> str:
    text = unicodedata.normalize("NFC", value or "")
    return re.sub(r"[\s\u200b\u200c\u200d.]", "", text).casefold()


def _names_match(citizen: Citizen, first: str, last: str) -> bool:
    pairs = [(citizen.first_name_th, citizen.last_name_th), (citizen.first_name_en, citizen.last_name_en)]
    return any(f and s and _name(f) == _name(first) and _name(s) == _name(last) for f, s in pairs)


def check_identity(session: Session, *, line_user_id: str, claimed: ClaimedIdentity, now: datetime) -> Citizen:
    """The citizen when every detail matches the registry; ``LINE_IDENTITY_MISMATCH`` otherwise."""
    keys = [f"id-line:{line_user_id}"[:80], f"id-pid:{claimed.pid}"]
    throttle.check(session, keys, now)
    citizen = session.get(Citizen, claimed.pid)
    laser = getattr(citizen, "laser_code", None)
    ok = (citizen is not None and laser is not None and citizen.birth_date == claimed.birth_date
          and normalize_laser_code(laser) == normalize_laser_code(claimed.laser_code)
          and _names_match(citizen, claimed.first_name, claimed.last_name))
    if not ok:
        throttle.record_failure(session, keys, now)
        throttle.check(session, keys, now)  # the failure that locks says so
        raise CATALOGUE.error("LINE_IDENTITY_MISMATCH")
    throttle.clear(session, keys[0])
    return citizen


def check_eligible(session: Session, citizen: Citizen, *, today: date) -> None:
    """May this citizen register themselves today? (age, right in force today)"""
    if citizen.birth_date > today or age_on(citizen.birth_date, today).years < MIN_AGE:
        raise CATALOGUE.error("LINE_AGE_NOT_ELIGIBLE", min_age=MIN_AGE)
    right = right_on(session, citizen, today).right_code or NO_RIGHT
    if right not in ELIGIBLE_RIGHTS:
        raise CATALOGUE.error("LINE_RIGHT_NOT_ELIGIBLE", right=right)


def register(session: Session, *, line_user_id: str, pid: str, phone: str, pin_hash: str,
             now: datetime) -> LineAccount:
    """Create the account, or move the PID's account to this LINE user (see the module doc)."""
    if by_line_user(session, line_user_id) is not None:
        raise CATALOGUE.error("LINE_ALREADY_REGISTERED")
    account = by_pid(session, pid)
    if account is None:
        account = LineAccount(line_user_id=line_user_id, pid=pid, phone=phone, pin_hash=pin_hash,
                              registered_at=now, pin_changed_at=now)
        session.add(account)
    else:
        account.line_user_id, account.phone, account.relinked_at = line_user_id, phone, now
        account.pin_hash, account.pin_changed_at = pin_hash, now
        account.pin_failures, account.lock_count, account.locked_until = 0, 0, None
    session.flush()
    consent.record_for_citizen(session, pid=pid)
    return account

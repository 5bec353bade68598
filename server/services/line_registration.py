"""Registering in the LINE pages, and "forgot PIN" (document 002, steps 4–9 and 10).

Registration (a LINE user without an account): PID → first and last name, birth date, the card's
laser code (checked against the citizen registry; then the eligibility rules) → a 6-digit PIN set
twice → a mobile phone → the OTP sent to it → the account exists and the session is signed in.
Forgot PIN: an OTP to the registered phone → the new PIN set twice → signed in (the lock ends).

Each step checks the step before was done (the draft kept on the session); failed checks that
count (identity, OTP) are committed before their error leaves.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from citizens.registry import get_citizen
from fvs_errors import DomainError
from line_oa import accounts, otp, pins
from line_oa.errors import CATALOGUE as LINE
from line_oa.sms import SmsSender
from line_oa.tables import LineAccount
from server.services import line_sessions
from server.services.line_errors import CATALOGUE
from server.tables.line import LineSession
from thai_civil.calendar import service_date
from thai_civil.phone import is_mobile, normalize_phone

T = TypeVar("T")
REGISTER, RESET = "REGISTER", "RESET_PIN"


def _step(row: LineSession, flow: str, step: str) -> dict[str, Any]:
    data = line_sessions.draft(row)
    if data.get("flow") != flow or data.get("step") != step:
        raise CATALOGUE.error("LINE_STEP_OUT_OF_ORDER")
    return data


def _kept(session: Session, action: Callable[[], T]) -> T:
    """Run a check whose failure must stay counted: commit, then let the error go."""
    try:
        return action()
    except DomainError:
        session.commit()
        raise


def start(session: Session, *, row: LineSession, pid: str) -> None:
    """Step 1: the PID (already validated).  A LINE user with an account signs in instead."""
    if accounts.by_line_user(session, row.line_user_id) is not None:
        raise LINE.error("LINE_ALREADY_REGISTERED")
    line_sessions.save_draft(session, row, {"flow": REGISTER, "step": "DETAILS", "pid": pid})


def details(session: Session, *, row: LineSession, first_name: str, last_name: str, birth_date: date,
            laser_code: str, now: datetime) -> None:
    """Step 2: the card's details against the registry, then who may register."""
    data = _step(row, REGISTER, "DETAILS")
    claimed = accounts.ClaimedIdentity(data["pid"], first_name, last_name, birth_date, laser_code)
    citizen = _kept(session, lambda: accounts.check_identity(session, line_user_id=row.line_user_id,
                                                             claimed=claimed, now=now))
    accounts.check_eligible(session, citizen, today=service_date(now))
    line_sessions.save_draft(session, row, {**data, "step": "PIN", "birth": citizen.birth_date.isoformat()})


def _birth(data: dict[str, Any]) -> date | None:
    return date.fromisoformat(data["birth"]) if data.get("birth") else None


def set_pin(session: Session, *, row: LineSession, flow: str, pin: str) -> None:
    """The PIN, first time (weak ones refused)."""
    data = _step(row, flow, "PIN")
    pin = pins.validate_pin(pin, _birth(data))
    line_sessions.save_draft(session, row, {**data, "step": "PIN_CONFIRM", "pin_hash": pins.hash_pin(pin)})


def confirm_pin(session: Session, *, row: LineSession, flow: str, pin: str, now: datetime) -> LineAccount | None:
    """The PIN again.  A mismatch goes back to setting it.  Registration goes on to the phone; a
    reset saves the new PIN and signs in (the account is returned)."""
    data = _step(row, flow, "PIN_CONFIRM")
    if not pins.pin_matches(pin, data["pin_hash"]):
        line_sessions.save_draft(session, row, {k: v for k, v in data.items() if k != "pin_hash"} | {"step": "PIN"})
        session.commit()
        raise LINE.error("PIN_MISMATCH")
    if flow == REGISTER:
        line_sessions.save_draft(session, row, {**data, "step": "PHONE"})
        return None
    account = line_sessions.account_of(session, row)
    pins.set_pin(account, data["pin_hash"], now=now)
    line_sessions.sign_in(session, row=row, account=account, now=now)
    return account


def send_otp(session: Session, *, row: LineSession, phone: str, now: datetime, key: bytes,
             sender: SmsSender) -> otp.Sent:
    """Registration: text the OTP to the mobile phone given (a new one with "รับ OTP ใหม่")."""
    data = line_sessions.draft(row)
    if data.get("flow") != REGISTER or data.get("step") not in ("PHONE", "OTP"):
        raise CATALOGUE.error("LINE_STEP_OUT_OF_ORDER")
    phone = normalize_phone(phone)
    if not is_mobile(phone):
        raise LINE.error("PHONE_NOT_MOBILE", field="phone")
    sent = otp.send(session, line_user_id=row.line_user_id, purpose=REGISTER, phone=phone, now=now, key=key,
                    sender=sender)
    line_sessions.save_draft(session, row, {**data, "step": "OTP", "otp": sent.challenge_id, "phone": phone})
    return sent


def start_reset(session: Session, *, row: LineSession, now: datetime, key: bytes, sender: SmsSender) -> otp.Sent:
    """Forgot PIN: an OTP to the account's registered phone."""
    account = line_sessions.account_of(session, row)
    if account is None:
        raise LINE.error("LINE_ACCOUNT_NOT_FOUND")
    sent = otp.send(session, line_user_id=row.line_user_id, purpose=RESET, phone=account.phone, now=now, key=key,
                    sender=sender)
    line_sessions.save_draft(session, row, {"flow": RESET, "step": "OTP", "otp": sent.challenge_id,
                                            "phone": account.phone,
                                            "birth": get_citizen(session, account.pid).birth_date.isoformat()})
    return sent


def pending_otp(session: Session, *, row: LineSession) -> tuple[dict[str, Any], Any]:
    """The draft and its open OTP challenge (for the OTP page)."""
    data = line_sessions.draft(row)
    if data.get("step") != "OTP" or not data.get("otp"):
        raise CATALOGUE.error("LINE_STEP_OUT_OF_ORDER")
    return data, otp.open_challenge(session, challenge_id=data["otp"], line_user_id=row.line_user_id,
                                    purpose=data["flow"])


def verify_otp(session: Session, *, row: LineSession, code: str, now: datetime, key: bytes) -> LineAccount | None:
    """The OTP: registration completes (account made, signed in, returned); a reset goes on to the
    new PIN."""
    data, challenge = pending_otp(session, row=row)
    _kept(session, lambda: otp.verify(session, challenge=challenge, code=code, now=now, key=key))
    if data["flow"] == RESET:
        line_sessions.save_draft(session, row, {**data, "step": "PIN"})
        return None
    account = accounts.register(session, line_user_id=row.line_user_id, pid=data["pid"], phone=data["phone"],
                                pin_hash=data["pin_hash"], now=now)
    line_sessions.sign_in(session, row=row, account=account, now=now)
    return account

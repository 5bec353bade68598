"""Citizen sessions of the LINE pages.

A session opens when a page's LIFF ID token is verified (it then knows the LINE user, nothing
more) and becomes *authenticated* when the citizen enters their PIN, or completes a registration
or a PIN reset (OTP).  Only an authenticated session of a registered account is a citizen
principal (role ``CITIZEN``).  The raw token lives in the ``fvs_line`` cookie; the database keeps
its SHA-256.  A session lasts :data:`TTL` from when it was opened (opening the page again within
that time continues it); then a new ID token and the PIN are asked for again.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fvs_errors import DomainError
from line_oa import accounts, pins
from line_oa.tables import LineAccount
from server.services.access import Principal, Role
from server.services.line_errors import CATALOGUE
from server.services.line_identity import LineIdentity
from server.tables.line import LineSession

TTL = timedelta(minutes=60)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def open_session(session: Session, *, identity: LineIdentity, now: datetime) -> tuple[LineSession, str]:
    """A new session for a verified LINE user; the raw token (for the cookie) is returned once."""
    raw = "fvs_line_" + secrets.token_urlsafe(32)
    account = accounts.by_line_user(session, identity.user_id)
    row = LineSession(token_hash=_hash(raw), line_user_id=identity.user_id,
                      account_id=account.id if account else None, authenticated=False, created_at=now,
                      expires_at=now + TTL)
    session.add(row)
    session.flush()
    return row, raw


def load(session: Session, raw: str | None, now: datetime) -> LineSession | None:
    """The live session of a cookie value, or None."""
    if not raw or len(raw) > 100:
        return None
    row = session.scalars(select(LineSession).where(LineSession.token_hash == _hash(raw))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return row


def account_of(session: Session, row: LineSession) -> LineAccount | None:
    return session.get(LineAccount, row.account_id) if row.account_id else None


def principal(session: Session, row: LineSession) -> Principal:
    """The citizen principal of an authenticated session; ``CITIZEN_SESSION_REQUIRED`` otherwise."""
    account = account_of(session, row)
    if not row.authenticated or account is None or account.line_user_id != row.line_user_id:
        raise CATALOGUE.error("CITIZEN_SESSION_REQUIRED")
    return Principal(f"line:{account.id}", Role.CITIZEN, None, "", None, account.pid)


def draft(row: LineSession) -> dict[str, Any]:
    try:
        data = json.loads(row.draft) if row.draft else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def save_draft(session: Session, row: LineSession, data: dict[str, Any] | None) -> None:
    row.draft = json.dumps(data, ensure_ascii=False) if data else None
    session.flush()


def sign_in(session: Session, *, row: LineSession, account: LineAccount, now: datetime) -> None:
    row.account_id, row.authenticated, row.draft = account.id, True, None
    session.flush()


def check_pin(session: Session, *, row: LineSession, pin: str, now: datetime) -> LineAccount:
    """The PIN of the session's account: right → authenticated; wrong → counted and committed
    before the error leaves (so the lockout holds whatever happens next)."""
    account = account_of(session, row)
    if account is None:
        raise CATALOGUE.error("LINE_STEP_OUT_OF_ORDER")
    try:
        pins.check_pin(account, pin, now=now)
    except DomainError:
        session.commit()
        raise
    sign_in(session, row=row, account=account, now=now)
    return account


def revoke(session: Session, row: LineSession, now: datetime) -> None:
    row.revoked_at = now
    session.flush()

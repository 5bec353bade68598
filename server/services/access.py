"""Accounts, bearer tokens and what a caller may touch.

* Roles: ``UNIT_DEVICE`` (a tablet's token, scoped to one unit), ``UNIT_STAFF`` and
  ``UNIT_ADMIN`` (people of one unit), ``NHSO_REVIEWER`` and ``NHSO_ADMIN`` (all units), and
  ``CITIZEN`` — a citizen signed in to the LINE pages (LIFF ID token + PIN), with no unit: only
  the LINE use cases accept it, and :func:`authenticate` never returns it.
* A token is 32 random bytes (URL-safe) shown once; only its SHA-256 is stored.  Passwords are
  hashed with scrypt.  Login returns a session token that expires after ``SESSION_HOURS``.
* :func:`ensure_unit_access` is the one gate every unit-scoped use case calls: a principal of
  unit A gets 403 ``UNIT_FORBIDDEN`` for anything of unit B.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from oss_registry.units import get_unit
from server.errors import CATALOGUE
from server.services import login_throttle
from server.tables import AccessToken, Account

SESSION_HOURS = 12
MIN_PASSWORD = 10
TOUCH_EVERY = timedelta(minutes=5)
"""``last_used_at`` of a token is kept to this granularity, so authenticating rarely writes."""
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_DUMMY_HASH = "scrypt$" + "00" * 16 + "$" + "00" * 64


class Role(StrEnum):
    UNIT_DEVICE = "UNIT_DEVICE"
    UNIT_STAFF = "UNIT_STAFF"
    UNIT_ADMIN = "UNIT_ADMIN"
    NHSO_REVIEWER = "NHSO_REVIEWER"
    NHSO_ADMIN = "NHSO_ADMIN"
    CITIZEN = "CITIZEN"  # a citizen in their own LINE session (server/services/line_sessions.py); never a token


UNIT_ROLES = frozenset({Role.UNIT_DEVICE, Role.UNIT_STAFF, Role.UNIT_ADMIN})
NHSO_ROLES = frozenset({Role.NHSO_REVIEWER, Role.NHSO_ADMIN})


@dataclass(frozen=True)
class Principal:
    """Who is calling: ``id`` is what audit columns record (``device:7``, ``user:somchai``)."""

    id: str
    role: Role
    hcode: str | None = None
    name: str = ""
    token_id: int | None = None
    pid: str | None = None  # CITIZEN: the citizen whose LINE session this is

    @property
    def is_nhso(self) -> bool:
        return self.role in NHSO_ROLES


def unauthenticated(detail: str = "Authentication required") -> Exception:
    return CATALOGUE.error("UNAUTHENTICATED", message_en=detail)


def forbidden_role(*roles: Role) -> Exception:
    return CATALOGUE.error("ROLE_FORBIDDEN", roles=", ".join(roles), allowed_roles=list(roles))


def require_role(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise forbidden_role(*roles)


def ensure_unit_access(principal: Principal, hcode: str) -> None:
    """403 ``UNIT_FORBIDDEN`` unless the principal is NHSO or belongs to unit ``hcode``."""
    if principal.is_nhso:
        return
    if principal.hcode != hcode:
        raise CATALOGUE.error("UNIT_FORBIDDEN")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(got.hex(), digest)


def create_account(session: Session, *, username: str, display_name: str, role: Role | str, password: str,
                   hcode: str | None = None) -> Account:
    role = Role(role)
    if role == Role.UNIT_DEVICE:
        raise CATALOGUE.error("INVALID_ROLE", field="role")
    if role in UNIT_ROLES:
        if not hcode:
            raise CATALOGUE.error("HCODE_REQUIRED", field="hcode")
        get_unit(session, hcode)
    else:
        hcode = None
    if len(password) < MIN_PASSWORD:
        raise CATALOGUE.error("WEAK_PASSWORD", min_length=MIN_PASSWORD, field="password")
    if session.scalars(select(Account.id).where(Account.username == username)).first() is not None:
        raise CATALOGUE.error("ACCOUNT_EXISTS", username=username, field="username")
    account = Account(username=username, display_name=display_name, role=role.value, hcode=hcode,
                      password_hash=hash_password(password))
    session.add(account)
    session.flush()
    return account


def _new_token(session: Session, *, kind: str, name: str, hcode: str | None, account_id: int | None,
               created_by: str, expires_at: datetime | None) -> tuple[AccessToken, str]:
    raw = f"fvs_{kind.lower()[:3]}_" + secrets.token_urlsafe(32)
    row = AccessToken(kind=kind, token_hash=hash_token(raw), prefix=raw[:12], name=name, hcode=hcode,
                      account_id=account_id, created_by=created_by, expires_at=expires_at)
    session.add(row)
    session.flush()
    return row, raw


def create_device_token(session: Session, principal: Principal, hcode: str, name: str) -> tuple[AccessToken, str]:
    """A unit admin (or NHSO admin) makes a tablet token for ``hcode``; the raw token is returned once."""
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    get_unit(session, hcode)
    return _new_token(session, kind="DEVICE", name=name, hcode=hcode, account_id=None,
                      created_by=principal.id, expires_at=None)


def list_device_tokens(session: Session, principal: Principal, hcode: str) -> list[AccessToken]:
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    return list(session.scalars(select(AccessToken).where(
        AccessToken.kind == "DEVICE", AccessToken.hcode == hcode).order_by(AccessToken.id)))


def revoke_device_token(session: Session, principal: Principal, hcode: str, token_id: int, now: datetime) -> AccessToken:
    require_role(principal, Role.UNIT_ADMIN, Role.NHSO_ADMIN)
    ensure_unit_access(principal, hcode)
    row = session.get(AccessToken, token_id)
    if row is None or row.kind != "DEVICE" or row.hcode != hcode:
        raise CATALOGUE.error("TOKEN_NOT_FOUND")
    if row.revoked_at is None:
        row.revoked_at = now
        session.flush()
    return row


def session_token(session: Session, account: Account, now: datetime) -> tuple[str, datetime]:
    """A new login session token for ``account`` (expires after ``SESSION_HOURS``)."""
    expires = now + timedelta(hours=SESSION_HOURS)
    _, raw = _new_token(session, kind="SESSION", name="login", hcode=account.hcode, account_id=account.id,
                        created_by=f"user:{account.username}", expires_at=expires)
    return raw, expires


def login(session: Session, username: str, password: str, now: datetime,
          address: str | None = None) -> tuple[Account, str, datetime]:
    """A session token for the right password; 401 otherwise, 429 while throttled.

    A failure is committed before the 401 goes out, so the count holds whatever happens next.
    """
    login_throttle.check(session, username, address, now)
    account = session.scalars(select(Account).where(Account.username == username)).first()
    # An unknown username costs the same scrypt as a wrong password (no timing oracle for names).
    ok = check_password(password, account.password_hash if account else _DUMMY_HASH)
    if account is None or not account.active or not ok:
        login_throttle.record_failure(session, username, address, now)
        session.commit()
        raise CATALOGUE.error("BAD_CREDENTIALS")
    login_throttle.record_success(session, username)
    raw, expires = session_token(session, account, now)
    return account, raw, expires


def logout(session: Session, principal: Principal, now: datetime) -> None:
    """Revoke the login session token the caller used (device tokens are revoked by their unit)."""
    row = session.get(AccessToken, principal.token_id) if principal.token_id else None
    if row is None or row.kind != "SESSION":
        raise CATALOGUE.error("NOT_A_SESSION")
    row.revoked_at = now
    session.flush()


def authenticate(session: Session, raw_token: str, now: datetime) -> Principal:
    """The principal of a bearer token, or 401 for an unknown, revoked or expired one."""
    row = session.scalars(select(AccessToken).where(AccessToken.token_hash == hash_token(raw_token))).first()
    if row is None or row.revoked_at is not None:
        raise unauthenticated("Unknown or revoked token")
    if row.expires_at is not None and row.expires_at <= now:
        raise unauthenticated("The session has expired; log in again")
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        row.last_used_at = now  # saved by the caller's commit, at most once per TOUCH_EVERY
    if row.kind == "DEVICE":
        return Principal(f"device:{row.id}", Role.UNIT_DEVICE, row.hcode, row.name, row.id)
    account = session.get(Account, row.account_id)
    if account is None or not account.active:
        raise unauthenticated("The account is disabled")
    return Principal(f"user:{account.username}", Role(account.role), account.hcode, account.display_name, row.id)

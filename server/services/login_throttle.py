"""Throttling password guessing: per account and per client address, stored in the database so
that it holds across restarts and worker processes.

After ``max_failures`` failed logins within ``window`` a key is locked; each further lock of the
same key lasts twice as long as the last (up to ``max_lock``).  While locked, every login for
that key answers 429 ``TOO_MANY_ATTEMPTS`` with ``Retry-After`` — even with the right password,
so a lock cannot be used to test guesses.  A successful login clears the account's count.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.errors import CATALOGUE
from server.tables import LoginThrottle


@dataclass(frozen=True)
class ThrottleRule:
    max_failures: int
    window: timedelta
    first_lock: timedelta
    max_lock: timedelta


ACCOUNT_RULE = ThrottleRule(5, timedelta(minutes=15), timedelta(minutes=1), timedelta(minutes=30))
ADDRESS_RULE = ThrottleRule(20, timedelta(minutes=15), timedelta(minutes=5), timedelta(hours=1))


def keys(username: str, address: str | None) -> list[tuple[str, ThrottleRule]]:
    found = [(f"user:{username.strip().lower()[:64]}", ACCOUNT_RULE)]
    if address:
        found.append((f"ip:{address[:64]}", ADDRESS_RULE))
    return found


def check(session: Session, username: str, address: str | None, now: datetime) -> None:
    """429 ``TOO_MANY_ATTEMPTS`` while the account or the address is locked."""
    waits = [row.locked_until - now for key, _ in keys(username, address)
             if (row := session.get(LoginThrottle, key)) is not None and row.locked_until and row.locked_until > now]
    if waits:
        seconds = math.ceil(max(waits).total_seconds())
        raise CATALOGUE.error("TOO_MANY_ATTEMPTS", retry_after_s=seconds)


def record_failure(session: Session, username: str, address: str | None, now: datetime) -> None:
    """Count one failed login against the account and the address (locking them past the rule)."""
    for key, rule in keys(username, address):
        row = _row(session, key, now)
        if now - row.window_started_at > rule.window:
            row.failures, row.window_started_at = 0, now
        row.failures += 1
        if row.failures >= rule.max_failures:
            lock = min(rule.first_lock * (2 ** row.locks), rule.max_lock)
            row.locked_until, row.locks, row.failures, row.window_started_at = now + lock, row.locks + 1, 0, now
    session.flush()


def _row(session: Session, key: str, now: datetime) -> LoginThrottle:
    """The key's row, created when missing (a concurrent failure may create it first)."""
    row = session.get(LoginThrottle, key)
    if row is None:
        try:
            with session.begin_nested():
                row = LoginThrottle(key=key, failures=0, window_started_at=now, locks=0)
                session.add(row)
        except IntegrityError:
            row = session.get(LoginThrottle, key, populate_existing=True)
    return row


def record_success(session: Session, username: str) -> None:
    row = session.get(LoginThrottle, keys(username, None)[0][0])
    if row is not None:
        session.delete(row)
        session.flush()

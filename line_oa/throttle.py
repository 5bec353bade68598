"""Throttling failed identity checks (names, birth date and laser code against the registry), per
LINE user and per PID, so the registration form cannot be used to search the registry.

:data:`MAX_FAILURES` failures within :data:`WINDOW` lock the key for :data:`LOCK`; while locked
every check is refused with ``LINE_CHECKS_LOCKED`` (right details included).
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from line_oa.errors import CATALOGUE
from line_oa.tables import LineThrottle

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK = timedelta(minutes=15)


def check(session: Session, keys: list[str], now: datetime) -> None:
    for key in keys:
        row = session.get(LineThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            raise CATALOGUE.error("LINE_CHECKS_LOCKED",
                                  retry_after_s=max(1, math.ceil((row.locked_until - now).total_seconds())))


def record_failure(session: Session, keys: list[str], now: datetime) -> None:
    for key in keys:
        row = session.get(LineThrottle, key)
        if row is None:
            row = LineThrottle(key=key, failures=0, window_start=now)
            session.add(row)
        if now - row.window_start > WINDOW:
            row.failures, row.window_start = 0, now
        row.failures += 1
        if row.failures >= MAX_FAILURES:
            row.failures, row.window_start, row.locked_until = 0, now, now + LOCK
    session.flush()


def clear(session: Session, key: str) -> None:
    row = session.get(LineThrottle, key)
    if row is not None:
        row.failures, row.locked_until = 0, None
        session.flush()

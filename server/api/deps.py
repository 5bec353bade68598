"""Dependencies shared by routers."""
from __future__ import annotations

from datetime import date

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from server.db.engine import get_read_session, get_session
from server.settings import Settings
from thai_civil.calendar import today_bangkok

SessionDep = Depends(get_session, scope="function")
"""The request's writer session, committed before the response is sent."""
ReadSessionDep = Depends(get_read_session, scope="function")
"""A session for reads only (no SQLite write lock up front), closed before the response."""


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_today(request: Request) -> date:
    """Today's service date in Asia/Bangkok (the app's clock can be pinned in tests)."""
    clock = getattr(request.app.state, "clock", None)
    return today_bangkok() if clock is None else clock().date()


__all__ = ["ReadSessionDep", "Session", "SessionDep", "get_settings_dep", "get_today"]

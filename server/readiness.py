"""Readiness checks: each returns ``{"ok": bool, ...detail}`` and never raises."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text

from server.db.migrate import head_revision

Check = Callable[[], dict[str, Any]]


def database_check(engine: Engine) -> Check:
    def check() -> dict[str, Any]:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # any driver error means "not ready", with its class name
            return {"ok": False, "error": type(exc).__name__}
        return {"ok": True, "dialect": engine.dialect.name}

    return check


def migrations_check(engine: Engine) -> Check:
    head = head_revision()

    def check() -> dict[str, Any]:
        try:
            with engine.connect() as conn:
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception as exc:  # no alembic_version table: never migrated
            return {"ok": False, "error": type(exc).__name__, "head": head}

        return {"ok": current == head, "current": current, "head": head}

    return check

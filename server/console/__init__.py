"""The FVS web console: one server-rendered site for unit admins and NHSO reviewers.

``install_console(app)`` mounts it under ``/console`` (routers per area, static files served by
FVS itself, errors as HTML pages).  Pages call the same services and roles as the JSON API.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def _fallback() -> APIRouter:
    from server.console.errors import not_found
    from server.console.routing import ConsoleRoute

    router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)

    @router.api_route("/console/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def missing(rest: str) -> None:
        raise not_found()

    return router


def install_console(app: FastAPI) -> None:
    """Mount the console on ``app`` (idempotent)."""
    if getattr(app.state, "console_installed", False):
        return
    from server.console import (
        appeals,
        auth,
        claims,
        dashboard,
        people,
        qr,
        reports,
        review,
        staff,
        tokens,
        unit,
    )

    app.mount("/console/static", StaticFiles(directory=STATIC), name="console-static")
    for module in (auth, unit, staff, tokens, qr, claims, appeals, people, reports, review, dashboard):
        app.include_router(module.router)
    app.include_router(_fallback())
    from server.console.json_pages import ConsoleJsonErrorPages

    app.add_middleware(ConsoleJsonErrorPages)
    app.state.console_installed = True


__all__ = ["install_console"]

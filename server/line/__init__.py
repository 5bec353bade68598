"""The citizens' LINE pages (NHSO's LINE OA @nhso, LIFF-style mobile web), the LINE webhook and
the citizen JSON calls.  ``install_line(app)`` mounts them under ``/line`` with their static files
(served by FVS itself: scripts, styles, fonts — nothing from a CDN)."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def _fallback() -> APIRouter:
    from server.errors import CATALOGUE as SERVER
    from server.line.routing import LineRoute

    router = APIRouter(route_class=LineRoute, include_in_schema=False)

    @router.api_route("/line/{rest:path}", methods=["GET", "POST"])
    def missing(rest: str) -> None:
        raise SERVER.error("NOT_FOUND")

    return router


def install_line(app: FastAPI) -> None:
    """Mount the LINE pages on ``app`` (idempotent): settings, the ID-token verifier and the SMS
    provider live on ``app.state`` (tests may replace them)."""
    if getattr(app.state, "line_installed", False):
        return
    from line_oa.sms import load_sender
    from server.line import (
        api,
        pages_booking,
        pages_entry,
        pages_family,
        pages_home,
        pages_register,
        webhook,
    )
    from server.line.config import get_line_settings
    from server.services.line_identity import make_verifier

    settings = get_line_settings()
    app.state.line_settings = settings
    app.state.line_verifier = make_verifier(dev=settings.dev_verifier, channel_id=settings.channel_id)
    app.state.sms = load_sender(settings.sms_provider)
    app.mount("/line/static", StaticFiles(directory=STATIC), name="line-static")
    for module in (webhook, api, pages_entry, pages_register, pages_family, pages_home, pages_booking):  # /members/new first
        app.include_router(module.router)
    app.include_router(_fallback())
    app.state.line_installed = True


__all__ = ["install_line"]

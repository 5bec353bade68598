"""The FastAPI application factory."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from server.api import ROUTERS
from server.api.docs import install_docs
from server.api.errors import install_error_handlers
from server.console import install_console
from server.db.engine import make_engine, make_session_factory
from server.face_runtime import FaceRuntime
from server.line import install_line
from server.logging_setup import configure_logging
from server.middleware import RequestGuardMiddleware, RequestIdMiddleware
from server.readiness import database_check, migrations_check
from server.settings import Settings, get_settings

DESCRIPTION = """
FVS verifies, on the day of service, that a citizen was really at an NHSO innovation unit
(pharmacy, clinic, …) and issues the claim code the unit bills with.

Every 4xx answer has the body `{"code", "message_th", "message_en"}` with a stable `code`.
Dates shown to people are Buddhist Era (`dd/mm/2569`), times Asia/Bangkok; stored times are UTC.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    engine = make_engine(settings.effective_database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        for hook in app.state.startup_hooks:
            hook(app)
        yield
        engine.dispose()

    app = FastAPI(
        title="FVS — Face Verification Service", version="0.1.0", description=DESCRIPTION,
        lifespan=lifespan, docs_url=None, redoc_url=None,
    )
    install_docs(app)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.read_session_factory = make_session_factory(engine, writer=False)
    app.state.clock = None
    app.state.startup_hooks = []
    face = FaceRuntime(settings.model_dir, settings.liveness_dir, settings.face_concurrency,
                       settings.face_queue_wait_s)
    app.state.face = face
    app.state.startup_hooks.append(lambda a: face.start(a.state.read_session_factory))
    app.state.readiness_checks = {
        "database": database_check(engine),
        "migrations": migrations_check(engine),
        "face_models": face.readiness,
    }
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(RequestGuardMiddleware, max_body_bytes=settings.max_body_bytes,
                       max_json_bytes=settings.max_json_bytes)
    app.add_middleware(RequestIdMiddleware)
    install_console(app)  # after the middleware above: the console's own sits outside them
    install_line(app)  # the citizens' LINE pages, the LINE webhook and the citizen calls (issue 12)
    return app
